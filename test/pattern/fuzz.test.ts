/**
 * Fuzzing: random and mutated pattern strings never escape as anything but a
 * structured result, and hostile shapes (deep nesting, huge input) stay bounded.
 */
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import {
    CIS_4_1,
    CIS_V1_2_PATTERN,
    CIS_V5_PATTERN,
    MAX_PATTERN_LENGTH,
    assessPattern,
    decideCoverage,
    formatPattern,
    matchesEvent,
    parsePattern,
    requiredLiterals,
} from "trailwatch/engine";

const SEED = 424242;

/** Characters that matter to the grammar, plus ordinary ones. */
const ALPHABET = [..."{}[]()$.*%\"\\&|!=<>?- ,'09aZ_@#:/\t\n", "&&", "||", "IS", "NOT", "EXISTS", "NULL", "TRUE", "$.a", "...", "é", "\u{1F600}"];

const sample = { errorCode: "AccessDenied", sourceIPAddress: "1.2.3.4", eventName: "x", a: [1, { b: null }] };

/** Asserts the full contract for one input: a well-formed result, and usable trees. */
function checkInput(text: string): void {
    const result = parsePattern(text);
    if (!result.ok) {
        assert.equal(typeof result.error.message, "string");
        assert.ok(result.error.message.length > 0);
        assert.ok(Number.isInteger(result.error.column), `column ${result.error.column}`);
        assert.ok(result.error.column >= 1 && result.error.column <= text.length + 1, `column ${result.error.column} for ${JSON.stringify(text)}`);
        return;
    }
    const formatted = formatPattern(result.pattern);
    const again = parsePattern(formatted);
    if (formatted.length > MAX_PATTERN_LENGTH) {
        // Canonical spacing can push compactly written text over the limit; that is the only allowed failure.
        assert.ok(!again.ok && again.error.column === MAX_PATTERN_LENGTH + 1);
    } else {
        assert.ok(again.ok, `formatted text of ${JSON.stringify(text)} must parse`);
        assert.deepEqual(again.pattern, result.pattern);
    }
    assert.equal(typeof matchesEvent(result.pattern, sample), "boolean");
    assert.equal(typeof matchesEvent(result.pattern, JSON.stringify(sample)), "boolean");
    const literals = requiredLiterals(result.pattern);
    assert.ok(literals === null || Array.isArray(literals));
}

function mutate(base: string, edits: readonly [number, number, string][]): string {
    let s = base;
    for (const [kind, at, piece] of edits) {
        const i = at % (s.length + 1);
        if (kind === 0) s = s.slice(0, i) + piece + s.slice(i);
        else if (kind === 1) s = s.slice(0, i) + s.slice(i + 1);
        else s = s.slice(0, i) + piece + s.slice(i + 1);
    }
    return s;
}

const editsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.constantFrom(...ALPHABET)), { minLength: 1, maxLength: 6 });

describe("fuzz: parsePattern never escapes", () => {
    it("random strings over the grammar's alphabet", () => {
        fc.assert(
            fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((parts) => parts.join("")), (text) => checkInput(text)),
            { seed: SEED, numRuns: 3000 },
        );
    });

    it("arbitrary unicode strings", () => {
        fc.assert(
            fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => checkInput(text)),
            { seed: SEED, numRuns: 1000 },
        );
    });

    it("mutations of the CIS patterns: parse results stay structured, and assessment never throws", () => {
        fc.assert(
            fc.property(fc.constantFrom(CIS_V5_PATTERN, CIS_V1_2_PATTERN), editsArb, (base, edits) => {
                const text = mutate(base, edits);
                checkInput(text);
                const assessment = assessPattern(text);
                assert.equal(assessment.valid, assessment.error === null);
                assert.equal(assessment.covers === null, !assessment.valid);
            }),
            { seed: SEED, numRuns: 300 },
        );
    });

    it("deep nesting and long input give a result or a structured error", () => {
        const hostile = [
            "(".repeat(5000),
            "{" + "(".repeat(5000),
            "{ " + "(".repeat(500) + "$.a = 1" + ")".repeat(500) + " }",
            "{ " + "(".repeat(300) + "$.a = 1 }",
            "[".repeat(5000),
            "%".repeat(5000),
            '"'.repeat(1000),
            "{ $.a = %" + "a*".repeat(300) + "% }",
            "{ $.a = %" + "[a-z]{1000}".repeat(2) + "% }",
            "-".repeat(1024),
            "?".repeat(1024),
            "[" + "...,".repeat(250) + "a]",
        ];
        for (const text of hostile) {
            checkInput(text);
        }
    });

    it("hostile but valid patterns keep matching and deciding bounded", () => {
        const regex = parsePattern("{ $.errorCode = %[a-z]{1000}% || $.errorCode = %a*a*a*a*a*a*a*b% }");
        assert.ok(regex.ok);
        assert.equal(matchesEvent(regex.pattern, { errorCode: "A".repeat(5000) }), false);
        const verdict = decideCoverage([regex.pattern], CIS_4_1.intent);
        assert.equal(verdict.covers, false);
        const ellipses = parsePattern("[..., a, ..., b, ..., c, ..., d = 1]");
        assert.ok(ellipses.ok);
        assert.equal(matchesEvent(ellipses.pattern, "x ".repeat(400)), false);
    });
});

describe("fuzz: regexes that make backtracking engines blow up stay linear", () => {
    it("matches a*a*a*a*a*a*a*b against long runs of a (answer checked, no timing assertion)", () => {
        const json = parsePattern("{ $.m = %a*a*a*a*a*a*a*b% }");
        const term = parsePattern("%a*a*a*a*a*a*a*b%");
        assert.ok(json.ok && term.ok);
        assert.equal(matchesEvent(json.pattern, { m: "a".repeat(20000) }), false);
        assert.equal(matchesEvent(json.pattern, { m: `${"a".repeat(20000)}b` }), true);
        assert.equal(matchesEvent(term.pattern, "a".repeat(50000)), false);
    });
});
