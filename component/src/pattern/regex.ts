/**
 * CloudWatch Logs' regular-expression subset (`%…%`), parsed into a small
 * structure that both the matcher (via a generated JavaScript RegExp) and the
 * coverage decision (via an NFA, see automaton.ts) read, so the two can never
 * disagree about what a regex means.
 *
 * Source: "Supported regular expressions (regex) syntax" (Amazon CloudWatch
 * Logs User Guide): alphanumerics; the symbols `: _ # = @ / ; , -`; the
 * operators `^ $ ? [ ] { } | \ * + .`; no parentheses (no sub-patterns); no
 * multi-byte characters; at most two regexes in one JSON or space-delimited
 * pattern. We also accept spaces (the AWS CDK's own `regexValue` examples use
 * them). A `%…%` regex matches when it is found anywhere in the value unless
 * it is anchored with `^`/`$`; we accept `^` and `$` only at the start and end
 * of an alternative, where their meaning is unambiguous.
 */

/** A set of UTF-16 code units: the union of `ranges`, complemented when `negated`. */
export interface CharSet {
    readonly negated: boolean;
    readonly ranges: readonly (readonly [number, number])[];
}

/** One regex item with its repetition bounds (`max` may be `Infinity`). */
export interface RegexPiece {
    readonly set: CharSet;
    readonly min: number;
    readonly max: number;
}

/** One `|` alternative: a sequence of pieces, optionally anchored at either end. */
export interface RegexAlternative {
    readonly anchoredStart: boolean;
    readonly anchoredEnd: boolean;
    readonly pieces: readonly RegexPiece[];
}

/** A parsed CloudWatch regex: the alternatives of its top-level `|`. */
export interface ParsedRegex {
    readonly alternatives: readonly RegexAlternative[];
}

/** Thrown by {@link parseCloudWatchRegex}; `offset` is 0-based into the regex source. */
export class RegexSyntaxError extends Error {
    constructor(
        message: string,
        public readonly offset: number,
    ) {
        super(message);
        this.name = "RegexSyntaxError";
    }
}

/** Every code unit. */
export const ANY_CHAR: CharSet = { negated: true, ranges: [] };

/** What `.` matches: anything but a line terminator, as in JavaScript. */
const DOT: CharSet = {
    negated: true,
    ranges: [
        [0x0a, 0x0a],
        [0x0d, 0x0d],
        [0x2028, 0x2029],
    ],
};

const DIGIT: readonly (readonly [number, number])[] = [[0x30, 0x39]];
const WORD: readonly (readonly [number, number])[] = [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
];
const SPACE: readonly (readonly [number, number])[] = [
    [0x09, 0x0d],
    [0x20, 0x20],
    [0xa0, 0xa0],
    [0x1680, 0x1680],
    [0x2000, 0x200a],
    [0x2028, 0x2029],
    [0x202f, 0x202f],
    [0x205f, 0x205f],
    [0x3000, 0x3000],
    [0xfeff, 0xfeff],
];

/** True when code unit `code` is in `set`. */
export function charSetHas(set: CharSet, code: number): boolean {
    let inside = false;
    for (const [lo, hi] of set.ranges) {
        if (code >= lo && code <= hi) {
            inside = true;
            break;
        }
    }
    return inside !== set.negated;
}

/** A set holding exactly one code unit. */
export function singleChar(code: number): CharSet {
    return { negated: false, ranges: [[code, code]] };
}

const LITERAL_SYMBOLS = new Set([":", "_", "#", "=", "@", "/", ";", ",", "-", " "]);
const OPERATORS = new Set(["^", "$", "?", "[", "]", "{", "}", "|", "\\", "*", "+", "."]);

function isAlnum(ch: string): boolean {
    return /^[A-Za-z0-9]$/.test(ch);
}

