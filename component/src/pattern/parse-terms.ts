/**
 * Parser for term patterns: words, `"quoted phrases"`, `%regex%`, each
 * optionally prefixed with `-` (the event must not contain it) or `?` (the
 * event must contain at least one `?` term).
 *
 * Source: "Using filter patterns to match terms in unstructured log events"
 * (Amazon CloudWatch Logs User Guide), which says the `?` form cannot be
 * combined with other term forms; we reject such a mix as a syntax error.
 */
import type { Term } from "./ast";
import { parseQuoted, parseRegexLiteral } from "./parse-value";
import { type Scanner, isSpace } from "./scanner";

/** Parses a whole term pattern; the scanner is on its first non-space character. */
export function parseTerms(s: Scanner): Term[] {
    const terms: Term[] = [];
    let firstOptional: number | null = null;
    let firstOther: number | null = null;
    for (;;) {
        s.skipSpace();
        if (s.atEnd()) {
            break;
        }
        const start = s.pos;
        let mode: Term["mode"] = "required";
        if (s.peek() === "-" || s.peek() === "?") {
            mode = s.peek() === "-" ? "excluded" : "optional";
            s.pos++;
            if (s.atEnd() || isSpace(s.peek())) {
                s.fail(`expected a term after '${mode === "excluded" ? "-" : "?"}'`);
            }
        }
        if (mode === "optional") {
            firstOptional ??= start;
        } else {
            firstOther ??= start;
        }
        if (firstOptional !== null && firstOther !== null) {
            s.fail("'?' terms cannot be combined with other terms", Math.max(firstOptional, firstOther));
        }
        const ch = s.peek();
        if (ch === '"') {
            terms.push({ form: "phrase", text: parseQuoted(s), mode });
        } else if (ch === "%") {
            terms.push({ form: "regex", text: parseRegexLiteral(s, null), mode });
        } else {
            const wordStart = s.pos;
            while (!s.atEnd() && !isSpace(s.peek())) {
                s.pos++;
            }
            terms.push({ form: "word", text: s.text.slice(wordStart, s.pos), mode });
        }
        if (!s.atEnd() && !isSpace(s.peek())) {
            s.fail(`expected a space after the term but found ${s.describeHere()}`);
        }
    }
    return terms;
}
