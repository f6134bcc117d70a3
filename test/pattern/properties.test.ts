/**
 * Properties (fixed seed, bounded runs): formatting round-trips, and the
 * coverage verdict agrees with brute-force evaluation over a small universe.
 */
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import {
    MAX_PATTERN_LENGTH,
    decideCoverage,
    findOvermatch,
    formatPattern,
    matchesEvent,
    parsePattern,
    requiredLiterals,
    type FieldClause,
    type FilterPattern,
    type JsonExpr,
    type MonitoringIntent,
    type Reading,
} from "trailwatch/engine";
import { patternArb } from "./arbitraries";
import { clauseHoldsForTest, globMatchesForTest } from "./support";

const SEED = 20261123;

describe("properties: formatPattern round-trip", () => {
    it("parse(format(p)) deep-equals p for generated trees", () => {
        fc.assert(
            fc.property(patternArb, (pattern) => {
                const text = formatPattern(pattern);
                fc.pre(text.length <= MAX_PATTERN_LENGTH);
                const reparsed = parsePattern(text);
                assert.ok(reparsed.ok, `${text}: ${reparsed.ok ? "" : reparsed.error.message}`);
                assert.deepEqual(reparsed.pattern, pattern);
            }),
            { seed: SEED, numRuns: 400 },
        );
    });
});

/*
 * Brute force. Universe: `a` is always a string (the example record's type);
 * `b` is optional: absent, a string, or a number/null/boolean when a pattern
 * compares it that way — the record model decideCoverage documents.
 */
const STRINGS = ["", "x", "x1", "y", "xy1", "1", "yx", "ax", "x1y", "zz", "Trail", "AccessDenied"];
const NUMBERS = [-1, 0, 0.5, 1, 1.5, 2, 3];
const GLOBS = ["x*", "*1", "x1", "*", "y*", "*y*", "Access*"];

const valueArb = fc.oneof(
    fc.constantFrom(...GLOBS).map((text) => `"${text}"`),
    fc.constantFrom("%^x%", "%1$%", "%Trail|zz%"),
);
const atomText = fc.oneof(
    fc.tuple(fc.constantFrom("$.a", "$.b", "$.u.v"), fc.constantFrom("=", "!="), valueArb).map(([s, op, v]) => `${s} ${op} ${v}`),
    fc.tuple(fc.constantFrom("=", "!=", "<", ">=", ">"), fc.constantFrom(0, 1, 2)).map(([op, n]) => `$.b ${op} ${n}`),
    fc.constantFrom("$.b IS NULL", "$.b NOT EXISTS", "$.b EXISTS", "$.b IS TRUE", "$.a EXISTS"),
    fc.constantFrom("$.u.v IS NULL", "$.u.v NOT EXISTS", "$.u NOT EXISTS", "$.u EXISTS", '$.u = "x*"'),
);
const exprText: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
        { depthSize: "small" },
        atomText,
        tie("e").map((e) => `(${e})`),
        fc.tuple(tie("e"), fc.constantFrom("&&", "||"), atomText).map(([l, op, r]) => `${l} ${op} ${r}`),
    ),
})).e;
// At most two regexes per pattern (the documented quota), i.e. at most four '%' signs.
const patternTexts = fc.array(
    exprText.map((e) => `{ ${e} }`).filter((t) => (t.match(/%/g) ?? []).length <= 4),
    { minLength: 1, maxLength: 2 },
);
const intentArb = fc
    .tuple(fc.subarray(GLOBS, { minLength: 1, maxLength: 2 }), fc.option(fc.constantFrom("x*", "*1", "y"), { nil: undefined }))
    .map(
        ([anyOf, mayMissB]): MonitoringIntent => ({
            mustMatch: [{ field: "a", anyOf }],
            mayMiss: mayMissB === undefined ? [] : [[{ field: "b", anyOf: [mayMissB] }]],
            presentFields: ["a"],
            exampleRecord: { a: "x1" },
        }),
    );

function atomsOf(expr: JsonExpr): JsonExpr[] {
    if (expr.kind === "group") return atomsOf(expr.expr);
    if (expr.kind === "chain") return expr.operands.flatMap(atomsOf);
    return [expr];
}

/** Values a field may take in the universe: absent (undefined), strings, and the types its conditions ask about. */
function valuesFor(atoms: readonly JsonExpr[], path: string): unknown[] {
    const on = atoms.filter((a) => "selector" in a && a.selector.map((s) => (s.kind === "key" ? s.name : "?")).join(".") === path);
    const values: unknown[] = [undefined, ...STRINGS];
    if (on.some((a) => a.kind === "compare" && a.value.kind === "number")) values.push(...NUMBERS);
    if (on.some((a) => a.kind === "is" && a.value === null)) values.push(null);
    if (on.some((a) => a.kind === "is" && a.value !== null)) values.push(true, false);
    return values;
}

