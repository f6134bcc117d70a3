/**
 * Audit step 3 of a monitoring control, the part about meaning: do these
 * filter patterns, together, match every record the control means? Decided by
 * the `trailwatch` pattern engine against the control's catalog intent, never
 * by comparing text.
 */
import {
    CIS_4_1,
    decideCoverage,
    parsePattern,
    type FilterPattern,
    type MonitoringControl,
    type RecordShape,
} from "trailwatch/engine";

/** A pattern that CloudWatch Logs would reject, with where. */
export interface InvalidPattern {
    /** Index of the pattern in the input. */
    readonly index: number;
    /** The syntax error. */
    readonly message: string;
    /** 1-based column. */
    readonly column: number;
}

/** Whether a set of patterns covers a control's intent. */
export interface Coverage {
    /** True when, together, the valid patterns match every in-scope record not excluded. */
    readonly covers: boolean;
    /** A CloudTrail record none of them matches; null when they cover. */
    readonly missed: Readonly<Record<string, unknown>> | null;
    /** Patterns that do not parse, and so match nothing. */
    readonly invalid: readonly InvalidPattern[];
    /** The engine's notes (e.g. a verdict that depends on && / || precedence). */
    readonly notes: readonly string[];
}

/** One step of the memo: the coverage of the patterns that led here, and where each next pattern leads. */
interface MemoNode {
    coverage?: Coverage;
    readonly next: Map<string, MemoNode>;
}

/**
 * Memoised coverage, per control and exclusions, then one trie level per
 * pattern. The patterns themselves are keys, not a JSON text of them: a
 * hostile multi-megabyte pattern would otherwise be copied and escaped into a
 * new key on every question (18 controls ask several each).
 */
const memo = new Map<string, MemoNode>();

function memoNode(control: MonitoringControl, patterns: readonly string[], excludedRecords: readonly RecordShape[]): MemoNode {
    const scope = JSON.stringify([control.id, excludedRecords]);
    let node: MemoNode | undefined = memo.get(scope);
    if (node === undefined) {
        node = { next: new Map() };
        memo.set(scope, node);
    }
    for (const text of patterns) {
        let child: MemoNode | undefined = node.next.get(text);
        if (child === undefined) {
            child = { next: new Map() };
            node.next.set(text, child);
        }
        node = child;
    }
    return node;
}

/**
 * Decides coverage of `control`'s intent (default CIS 4.1) by `patterns`
 * together, allowing the records in `excludedRecords` (on top of those the
 * control itself allows) to be missed. Results are memoised: a stack asks
 * about the same sets often.
 */
export function coverageOf(
    patterns: readonly string[],
    excludedRecords: readonly RecordShape[],
    control: MonitoringControl = CIS_4_1,
): Coverage {
    const node = memoNode(control, patterns, excludedRecords);
    if (node.coverage !== undefined) {
        return node.coverage;
    }
    const parsed: FilterPattern[] = [];
    const invalid: InvalidPattern[] = [];
    patterns.forEach((text, index) => {
        const result = parsePattern(text);
        if (result.ok) {
            parsed.push(result.pattern);
        } else {
            invalid.push({ index, message: result.error.message, column: result.error.column });
        }
    });
    const verdict = decideCoverage(parsed, control.intent, { excludedRecords });
    const coverage: Coverage = {
        covers: verdict.covers,
        missed: verdict.counterexample,
        invalid,
        notes: verdict.notes,
    };
    node.coverage = coverage;
    return coverage;
}

/**
 * Whether a pattern reads like unauthorized-call monitoring: it tests
 * `errorCode` against one of the two error families CIS names. Used by the
 * resource policy to pick which filters to hold to the intent.
 */
export function looksLikeUnauthorizedCallsPattern(text: string): boolean {
    return /errorCode/.test(text) && /UnauthorizedOperation|AccessDenied/.test(text);
}

/**
 * The pattern Security Hub's check for `control` compares filters against:
 * the CIS v1.2 text where the catalog has one (4.1, as before), else the
 * string Security Hub's documentation prints; undefined where Security Hub
 * has no check (4.15).
 */
export function securityHubPattern(control: MonitoringControl = CIS_4_1): string | undefined {
    return control.patterns["cisV1_2"] ?? control.securityHub?.pattern;
}

/**
 * Whether Security Hub's check for `control` would accept the pattern. It
 * compares the filter to one exact string; whether it normalises whitespace
 * is not documented, so the comparison here is exact.
 */
export function securityHubAccepts(text: string, control: MonitoringControl = CIS_4_1): boolean {
    const expected = securityHubPattern(control);
    return expected !== undefined && text === expected;
}

/**
 * True when the configured exclusions leave no record of the control in scope:
 * then any filter, or none, would "cover", and the guarantee is gone. Decided
 * by the engine: an empty set of patterns covers exactly when nothing is in scope.
 */
export function exclusionsTuneOutEverything(excludedRecords: readonly RecordShape[], control: MonitoringControl = CIS_4_1): boolean {
    return excludedRecords.length > 0 && decideCoverage([], control.intent, { excludedRecords }).covers;
}
