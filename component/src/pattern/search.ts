/**
 * The exhaustive search both verdicts run: a depth-first (DPLL-style) walk
 * over the field classes of a universe, pruned by three-valued evaluation of
 * the constraints on partial assignments. A complete assignment that no
 * constraint refutes becomes a concrete record, which `accept` re-checks
 * with the real matcher and an independent scope check before it counts.
 */
import { type Formula, evaluate, referencedFields } from "./formula";
import type { FieldUniverse, ValueClass } from "./model";
import { concretize } from "./record";

/** Search nodes visited at most per search; beyond it the decision is reported as unproven. */
export const MAX_SEARCH_NODES = 200_000;

/** What {@link searchRecord} looks for. */
export interface SearchProblem {
    readonly universe: FieldUniverse;
    /** Every one must hold for the record. */
    readonly constraints: readonly Formula[];
    /** The independent confirmation of a candidate record. */
    readonly accept: (record: Record<string, unknown>) => boolean;
}

/** The outcome: a confirmed record, proof that none exists, or why neither could be shown. */
export type SearchResult =
    | { readonly status: "found"; readonly record: Record<string, unknown> }
    | { readonly status: "none" }
    | { readonly status: "unproven"; readonly reason: string };

/** Runs the search; never throws. */
export function searchRecord(problem: SearchProblem): SearchResult {
    const { universe, constraints } = problem;
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
            if (problem.accept(record)) return record;
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
    if (record !== null) return { status: "found", record };
    if (nodes > MAX_SEARCH_NODES) return { status: "unproven", reason: `the search exceeded ${MAX_SEARCH_NODES} steps` };
    if (unproven !== null) return { status: "unproven", reason: unproven };
    return { status: "none" };
}
