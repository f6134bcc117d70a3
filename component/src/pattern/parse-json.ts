/**
 * Parser for JSON filter patterns: `{ SELECTOR OP VALUE && (… || …) }`.
 *
 * Source: "Using filter patterns to match terms in JSON log events" (Amazon
 * CloudWatch Logs User Guide): property selectors start with `$`, use `.name`
 * and `[NUMBER]`, the wildcard selectors `[*]` and `.*` (at most one per
 * selector, at most three per pattern), bracket notation `.['a.b']` for keys
 * with periods; `IS TRUE`, `IS FALSE`, `IS NULL`, `NOT EXISTS`; `&&`, `||`
 * and parentheses. `EXISTS` (without NOT) is accepted because users write it,
 * although the current guide says it is not supported; assessPattern notes it.
 *
 * Nesting is bounded by {@link MAX_NESTING_DEPTH}, so the recursive descent
 * uses bounded stack for any input.
 */
import type { JsonAtom, JsonExpr, LogicalOp, SelectorSegment } from "./ast";
import { parseComparisonOp, parseComparisonValue, type RegexBudget } from "./parse-value";
import type { Scanner } from "./scanner";

/** Deepest parenthesis nesting the parser accepts; deeper input is a syntax error, never a stack overflow. */
export const MAX_NESTING_DEPTH = 64;

/** Wildcard selectors allowed in one property selector (documented quota). */
export const MAX_WILDCARDS_PER_SELECTOR = 1;

/** Wildcard selectors allowed in one pattern (documented quota). */
export const MAX_WILDCARDS_PER_PATTERN = 3;

/** Characters of a selector key written with dot notation. */
export const PLAIN_KEY = /^[A-Za-z0-9_@-]+$/;

/** Characters that end an unquoted value inside a JSON pattern. */
const VALUE_STOPS = "(){}[]\"&|%!=<>,";

interface JsonParseState {
    readonly s: Scanner;
    readonly regexes: RegexBudget;
    wildcards: number;
}

/** Parses a JSON pattern; the scanner is on `{`. Returns the condition inside the braces. */
export function parseJsonBody(s: Scanner): JsonExpr {
    const state: JsonParseState = { s, regexes: { used: 0 }, wildcards: 0 };
    s.expect("{", "expected '{'");
    s.skipSpace();
    if (s.peek() === "}") {
        s.fail("a JSON pattern needs a condition between '{' and '}'");
    }
    const expr = parseChain(state, 0);
    s.skipSpace();
    if (s.peek() !== "}") {
        s.fail(`expected '&&', '||' or '}' but found ${s.describeHere()}`);
    }
    s.pos++;
    s.skipSpace();
    if (!s.atEnd()) {
        s.fail("unexpected text after the closing '}'");
    }
    return expr;
}

function parseChain(state: JsonParseState, depth: number): JsonExpr {
    const { s } = state;
    const operands: JsonExpr[] = [parseOperand(state, depth)];
    const operators: LogicalOp[] = [];
    for (let op = s.takeLogicalOp(); op !== null; op = s.takeLogicalOp()) {
        operators.push(op);
        operands.push(parseOperand(state, depth));
    }
    return operands.length === 1 ? (operands[0] as JsonExpr) : { kind: "chain", operands, operators };
}

function parseOperand(state: JsonParseState, depth: number): JsonExpr {
    const { s } = state;
    s.skipSpace();
    const ch = s.peek();
    if (ch === "(") {
        if (depth >= MAX_NESTING_DEPTH) {
            s.fail(`parentheses nested deeper than ${MAX_NESTING_DEPTH} levels`);
        }
        s.pos++;
        const expr = parseChain(state, depth + 1);
        s.skipSpace();
        if (s.peek() !== ")") {
            s.fail(`expected '&&', '||' or ')' but found ${s.describeHere()}`);
        }
        s.pos++;
        return { kind: "group", expr };
    }
    if (ch === "$") {
        return parseAtom(state);
    }
    return s.fail(`expected a selector ($.field) or '(' but found ${s.describeHere()}`);
}

