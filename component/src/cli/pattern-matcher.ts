/**
 * Builds the replay's matcher from pattern text with the pattern engine:
 * parsed and compiled once, plus the literals that let the replay skip
 * records which cannot match without decoding them.
 */
import { compilePattern, parsePattern, requiredLiterals } from "../pattern";
import type { PatternSyntaxError } from "../pattern";
import type { EventMatcher } from "../logs";

/** The matcher for `text`, or the syntax error that makes it invalid. */
export function matcherFor(text: string): { readonly matcher: EventMatcher } | { readonly error: PatternSyntaxError } {
    const parsed = parsePattern(text);
    if (!parsed.ok) {
        return { error: parsed.error };
    }
    return {
        matcher: {
            matches: compilePattern(parsed.pattern),
            requiredLiterals: requiredLiterals(parsed.pattern),
            selectsJson: parsed.pattern.kind === "json",
        },
    };
}
