/**
 * Records of the coverage search: the formulas of intent clauses, and turning
 * a class assignment into a concrete record that reads like CloudTrail's.
 */
import type { FieldClause, RecordCondition } from "../intent";
import { clauseTest, dottedSegments } from "./clause";
import { formatSelector } from "./format";
import type { Formula } from "./formula";
import type { FieldUniverse, ValueClass } from "./model";

/** The formula "the record satisfies `clause`". */
export function clauseFormula(clause: FieldClause, universe: FieldUniverse): Formula {
    return {
        kind: "test",
        field: universe.byKey.get(formatSelector(dottedSegments(clause.field))) as number,
        test: clauseTest(clause),
        // Only glob clauses read string contents; `exists` is decided on any class.
        onStrings: !("exists" in clause),
    };
}

/** The formula "the record satisfies every clause of `condition`". */
export function conditionFormula(condition: RecordCondition, universe: FieldUniverse): Formula {
    return { kind: "and", parts: condition.map((c) => clauseFormula(c, universe)) };
}

/** The record an assignment of classes stands for (absent fields omitted, containers built from their children). */
export function concretize(assignment: Int32Array, universe: FieldUniverse): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    const values: unknown[] = [];
    for (const field of universe.fields) {
        const cls = field.classes[assignment[field.id] as number] as ValueClass;
        if (cls.kind === "absent") continue;
        const value = cls.kind === "object" ? {} : cls.kind === "array" ? [] : cls.kind === "anyString" ? "example" : cls.value;
        values[field.id] = value;
        const container = field.parent === null ? root : values[field.parent];
        const last = field.segments[field.segments.length - 1];
        if (last?.kind === "key" && typeof container === "object" && container !== null && !Array.isArray(container)) {
            // defineProperty, not assignment: a field named `__proto__` must become a key, as JSON.parse makes it.
            Object.defineProperty(container, last.name, { value, enumerable: true, writable: true, configurable: true });
        } else if (last?.kind === "index" && Array.isArray(container)) {
            while (container.length < last.index) container.push(null);
            container[last.index] = value;
        }
    }
    return root;
}

/** Orders keys as the example record does (then the rest), so a counterexample reads like a real record. */
export function orderLike(value: unknown, example: unknown): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const source = value as Record<string, unknown>;
    const model = typeof example === "object" && example !== null && !Array.isArray(example) ? (example as Record<string, unknown>) : {};
    const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
    const keys = [...Object.keys(model).filter((k) => own(source, k)), ...Object.keys(source).filter((k) => !own(model, k))];
    return Object.fromEntries(keys.map((k) => [k, orderLike(source[k], own(model, k) ? model[k] : undefined)]));
}
