/**
 * {@link matchesEvent}: one-off evaluation of a pattern against one event with
 * CloudWatch Logs semantics. Compiled matchers are cached per pattern object,
 * so calling it in a loop with the same tree stays cheap; for bulk work use
 * {@link compilePattern} directly.
 */
import type { FilterPattern } from "./ast";
import { type CompiledMatcher, type MatchOptions, compilePattern } from "./compile";

const cache = new WeakMap<FilterPattern, Map<string, CompiledMatcher>>();

/**
 * True when CloudWatch Logs would match `event` with `pattern`. `event` is a
 * raw log line, or an already-parsed JSON value. A JSON pattern never matches
 * a line that is not a JSON object. Never throws.
 */
export function matchesEvent(pattern: FilterPattern, event: string | unknown, options: MatchOptions = {}): boolean {
    const reading = options.reading ?? "conventional";
    let byReading = cache.get(pattern);
    if (byReading === undefined) {
        byReading = new Map();
        cache.set(pattern, byReading);
    }
    try {
        let matcher = byReading.get(reading);
        if (matcher === undefined) {
            matcher = compilePattern(pattern, { reading });
            byReading.set(reading, matcher);
        }
        return matcher(event);
    } catch {
        // Defensive: parsed trees never throw; a hand-built invalid tree or an exotic event (e.g. a cyclic object) is no match.
        return false;
    }
}
