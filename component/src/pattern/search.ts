/**
 * The exhaustive search both verdicts run: a depth-first (DPLL-style) walk
 * over the field classes of a universe, pruned by three-valued evaluation of
 * the constraints on partial assignments. A complete assignment that no
 * constraint refutes becomes a concrete record, which `accept` re-checks
 * with the real matcher and an independent scope check before it counts.
 *
 * When the caller has proven that `accept` rejects every record the universe
 * can produce (a term no record's text can hold), no record can be found, and
 * the outcome depends only on how many nodes the walk visits and on its first
 * complete assignment. The walk is then counted instead: the same tree, with
 * each subtree's size memoised on what its prefix leaves of the constraints
 * (residual.ts), so the answer is the walk's, step budget included, at the
 * cost of the distinct residuals rather than of every record.
 */
import { type Formula, type Tri, evaluate, referencedFields } from "./formula";
import type { FieldUniverse, ValueClass } from "./model";
import { concretize } from "./record";
import { type Residual, ResidualTable } from "./residual";

/** Search nodes visited at most per search; beyond it the decision is reported as unproven. */
export const MAX_SEARCH_NODES = 200_000;

/** What {@link searchRecord} looks for. */
export interface SearchProblem {
    readonly universe: FieldUniverse;
    /** Every one must hold for the record. */
    readonly constraints: readonly Formula[];
    /** The independent confirmation of a candidate record. */
    readonly accept: (record: Record<string, unknown>) => boolean;
    /**
     * True only when `accept` is proven to reject every record `concretize`
     * can build from this universe: the walk is then counted, not run, with the same result.
     */
    readonly acceptsNone?: boolean;
    /** The step budget; {@link MAX_SEARCH_NODES} unless a test asks for less. */
    readonly maxNodes?: number;
}

/** The outcome: a confirmed record, proof that none exists, or why neither could be shown. */
export type SearchResult =
    | { readonly status: "found"; readonly record: Record<string, unknown> }
    | { readonly status: "none" }
    | { readonly status: "unproven"; readonly reason: string };

const UNANALYSABLE =
    "parts of the pattern (wildcard selectors, term or space-delimited patterns, or very large regexes) cannot be analysed field by field";
const UNCONFIRMED = "a candidate record could not be confirmed";

/** Whether the class assigned to field `id`'s parent can hold it (an object for a key, an array for an index); true at the top. */
function fitsParent(universe: FieldUniverse, assignment: Int32Array, id: number): boolean {
    const field = universe.fields[id] as (typeof universe.fields)[number];
    if (field.parent === null) return true;
    const parentClass = (universe.fields[field.parent] as (typeof universe.fields)[number]).classes[assignment[field.parent] as number] as ValueClass;
    const last = field.segments[field.segments.length - 1];
    return last?.kind === "index" ? parentClass.kind === "array" : parentClass.kind === "object";
}

/** The classes the walk tries for field `id` given the assignment of the fields before it. */
function domainOf(universe: FieldUniverse, referenced: ReadonlySet<number>, assignment: Int32Array, id: number): number[] {
    const field = universe.fields[id] as (typeof universe.fields)[number];
    if (!fitsParent(universe, assignment, id)) {
        const absent = field.classes.findIndex((c) => c.kind === "absent");
        return absent >= 0 ? [absent] : [];
    }
    if (!referenced.has(id)) return field.classes.length > 0 ? [0] : [];
    return field.classes.map((_, i) => i);
}

