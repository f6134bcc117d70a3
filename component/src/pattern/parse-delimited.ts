/**
 * Parser for space-delimited patterns: `[ip, user, ..., status_code = 4* || status_code = 5*, bytes > 1000]`.
 *
 * Source: "Using filter patterns to match terms in space-delimited log events"
 * (Amazon CloudWatch Logs User Guide): comma-separated field names in square
 * brackets, `...` for any number of fields, conditions with `=`/`!=` on
 * strings (with `*`) and the six numeric operators on numbers, `&&`/`||`
 * inside a field. The guide shows a trailing comma before `]`; we accept and
 * drop it.
 */
import type { DelimitedComparison, DelimitedField, LogicalOp } from "./ast";
import { parseComparisonOp, parseComparisonValue, type RegexBudget } from "./parse-value";
import type { Scanner } from "./scanner";

/** Characters of a space-delimited field name. */
export const FIELD_NAME = /^[A-Za-z0-9_-]+$/;

const VALUE_STOPS = "(){}[]\"&|%!=<>,";

/** Parses a whole space-delimited pattern; the scanner is on `[`. */
export function parseDelimited(s: Scanner): DelimitedField[] {
    const budget: RegexBudget = { used: 0 };
    s.expect("[", "expected '['");
    const fields: DelimitedField[] = [];
    for (;;) {
        s.skipSpace();
        if (s.peek() === "]") {
            if (fields.length === 0) {
                s.fail("a space-delimited pattern needs at least one field");
            }
            s.pos++;
            break;
        }
        fields.push(parseField(s, budget));
        s.skipSpace();
        if (s.peek() === ",") {
            s.pos++;
        } else if (s.peek() !== "]") {
            s.fail(`expected ',' or ']' but found ${s.describeHere()}`);
        }
    }
    s.skipSpace();
    if (!s.atEnd()) {
        s.fail("unexpected text after the closing ']'");
    }
    return fields;
}

function parseName(s: Scanner): string {
    const m = /^[A-Za-z0-9_-]+/.exec(s.text.slice(s.pos));
    if (m === null) {
        return s.fail(`expected a field name or '...' but found ${s.describeHere()}`);
    }
    s.pos += m[0].length;
    return m[0];
}

function parseField(s: Scanner, budget: RegexBudget): DelimitedField {
    if (s.lookingAt("...")) {
        s.pos += 3;
        return { kind: "ellipsis" };
    }
    const name = parseName(s);
    s.skipSpace();
    const firstOp = parseComparisonOp(s);
    if (firstOp === null) {
        return { kind: "field", name, condition: null };
    }
    const comparisons: DelimitedComparison[] = [
        { field: name, op: firstOp, value: parseComparisonValue(s, firstOp, VALUE_STOPS, budget) },
    ];
    const operators: LogicalOp[] = [];
    for (let op = s.takeLogicalOp(); op !== null; op = s.takeLogicalOp()) {
        s.skipSpace();
        const field = parseName(s);
        s.skipSpace();
        const cmp = parseComparisonOp(s);
        if (cmp === null) {
            s.fail(`expected a comparison operator after '${field}'`);
        }
        operators.push(op);
        comparisons.push({ field, op: cmp, value: parseComparisonValue(s, cmp, VALUE_STOPS, budget) });
    }
    return { kind: "field", name, condition: { comparisons, operators } };
}
