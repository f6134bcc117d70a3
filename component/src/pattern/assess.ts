/**
 * {@link assessPattern}: parse + coverage + advice for one pattern text, in
 * the shape `trailwatch pattern check --json` prints and the component and
 * policy pack consume.
 */
import type { FilterPattern, JsonExpr, PatternSyntaxError } from "./ast";
import { CIS_4_1, type MonitoringIntent, type RecordShape } from "../intent";
import { type CoverageOptions, decideCoverage } from "./coverage";
import { findOvermatch } from "./overmatch";
import { MAX_PATTERN_LENGTH, parsePattern } from "./parser";

/** What `trailwatch pattern check --json` prints, and what the component and the pack use. */
export interface PatternAssessment {
    /** True when the text parses as a CloudWatch Logs filter pattern. */
    readonly valid: boolean;
    /** Whether the pattern covers the intent; null when invalid. */
    readonly covers: boolean | null;
    /** An in-scope record the pattern misses; null when it covers or is invalid. */
    readonly counterexample: Record<string, unknown> | null;
    /**
     * A record the control does not mean that the pattern also counts (noise
     * for the alarm); null when there is none, when the question could not be
     * decided (the notes say so), or when the pattern is invalid.
     */
    readonly overmatch: Record<string, unknown> | null;
    /** The syntax error; null when valid. */
    readonly error: PatternSyntaxError | null;
    /** Advice: length, precedence ambiguity, term-pattern caveats, undocumented syntax. */
    readonly notes: readonly string[];
}

/** Patterns at least this long get a note that they are close to the limit. */
export const LENGTH_WARNING_THRESHOLD = 900;

function usesBareExists(expr: JsonExpr): boolean {
    switch (expr.kind) {
        case "group":
            return usesBareExists(expr.expr);
        case "chain":
            return expr.operands.some(usesBareExists);
        case "exists":
            return !expr.negated;
        default:
            return false;
    }
}

function syntaxNotes(pattern: FilterPattern): string[] {
    if (pattern.kind === "json" && usesBareExists(pattern.expr)) {
        return ["EXISTS without NOT is not listed as supported by the current CloudWatch Logs guide; prefer a comparison such as $.field = \"*\"."];
    }
    return [];
}

function lengthNotes(text: string): string[] {
    if (text.length > MAX_PATTERN_LENGTH) {
        return [`The pattern has ${text.length} characters; CloudWatch Logs rejects patterns over ${MAX_PATTERN_LENGTH}.`];
    }
    if (text.length >= LENGTH_WARNING_THRESHOLD) {
        return [`The pattern has ${text.length} of the ${MAX_PATTERN_LENGTH} characters CloudWatch Logs allows.`];
    }
    return [];
}

/**
 * Parses `text`, decides whether it covers `intent` (default: CIS 4.1), and
 * whether it also counts records the intent does not mean.
 * Never throws. An invalid pattern yields `valid: false`, `covers: null` and
 * the structured syntax error.
 */
export function assessPattern(
    text: string,
    intent: MonitoringIntent = CIS_4_1.intent,
    options: { readonly excludedRecords?: readonly RecordShape[] } = {},
): PatternAssessment {
    const parsed = parsePattern(text);
    if (!parsed.ok) {
        return { valid: false, covers: null, counterexample: null, overmatch: null, error: parsed.error, notes: lengthNotes(String(text)) };
    }
    const coverageOptions: CoverageOptions = options;
    const verdict = decideCoverage([parsed.pattern], intent, coverageOptions);
    const overmatch = findOvermatch([parsed.pattern], intent);
    return {
        valid: true,
        covers: verdict.covers,
        counterexample: verdict.counterexample,
        overmatch: overmatch.record,
        error: null,
        notes: [...new Set([...lengthNotes(text), ...syntaxNotes(parsed.pattern), ...verdict.notes, ...overmatch.notes])],
    };
}
