/**
 * The CloudWatch Logs filter-pattern engine: parse, format, match, and decide
 * by meaning whether patterns cover a monitoring intent. No Pulumi or AWS SDK
 * here; `trailwatch/engine` re-exports this module.
 *
 * ## Entry points
 * - {@link parsePattern} text → tree or `{ message, column }` (never throws;
 *   bounded work: 1,024-character limit, nesting limit {@link MAX_NESTING_DEPTH}).
 * - {@link formatPattern} tree → canonical text (`parsePattern(formatPattern(p))` is `p`).
 * - {@link matchesEvent} one event; {@link compilePattern} many events, fast;
 *   {@link requiredLiterals} the byte-level prefilter hint for log replay.
 * - {@link decideCoverage} exact coverage verdict with a counterexample;
 *   {@link findOvermatch} a record outside the control the pattern also counts;
 *   {@link assessPattern} the whole check for one pattern text.
 *
 * ## Matching semantics (CloudWatch Logs User Guide)
 * Sources: "Filter pattern syntax for metric filters, subscription filters,
 * filter log events, and Live Tail"; "Using filter patterns to match terms in
 * JSON log events"; "Using filter patterns to match terms in space-delimited
 * log events"; "Using filter patterns to match terms in unstructured log
 * events"; "Supported regular expressions (regex) syntax"; and the archived
 * "Filter and Pattern Syntax" page. Case-sensitive throughout; `*` globs are
 * anchored; a comparison on a missing field is false, `!=` included; a
 * selector that reaches an array or object makes every comparison false (use
 * `[n]` or `[*]`); `IS NULL` (explicit null) differs from `NOT EXISTS`
 * (absent); strings compare with strings and numbers with numbers; a JSON
 * pattern matches nothing on a line that is not a JSON object. Details in
 * predicate.ts, delimited.ts and compile.ts.
 *
 * ## Operator precedence of `&&` and `||`
 * The archived guide ("Filter and Pattern Syntax", "JSON Compound
 * Conditions") states "the syntax follows standard order of operations
 * () > && > ||", and its worked examples agree. The current guide does not
 * restate this. So matching defaults to the documented conventional reading,
 * while {@link decideCoverage} evaluates a pattern whose unparenthesized chain
 * mixes the two operators under both the conventional and the left-to-right
 * reading, claims coverage only when both hold, and says so in its notes.
 * The CIS v5.0 pattern is such a chain; it covers CIS 4.1 under both.
 *
 * ## Coverage, exactly
 * {@link decideCoverage} never samples records. Each field the patterns, the
 * intent or the exclusions mention gets the value classes their conditions
 * tell apart (strings split by an automaton product over the globs and
 * regexes, numbers split at the constants, null, booleans, absent, objects
 * and arrays where selectors go deeper); a three-valued DPLL search over those
 * classes looks for an in-scope record that no pattern matches. The record
 * model (which JSON types a field may hold) is documented in model.ts. A term
 * is proven present when a key every in-scope record carries, or a value the
 * intent fixes, contains it (pattern-formula.ts). Parts that cannot be split
 * into classes (wildcard selectors, regex terms, space-delimited patterns)
 * are treated as unknown, so coverage is claimed only with proof; every
 * counterexample is re-checked with {@link matchesEvent}. {@link findOvermatch}
 * runs the same search for a record outside the intent that a pattern matches.
 * The controls, and what other checkers accept for each: README.md here.
 *
 * ## Replaying logs fast
 * Build a matcher once with {@link compilePattern}; before decoding a record,
 * skip it when its raw text holds none of {@link requiredLiterals} and no
 * `\u` escape (for the CIS pattern: no `errorCode`). Most CloudTrail records
 * are then never parsed.
 */
export * from "./ast";
export { parsePattern, MAX_PATTERN_LENGTH } from "./parser";
export { MAX_NESTING_DEPTH } from "./parse-json";
export { formatPattern } from "./format";
export { compilePattern, requiredLiterals, type CompiledMatcher, type MatchOptions } from "./compile";
export { matchesEvent } from "./evaluate";
export { type Reading, READINGS, dependsOnPrecedence, readingsOf } from "./logic";
export { decideCoverage, type CoverageVerdict, type CoverageOptions } from "./coverage";
export { findOvermatch, type OvermatchVerdict } from "./overmatch";
export { assessPattern, type PatternAssessment, LENGTH_WARNING_THRESHOLD } from "./assess";
