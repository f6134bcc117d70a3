/**
 * {@link decideCoverage}: do these patterns match every record the intent
 * says must be caught? Decided exactly from the patterns' own conditions,
 * never from a fixed sample of records.
 *
 * Method. model.ts turns every field that the patterns, the intent or the
 * exclusions mention into a variable over finitely many value classes, such
 * that all values in a class satisfy exactly the same conditions. A
 * depth-first search (DPLL-style, with three-valued evaluation of partial
 * assignments for pruning) looks for an assignment that is in scope (every
 * `mustMatch` clause holds, no `mayMiss` or excluded shape holds, every
 * present field is present) and that no pattern matches. No such assignment
 * means the patterns cover the intent; otherwise the assignment, turned into
 * a record, is the counterexample. Every counterexample is re-checked with
 * `matchesEvent` and an independent scope check before it is reported.
 *
 * Conditions the search cannot split into classes (wildcard selectors, term
 * and space-delimited patterns, regexes too large for the automaton budget)
 * evaluate to "unknown": the decision stays sound (it never claims coverage
 * without proof) and says so in its notes.
 */
import type { FilterPattern, JsonAtom, JsonExpr, Term } from "./ast";
import type { MonitoringIntent, RecordShape } from "../intent";
import { matchesEvent } from "./evaluate";
import { type Formula, evaluate, referencedFields } from "./formula";
import { formatSelector } from "./format";
import { type Logic, READINGS, type Reading, dependsOnPrecedence, jsonLogic } from "./logic";
import { type FieldUniverse, type ValueClass, buildUniverse, dottedSegments } from "./model";
import { compileValueTest, hasWildcard } from "./predicate";
import { concretize, inScope, orderLike, shapeFormula, stringGlobTest } from "./record";

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

/** Search nodes visited at most per reading; beyond it the decision is reported as unproven. */
export const MAX_SEARCH_NODES = 200_000;

function jsonAtoms(expr: JsonExpr): JsonAtom[] {
    switch (expr.kind) {
        case "group":
            return jsonAtoms(expr.expr);
        case "chain":
            return expr.operands.flatMap(jsonAtoms);
        default:
            return [expr];
    }
}

/** Keys every in-scope record carries, so they occur in its JSON text. */
function guaranteedKeys(intent: MonitoringIntent): Set<string> {
    const keys = new Set<string>();
    for (const path of [...intent.presentFields, ...intent.mustMatch.map((c) => c.field)]) {
        for (const name of path.split(".")) keys.add(name);
    }
    return keys;
}

/**
 * A term pattern is proven to match every in-scope record only when it
 * excludes nothing and its required terms (or one of its `?` terms) are names
 * of keys every in-scope record carries: the key occurs in the record's JSON
 * text whatever the values are. Anything else is left unknown.
 *
 * This stays sound whether CloudWatch matches terms as substrings (our
 * matcher's reading) or as whole words: a key name is a whole word of the
 * JSON text (it sits between quotes), and a record missed by substring
 * matching is missed by word matching too, so reported counterexamples hold
 * under both.
 */
function termsProvablyMatch(terms: readonly Term[], keys: Set<string>): boolean {
    const known = (t: Term): boolean => t.form !== "regex" && keys.has(t.text);
    if (terms.some((t) => t.mode === "excluded")) return false;
    const required = terms.filter((t) => t.mode === "required");
    const optional = terms.filter((t) => t.mode === "optional");
    return required.every(known) && (optional.length === 0 || optional.some(known));
}