function parseAtom(state: JsonParseState): JsonAtom {
    const { s } = state;
    const selector = parseSelector(state);
    s.skipSpace();
    if (s.lookingAtKeyword("IS")) {
        s.pos += 2;
        s.skipSpace();
        for (const [word, value] of [
            ["TRUE", true],
            ["FALSE", false],
            ["NULL", null],
        ] as const) {
            if (s.lookingAtKeyword(word)) {
                s.pos += word.length;
                return { kind: "is", selector, value };
            }
        }
        return s.fail("expected TRUE, FALSE or NULL after IS");
    }
    if (s.lookingAtKeyword("NOT")) {
        s.pos += 3;
        s.skipSpace();
        if (!s.lookingAtKeyword("EXISTS")) {
            s.fail("expected EXISTS after NOT");
        }
        s.pos += 6;
        return { kind: "exists", selector, negated: true };
    }
    if (s.lookingAtKeyword("EXISTS")) {
        s.pos += 6;
        return { kind: "exists", selector, negated: false };
    }
    const op = parseComparisonOp(s);
    if (op === null) {
        return s.fail(`expected a comparison operator, IS, NOT EXISTS or EXISTS but found ${s.describeHere()}`);
    }
    const value = parseComparisonValue(s, op, VALUE_STOPS, state.regexes);
    return { kind: "compare", selector, op, value };
}

function parseSelector(state: JsonParseState): SelectorSegment[] {
    const { s } = state;
    const start = s.pos;
    s.expect("$", "expected '$'");
    const segments: SelectorSegment[] = [];
    let wildcards = 0;
    for (;;) {
        const ch = s.peek();
        const at = s.pos;
        if (ch === ".") {
            s.pos++;
            if (s.peek() === "*") {
                s.pos++;
                segments.push({ kind: "anyKey" });
                wildcards++;
            } else if (s.lookingAt("['")) {
                s.pos += 2;
                const end = s.text.indexOf("']", s.pos);
                if (end < 0) {
                    s.fail("unterminated bracket-notation key: expected ']", at);
                }
                const name = s.text.slice(s.pos, end);
                if (name === "" || name.includes("'")) {
                    s.fail("a bracket-notation key must be non-empty and must not contain quotes", at);
                }
                segments.push({ kind: "key", name });
                s.pos = end + 2;
            } else {
                const m = /^[A-Za-z0-9_@-]+/.exec(s.text.slice(s.pos));
                if (m === null) {
                    return s.fail("expected a property name after '.'");
                }
                segments.push({ kind: "key", name: m[0] });
                s.pos += m[0].length;
            }
        } else if (ch === "[") {
            if (segments.length === 0) {
                s.fail("an array index must follow a property, e.g. $.users[0]");
            }
            const m = /^\[(\*|\d{1,9})\]/.exec(s.text.slice(s.pos));
            if (m === null) {
                return s.fail("expected [NUMBER] or [*]");
            }
            if (m[1] === "*") {
                segments.push({ kind: "anyIndex" });
                wildcards++;
            } else {
                segments.push({ kind: "index", index: Number(m[1]) });
            }
            s.pos += m[0].length;
        } else {
            break;
        }
        if (wildcards > MAX_WILDCARDS_PER_SELECTOR) {
            s.fail(`a property selector may contain at most ${MAX_WILDCARDS_PER_SELECTOR} wildcard`, at);
        }
    }
    if (segments.length === 0) {
        s.fail("a selector needs at least one property, e.g. $.errorCode", start);
    }
    state.wildcards += wildcards;
    if (state.wildcards > MAX_WILDCARDS_PER_PATTERN) {
        s.fail(`a pattern may contain at most ${MAX_WILDCARDS_PER_PATTERN} wildcard selectors`, start);
    }
    return segments;
}