/** Runs the search; never throws. */
export function searchRecord(problem: SearchProblem): SearchResult {
    const { universe, constraints } = problem;
    const budget = problem.maxNodes ?? MAX_SEARCH_NODES;
    const referenced = new Set<number>();
    referencedFields(constraints, referenced);
    for (const f of universe.fields) {
        if (f.parent !== null) referenced.add(f.parent);
    }
    if (problem.acceptsNone === true) return countedSearch(problem, referenced, budget);

    const n = universe.fields.length;
    const assignment = new Int32Array(n).fill(-1);
    let nodes = 0;
    let unproven: string | null = null;

    const visit = (depth: number): Record<string, unknown> | null => {
        if (++nodes > budget) return null;
        if (depth === n) {
            const values = constraints.map((c) => evaluate(c, assignment, universe));
            if (values.some((v) => v === 0)) return null;
            const record = concretize(assignment, universe);
            if (problem.accept(record)) return record;
            unproven ??= values.some((v) => v === 2) ? UNANALYSABLE : UNCONFIRMED;
            return null;
        }
        for (const cls of domainOf(universe, referenced, assignment, depth)) {
            assignment[depth] = cls;
            if (constraints.every((c) => evaluate(c, assignment, universe) !== 0)) {
                const found = visit(depth + 1);
                if (found !== null) return found;
            }
            if (nodes > budget) break;
        }
        assignment[depth] = -1;
        return null;
    };
    const record = visit(0);
    if (record !== null) return { status: "found", record };
    if (nodes > budget) return { status: "unproven", reason: `the search exceeded ${budget} steps` };
    if (unproven !== null) return { status: "unproven", reason: unproven };
    return { status: "none" };
}

/** A subtree of the walk: how many nodes it visits, and the value of the constraints at its first complete assignment (null: none). */
interface Subtree {
    readonly nodes: number;
    readonly firstLeaf: Tri | null;
}

/**
 * The outcome `searchRecord` reaches when `accept` rejects everything: every
 * complete assignment is rejected, so the walk visits the whole tree unless
 * the budget stops it, and its reason is the first complete assignment's.
 * The subtree under a prefix depends on the prefix only through the residual
 * of the constraints and, for fields whose parent the prefix assigned,
 * whether that parent's class can hold them; both make the memo key.
 */
function countedSearch(problem: SearchProblem, referenced: ReadonlySet<number>, budget: number): SearchResult {
    const { universe } = problem;
    const n = universe.fields.length;
    const table = new ResidualTable(universe);
    const assignment = new Int32Array(n).fill(-1);
    // For each depth, the later fields whose parent is assigned before it.
    const fixedParents = universe.fields.map((_, depth) => universe.fields.filter((f) => f.id >= depth && f.parent !== null && f.parent < depth));
    const memo = new Map<string, Subtree>();
    let nodes = 0;
    const over = (): boolean => nodes > budget;

    const key = (depth: number, residual: Residual): string => {
        let parents = "";
        for (const f of fixedParents[depth] ?? []) parents += fitsParent(universe, assignment, f.id) ? "1" : "0";
        return `${depth}:${residual.id}:${parents}`;
    };
    // Counts the subtree like `visit` walks it; adds to `nodes` as it goes, so the budget stops it at the same point.
    const count = (depth: number, residual: Residual): Subtree | null => {
        if (depth === n) {
            nodes++;
            const value = table.truth(residual);
            return { nodes: 1, firstLeaf: value === 0 ? null : value };
        }
        const k = key(depth, residual);
        const known = memo.get(k);
        if (known !== undefined) {
            nodes += known.nodes;
            return over() ? null : known;
        }
        nodes++;
        let size = 1;
        let firstLeaf: Tri | null = null;
        for (const cls of domainOf(universe, referenced, assignment, depth)) {
            assignment[depth] = cls;
            const next = table.assign(residual, depth, cls);
            if (next.kind !== "false") {
                const sub = count(depth + 1, next);
                if (sub === null) return null;
                size += sub.nodes;
                firstLeaf ??= sub.firstLeaf;
            }
            if (over()) return null;
        }
        assignment[depth] = -1;
        const result = { nodes: size, firstLeaf };
        memo.set(k, result);
        return result;
    };
    const root = table.of({ kind: "and", parts: problem.constraints });
    const tree = count(0, root);
    if (tree === null || over()) return { status: "unproven", reason: `the search exceeded ${budget} steps` };
    if (tree.firstLeaf !== null) return { status: "unproven", reason: tree.firstLeaf === 2 ? UNANALYSABLE : UNCONFIRMED };
    return { status: "none" };
}
