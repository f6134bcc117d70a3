export * from "./ast";
export { parsePattern, MAX_PATTERN_LENGTH } from "./parser";
export { MAX_NESTING_DEPTH } from "./parse-json";
export { formatPattern } from "./format";
export { compilePattern, requiredLiterals, type CompiledMatcher, type MatchOptions } from "./compile";
export { matchesEvent } from "./evaluate";
export { type Reading, READINGS, dependsOnPrecedence } from "./logic";
export { decideCoverage, type CoverageVerdict, type CoverageOptions } from "./coverage";