function universeFor(patterns: readonly FilterPattern[]): Record<string, unknown>[] {
    const atoms = patterns.flatMap((p) => (p.kind === "json" ? atomsOf(p.expr) : []));
    const bValues = valuesFor(atoms, "b");
    // `u` is absent, a string, or an object whose `v` takes the values its conditions allow.
    const uValues: unknown[] = [undefined, "x", "zz", ...valuesFor(atoms, "u.v").map((v) => (v === undefined ? {} : { v }))];
    const records: Record<string, unknown>[] = [];
    for (const a of STRINGS) {
        for (const b of bValues) {
            for (const u of uValues) {
                const record: Record<string, unknown> = { a };
                if (b !== undefined) record["b"] = b;
                if (u !== undefined) record["u"] = u;
                records.push(record);
            }
        }
    }
    return records;
}

function inScope(record: Record<string, unknown>, intent: MonitoringIntent): boolean {
    const a = record["a"];
    const b = record["b"];
    const clause = intent.mustMatch[0] as { anyOf: readonly string[] };
    const mayMiss = intent.mayMiss.some((condition) => typeof b === "string" && globMatchesForTest((condition[0] as { anyOf: readonly string[] }).anyOf, b));
    return typeof a === "string" && globMatchesForTest(clause.anyOf, a) && !mayMiss;
}

describe("properties: coverage agrees with brute force", () => {
    it("covers=true misses no universe record; covers=false gives a real, in-scope, unmatched counterexample", () => {
        let coveredCount = 0;
        let missedCount = 0;
        fc.assert(
            fc.property(patternTexts, intentArb, (texts, intent) => {
                const patterns = texts.map((t) => {
                    const r = parsePattern(t);
                    assert.ok(r.ok, t);
                    return r.pattern;
                });
                const verdict = decideCoverage(patterns, intent);
                const readings: Reading[] = ["conventional", "left-to-right"];
                if (verdict.covers) {
                    coveredCount++;
                    for (const record of universeFor(patterns)) {
                        if (!inScope(record, intent)) continue;
                        for (const reading of readings) {
                            assert.ok(
                                patterns.some((p) => matchesEvent(p, record, { reading })),
                                `${texts.join(" ; ")} claimed to cover but misses ${JSON.stringify(record)} (${reading})`,
                            );
                        }
                    }
                } else {
                    missedCount++;
                    const record = verdict.counterexample;
                    assert.ok(record !== null, `no counterexample for ${texts.join(" ; ")}: ${verdict.notes.join(" ")}`);
                    assert.ok(inScope(record, intent), `counterexample ${JSON.stringify(record)} is out of scope`);
                    assert.ok(
                        readings.some((reading) => patterns.every((p) => !matchesEvent(p, record, { reading }))),
                        `counterexample ${JSON.stringify(record)} is matched under every reading`,
                    );
                }
            }),
            { seed: SEED, numRuns: 300 },
        );
        // The generator must exercise both verdicts, or the property proves little.
        assert.ok(coveredCount > 10 && missedCount > 10, `covered ${coveredCount}, missed ${missedCount}`);
    });
});

/*
 * The same brute force for the richer intent language: negated and absence
 * clauses (on `b` and the nested `u.v`), an exemption that is itself a
 * negation, and the overmatch verdict.
 */
const clauseArb: fc.Arbitrary<FieldClause> = fc.oneof(
    fc.tuple(fc.constantFrom("b", "u.v"), fc.constantFrom(...GLOBS)).map(([field, g]): FieldClause => ({ field, noneOf: [g] })),
    fc.tuple(fc.constantFrom("b", "u.v", "u"), fc.boolean()).map(([field, exists]): FieldClause => ({ field, exists })),
    fc.tuple(fc.constantFrom("b", "u.v"), fc.constantFrom(...GLOBS)).map(([field, g]): FieldClause => ({ field, anyOf: [g] })),
);
const richIntentArb = fc
    .tuple(fc.subarray(GLOBS, { minLength: 1, maxLength: 2 }), fc.option(clauseArb, { nil: undefined }), fc.option(clauseArb, { nil: undefined }))
    .map(
        ([anyOf, extra, exempt]): MonitoringIntent => ({
            mustMatch: [{ field: "a", anyOf }, ...(extra === undefined ? [] : [extra])],
            mayMiss: exempt === undefined ? [] : [[exempt]],
            presentFields: ["a"],
            exampleRecord: { a: "x1" },
        }),
    );

const meantBy = (record: Record<string, unknown>, intent: MonitoringIntent): boolean => intent.mustMatch.every((c) => clauseHoldsForTest(record, c));
const inRichScope = (record: Record<string, unknown>, intent: MonitoringIntent): boolean =>
    typeof record["a"] === "string" && meantBy(record, intent) && !intent.mayMiss.some((cond) => cond.every((c) => clauseHoldsForTest(record, c)));

