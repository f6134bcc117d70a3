/**
 * A fixed corpus of (control, pattern) pairs for checking that speeding up
 * `assessPattern` changed no answer: the two patterns that took over a second
 * each (term patterns whose terms no record text can hold, so the overmatch
 * search ran to its step budget) under every monitoring control, and a few
 * hundred fast-check patterns from fixed seeds.
 */
import { createHash } from "node:crypto";
import * as fc from "fast-check";
import { CIS_V5_PATTERN, MONITORING_CONTROLS, type MonitoringControl, type PatternAssessment } from "trailwatch/engine";

/** One corpus entry: a control (by catalog id) and a pattern text. */
export interface CorpusCase {
    readonly control: string;
    readonly text: string;
}

/** The two patterns the slow-assessment report named (the CIS text without its `{`, and a fuzz find). */
export const SLOW_PATTERNS: readonly string[] = [CIS_V5_PATTERN.slice(1), "*NOT EXISTS$.eventName ||"];

/** The token generator of test/hostile/fuzz-cli.test.ts ("pattern check on 16 generated patterns"). */
const TOKEN = fc.constantFrom(
    "{", "}", "(", ")", " ", "$.errorCode", "$.eventName", "$.a[0].b", "=", "!=", "&&", "||", "NOT EXISTS", "IS NULL",
    '"*UnauthorizedOperation"', '"AccessDenied*"', '"x"', "*", "%Access.*%", "[", "]", ",", "...", "?", "-", '"', "\\", "1e309", "😀", "\u202e",
);
const FUZZ_PATTERN = fc.oneof(
    fc.array(TOKEN, { maxLength: 25 }).map((ts) => ts.join("")),
    fc.string({ unit: "grapheme", maxLength: 60 }),
    fc.constantFrom(CIS_V5_PATTERN).chain((p) => fc.nat(p.length).map((n) => p.slice(0, n) + p.slice(n + 1))),
);

/** Term patterns from the words of the catalog's own texts (with `?`/`-` prefixes): the shape that was slow. */
const CATALOG_WORDS = [...new Set(MONITORING_CONTROLS.flatMap((c) => c.patterns.cisV5.split(/\s+/)).filter((w) => w !== ""))].sort();
const TERM_PATTERN = fc
    .array(fc.tuple(fc.constantFrom("", "", "", "-", "?"), fc.constantFrom(...CATALOG_WORDS)), { minLength: 1, maxLength: 5 })
    .map((terms) => terms.map(([prefix, word]) => prefix + word).join(" "));

/** The fixed seeds; the recorded answers hold for exactly these samples. */
export const FUZZ_SEED = 20261202;
export const TERM_SEED = 20261203;

function byId(id: string): MonitoringControl {
    const c = MONITORING_CONTROLS.find((m) => m.id === id);
    if (c === undefined) throw new Error(`no monitoring control ${id}`);
    return c;
}

/** The corpus, in a fixed order. */
export function assessCorpus(): CorpusCase[] {
    const cases: CorpusCase[] = [];
    for (const c of MONITORING_CONTROLS) {
        for (const text of SLOW_PATTERNS) cases.push({ control: c.id, text });
    }
    const first = (MONITORING_CONTROLS[0] as MonitoringControl).id;
    for (const text of fc.sample(FUZZ_PATTERN, { seed: FUZZ_SEED, numRuns: 300 })) cases.push({ control: first, text });
    for (const text of fc.sample(TERM_PATTERN, { seed: TERM_SEED, numRuns: 60 })) cases.push({ control: first, text });
    return cases;
}

/** The control a case is assessed against. */
export function controlOf(c: CorpusCase): MonitoringControl {
    return byId(c.control);
}

/** SHA-256 of the assessment's JSON text: equal digests mean equal valid, covers, counterexample (key order too), overmatch, error and notes. */
export function answerDigest(answer: PatternAssessment): string {
    return createHash("sha256").update(JSON.stringify(answer)).digest("hex");
}

/** The short form of an answer kept beside its digest, so a mismatch says what changed. */
export function answerSummary(answer: PatternAssessment): string {
    const parts = [
        answer.valid ? "valid" : "invalid",
        `covers=${String(answer.covers)}`,
        answer.counterexample === null ? "no-counterexample" : "counterexample",
        answer.overmatch === null ? "no-overmatch" : "overmatch",
        `notes=${answer.notes.length}`,
    ];
    return parts.join(" ");
}
