import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as Errors from "../../component/src/cli/errors";
import type * as PatternText from "../../component/src/cli/pattern-text";
import type * as TerminalText from "../../component/src/cli/terminal-text";

const REPO = path.resolve(__dirname, "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = <T>(m: string): T => require(path.join(REPO, "component", "dist", "cli", m)) as T;
const { visible } = load<typeof TerminalText>("terminal-text");
const { caretUnder } = load<typeof PatternText>("pattern-text");
const { describeFailure } = load<typeof Errors>("errors");

describe("cli: text that reaches a terminal", () => {
    it("escapes controls, DEL, C1, bidi overrides and lone surrogates, and nothing else", () => {
        assert.equal(visible("a\u001b[2Jb"), "a\\u{1b}[2Jb");
        assert.equal(visible("\u007f\u0085\u202e\u2066"), "\\u{7f}\\u{85}\\u{202e}\\u{2066}");
        assert.equal(visible("x\ud800y"), "x\\u{d800}y");
        assert.equal(visible("ok: é 😀 AccessDenied*"), "ok: é 😀 AccessDenied*");
    });

    it("keeps the caret under the offending character after escaping", () => {
        const [line, caret] = caretUnder('{ $.a = \u001b"x" }', 10);
        assert.equal(line, '{ $.a = \\u{1b}"x" }');
        assert.equal(line[caret.indexOf("^")], '"');
    });

    it("turns any failure into one escaped line", () => {
        assert.equal(describeFailure(new Error("bad \u001b]0;title\u0007 file\nsecond line")), "bad \\u{1b}]0;title\\u{7} file");
        assert.equal(describeFailure("  "), "unexpected failure with no message");
    });
});
