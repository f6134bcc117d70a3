/**
 * The `pattern` argument: presets, syntax errors at construction, and a
 * warning (with a missed record) for patterns that do not catch every
 * unauthorized call. Verdicts come from the pattern engine.
 */
import * as assert from "node:assert/strict";
import {
    CIS_4_1,
    CIS_V1_2_PATTERN,
    CIS_V5_PATTERN,
    FilterPatternPreset,
    FilterPatterns,
    InvalidArgumentError,
    UnauthorizedApiCallsAlarm,
    assessPattern,
} from "trailwatch";
import { T, captureWarnings, installMocks, settle } from "./harness";

/** Looks right, but misses every record without `userIdentity.invokedBy` (most of them). */
const WEAK_PATTERN =
    '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.userIdentity.invokedBy != "cloudfront.amazonaws.com") }';

describe("UnauthorizedApiCallsAlarm pattern", () => {
    describe("presets", () => {
        it("are the CIS 4.1 patterns, reachable from the class and as FilterPatterns", () => {
            assert.equal(FilterPatterns.cisV5, CIS_V5_PATTERN);
            assert.equal(FilterPatterns.cisV1_2, CIS_V1_2_PATTERN);
            assert.equal(UnauthorizedApiCallsAlarm.patterns, FilterPatterns);
            assert.equal(CIS_4_1.patterns.default, FilterPatterns.cisV5);
        });

        for (const [preset, text] of Object.entries(FilterPatterns)) {
            it(`${preset} is deployed verbatim, without a warning`, async () => {
                const recorder = installMocks();
                const warnings = await captureWarnings(() =>
                    settle(new UnauthorizedApiCallsAlarm("preset", { logGroupName: "trail", pattern: text })),
                );
                // Security Hub CloudWatch.2 compares the v1.2 string exactly, so not even spacing may change.
                assert.equal(recorder.one(T.metricFilter).inputs.pattern, text);
                assert.deepEqual(warnings, []);
            });
        }

        for (const [preset, text] of Object.entries(FilterPatterns)) {
            it(`patternPreset ${preset} deploys the same text as pattern: FilterPatterns.${preset}`, async () => {
                const recorder = installMocks();
                const warnings = await captureWarnings(() =>
                    settle(new UnauthorizedApiCallsAlarm("named", { logGroupName: "trail", patternPreset: preset as FilterPatternPreset })),
                );
                assert.equal(recorder.one(T.metricFilter).inputs.pattern, text);
                assert.deepEqual(warnings, []);
            });
        }

        it("names every FilterPatterns preset in the FilterPatternPreset enum", () => {
            assert.deepEqual(Object.values(FilterPatternPreset).sort(), Object.keys(FilterPatterns).sort());
        });

        it("the default pattern deploys without a warning", async () => {
            installMocks();
            const warnings = await captureWarnings(() => settle(new UnauthorizedApiCallsAlarm("default", { logGroupName: "trail" })));
            assert.deepEqual(warnings, []);
        });
    });

    describe("a syntactically invalid pattern", () => {
        const invalid = ['{ ($.errorCode = ) }', '{ $.errorCode = "AccessDenied*"', '{ ($.errorCode = "AccessDenied*") &&& ($.eventName = "x") }'];
        for (const text of invalid) {
            it(`throws at construction, pointing at the column: ${text}`, () => {
                const recorder = installMocks();
                const verdict = assessPattern(text);
                assert.equal(verdict.valid, false, "the engine rejects it");
                const column = verdict.error!.column;

                let error: unknown;
                try {
                    new UnauthorizedApiCallsAlarm("bad", { logGroupName: "trail", pattern: text });
                } catch (err) {
                    error = err;
                }
                assert.ok(error instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(error)}`);
                assert.equal(error.argument, "pattern");
                assert.match(error.message, /argument "pattern" is not a valid CloudWatch Logs filter pattern/);
                assert.ok(error.message.includes(verdict.error!.message), "carries the engine's reason");
                assert.ok(error.message.includes(`column ${column}`));

                const lines = error.message.split("\n");
                const patternLine = lines.findIndex((line) => line.trimStart() === text);
                assert.ok(patternLine > 0, "shows the pattern on its own line");
                const indent = lines[patternLine].indexOf(text);
                const caretLine = lines[patternLine + 1];
                assert.equal(caretLine.trim(), "^");
                assert.equal(caretLine.indexOf("^") - indent, Math.min(column, text.length + 1) - 1, "caret under the column");
                assert.deepEqual(recorder.registrations, []);
            });
        }
    });

    describe("a valid pattern that misses unauthorized calls", () => {
        it("is kept, with a warning that shows a missed record as compact JSON", async () => {
            const recorder = installMocks();
            const verdict = assessPattern(WEAK_PATTERN);
            assert.equal(verdict.valid, true);
            assert.equal(verdict.covers, false);

            const warnings = await captureWarnings(() =>
                settle(new UnauthorizedApiCallsAlarm("weak", { logGroupName: "trail", pattern: WEAK_PATTERN })),
            );
            assert.equal(recorder.one(T.metricFilter).inputs.pattern, WEAK_PATTERN);
            assert.equal(warnings.length, 1);
            const [warning] = warnings;
            assert.match(warning, /UnauthorizedApiCallsAlarm "weak": the filter pattern does not catch every unauthorized API call/);
            assert.ok(warning.includes(JSON.stringify(verdict.counterexample)), `names the missed record: ${warning}`);
            assert.match(warning, /omit `pattern`/);
        });

        it("warns for a pattern about something else entirely", async () => {
            installMocks();
            const warnings = await captureWarnings(() =>
                settle(new UnauthorizedApiCallsAlarm("off-topic", { logGroupName: "trail", pattern: '{ $.eventName = "ConsoleLogin" }' })),
            );
            assert.equal(warnings.length, 1);
            assert.match(warnings[0], /does not match this CloudTrail record: \{.*"errorCode"/);
        });
    });
});