describe("properties: negation, absence and overmatch agree with brute force", () => {
    it("coverage and overmatch verdicts hold on every universe record", () => {
        const counts = { covered: 0, missed: 0, overmatched: 0, exact: 0 };
        const readings: Reading[] = ["conventional", "left-to-right"];
        fc.assert(
            fc.property(patternTexts, richIntentArb, (texts, intent) => {
                const patterns = texts.map((t) => {
                    const r = parsePattern(t);
                    assert.ok(r.ok, t);
                    return r.pattern;
                });
                const label = `${texts.join(" ; ")} vs ${JSON.stringify([intent.mustMatch, intent.mayMiss])}`;
                const verdict = decideCoverage(patterns, intent);
                const universe = universeFor(patterns);
                if (verdict.covers) {
                    counts.covered++;
                    for (const record of universe.filter((r) => inRichScope(r, intent))) {
                        for (const reading of readings) {
                            assert.ok(patterns.some((p) => matchesEvent(p, record, { reading })), `${label} claimed to cover but misses ${JSON.stringify(record)} (${reading})`);
                        }
                    }
                } else if (verdict.counterexample !== null) {
                    counts.missed++;
                    assert.ok(inRichScope(verdict.counterexample, intent), `${label}: counterexample ${JSON.stringify(verdict.counterexample)} is out of scope`);
                    assert.ok(readings.some((reading) => patterns.every((p) => !matchesEvent(p, verdict.counterexample, { reading }))), label);
                }
                const over = findOvermatch(patterns, intent);
                if (over.record !== null) {
                    counts.overmatched++;
                    assert.ok(!meantBy(over.record, intent), `${label}: overmatch ${JSON.stringify(over.record)} is meant`);
                    assert.ok(readings.some((reading) => patterns.some((p) => matchesEvent(p, over.record, { reading }))), label);
                } else if (over.notes.length === 0) {
                    counts.exact++;
                    for (const record of universe.filter((r) => typeof r["a"] === "string" && !meantBy(r, intent))) {
                        for (const reading of readings) {
                            assert.ok(!patterns.some((p) => matchesEvent(p, record, { reading })), `${label} said no overmatch but matches ${JSON.stringify(record)} (${reading})`);
                        }
                    }
                }
            }),
            { seed: SEED + 1, numRuns: 300 },
        );
        assert.ok(counts.covered > 10 && counts.missed > 10 && counts.overmatched > 10 && counts.exact > 10, JSON.stringify(counts));
    });
});

describe("properties: requiredLiterals never rejects a matching event", () => {
    it("holds for generated patterns and events", () => {
        const eventArb = fc.dictionary(fc.constantFrom("a", "b", "c", "errorCode"), fc.oneof(fc.constantFrom(...STRINGS), fc.constantFrom(...NUMBERS), fc.constant(null)));
        fc.assert(
            fc.property(patternTexts, eventArb, (texts, event) => {
                const text = JSON.stringify(event);
                for (const t of texts) {
                    const r = parsePattern(t);
                    assert.ok(r.ok);
                    const literals = requiredLiterals(r.pattern);
                    if (literals !== null && matchesEvent(r.pattern, text)) {
                        assert.ok(literals.some((l) => text.includes(l)), `${t} matched ${text} without any of ${literals.join(",")}`);
                    }
                }
            }),
            { seed: SEED, numRuns: 500 },
        );
    });
});

describe("properties: regex matching agrees with JavaScript's engine on the shared syntax", () => {
    it("for generated regexes (both the native and the linear-time DFA paths) and strings", () => {
        const piece = fc
            .tuple(fc.constantFrom("a", "b", "[ab]", ".", "\\d", "[^a]"), fc.constantFrom("", "*", "+", "?", "{1,2}", "{2}"))
            .map(([atom, q]) => atom + q);
        const alternative = fc
            .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 5 }), fc.boolean())
            .map(([start, pieces, end]) => `${start ? "^" : ""}${pieces.join("")}${end ? "$" : ""}`);
        const source = fc.array(alternative, { minLength: 1, maxLength: 3 }).map((alts) => alts.join("|"));
        const subject = fc.array(fc.constantFrom("a", "b", "1", "x", "\n"), { maxLength: 12 }).map((cs) => cs.join(""));
        fc.assert(
            fc.property(source, subject, (src, s) => {
                const parsed = parsePattern(`%${src}%`);
                assert.ok(parsed.ok, src);
                assert.equal(matchesEvent(parsed.pattern, s), new RegExp(src).test(s), `%${src}% on ${JSON.stringify(s)}`);
            }),
            { seed: SEED, numRuns: 2000 },
        );
    });
});
