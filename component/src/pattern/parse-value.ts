/**
 * Comparison values shared by JSON and space-delimited patterns: quoted
 * strings, unquoted strings, numbers and `%regex%`.
 *
 * Sources: "Using filter patterns to match terms in JSON log events" (strings
 * with or without quotes, `*` wildcards, numbers as integers, decimals or
 * scientific notation with optional sign) and "Supported regular expressions
 * (regex) syntax" (Amazon CloudWatch Logs User Guide).
 */
import type { ComparisonOp, ComparisonValue } from "./ast";
import { RegexSyntaxError, parseCloudWatchRegex } from "./regex";
import { Scanner, isSpace } from "./scanner";

/** The number syntax CloudWatch documents: optional sign, integer or decimal, optional exponent. */
export const NUMBER_SYNTAX = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** At most this many regexes in one JSON or space-delimited pattern (documented quota). */
export const MAX_REGEXES_PER_PATTERN = 2;

/** Counts regexes across one pattern so the parser can enforce the quota. */
export interface RegexBudget {
    used: number;
}

/** Parses the text between quotes; the only escapes are `\"` and `\\`. The scanner is on the opening quote. */
export function parseQuoted(s: Scanner): string {
    const start = s.pos;
    s.pos++;
    let out = "";
    for (;;) {
        const ch = s.peek();
        if (ch === undefined) {
            s.fail("unterminated quoted string", start);
        }
        if (ch === "\\" && (s.peek(1) === '"' || s.peek(1) === "\\")) {
            out += s.peek(1);
            s.pos += 2;
            continue;
        }
        s.pos++;
        if (ch === '"') {
            return out;
        }
        out += ch;
    }
}

/** Parses `%…%`; the scanner is on the opening `%`. Returns the regex source. */
export function parseRegexLiteral(s: Scanner, budget: RegexBudget | null): string {
    const start = s.pos;
    let end = start + 1;
    while (end < s.text.length && s.text[end] !== "%") {
        // A backslash escapes the next character, including '%'.
        end += s.text[end] === "\\" ? 2 : 1;
    }
    if (end >= s.text.length) {
        s.fail("unterminated regex: expected a closing '%'", start);
    }
    const source = s.text.slice(start + 1, end);
    try {
        parseCloudWatchRegex(source);
    } catch (err) {
        if (err instanceof RegexSyntaxError) {
            s.fail(err.message, start + 1 + err.offset);
        }
        throw err;
    }
    if (budget !== null) {
        budget.used++;
        if (budget.used > MAX_REGEXES_PER_PATTERN) {
            s.fail(`a JSON or space-delimited pattern may contain at most ${MAX_REGEXES_PER_PATTERN} regexes`, start);
        }
    }
    s.pos = end + 1;
    return source;
}

/** Parses a comparison operator at the scanner, or returns null. */
export function parseComparisonOp(s: Scanner): ComparisonOp | null {
    for (const op of ["!=", "<=", ">=", "=", "<", ">"] as const) {
        if (s.lookingAt(op)) {
            s.pos += op.length;
            return op;
        }
    }
    return null;
}

/**
 * Parses the value after `op`. `stops` are the characters that end an
 * unquoted value in the surrounding syntax (besides whitespace).
 */
export function parseComparisonValue(s: Scanner, op: ComparisonOp, stops: string, budget: RegexBudget): ComparisonValue {
    s.skipSpace();
    const start = s.pos;
    const ch = s.peek();
    let value: ComparisonValue;
    if (ch === '"') {
        value = { kind: "string", text: parseQuoted(s) };
    } else if (ch === "%") {
        value = { kind: "regex", source: parseRegexLiteral(s, budget) };
    } else {
        while (!s.atEnd() && !isSpace(s.peek()) && !stops.includes(s.peek() as string)) {
            s.pos++;
        }
        const raw = s.text.slice(start, s.pos);
        if (raw === "") {
            s.fail(`expected a value after '${op}' but found ${s.describeHere()}`);
        }
        if (NUMBER_SYNTAX.test(raw)) {
            const n = Number(raw);
            if (!Number.isFinite(n)) {
                s.fail(`number ${raw} is out of range`, start);
            }
            value = { kind: "number", value: n === 0 ? 0 : n };
        } else {
            value = { kind: "string", text: raw };
        }
    }
    if (op !== "=" && op !== "!=" && value.kind !== "number") {
        s.fail(`'${op}' compares numbers; ${value.kind === "regex" ? "a regex" : "a string"} is not allowed here`, start);
    }
    return value;
}
