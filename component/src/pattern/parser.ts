/**
 * {@link parsePattern}: text → {@link FilterPattern} or a structured error.
 *
 * The first non-space character picks the syntax, as in CloudWatch Logs: `{`
 * a JSON pattern, `[` a space-delimited pattern, anything else a term
 * pattern; blank text is the empty pattern, which matches every event.
 * Source: "Filter pattern syntax for metric filters, subscription filters,
 * filter log events, and Live Tail" (Amazon CloudWatch Logs User Guide); the
 * 1,024-character limit is the `filterPattern` length constraint of the
 * PutMetricFilter and PutSubscriptionFilter APIs.
 */
import type { FilterPattern, ParseResult } from "./ast";
import { parseDelimited } from "./parse-delimited";
import { parseJsonBody } from "./parse-json";
import { parseTerms } from "./parse-terms";
import { PatternParseFailure, Scanner } from "./scanner";

/** The longest filter pattern CloudWatch Logs accepts, in characters. */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * Parses a CloudWatch Logs filter pattern. Never throws; time and memory are
 * bounded for any input (the length limit and a nesting limit bound the work).
 */
export function parsePattern(text: string): ParseResult {
    try {
        if (typeof text !== "string") {
            return { ok: false, error: { message: "a filter pattern must be a string", column: 1 } };
        }
        if (text.length > MAX_PATTERN_LENGTH) {
            return {
                ok: false,
                error: {
                    message: `the pattern is ${text.length} characters long; CloudWatch Logs accepts at most ${MAX_PATTERN_LENGTH}`,
                    column: MAX_PATTERN_LENGTH + 1,
                },
            };
        }
        return { ok: true, pattern: parseText(text) };
    } catch (err) {
        if (err instanceof PatternParseFailure) {
            return { ok: false, error: { message: err.message, column: err.column } };
        }
        // Defensive: a parser bug must still surface as a structured error, never as an exception.
        const detail = err instanceof Error ? err.message : String(err);
        return { ok: false, error: { message: `internal parser error: ${detail}`, column: 1 } };
    }
}

function parseText(text: string): FilterPattern {
    const s = new Scanner(text);
    s.skipSpace();
    if (s.atEnd()) {
        return { kind: "all" };
    }
    switch (s.peek()) {
        case "{":
            return { kind: "json", expr: parseJsonBody(s) };
        case "[":
            return { kind: "delimited", fields: parseDelimited(s) };
        default:
            return { kind: "terms", terms: parseTerms(s) };
    }
}
