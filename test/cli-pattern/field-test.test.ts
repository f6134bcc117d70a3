/**
 * `trailwatch pattern check` findings of the field test: the v6/v7 control
 * numbers the catalog lists are accepted, the pack's `excludedRecords` can be
 * given (so the policy-pack README's tuned pattern is judged as the pack
 * judges it), and invented values read like values CloudTrail writes.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Engine from "../../component/src/engine";
import type { PatternCheckOutput } from "../../component/src/cli/pattern-check";
import { loadDist, runCli, stdoutJson } from "./helpers";

const engine = loadDist<typeof Engine>("engine.js");
const README = path.resolve(__dirname, "..", "..", "..", "policy-pack", "README.md");

/** The README's recommended tuned pattern and the excludedRecords its config example sets, read from the README itself. */
function readmeTuning(): { pattern: string; excludedRecords: unknown } {
    const text = fs.readFileSync(README, "utf8");
    const pattern = /One pattern that quiets exactly the excluded shape:\s*```\s*\n([\s\S]*?)\n```/.exec(text)?.[1];
    const config = /```json\s*\n(\{\s*"cis-aws-4-1-unauthorized-api-calls-monitored"[\s\S]*?)\n```/.exec(text)?.[1];
    assert.ok(pattern !== undefined && config !== undefined, "the README's tuning example moved");
    const parsed = JSON.parse(config) as Record<string, { excludedRecords?: unknown }>;
    return { pattern: pattern.replace(/\s*\n\s*/g, " "), excludedRecords: parsed["cis-aws-4-1-unauthorized-api-calls-monitored"]!.excludedRecords };
}

describe("pattern check: field-test findings", () => {
    it("--control takes the v6/v7 number the catalog lists (5.3 is v5.0's 4.3)", () => {
        const rootUsage = engine.findControl("4.3") as Engine.MonitoringControl;
        assert.equal(rootUsage.controlV6, "5.3");
        const result = runCli(["pattern", "check", "--control", "5.3", rootUsage.patterns.cisV5, "--json"]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(stdoutJson<PatternCheckOutput>(result).control, rootUsage.id);
    });

    it("--excluded-records: the README's tuned pattern covers 4.1 with the README's excludedRecords, and not without", () => {
        const { pattern, excludedRecords } = readmeTuning();
        const without = runCli(["pattern", "check", pattern]);
        assert.equal(without.code, 1, without.stdout + without.stderr);
        const tuned = runCli(["pattern", "check", "--excluded-records", JSON.stringify(excludedRecords), pattern]);
        assert.equal(tuned.code, 0, tuned.stdout + tuned.stderr);
        assert.match(tuned.stdout, /^covers CIS 4\.1/);
    });

    it("--excluded-records that is not the pack's shape: exit 2, one line", () => {
        for (const bad of ["not json", '{"eventSource": "s3.amazonaws.com"}', '[{"eventSource": ""}]', "[{}]"]) {
            const result = runCli(["pattern", "check", "--excluded-records", bad, engine.CIS_V5_PATTERN]);
            assert.equal(result.code, 2, bad);
            assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
            assert.match(result.stderr, /^trailwatch: --excluded-records/);
        }
    });

    it("a missed errorCode is one CloudTrail writes (AccessDeniedException), not an invented one", () => {
        const result = runCli(["pattern", "check", '{ $.errorCode = "AccessDenied" || $.errorCode = "*UnauthorizedOperation" }', "--json"]);
        assert.equal(result.code, 1);
        assert.equal(stdoutJson<PatternCheckOutput>(result).counterexample?.["errorCode"], "AccessDeniedException");
    });
});
