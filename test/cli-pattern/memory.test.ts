/**
 * Constant memory: one CloudTrail file far larger than the CLI's peak memory
 * streams through `pattern test` as a child process, which reports its own
 * peak RSS (process.resourceUsage().maxRSS) from a preloaded hook.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Engine from "../../component/src/engine";
import type { PatternTestOutput } from "../../component/src/cli/pattern-test";
import { corpusRecords, expectedRecords, loadDist, runCli, scratchDir, stdoutJson } from "./helpers";

const { CIS_V5_PATTERN } = loadDist<typeof Engine>("engine.js");

/** Records in the generated file: the corpus, cycled, with unique event IDs. */
const RECORDS = 150_000;
/** Peak RSS the CLI may reach, whatever the input size (node itself takes ~45 MiB). */
const PEAK_RSS_LIMIT_BYTES = 160 * 1024 * 1024;

/** Writes `{"Records":[…]}` on one line, as CloudTrail does, a few thousand records per write. */
function writeHugeLogFile(file: string): number {
    const corpus = corpusRecords().map((r) => JSON.stringify(r));
    const fd = fs.openSync(file, "w");
    try {
        fs.writeSync(fd, '{"Records":[');
        let batch: string[] = [];
        for (let i = 0; i < RECORDS; i++) {
            const source = corpus[i % corpus.length];
            batch.push(source.replace(/"eventID":"[^"]*"/, `"eventID":"generated-${i}"`));
            if (batch.length === 5000 || i === RECORDS - 1) {
                fs.writeSync(fd, (i < 5000 ? "" : ",") + batch.join(","));
                batch = [];
            }
        }
        fs.writeSync(fd, "]}");
    } finally {
        fs.closeSync(fd);
    }
    return fs.statSync(file).size;
}

describe("trailwatch pattern test memory", function () {
    this.timeout(120_000);
    let scratch: ReturnType<typeof scratchDir>;
    before(() => {
        scratch = scratchDir();
    });
    after(() => scratch.remove());

    it("streams a log file larger than its peak memory, with the exact count", () => {
        const file = path.join(scratch.dir, "huge.json");
        const size = writeHugeLogFile(file);
        const hook = path.join(scratch.dir, "report-max-rss.js");
        fs.writeFileSync(
            hook,
            'process.on("exit", () => require("fs").writeSync(2, `maxRSS-kB=${process.resourceUsage().maxRSS}\\n`));\n',
        );
        const result = runCli(["pattern", "test", CIS_V5_PATTERN, file, "--json"], { nodeArgs: ["--require", hook] });
        assert.equal(result.code, 0, result.stderr);
        const json = stdoutJson<PatternTestOutput>(result);
        const cis = expectedRecords().map((r) => r.cisV5);
        let want = 0;
        for (let i = 0; i < RECORDS; i++) {
            want += cis[i % cis.length] ? 1 : 0;
        }
        assert.equal(json.events, RECORDS);
        assert.equal(json.matches, want);
        assert.equal(json.unreadableCount, 0);
        const reported = /maxRSS-kB=(\d+)/.exec(result.stderr);
        assert.ok(reported !== null, `no maxRSS report in stderr: ${result.stderr}`);
        const peak = Number(reported[1]) * 1024;
        assert.ok(size > PEAK_RSS_LIMIT_BYTES, `the input (${size} bytes) must be larger than the memory bound to prove streaming`);
        assert.ok(peak < PEAK_RSS_LIMIT_BYTES, `peak RSS ${Math.round(peak / 1048576)} MiB for a ${Math.round(size / 1048576)} MiB file`);
    });
});
