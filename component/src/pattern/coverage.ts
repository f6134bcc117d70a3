/**
 * {@link decideCoverage}: do these patterns match every record the intent
 * says must be caught? Decided exactly from the patterns' own conditions,
 * never from a fixed sample of records.
 *
 * Method. model.ts turns every field that the patterns, the intent or the
 * exclusions mention into a variable over finitely many value classes, such
 * that all values in a class satisfy exactly the same conditions. The search
 * (search.ts) looks for an assignment that is in scope (every `mustMatch`
 * clause holds, no `mayMiss` or excluded condition holds, every present
 * field is present) and that no pattern matches. No such assignment means
 * the patterns cover the intent; otherwise the assignment, turned into a
 * record, is the counterexample. Every counterexample is re-checked with
 * `matchesEvent` and an independent scope check before it is reported.
 *
 * Conditions the search cannot split into classes (wildcard selectors, term
 * patterns beyond what the intent implies, space-delimited patterns, regexes
 * too large for the automaton budget) evaluate to "unknown": the decision
 * stays sound (it never claims coverage without proof) and says so in its notes.
 */
import type { FilterPattern } from "./ast";
import type { MonitoringIntent, RecordCondition, RecordShape } from "../intent";
import { clauseRequiresField, inScope, shapeCondition } from "./clause";
import { matchesEvent } from "./evaluate";
import type { Formula } from "./formula";
import { READINGS, type Reading, dependsOnPrecedence } from "./logic";
import { type TermContext, implicableTerms, jsonAtoms, patternFormula, patternUniverse } from "./pattern-formula";
import { hasWildcard } from "./predicate";
import { clauseFormula, conditionFormula, orderLike } from "./record";
import { type SearchResult, searchRecord } from "./search";

export { MAX_SEARCH_NODES } from "./search";

/** The answer of {@link decideCoverage}. */
export interface CoverageVerdict {
    /** True only when the patterns together cover the intent under every reading of the pattern text. */
    readonly covers: boolean;
    /** A minimal realistic CloudTrail record that is in scope and matched by none of the patterns; null when covers. */
    readonly counterexample: Record<string, unknown> | null;
    /** Human notes, e.g. that the verdict depends on the undocumented && / || precedence. */
    readonly notes: readonly string[];
}

/** Options of {@link decideCoverage}. */
export interface CoverageOptions {
    /** Record shapes the user deliberately tunes out (e.g. CloudFront-invoked calls): they need not be matched. */
    readonly excludedRecords?: readonly RecordShape[];
}

/** Key names every in-scope record carries, so they occur in its JSON text. */
function guaranteedKeys(intent: MonitoringIntent, withMustMatch: boolean): Set<string> {
    const paths = [...intent.presentFields, ...(withMustMatch ? intent.mustMatch.filter(clauseRequiresField).map((c) => c.field) : [])];
    return new Set(paths.flatMap((path) => path.split(".")));
}

/** The term context of a search: which keys are guaranteed, which terms values can imply. */
export function termContext(patterns: readonly FilterPattern[], intent: MonitoringIntent, inScopeOnly: boolean): TermContext {
    return { keys: guaranteedKeys(intent, inScopeOnly), implicable: new Set(implicableTerms(patterns)) };
}

/** The notes every verdict on these patterns carries: what parts were analysed how. */
export function analysisNotes(patterns: readonly FilterPattern[], undecided: readonly string[]): string[] {
    const notes: string[] = [];
    for (const pattern of patterns) {
        if (pattern.kind === "terms") {
            notes.push(
                "Term patterns are matched against the record's JSON text (as substrings); coverage is proven only where every in-scope record's text must contain the terms: a key every such record carries, or a value the control fixes.",
            );
        } else if (pattern.kind === "delimited") {
            notes.push("Space-delimited patterns split the record's JSON text at spaces; their coverage of CloudTrail records is not analysed.");
        } else if (pattern.kind === "json" && jsonAtoms(pattern.expr).some((a) => hasWildcard(a.selector))) {
            notes.push("Conditions with wildcard selectors ([*], .*) are not analysed field by field; coverage is claimed only when the rest of the pattern proves it.");
        }
    }
    if (undecided.length > 0) {
        notes.push(`String conditions on ${undecided.join(", ")} could not be fully analysed (regex too large or search budget reached).`);
    }
    return notes;
}