function patternFormula(pattern: FilterPattern, reading: Reading, universe: FieldUniverse, keys: Set<string>): Formula {
    switch (pattern.kind) {
        case "all":
            return { kind: "const", value: true };
        case "terms":
            return termsProvablyMatch(pattern.terms, keys) ? { kind: "const", value: true } : { kind: "unknown" };
        case "delimited":
            return { kind: "unknown" };
        case "json": {
            const convert = (logic: Logic<JsonAtom>): Formula => {
                if (logic.kind !== "atom") return { kind: logic.kind, parts: logic.parts.map(convert) };
                const atom = logic.atom;
                if (hasWildcard(atom.selector)) return { kind: "unknown" };
                const field = universe.byKey.get(formatSelector(atom.selector)) as number;
                const onStrings = atom.kind === "compare" && atom.value.kind !== "number";
                return { kind: "test", field, test: compileValueTest(atom), onStrings };
            };
            return convert(jsonLogic(pattern.expr, reading));
        }
    }
}

type ReadingResult =
    | { readonly status: "covers" }
    | { readonly status: "counterexample"; readonly record: Record<string, unknown> }
    | { readonly status: "unproven"; readonly reason: string };

interface SearchInput {
    readonly patterns: readonly FilterPattern[];
    readonly reading: Reading;
    readonly universe: FieldUniverse;
    readonly intent: MonitoringIntent;
    readonly shapes: readonly RecordShape[];
    readonly keys: Set<string>;
}

function searchReading(input: SearchInput): ReadingResult {
    const { universe, intent, shapes, reading } = input;
    const constraints: Formula[] = [];
    for (const clause of intent.mustMatch) {
        const field = universe.byKey.get(formatSelector(dottedSegments(clause.field))) as number;
        constraints.push({ kind: "test", field, test: stringGlobTest(clause.anyOf), onStrings: true });
    }
    for (const shape of shapes) {
        constraints.push({ kind: "not", part: shapeFormula(shape, universe) });
    }
    for (const pattern of input.patterns) {
        constraints.push({ kind: "not", part: patternFormula(pattern, reading, universe, input.keys) });
    }
    const referenced = new Set<number>();
    referencedFields(constraints, referenced);
    for (const f of universe.fields) {
        if (f.parent !== null) referenced.add(f.parent);
    }

    const n = universe.fields.length;
    const assignment = new Int32Array(n).fill(-1);
    let nodes = 0;
    let unproven: string | null = null;

    const domain = (id: number): number[] => {
        const field = universe.fields[id] as (typeof universe.fields)[number];
        const absent = field.classes.findIndex((c) => c.kind === "absent");
        if (field.parent !== null) {
            const parentClass = (universe.fields[field.parent] as (typeof universe.fields)[number]).classes[
                assignment[field.parent] as number
            ] as ValueClass;
            const last = field.segments[field.segments.length - 1];
            const fits = last?.kind === "index" ? parentClass.kind === "array" : parentClass.kind === "object";
            if (!fits) return absent >= 0 ? [absent] : [];
        }
        if (!referenced.has(id)) return field.classes.length > 0 ? [0] : [];
        return field.classes.map((_, i) => i);
    };

    const visit = (depth: number): Record<string, unknown> | null => {
        if (++nodes > MAX_SEARCH_NODES) return null;
        if (depth === n) {
            const values = constraints.map((c) => evaluate(c, assignment, universe));
            if (values.some((v) => v === 0)) return null;
            const record = concretize(assignment, universe);
            const unmatched = input.patterns.every((p) => !matchesEvent(p, record, { reading }));
            if (unmatched && inScope(record, intent, shapes)) return orderLike(record, intent.exampleRecord) as Record<string, unknown>;
            unproven ??= values.some((v) => v === 2)
                ? "parts of the pattern (wildcard selectors, term or space-delimited patterns, or very large regexes) cannot be analysed field by field"
                : "a candidate record could not be confirmed";
            return null;
        }
        for (const cls of domain(depth)) {
            assignment[depth] = cls;
            if (constraints.every((c) => evaluate(c, assignment, universe) !== 0)) {
                const found = visit(depth + 1);
                if (found !== null) return found;
            }
            if (nodes > MAX_SEARCH_NODES) break;
        }
        assignment[depth] = -1;
        return null;
    };
    const record = visit(0);
    if (record !== null) return { status: "counterexample", record };
    if (nodes > MAX_SEARCH_NODES) return { status: "unproven", reason: `the search exceeded ${MAX_SEARCH_NODES} steps` };
    if (unproven !== null) return { status: "unproven", reason: unproven };
    return { status: "covers" };
}

