/**
 * What the pattern tests import: the engine as users import it, plus a
 * test-only glob check and clause semantics written independently of the engine's.
 */
import * as assert from "node:assert/strict";
import { type FieldClause, type FilterPattern, parsePattern } from "trailwatch/engine";

export * from "trailwatch/engine";

/** The parsed pattern; fails the test when `text` does not parse. */
export function parsedForTest(text: string): FilterPattern {
    const result = parsePattern(text);
    assert.ok(result.ok, text);
    return result.pattern;
}

/** True when `s` matches one of the `*` globs (anchored, case-sensitive), via a regex built here, not by the engine. */
export function globMatchesForTest(globs: readonly string[], s: string): boolean {
    return globs.some((g) => new RegExp(`^${g.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*")}$`).test(s));
}

/** The value at a dotted path, or undefined when a step is absent (JSON never holds undefined). */
export function valueAtForTest(record: unknown, path: string): unknown {
    let v: unknown = record;
    for (const key of path.split(".")) {
        if (typeof v !== "object" || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
        v = (v as Record<string, unknown>)[key];
    }
    return v;
}

/** The clause semantics of intent/types.ts, written again for the tests. */
export function clauseHoldsForTest(record: unknown, clause: FieldClause): boolean {
    const v = valueAtForTest(record, clause.field);
    const isMatch = (globs: readonly string[]): boolean => typeof v === "string" && globMatchesForTest(globs, v);
    if ("anyOf" in clause) return isMatch(clause.anyOf);
    if ("noneOf" in clause) return !isMatch(clause.noneOf);
    return clause.exists === (v !== undefined);
}