/** The readings a set of patterns must be judged under. */
export function readingsFor(patterns: readonly FilterPattern[]): readonly Reading[] {
    return patterns.some(dependsOnPrecedence) ? READINGS : ["conventional"];
}

/**
 * Decides whether `patterns` together match every record `intent` says must
 * be caught: every record that satisfies all `mustMatch` clauses, has every
 * `presentFields` field, and satisfies no `mayMiss` condition and no
 * `options.excludedRecords` shape.
 *
 * `covers` is true only when this holds under every reading of the pattern
 * text (see logic.ts on `&&`/`||` precedence). One reading applies to all
 * patterns at once, since CloudWatch parses every pattern by the same rules.
 * Otherwise `counterexample` is a record that is in scope and matched by no
 * pattern: the example record's values for the present fields, optional
 * fields absent unless a value is needed, and realistic witness strings. It
 * is null only when the decision could not be completed (the notes say why);
 * coverage is then not claimed. Never throws for parsed patterns.
 */
export function decideCoverage(
    patterns: readonly FilterPattern[],
    intent: MonitoringIntent,
    options: CoverageOptions = {},
): CoverageVerdict {
    const exempt: RecordCondition[] = [...intent.mayMiss, ...(options.excludedRecords ?? []).map(shapeCondition)];
    const universe = patternUniverse(patterns, intent, exempt);
    const context = termContext(patterns, intent, true);
    const readings = readingsFor(patterns);
    const ambiguous = readings.length > 1;
    const scope: Formula[] = [
        ...intent.mustMatch.map((c) => clauseFormula(c, universe)),
        ...exempt.map((c): Formula => ({ kind: "not", part: conditionFormula(c, universe) })),
    ];

    const results = readings.map((reading) => {
        const result: SearchResult = searchRecord({
            universe,
            constraints: [...scope, ...patterns.map((p): Formula => ({ kind: "not", part: patternFormula(p, reading, universe, context) }))],
            accept: (record) => patterns.every((p) => !matchesEvent(p, record, { reading })) && inScope(record, intent, exempt),
        });
        return { reading, result };
    });
    const notes: string[] = [];
    if (ambiguous) {
        const verdicts = results.map(({ result }) => (result.status === "none" ? "covers" : "does not cover"));
        const summary = results.map(({ reading }, i) => `${reading}: ${verdicts[i]}`);
        // Advise parentheses only when the reading changes the verdict: the CIS text itself mixes && and || and is what
        // Security Hub, Prowler and Steampipe compare verbatim, so advising a change to it where nothing depends on it
        // would steer users away from the benchmark's own text.
        const agree = verdicts.every((v) => v === verdicts[0]);
        notes.push(
            "The pattern mixes && and || without parentheses. CloudWatch Logs documents && binding tighter than || " +
                "(archived guide, 'JSON Compound Conditions'); the current guide does not restate it, so the verdict " +
                `must hold under both readings (${summary.join("; ")}). ` +
                (agree ? "The verdict does not depend on the reading; nothing to change for it." : "Add parentheses to make the intent explicit."),
        );
    }
    notes.push(...analysisNotes(patterns, universe.undecided));

    for (const { reading, result } of results) {
        if (result.status === "found") {
            if (ambiguous) notes.push(`Counterexample found under the ${reading} reading.`);
            const record = orderLike(result.record, intent.exampleRecord) as Record<string, unknown>;
            return { covers: false, counterexample: record, notes: [...new Set(notes)] };
        }
    }
    for (const { result } of results) {
        if (result.status === "unproven") {
            notes.push(`Coverage could not be proven: ${result.reason}.`);
            return { covers: false, counterexample: null, notes: [...new Set(notes)] };
        }
    }
    return { covers: true, counterexample: null, notes: [...new Set(notes)] };
}
