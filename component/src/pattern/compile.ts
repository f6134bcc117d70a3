/**
 * {@link compilePattern}: a pattern compiled once into a fast matcher, and
 * {@link requiredLiterals}: the prefilter hint that lets a log replayer skip
 * records that cannot match without decoding them.
 */
import type { FilterPattern, JsonAtom, JsonExpr, Term } from "./ast";
import { compileDelimited } from "./delimited";
import { type Reading, compileLogic, jsonLogic, READINGS, type Logic } from "./logic";
import { compileRegex } from "./regex-match";
import { compileAtom } from "./predicate";

/** Options of {@link compilePattern} and `matchesEvent`. */
export interface MatchOptions {
    /**
     * How an unparenthesized chain mixing `&&` and `||` groups. Default
     * `conventional` (`&&` binds tighter), as the CloudWatch Logs guide documents.
     */
    readonly reading?: Reading;
}

/** A compiled matcher: true when CloudWatch Logs would match the event. */
export type CompiledMatcher = (event: string | unknown) => boolean;

function isJsonObject(v: unknown): boolean {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function compileTerm(term: Term): (text: string) => boolean {
    if (term.form === "regex") {
        return compileRegex(term.text);
    }
    const needle = term.text;
    return (text) => text.includes(needle);
}

/**
 * Compiles term matching. Terms are case-sensitive substrings of the raw
 * event text ("Using filter patterns to match terms in unstructured log
 * events"); all required terms must occur, no excluded term may occur, and
 * when there are `?` terms at least one of them must occur.
 */
function compileTerms(terms: readonly Term[]): (text: string) => boolean {
    const required = terms.filter((t) => t.mode === "required").map(compileTerm);
    const excluded = terms.filter((t) => t.mode === "excluded").map(compileTerm);
    const optional = terms.filter((t) => t.mode === "optional").map(compileTerm);
    // Plain loops: no closure is allocated per evaluated event.
    return (text) => {
        for (const t of required) if (!t(text)) return false;
        for (const t of excluded) if (t(text)) return false;
        if (optional.length === 0) return true;
        for (const t of optional) if (t(text)) return true;
        return false;
    };
}

/** The raw text of an event: itself when it is a string, its JSON text otherwise. */
export function eventText(event: string | unknown): string {
    if (typeof event === "string") {
        return event;
    }
    try {
        return JSON.stringify(event) ?? "";
    } catch {
        return "";
    }
}

/**
 * Compiles `pattern` once into a matcher for many events.
 *
 * The matcher takes a raw log line or an already-parsed JSON value:
 * - JSON patterns parse a string event with `JSON.parse` (a line that is not
 *   a JSON object matches nothing); before parsing, a string that contains
 *   none of {@link requiredLiterals} (and no `\u` escape) is rejected without
 *   parsing. A parsed value is evaluated directly.
 * - Term and space-delimited patterns read the raw text; a parsed value is
 *   matched against its `JSON.stringify` text.
 *
 * Per event it allocates nothing beyond what `JSON.parse` allocates; all
 * globs, regexes and selectors are compiled up front. Never throws.
 */
export function compilePattern(pattern: FilterPattern, options: MatchOptions = {}): CompiledMatcher {
    const reading = options.reading ?? "conventional";
    switch (pattern.kind) {
        case "all":
            return () => true;
        case "terms": {
            const test = compileTerms(pattern.terms);
            return (event) => test(eventText(event));
        }
        case "delimited": {
            const test = compileDelimited(pattern.fields, reading);
            return (event) => test(eventText(event));
        }
        case "json": {
            const test = compileLogic<JsonAtom, unknown>(jsonLogic(pattern.expr, reading), compileAtom);
            const literals = requiredLiterals(pattern);
            const mayMatch =
                literals === null
                    ? null
                    : (text: string): boolean => {
                          for (const l of literals) if (text.includes(l)) return true;
                          return text.includes("\\u");
                      };
            return (event) => {
                if (typeof event !== "string") {
                    return isJsonObject(event) && test(event);
                }
                if (mayMatch !== null && !mayMatch(event)) {
                    return false;
                }
                let root: unknown;
                try {
                    root = JSON.parse(event);
                } catch {
                    return false;
                }
                return isJsonObject(root) && test(root);
            };
        }
    }
}

/** Key names a byte search can find verbatim: JSON writes them without escapes (other than `\u`). */
const SEARCHABLE_KEY = /^[A-Za-z0-9_@. -]+$/;

/** The literals one of which every event matching `logic` contains, or null when there is no such set. */
function logicLiterals(logic: Logic<JsonAtom>): string[] | null {
    if (logic.kind === "atom") {
        const atom = logic.atom;
        if (atom.kind === "exists" && atom.negated) {
            // NOT EXISTS matches records that lack the key entirely.
            return null;
        }
        // Every other atom needs the selector to reach a value, so its last property name occurs as a key.
        const keys = atom.selector.filter((s): s is { kind: "key"; name: string } => s.kind === "key");
        const last = keys[keys.length - 1];
        return last !== undefined && SEARCHABLE_KEY.test(last.name) ? [last.name] : null;
    }
    const parts = logic.parts.map(logicLiterals);
    if (logic.kind === "or") {
        // A match satisfies some branch, so it contains some literal of that branch.
        if (parts.some((p) => p === null)) {
            return null;
        }
        return [...new Set(parts.flatMap((p) => p as string[]))];
    }
    // A match satisfies every conjunct: any one conjunct's set is valid; take the smallest.
    let best: string[] | null = null;
    for (const p of parts) {
        if (p !== null && (best === null || p.length < best.length)) {
            best = p;
        }
    }
    return best;
}

function termLiterals(terms: readonly Term[]): string[] | null {
    const plain = (t: Term): boolean => t.form !== "regex" && t.text !== "";
    const required = terms.filter((t) => t.mode === "required" && plain(t));
    if (required.length > 0) {
        const longest = required.reduce((a, b) => (b.text.length > a.text.length ? b : a));
        return [longest.text];
    }
    const optional = terms.filter((t) => t.mode === "optional");
    if (optional.length > 0 && optional.every(plain)) {
        return [...new Set(optional.map((t) => t.text))];
    }
    return null;
}

/**
 * A prefilter hint: substrings at least one of which occurs in the raw text
 * of every event that `pattern` matches, or null when no such set exists.
 *
 * Safe use: skip an event (without parsing it) when its raw text contains none
 * of the literals **and** contains no `\u` escape. The `\u` guard matters for
 * JSON patterns: their literals are property names (e.g. `errorCode` for the
 * CIS 4.1 pattern), which JSON may spell with `\u` escapes; names with other
 * escapable characters are never returned.
 *
 * Null when a match needs no particular text: the empty pattern, term patterns
 * with only exclusions or regexes, space-delimited patterns, and JSON patterns
 * that can match a record lacking every key they name (e.g. `NOT EXISTS`, or
 * an `||` with such a branch). For JSON patterns the set is valid under every
 * precedence reading.
 */
export function requiredLiterals(pattern: FilterPattern): string[] | null {
    switch (pattern.kind) {
        case "json": {
            const sets = READINGS.map((r) => logicLiterals(jsonLogic(pattern.expr as JsonExpr, r)));
            if (sets.some((s) => s === null)) {
                return null;
            }
            return [...new Set(sets.flatMap((s) => s as string[]))];
        }
        case "terms":
            return termLiterals(pattern.terms);
        default:
            return null;
    }
}
