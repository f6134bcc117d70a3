/**
 * Records of the coverage search: glob tests for intent clauses and shapes,
 * the independent scope check every counterexample must pass, and turning a
 * class assignment into a concrete record that reads like CloudTrail's.
 */
import type { MonitoringIntent, RecordShape } from "../intent";
import { formatSelector } from "./format";
import type { Formula } from "./formula";
import { globMatches } from "./glob";
import { type FieldUniverse, type ValueClass, dottedSegments } from "./model";
import { MISSING, type ValueTest, resolveSelector } from "./predicate";

/** A test that the value is a string matching one of `globs`. */
export function stringGlobTest(globs: readonly string[]): ValueTest {
    return (v) => typeof v === "string" && globs.some((g) => globMatches(g, v));
}

/** The formula "the record belongs to `shape`". */
export function shapeFormula(shape: RecordShape, universe: FieldUniverse): Formula {
    return {
        kind: "and",
        parts: Object.entries(shape).map(([field, glob]) => ({
            kind: "test" as const,
            field: universe.byKey.get(formatSelector(dottedSegments(field))) as number,
            test: stringGlobTest([glob]),
            onStrings: true,
        })),
    };
}

/** Independent check that a concrete record is one the intent says must be caught. */
export function inScope(record: unknown, intent: MonitoringIntent, shapes: readonly RecordShape[]): boolean {
    const valueAt = (path: string): unknown => resolveSelector(record, dottedSegments(path));
    const inShape = (shape: RecordShape): boolean =>
        Object.entries(shape).every(([field, glob]) => {
            const v = valueAt(field);
            return typeof v === "string" && globMatches(glob, v);
        });
    return (
        intent.presentFields.every((f) => valueAt(f) !== MISSING) &&
        intent.mustMatch.every((c) => stringGlobTest(c.anyOf)(valueAt(c.field))) &&
        !shapes.some(inShape)
    );
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