/** Parses a regex source (the text between the `%` signs); throws {@link RegexSyntaxError}. */
export function parseCloudWatchRegex(source: string): ParsedRegex {
    if (source.length === 0) {
        throw new RegexSyntaxError("a regex between % signs must not be empty", 0);
    }
    const alternatives: RegexAlternative[] = [];
    let pos = 0;
    let pieces: RegexPiece[] = [];
    let anchoredStart = false;
    let anchoredEnd = false;

    const finishAlternative = (): void => {
        alternatives.push({ anchoredStart, anchoredEnd, pieces });
        pieces = [];
        anchoredStart = false;
        anchoredEnd = false;
    };

    while (pos < source.length) {
        const ch = source[pos] as string;
        if (anchoredEnd && ch !== "|") {
            throw new RegexSyntaxError("'$' is supported only at the end of an alternative", pos - 1);
        }
        if (ch === "|") {
            finishAlternative();
            pos++;
            continue;
        }
        if (ch === "^") {
            if (pieces.length > 0 || anchoredStart) {
                throw new RegexSyntaxError("'^' is supported only at the start of an alternative", pos);
            }
            anchoredStart = true;
            pos++;
            continue;
        }
        if (ch === "$") {
            anchoredEnd = true;
            pos++;
            continue;
        }
        if (ch === "(" || ch === ")") {
            throw new RegexSyntaxError("CloudWatch regexes do not support parentheses (sub-patterns)", pos);
        }
        let set: CharSet;
        if (ch === "[") {
            const parsed = parseBracket(source, pos);
            set = parsed.set;
            pos = parsed.end;
        } else if (ch === "\\") {
            const parsed = parseEscape(source, pos);
            set = parsed.set;
            pos = parsed.end;
        } else if (ch === ".") {
            set = DOT;
            pos++;
        } else if (ch === "*" || ch === "+" || ch === "?" || ch === "{") {
            throw new RegexSyntaxError(`'${ch}' has nothing to repeat`, pos);
        } else if (ch === "]" || ch === "}") {
            throw new RegexSyntaxError(`unbalanced '${ch}'`, pos);
        } else if (isAlnum(ch) || LITERAL_SYMBOLS.has(ch)) {
            set = singleChar(ch.charCodeAt(0));
            pos++;
        } else {
            throw new RegexSyntaxError(`character '${ch}' is not allowed in a CloudWatch regex`, pos);
        }
        const quantified = parseQuantifier(source, pos);
        pos = quantified.end;
        pieces.push({ set, min: quantified.min, max: quantified.max });
    }
    finishAlternative();
    return { alternatives };
}

function parseEscape(source: string, pos: number): { set: CharSet; end: number } {
    const next = source[pos + 1];
    if (next === undefined) {
        throw new RegexSyntaxError("a regex must not end with '\\'", pos);
    }
    const classes: Record<string, CharSet> = {
        d: { negated: false, ranges: DIGIT },
        D: { negated: true, ranges: DIGIT },
        w: { negated: false, ranges: WORD },
        W: { negated: true, ranges: WORD },
        s: { negated: false, ranges: SPACE },
        S: { negated: true, ranges: SPACE },
    };
    const cls = classes[next];
    if (cls !== undefined) {
        return { set: cls, end: pos + 2 };
    }
    if (OPERATORS.has(next) || LITERAL_SYMBOLS.has(next) || next === "%") {
        return { set: singleChar(next.charCodeAt(0)), end: pos + 2 };
    }
    throw new RegexSyntaxError(`unsupported escape '\\${next}'`, pos);
}