/**
 * Decides whether `patterns` together match every record `intent` says must
 * be caught: every record that satisfies all `mustMatch` clauses, has every
 * `presentFields` field, and belongs to no `mayMiss` shape and no
 * `options.excludedRecords` shape.
 *
 * `covers` is true only when this holds under every reading of the pattern
 * text (see logic.ts on `&&`/`||` precedence). One reading applies to all
 * patterns at once, since CloudWatch parses every pattern by the same rules.
 * Otherwise `counterexample` is a record that is in scope and matched by no
 * pattern: the example record's values for the present fields, optional
 * fields absent unless a value is needed, and realistic witness strings. It is null only when the decision
 * could not be completed (the notes say why); coverage is then not claimed.
 * Never throws for parsed patterns.
 */
export function decideCoverage(
    patterns: readonly FilterPattern[],
    intent: MonitoringIntent,
    options: CoverageOptions = {},
): CoverageVerdict {
    const shapes = [...intent.mayMiss, ...(options.excludedRecords ?? [])];
    const atoms = patterns.flatMap((p) => (p.kind === "json" ? jsonAtoms(p.expr) : [])).filter((a) => !hasWildcard(a.selector));
    const universe = buildUniverse({ atoms, intent, shapes });
    const keys = guaranteedKeys(intent);
    const ambiguous = patterns.some(dependsOnPrecedence);
    const readings: readonly Reading[] = ambiguous ? READINGS : ["conventional"];
    const notes: string[] = [];

    const results = readings.map((reading) => ({
        reading,
        result: searchReading({ patterns, reading, universe, intent, shapes, keys }),
    }));
    if (ambiguous) {
        const summary = results.map(({ reading, result }) => `${reading}: ${result.status === "covers" ? "covers" : "does not cover"}`);
        notes.push(
            "The pattern mixes && and || without parentheses. CloudWatch Logs documents && binding tighter than || " +
                "(archived guide, 'JSON Compound Conditions'); the current guide does not restate it, so the verdict " +
                `must hold under both readings (${summary.join("; ")}). Add parentheses to make the intent explicit.`,
        );
    }
    for (const pattern of patterns) {
        if (pattern.kind === "terms") {
            notes.push(
                "Term patterns are matched against the record's JSON text; coverage is proven only when every required term is the name of a field every in-scope record carries.",
            );
        } else if (pattern.kind === "delimited") {
            notes.push("Space-delimited patterns split the record's JSON text at spaces; their coverage of CloudTrail records is not analysed.");
        } else if (pattern.kind === "json" && jsonAtoms(pattern.expr).some((a) => hasWildcard(a.selector))) {
            notes.push("Conditions with wildcard selectors ([*], .*) are not analysed field by field; coverage is claimed only when the rest of the pattern proves it.");
        }
    }
    if (universe.undecided.length > 0) {
        notes.push(`String conditions on ${universe.undecided.join(", ")} could not be fully analysed (regex too large or search budget reached).`);
    }

    const failing = results.find((r) => r.result.status === "counterexample");
    if (failing !== undefined && failing.result.status === "counterexample") {
        if (ambiguous) notes.push(`Counterexample found under the ${failing.reading} reading.`);
        return { covers: false, counterexample: failing.result.record, notes: [...new Set(notes)] };
    }
    const open = results.find((r) => r.result.status === "unproven");
    if (open !== undefined && open.result.status === "unproven") {
        notes.push(`Coverage could not be proven: ${open.result.reason}.`);
        return { covers: false, counterexample: null, notes: [...new Set(notes)] };
    }
    return { covers: true, counterexample: null, notes: [...new Set(notes)] };
}
