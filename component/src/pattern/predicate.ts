/**
 * The meaning of one JSON condition on one record, compiled to closures. The
 * matcher, the evaluator and the coverage decision all use these functions,
 * so they agree by construction.
 *
 * Semantics (Amazon CloudWatch Logs User Guide, "Using filter patterns to
 * match terms in JSON log events", and its archived predecessor "Filter and
 * Pattern Syntax"):
 * - A selector must reach a value node (string or number). On a missing
 *   field, or on an array or object, every comparison is false, `!=`
 *   included (the guide: both `{$.users = 1}` and `{$.users != 1}` fail
 *   when users is an array).
 * - `=`/`!=` with a string (glob) or regex compare string values; with a
 *   number they compare number values. A value of the other type makes both
 *   false: CloudWatch compares typed JSON values and documents no coercion.
 * - `IS NULL` holds only for an explicit null; `NOT EXISTS` only for an
 *   absent field; the two are different. `EXISTS` holds for any present value.
 * - `[*]` and `.*` select every element or property: the condition holds when
 *   any selected value satisfies it (`NOT EXISTS`: when none is selected).
 */
import type { ComparisonOp, ComparisonValue, JsonAtom, SelectorSegment } from "./ast";
import { compileGlob } from "./glob";
import { compileRegex } from "./regex-match";

/** Stands for "no value at this selector" (distinct from JSON null). */
export const MISSING: unique symbol = Symbol("missing");

/** A value found at a selector, or {@link MISSING}. */
export type Probe = unknown;

/** A test on the value at a selector (which may be {@link MISSING}). */
export type ValueTest = (value: Probe) => boolean;

/** A compiled string test: glob equality or regex search. */
export function compileStringTest(value: ComparisonValue): (s: string) => boolean {
    if (value.kind === "regex") {
        return compileRegex(value.source);
    }
    if (value.kind === "string") {
        return compileGlob(value.text);
    }
    const text = String(value.value);
    return (s) => s === text;
}

function compileNumberTest(op: ComparisonOp, c: number): (n: number) => boolean {
    switch (op) {
        case "=":
            return (n) => n === c;
        case "!=":
            return (n) => n !== c;
        case "<":
            return (n) => n < c;
        case ">":
            return (n) => n > c;
        case "<=":
            return (n) => n <= c;
        case ">=":
            return (n) => n >= c;
    }
}

/** Compiles `op value` into a test on one value (see the module doc for the semantics). */
export function compileComparison(op: ComparisonOp, value: ComparisonValue): ValueTest {
    if (value.kind === "number") {
        const test = compileNumberTest(op, value.value);
        return (v) => typeof v === "number" && test(v);
    }
    const test = compileStringTest(value);
    return op === "!=" ? (v) => typeof v === "string" && !test(v) : (v) => typeof v === "string" && test(v);
}

/** Compiles the test an atom applies to the value at its selector. */
export function compileValueTest(atom: JsonAtom): ValueTest {
    switch (atom.kind) {
        case "compare":
            return compileComparison(atom.op, atom.value);
        case "is":
            return (v) => v === atom.value;
        case "exists":
            return atom.negated ? (v) => v === MISSING : (v) => v !== MISSING;
    }
}

/** True when the selector has a `[*]` or `.*` step. */
export function hasWildcard(selector: readonly SelectorSegment[]): boolean {
    return selector.some((s) => s.kind === "anyIndex" || s.kind === "anyKey");
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Follows a wildcard-free selector from the root; {@link MISSING} when any step is absent. */
export function resolveSelector(root: unknown, selector: readonly SelectorSegment[]): Probe {
    let v: unknown = root;
    for (const seg of selector) {
        if (seg.kind === "key") {
            if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, seg.name)) {
                return MISSING;
            }
            v = v[seg.name];
        } else if (seg.kind === "index") {
            if (!Array.isArray(v) || seg.index >= v.length) {
                return MISSING;
            }
            v = v[seg.index];
        } else {
            return MISSING;
        }
    }
    return v;
}

/** Every value a (possibly wildcard) selector reaches. */
export function resolveAll(root: unknown, selector: readonly SelectorSegment[]): unknown[] {
    let current: unknown[] = [root];
    for (const seg of selector) {
        const next: unknown[] = [];
        for (const v of current) {
            if (seg.kind === "key") {
                if (isObject(v) && Object.prototype.hasOwnProperty.call(v, seg.name)) {
                    next.push(v[seg.name]);
                }
            } else if (seg.kind === "index") {
                if (Array.isArray(v) && seg.index < v.length) {
                    next.push(v[seg.index]);
                }
            } else if (seg.kind === "anyIndex") {
                if (Array.isArray(v)) {
                    next.push(...(v as unknown[]));
                }
            } else if (isObject(v)) {
                next.push(...Object.values(v));
            }
        }
        current = next;
    }
    return current;
}

/** Compiles an atom into a test on a whole parsed JSON event. */
export function compileAtom(atom: JsonAtom): (root: unknown) => boolean {
    const test = compileValueTest(atom);
    const selector = atom.selector;
    if (hasWildcard(selector)) {
        if (atom.kind === "exists") {
            return atom.negated ? (root) => resolveAll(root, selector).length === 0 : (root) => resolveAll(root, selector).length > 0;
        }
        return (root) => resolveAll(root, selector).some(test);
    }
    // The common CloudTrail shapes, `$.a` and `$.a.b`, get a direct path without the generic loop.
    if (selector.length === 1 && selector[0]?.kind === "key") {
        const key = selector[0].name;
        return (root) => test(isObject(root) && Object.prototype.hasOwnProperty.call(root, key) ? root[key] : MISSING);
    }
    return (root) => test(resolveSelector(root, selector));
}