function parseBracket(source: string, start: number): { set: CharSet; end: number } {
    let pos = start + 1;
    let negated = false;
    if (source[pos] === "^") {
        negated = true;
        pos++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    for (;;) {
        const ch = source[pos];
        if (ch === undefined) {
            throw new RegexSyntaxError("unterminated '[' character class", start);
        }
        if (ch === "]" && !first) {
            return { set: { negated, ranges }, end: pos + 1 };
        }
        first = false;
        let lo: number;
        if (ch === "\\") {
            const escaped = parseEscape(source, pos);
            pos = escaped.end;
            if (escaped.set.negated) {
                throw new RegexSyntaxError("negated classes (\\D, \\W, \\S) are not supported inside [ ]", pos - 2);
            }
            if (escaped.set.ranges.length !== 1 || escaped.set.ranges[0]?.[0] !== escaped.set.ranges[0]?.[1]) {
                ranges.push(...escaped.set.ranges.map((r) => [r[0], r[1]] as [number, number]));
                continue;
            }
            lo = escaped.set.ranges[0]?.[0] ?? 0;
        } else if (ch === "]") {
            throw new RegexSyntaxError("empty character class", start);
        } else if (isAlnum(ch) || LITERAL_SYMBOLS.has(ch) || OPERATORS.has(ch)) {
            lo = ch.charCodeAt(0);
            pos++;
        } else {
            throw new RegexSyntaxError(`character '${ch}' is not allowed in a CloudWatch regex`, pos);
        }
        if (source[pos] === "-" && source[pos + 1] !== undefined && source[pos + 1] !== "]") {
            const hiCh = source[pos + 1] as string;
            if (!(isAlnum(hiCh) || LITERAL_SYMBOLS.has(hiCh))) {
                throw new RegexSyntaxError(`invalid range end '${hiCh}'`, pos + 1);
            }
            const hi = hiCh.charCodeAt(0);
            if (hi < lo) {
                throw new RegexSyntaxError("character range out of order", pos);
            }
            ranges.push([lo, hi]);
            pos += 2;
        } else {
            ranges.push([lo, lo]);
        }
    }
}

function parseQuantifier(source: string, pos: number): { min: number; max: number; end: number } {
    const ch = source[pos];
    let result: { min: number; max: number; end: number };
    if (ch === "*") {
        result = { min: 0, max: Infinity, end: pos + 1 };
    } else if (ch === "+") {
        result = { min: 1, max: Infinity, end: pos + 1 };
    } else if (ch === "?") {
        result = { min: 0, max: 1, end: pos + 1 };
    } else if (ch === "{") {
        const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(source.slice(pos));
        if (m === null) {
            throw new RegexSyntaxError("malformed '{m,n}' repetition", pos);
        }
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        if (max < min) {
            throw new RegexSyntaxError("repetition bounds out of order", pos);
        }
        if (min > 1000 || (max !== Infinity && max > 1000)) {
            throw new RegexSyntaxError("repetition bound above 1000", pos);
        }
        result = { min, max, end: pos + m[0].length };
    } else {
        return { min: 1, max: 1, end: pos };
    }
    // A trailing '?' makes the quantifier lazy; laziness never changes whether a regex matches.
    if (source[result.end] === "?") {
        result = { ...result, end: result.end + 1 };
    }
    const after = source[result.end];
    if (after === "*" || after === "+" || after === "{" || after === "?") {
        throw new RegexSyntaxError(`'${after}' has nothing to repeat`, result.end);
    }
    return result;
}

function setSource(set: CharSet): string {
    const hex = (n: number): string => `\\u${n.toString(16).padStart(4, "0")}`;
    const body = set.ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join("");
    if (set.negated) {
        return body === "" ? "[\\s\\S]" : `[^${body}]`;
    }
    return `[${body}]`;
}

/** A JavaScript RegExp with exactly the meaning of `regex` (search semantics, anchors honoured). */
export function toJsRegExp(regex: ParsedRegex): RegExp {
    const alternatives = regex.alternatives.map((alt) => {
        const pieces = alt.pieces.map((p) => {
            const max = p.max === Infinity ? "" : String(p.max);
            return `${setSource(p.set)}{${p.min},${max}}`;
        });
        return `${alt.anchoredStart ? "^" : ""}${pieces.join("")}${alt.anchoredEnd ? "$" : ""}`;
    });
    return new RegExp(alternatives.map((a) => `(?:${a})`).join("|"));
}
