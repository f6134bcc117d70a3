/**
 * `trailwatch pattern check`: the JSON contract (assessPattern printed as
 * is), exit codes 0/1/2, and the essentials of the human output.
 */
import * as assert from "node:assert/strict";
import type * as Engine from "../../component/src/engine";
import { loadDist, runCli, stdoutJson } from "./helpers";

const engine = loadDist<typeof Engine>("engine.js");

const MISSES_UNAUTHORIZED_OPERATION = '{ $.errorCode = "AccessDenied*" }';
const MISSING_BRACE = '{ ($.errorCode = "AccessDenied*") ';

describe("trailwatch pattern check", () => {
    it("prints the assessment as is and exits 0 for the CIS v5.0 pattern", () => {
        const result = runCli(["pattern", "check", engine.CIS_V5_PATTERN, "--json"]);
        assert.equal(result.code, 0, result.stderr);
        const json = stdoutJson<Engine.PatternAssessment>(result);
        assert.deepEqual(Object.keys(json).sort(), ["counterexample", "covers", "error", "notes", "valid"]);
        assert.equal(json.valid, true);
        assert.equal(json.covers, true);
        assert.equal(json.counterexample, null);
        assert.equal(json.error, null);
        assert.ok(Array.isArray(json.notes));
        assert.deepEqual(json, JSON.parse(JSON.stringify(engine.assessPattern(engine.CIS_V5_PATTERN))));
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
        const result = runCli(["pattern", "check", "--", "-DEBUG"]);
        assert.equal(result.code, 1);
        const json = stdoutJson<Engine.PatternAssessment>(runCli(["pattern", "check", "--json", "--", "-DEBUG"]));
        assert.equal(json.counterexample, null, "the premise: the engine gives no counterexample for a term pattern");
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
});
