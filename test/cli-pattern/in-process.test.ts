/**
 * `pattern test` driven in-process through `run()`, for what a child process
 * cannot show cheaply: the progress line on a terminal, and the cap on
 * listed unreadable pieces.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Main from "../../component/src/cli/main";
import type * as Engine from "../../component/src/engine";
import type { PatternTestOutput } from "../../component/src/cli/pattern-test";
import { CORPUS_ONE_LINE, loadDist, scratchDir } from "./helpers";

const { run } = loadDist<typeof Main>("cli/main.js");
const { CIS_V5_PATTERN } = loadDist<typeof Engine>("engine.js");

interface Captured {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs the CLI in this process with stdout and stderr captured, and stderr posing as a terminal when asked. */
async function runCaptured(args: readonly string[], stderrIsTTY = false): Promise<Captured> {
    const out: string[] = [];
    const err: string[] = [];
    const writeOut = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    const wasTTY = process.stderr.isTTY;
    process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    process.stderr.isTTY = stderrIsTTY;
    try {
        const code = await run(args);
        return { code, stdout: out.join(""), stderr: err.join("") };
    } finally {
        process.stdout.write = writeOut;
        process.stderr.write = writeErr;
        process.stderr.isTTY = wasTTY;
        // run() reports through process.exitCode; leave nothing behind for mocha or the next test.
        process.exitCode = undefined;
    }
}

describe("trailwatch pattern test (in-process)", () => {
    let scratch: ReturnType<typeof scratchDir>;
    before(() => {
        scratch = scratchDir();
    });
    after(() => scratch.remove());

    it("shows a self-erasing progress line on stderr only when it is a terminal", async () => {
        const onTerminal = await runCaptured(["pattern", "test", CIS_V5_PATTERN, CORPUS_ONE_LINE], true);
        assert.equal(onTerminal.code, 0);
        const eraseLine = "\r\u001b[K";
        assert.ok(onTerminal.stderr.startsWith(eraseLine), JSON.stringify(onTerminal.stderr));
        assert.match(onTerminal.stderr, /corpus\.json: [\d.]+ MB, \d+ events, \d+ matches/);
        assert.ok(onTerminal.stderr.endsWith(eraseLine), "the progress line is erased at the end");
        assert.ok(!onTerminal.stdout.includes("\r"), "stdout carries no progress");
        const piped = await runCaptured(["pattern", "test", CIS_V5_PATTERN, CORPUS_ONE_LINE], false);
        assert.equal(piped.code, 0);
        assert.equal(piped.stderr, "");
        assert.equal(piped.stdout, onTerminal.stdout);
    });

    it("lists at most 100 unreadable pieces but counts them all", async () => {
        const file = path.join(scratch.dir, "garbage.jsonl");
        const lines = ['{"errorCode":"AccessDenied","eventName":"GetObject","sourceIPAddress":"192.0.2.1"}'];
        for (let k = 0; k < 150; k++) {
            lines.push(`{"truncated":${k}`);
        }
        fs.writeFileSync(file, `${lines.join("\n")}\n`);
        const result = await runCaptured(["pattern", "test", CIS_V5_PATTERN, file, "--json"]);
        assert.equal(result.code, 0);
        const json = JSON.parse(result.stdout) as PatternTestOutput;
        assert.equal(json.events, 1);
        assert.equal(json.matches, 1);
        assert.equal(json.unreadableCount, 150);
        assert.equal(json.unreadable.length, 100);
        assert.deepEqual(
            json.unreadable.map((u) => u.line),
            Array.from({ length: 100 }, (_, k) => k + 2),
        );
        assert.equal(json.files[0].unreadable, 150);
        assert.match(result.stderr, /warning: 150 unreadable/);
    });

    it("names the record, in a one-line CloudTrail file, that JSON.parse rejects", async () => {
        const file = path.join(scratch.dir, "one-line.json");
        fs.writeFileSync(file, '{"Records":[{"eventName":"GetObject"},{"errorCode":"AccessDenied",},{"eventName":"PutObject"}]}');
        const result = await runCaptured(["pattern", "test", CIS_V5_PATTERN, file, "--json"]);
        assert.equal(result.code, 0);
        const json = JSON.parse(result.stdout) as PatternTestOutput;
        assert.equal(json.events, 2);
        assert.equal(json.unreadable.length, 1);
        assert.equal(json.unreadable[0].line, 1);
        assert.match(json.unreadable[0].reason, /^record 2: not valid JSON/);
    });

    it("finds a match whose key JSON spells with a \\u escape (the prefilter lets it through)", async () => {
        const file = path.join(scratch.dir, "escaped.jsonl");
        fs.writeFileSync(
            file,
            [
                '{"error\\u0043ode":"AccessDenied","eventName":"GetObject","sourceIPAddress":"192.0.2.1"}',
                '{"eventName":"GetObject","sourceIPAddress":"192.0.2.1"}',
            ].join("\n"),
        );
        const result = await runCaptured(["pattern", "test", CIS_V5_PATTERN, file, "--json"]);
        assert.equal(result.code, 0, result.stderr);
        const json = JSON.parse(result.stdout) as PatternTestOutput;
        assert.equal(json.events, 2);
        assert.equal(json.matches, 1);
    });
});
