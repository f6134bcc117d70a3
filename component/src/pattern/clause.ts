/**
 * The meaning of an intent's clauses on concrete values and records: the
 * semantics the search's formulas encode, and the independent checks every
 * reported record must pass.
 */
import type { FieldClause, MonitoringIntent, RecordCondition, RecordShape } from "../intent";
import type { SelectorSegment } from "./ast";
import { globMatches } from "./glob";
import { MISSING, type ValueTest, resolveSelector } from "./predicate";

/** Key segments of a dotted path such as `userIdentity.invokedBy`. */
export function dottedSegments(path: string): SelectorSegment[] {
    return path.split(".").map((name) => ({ kind: "key", name }));
}

/** A test that the value is a string matching one of `globs`. */
export function stringGlobTest(globs: readonly string[]): ValueTest {
    return (v) => typeof v === "string" && globs.some((g) => globMatches(g, v));
}

/** The globs a clause names (none for `exists`). */
export function clauseGlobs(clause: FieldClause): readonly string[] {
    return "anyOf" in clause ? clause.anyOf : "noneOf" in clause ? clause.noneOf : [];
}

/** The test a clause applies to the value at its field ({@link MISSING} when absent). */
export function clauseTest(clause: FieldClause): ValueTest {
    if ("anyOf" in clause) return stringGlobTest(clause.anyOf);
    if ("noneOf" in clause) {
        const matches = stringGlobTest(clause.noneOf);
        return (v) => !matches(v);
    }
    return clause.exists ? (v) => v !== MISSING : (v) => v === MISSING;
}

/** True when the clause can only hold on a present field. */
export function clauseRequiresField(clause: FieldClause): boolean {
    return "anyOf" in clause || ("exists" in clause && clause.exists);
}

/** A user's exclusion shape as clauses: every field present and matching its glob. */
export function shapeCondition(shape: RecordShape): RecordCondition {
    return Object.entries(shape).map(([field, glob]) => ({ field, anyOf: [glob] }));
}

/** Whether a concrete record satisfies every clause of `condition`. */
export function satisfies(record: unknown, condition: RecordCondition): boolean {
    return condition.every((c) => clauseTest(c)(resolveSelector(record, dottedSegments(c.field))));
}

/** Whether a concrete record has every field CloudTrail always writes. */
export function hasPresentFields(record: unknown, intent: MonitoringIntent): boolean {
    return intent.presentFields.every((f) => resolveSelector(record, dottedSegments(f)) !== MISSING);
}

/** Independent check that a concrete record is one the intent says must be caught. */
export function inScope(record: unknown, intent: MonitoringIntent, exempt: readonly RecordCondition[]): boolean {
    return hasPresentFields(record, intent) && satisfies(record, intent.mustMatch) && !exempt.some((c) => satisfies(record, c));
}

/** Independent check that a concrete record is one the control means (in scope or allowed to be missed). */
export function inMeaning(record: unknown, intent: MonitoringIntent): boolean {
    return satisfies(record, intent.mustMatch);
}
