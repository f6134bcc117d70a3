/**
 * Skipping records by their bytes must never change a count: for many kinds
 * of pattern, replaying the corpus gives exactly the matches the engine finds
 * record by record, in every layout.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import type * as Logs from "../../component/src/logs";
import type * as Engine from "../../component/src/engine";
import type * as PatternMatcher from "../../component/src/cli/pattern-matcher";
import { APP_LOG, CORPUS_JSONL, CORPUS_ONE_LINE, CORPUS_PRETTY, corpusRecords, loadDist } from "./helpers";

const { replayLogs } = loadDist<typeof Logs>("logs/index.js");
const engine = loadDist<typeof Engine>("engine.js");
const { matcherFor } = loadDist<typeof PatternMatcher>("cli/pattern-matcher.js");

const PATTERNS = [
    engine.CIS_V5_PATTERN,
    engine.CIS_V1_2_PATTERN,
    '{ $.eventName = "Get*" }',
    "{ $.errorCode NOT EXISTS }",
    '{ $.userIdentity.invokedBy = "*.amazonaws.com" }',
    '{ $.requestParameters.key = "*résumé*" }',
    '{ $.resources[0].type = "AWS::KMS::Key" || $.readOnly IS FALSE }',
    '{ $.additionalEventData.bytesTransferredIn > 1000 }',
    "AccessDenied",
    // Sees JSON punctuation: must read records the way CloudWatch gets them (compact), even from a pretty-printed file.
    "%errorCode.:.Access%",
    // A literal with JSON punctuation: present in the compact record, absent from the pretty-printed bytes.
    'userName":"alice"},"eventTime',
    ":0,",
    '?"Failed authentication" ?ThrottlingException',
    "-errorCode",
    "",
];

function compile(text: string): Logs.EventMatcher {
    const compiled = matcherFor(text);
    assert.ok("matcher" in compiled, `${text} must be valid`);
    return compiled.matcher;
}

describe("pattern test agrees with the engine record by record", () => {
    const records = corpusRecords();
    const lines = fs.readFileSync(APP_LOG, "utf8").split("\n").filter((line) => line !== "");

    for (const text of PATTERNS) {
        it(`counts ${JSON.stringify(text)} exactly`, async () => {
            const parsed = engine.parsePattern(text);
            assert.ok(parsed.ok);
            const wantRecords = records.filter((r) => engine.matchesEvent(parsed.pattern, r)).length;
            const wantLines = lines.filter((l) => engine.matchesEvent(parsed.pattern, l)).length;
            const matcher = compile(text);
            const report = await replayLogs({ inputs: [CORPUS_ONE_LINE, CORPUS_PRETTY, CORPUS_JSONL, APP_LOG], matcher });
            assert.deepEqual(
                report.files.map((f) => f.matches),
                [wantRecords, wantRecords, wantRecords, wantLines],
            );
            assert.equal(report.unreadableCount, 0);
        });
    }

    it("covers both outcomes across the patterns, so agreement is not vacuous", async () => {
        const counts = await Promise.all(
            PATTERNS.map(async (text) => (await replayLogs({ inputs: [CORPUS_JSONL], matcher: compile(text) })).matches),
        );
        assert.ok(counts.some((n) => n > 0 && n < records.length));
        assert.ok(counts.includes(records.length), "the empty pattern matches everything");
    });
});
