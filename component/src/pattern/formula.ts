/**
 * Three-valued boolean formulas over field-class tests: what the coverage
 * search evaluates on partial assignments. "Unknown" stands both for fields
 * not assigned yet and for conditions the search cannot split into classes.
 */
import type { FieldUniverse, ValueClass } from "./model";
import { representative } from "./model";
import type { ValueTest } from "./predicate";

/** Three-valued truth: false, true, unknown. */
export type Tri = 0 | 1 | 2;

/** A formula whose leaves test the class assigned to one field. */
export type Formula =
    | { readonly kind: "test"; readonly field: number; readonly test: ValueTest; readonly onStrings: boolean }
    | { readonly kind: "unknown" }
    | { readonly kind: "const"; readonly value: boolean }
    | { readonly kind: "not"; readonly part: Formula }
    | { readonly kind: "and" | "or"; readonly parts: readonly Formula[] };

/** Evaluates `f` on a (partial) assignment of class indexes; -1 means unassigned. */
export function evaluate(f: Formula, assignment: Int32Array, universe: FieldUniverse): Tri {
    switch (f.kind) {
        case "const":
            return f.value ? 1 : 0;
        case "unknown":
            return 2;
        case "test": {
            const index = assignment[f.field] as number;
            if (index < 0) return 2;
            const cls = (universe.fields[f.field] as { classes: ValueClass[] }).classes[index] as ValueClass;
            if (cls.kind === "anyString" && f.onStrings) return 2;
            return f.test(representative(cls)) ? 1 : 0;
        }
        case "not": {
            const v = evaluate(f.part, assignment, universe);
            return v === 2 ? 2 : v === 1 ? 0 : 1;
        }
        case "and": {
            let result: Tri = 1;
            for (const p of f.parts) {
                const v = evaluate(p, assignment, universe);
                if (v === 0) return 0;
                if (v === 2) result = 2;
            }
            return result;
        }
        case "or": {
            let result: Tri = 0;
            for (const p of f.parts) {
                const v = evaluate(p, assignment, universe);
                if (v === 1) return 1;
                if (v === 2) result = 2;
            }
            return result;
        }
    }
}

/** Adds the ids of the fields `formulas` test to `into`. */
export function referencedFields(formulas: readonly Formula[], into: Set<number>): void {
    const visit = (f: Formula): void => {
        if (f.kind === "test") into.add(f.field);
        else if (f.kind === "not") visit(f.part);
        else if (f.kind === "and" || f.kind === "or") f.parts.forEach(visit);
    };
    formulas.forEach(visit);
}
