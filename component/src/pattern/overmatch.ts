/**
 * {@link findOvermatch}: does a pattern also count records the control does
 * not mean? An alarm that fires on every call is noise, and no text-matching
 * checker notices (the CIS v3.0 text of 4.1, with `||` between every clause,
 * matches nearly every CloudTrail record).
 *
 * Meaning. A record is *meant* when it satisfies every `mustMatch` clause of
 * the intent (records the control lets you tune out are still meant: matching
 * them is allowed). An overmatch is a record with CloudTrail's always-present
 * fields that is not meant and that some pattern matches, under some reading
 * of `&&`/`||` precedence. The intent's realistic out-of-scope examples are
 * tried first; otherwise the same exhaustive class search as coverage finds one.
 */
import type { FilterPattern } from "./ast";
import type { MonitoringIntent } from "../intent";
import { hasPresentFields, inMeaning } from "./clause";
import { analysisNotes, readingsFor, termContext } from "./coverage";
import { matchesEvent } from "./evaluate";
import type { Reading } from "./logic";
import type { Formula } from "./formula";
import { patternFormula, patternUniverse } from "./pattern-formula";
import { conditionFormula, orderLike } from "./record";
import { matchesNoRecord } from "./record-text";
import { type SearchProblem, searchRecord } from "./search";
import type { FieldUniverse } from "./model";

/** The answer of {@link findOvermatch}. */
export interface OvermatchVerdict {
    /** A CloudTrail record the control does not mean that a pattern matches; null when there is none (or none could be shown: see notes). */
    readonly record: Record<string, unknown> | null;
    /** Why the answer is open, or under which reading the record is matched. */
    readonly notes: readonly string[];
}

/**
 * The search for a record outside `intent` that one of `patterns` matches
 * under `reading`, over `universe` (exported so tests can run it walked and counted).
 */
export function overmatchProblem(patterns: readonly FilterPattern[], intent: MonitoringIntent, universe: FieldUniverse, reading: Reading): SearchProblem {
    const context = termContext(patterns, intent, false);
    const notMeant: Formula = { kind: "not", part: conditionFormula(intent.mustMatch, universe) };
    return {
        universe,
        constraints: [notMeant, { kind: "or", parts: patterns.map((p) => patternFormula(p, reading, universe, context)) }],
        accept: (record) => !inMeaning(record, intent) && hasPresentFields(record, intent) && patterns.some((p) => matchesEvent(p, record, { reading })),
        // Term patterns no record text can satisfy: every candidate would fail `accept`, so the search only counts.
        acceptsNone: matchesNoRecord(patterns, universe),
    };
}

/** Finds a record outside the intent that one of `patterns` matches. Never throws for parsed patterns. */
export function findOvermatch(patterns: readonly FilterPattern[], intent: MonitoringIntent): OvermatchVerdict {
    const readings = readingsFor(patterns);
    const matched = (record: unknown): boolean => readings.some((reading) => patterns.some((p) => matchesEvent(p, record, { reading })));
    const known = (intent.outOfScopeExamples ?? []).find((r) => hasPresentFields(r, intent) && !inMeaning(r, intent) && matched(r));
    if (known !== undefined) return { record: { ...known }, notes: [] };

    const universe = patternUniverse(patterns, intent, []);
    const notes: string[] = [];
    for (const reading of readings) {
        const result = searchRecord(overmatchProblem(patterns, intent, universe, reading));
        if (result.status === "found") {
            notes.push(
                "The overmatch record is built from the pattern's own conditions (not taken from a log): it shows a record the pattern counts although the control does not mean it.",
            );
            if (readings.length > 1) notes.push(`The pattern counts records outside the control under the ${reading} reading of && and ||.`);
            return { record: orderLike(result.record, intent.exampleRecord) as Record<string, unknown>, notes };
        }
        if (result.status === "unproven") {
            notes.push(`Whether the pattern also counts records outside the control could not be decided: ${result.reason}.`);
        }
    }
    if (notes.length > 0) notes.push(...analysisNotes(patterns, universe.undecided));
    return { record: null, notes: [...new Set(notes)] };
}
