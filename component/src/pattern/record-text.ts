/**
 * {@link matchesNoRecord}: proof that term patterns match no record the search
 * can build, so the overmatch search need not build and check each one.
 *
 * Term patterns match substrings of the record's JSON text (compile.ts). A
 * record `concretize` (record.ts) builds from a universe is written by
 * `JSON.stringify` as a sequence of tokens from a finite set: the brackets,
 * `,` and `:`, each key name and each class's value as `JSON.stringify`
 * writes them, and `null` (array padding). So a text that is no substring of
 * any sequence of those tokens occurs in no such record, e.g. a term with a
 * character no key or value has (`*NOT` when no witness holds `*`), or one
 * with a bare quote between `=` and `*` (`="*UnauthorizedOperation")`): JSON
 * escapes a quote inside a string, and a string's own quotes have `,`, `:`
 * or a bracket on their outer side.
 */
import type { FilterPattern, Term } from "./ast";
import type { FieldUniverse } from "./model";

/** The tokens every JSON text of a record of `universe` is a sequence of. */
function textTokens(universe: FieldUniverse): string[] {
    const tokens = new Set<string>(["{", "}", "[", "]", ",", ":", "null"]);
    for (const field of universe.fields) {
        const last = field.segments[field.segments.length - 1];
        if (last?.kind === "key") tokens.add(JSON.stringify(last.name));
        for (const cls of field.classes) {
            // As concretize writes them: an unsplit string class holds "example".
            if (cls.kind === "value") tokens.add(JSON.stringify(cls.value) ?? "null");
            else if (cls.kind === "anyString") tokens.add(JSON.stringify("example"));
        }
    }
    return [...tokens];
}

/** True when `needle` is a substring of some concatenation of `tokens` (all non-empty). */
export function occursInSequence(needle: string, tokens: readonly string[]): boolean {
    if (needle === "" || tokens.some((t) => t.includes(needle))) return true;
    // boundary[i]: needle[0, i) can end exactly where a token ends (it began inside or at the start of an earlier token).
    const boundary = new Array<boolean>(needle.length + 1).fill(false);
    for (const t of tokens) {
        for (let k = 1; k <= Math.min(t.length, needle.length - 1); k++) {
            if (needle.startsWith(t.slice(t.length - k))) boundary[k] = true;
        }
    }
    for (let i = 1; i < needle.length; i++) {
        if (!boundary[i]) continue;
        const rest = needle.slice(i);
        for (const t of tokens) {
            if (t.startsWith(rest)) return true;
            if (rest.startsWith(t)) boundary[i + t.length] = true;
        }
    }
    return false;
}

/** False when no text of `tokens` can satisfy the terms: a required plain term, or every `?` term, that no sequence holds. */
function termsCanMatch(terms: readonly Term[], tokens: readonly string[]): boolean {
    const possible = (t: Term): boolean => t.form === "regex" || occursInSequence(t.text, tokens);
    if (!terms.filter((t) => t.mode === "required").every(possible)) return false;
    const optional = terms.filter((t) => t.mode === "optional");
    return optional.length === 0 || optional.some(possible);
}

/**
 * True only when none of `patterns` matches any record `concretize` can build
 * from `universe`. Only term patterns are judged; any other kind counts as
 * possibly matching, so the answer is then false.
 */
export function matchesNoRecord(patterns: readonly FilterPattern[], universe: FieldUniverse): boolean {
    if (patterns.some((p) => p.kind !== "terms")) return false;
    const tokens = textTokens(universe);
    return patterns.every((p) => p.kind === "terms" && !termsCanMatch(p.terms, tokens));
}
