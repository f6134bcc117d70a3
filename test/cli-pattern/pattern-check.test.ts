/**
 * `trailwatch pattern check`: the JSON contract (assessPattern printed as
 * is), exit codes 0/1/2, and the essentials of the human output.
 */
import * as assert from "node:assert/strict";
import type * as Engine from "../../component/src/engine";
import type { PatternCheckOutput } from "../../component/src/cli/pattern-check";
import { loadDist, runCli, stdoutJson } from "./helpers";

const engine = loadDist<typeof Engine>("engine.js");

const MISSES_UNAUTHORIZED_OPERATION = '{ $.errorCode = "AccessDenied*" }';
const MISSING_BRACE = '{ ($.errorCode = "AccessDenied*") ';

describe("trailwatch pattern check", () => {
    it("prints the assessment as is and exits 0 for the CIS v5.0 pattern", () => {
        const result = runCli(["pattern", "check", engine.CIS_V5_PATTERN, "--json"]);
        assert.equal(result.code, 0, result.stderr);
        const json = stdoutJson<PatternCheckOutput>(result);
        assert.deepEqual(Object.keys(json).sort(), ["control", "counterexample", "covers", "error", "notes", "overmatch", "valid"]);
        assert.equal(json.control, engine.CIS_4_1.id, "CIS 4.1 is the default control");
        assert.equal(json.overmatch, null);
        assert.equal(json.valid, true);
        assert.equal(json.covers, true);
        assert.equal(json.counterexample, null);
        assert.equal(json.error, null);
        assert.ok(Array.isArray(json.notes));
        assert.deepEqual(json, JSON.parse(JSON.stringify({ control: engine.CIS_4_1.id, ...engine.assessPattern(engine.CIS_V5_PATTERN) })));
    });

    it("exits 1 with a counterexample the pattern really misses when it does not cover", () => {
        const result = runCli(["pattern", "check", MISSES_UNAUTHORIZED_OPERATION, "--json"]);
        assert.equal(result.code, 1, result.stderr);
        const json = stdoutJson<Engine.PatternAssessment>(result);
        assert.equal(json.valid, true);
        assert.equal(json.covers, false);
        assert.equal(json.error, null);
        assert.ok(json.counterexample !== null && typeof json.counterexample === "object");
        const parsed = engine.parsePattern(MISSES_UNAUTHORIZED_OPERATION);
        assert.ok(parsed.ok);
        assert.equal(engine.matchesEvent(parsed.pattern, json.counterexample), false);
        assert.equal(engine.matchesEvent(parsed.pattern, JSON.stringify(json.counterexample)), false);
        // The missed record is an unauthorized call: its errorCode is in the family the pattern forgot.
        assert.match(String(json.counterexample.errorCode), /UnauthorizedOperation$/);
    });

    it("exits 2 with the message and column for an invalid pattern", () => {
        const result = runCli(["pattern", "check", MISSING_BRACE, "--json"]);
        assert.equal(result.code, 2, result.stderr);
        const json = stdoutJson<Engine.PatternAssessment>(result);
        const parsed = engine.parsePattern(MISSING_BRACE);
        assert.ok(!parsed.ok);
        assert.equal(json.valid, false);
        assert.equal(json.covers, null);
        assert.equal(json.counterexample, null);
        assert.deepEqual(json.error, { message: parsed.error.message, column: parsed.error.column });
    });

    it("says 'covers' in one verdict line for a covering pattern", () => {
        const result = runCli(["pattern", "check", engine.CIS_V5_PATTERN]);
        assert.equal(result.code, 0);
        const [verdict] = result.stdout.split("\n");
        assert.match(verdict, /^covers CIS 4\.1/);
        assert.equal(result.stderr, "");
    });

    it("shows the missed record pretty-printed and the fix when the pattern does not cover", () => {
        const result = runCli(["pattern", "check", MISSES_UNAUTHORIZED_OPERATION]);
        assert.equal(result.code, 1);
        const lines = result.stdout.split("\n");
        assert.match(lines[0], /^does not cover CIS 4\.1/);
        // Pretty-printed: the record spans lines, one field per line.
        assert.ok(lines.some((line) => /^\s+"errorCode": ".*UnauthorizedOperation",?$/.test(line)), result.stdout);
        assert.ok(result.stdout.includes(engine.CIS_4_1.patterns.default), "suggests the CIS pattern as the fix");
    });

    it("says plainly when coverage is not shown and there is no record to show", () => {
        const result = runCli(["pattern", "check", "--", "-%DEBUG%"]);
        assert.equal(result.code, 1);
        const json = stdoutJson<Engine.PatternAssessment>(runCli(["pattern", "check", "--json", "--", "-%DEBUG%"]));
        assert.equal(json.counterexample, null, "the premise: the engine gives no counterexample for a regex term");
        const lines = result.stdout.split("\n");
        assert.match(lines[0], /^does not cover CIS 4\.1: .*\.$/);
        assert.ok(json.notes.every((note) => result.stdout.includes(`note: ${note}`)));
    });

    it("puts a caret under the column of a syntax error", () => {
        const result = runCli(["pattern", "check", MISSING_BRACE]);
        assert.equal(result.code, 2);
        const parsed = engine.parsePattern(MISSING_BRACE);
        assert.ok(!parsed.ok);
        const lines = result.stdout.split("\n");
        assert.match(lines[0], new RegExp(`^invalid pattern: .*\\(column ${parsed.error.column}\\)$`));
        const patternLine = lines.findIndex((line) => line.trimStart() === MISSING_BRACE.trimStart() && line.includes("$.errorCode"));
        assert.ok(patternLine > 0, result.stdout);
        const offset = lines[patternLine].indexOf(MISSING_BRACE);
        assert.equal(lines[patternLine + 1].indexOf("^"), offset + parsed.error.column - 1);
        assert.equal(lines[patternLine + 1].trim(), "^");
    });

    it("exits 2 without a pattern argument", () => {
        const result = runCli(["pattern", "check"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /missing required argument/);
    });

    it("--control judges against another catalog control, by number or id, and names it in --json", () => {
        const rootUsage = engine.findControl("4.3") as Engine.MonitoringControl;
        for (const id of ["4.3", "cis-aws-4.3", rootUsage.id]) {
            const result = runCli(["pattern", "check", "--control", id, rootUsage.patterns.cisV5, "--json"]);
            assert.equal(result.code, 0, result.stderr);
            const json = stdoutJson<PatternCheckOutput>(result);
            assert.deepEqual([json.control, json.covers, json.overmatch], [rootUsage.id, true, null]);
        }
        // The 4.1 pattern is not a root-usage filter: it misses the example root call.
        const wrong = stdoutJson<PatternCheckOutput>(runCli(["pattern", "check", "--control", "4.3", engine.CIS_V5_PATTERN, "--json"]));
        assert.equal(wrong.covers, false);
        assert.equal((wrong.counterexample?.["userIdentity"] as Record<string, unknown>)["type"], "Root");
    });

    it("shows the missed record for the terraform module's 4.10 and the overmatch for its 4.13", () => {
        const sg = engine.findControl("4.10") as Engine.MonitoringControl;
        const missed = runCli(["pattern", "check", "--control", "4.10", sg.patterns["terraformModule"] as string]);
        assert.equal(missed.code, 1);
        assert.match(missed.stdout.split("\n")[0] as string, /^does not cover CIS 4\.10/);
        assert.ok(missed.stdout.includes('"eventName": "ModifySecurityGroupRules"'), missed.stdout);
        const routes = engine.findControl("4.13") as Engine.MonitoringControl;
        const noisy = runCli(["pattern", "check", "--control", "4.13", routes.patterns["terraformModule"] as string, "--json"]);
        assert.equal(noisy.code, 0, "overmatch does not change the exit code");
        const json = stdoutJson<PatternCheckOutput>(noisy);
        assert.equal(json.overmatch?.["eventSource"], "apigateway.amazonaws.com");
        const human = runCli(["pattern", "check", "--control", "4.13", routes.patterns["terraformModule"] as string]);
        assert.ok(human.stdout.includes("overmatch: the pattern also counts records CIS 4.13 does not mean"), human.stdout);
        assert.ok(human.stdout.includes('"eventSource": "apigateway.amazonaws.com"'));
    });

    it("exits 2 with one line for an unknown control and for 4.16, which no pattern meets", () => {
        for (const [id, message] of [
            ["4.99", /^trailwatch: unknown control '4\.99': .*--list-controls/],
            ["cis-aws-4.16", /^trailwatch: control 4\.16 \(cis-aws-4\.16-security-hub-enabled\) is not met by a filter pattern/],
        ] as const) {
            const result = runCli(["pattern", "check", "--control", id, engine.CIS_V5_PATTERN]);
            assert.equal(result.code, 2);
            assert.equal(result.stdout, "");
            assert.match(result.stderr, message);
            assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
        }
    });

    it("--list-controls lists 4.1–4.16 with their v6/v7 numbers and ids", () => {
        const text = runCli(["pattern", "check", "--list-controls"]);
        assert.equal(text.code, 0, text.stderr);
        const lines = text.stdout.trim().split("\n");
        assert.equal(lines.length, 17);
        assert.match(lines[1] as string, /^4\.1 +5\.1 +cis-aws-4\.1-unauthorized-api-calls +metric filter +Ensure unauthorized API calls are monitored$/);
        assert.match(lines[16] as string, /^4\.16 +5\.16 +cis-aws-4\.16-security-hub-enabled +service check/);
        const json = stdoutJson<{ id: string; control: string; controlV6: string; kind: string }[]>(runCli(["pattern", "check", "--list-controls", "--json"]));
        assert.deepEqual(
            json.map((c) => c.id),
            engine.CIS_CONTROLS.map((c) => c.id),
        );
    });
});
