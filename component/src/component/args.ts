/**
 * The arguments of {@link UnauthorizedApiCallsAlarm}, and the named filter
 * patterns users pick from. Types only, plus the preset table: defaults live in
 * the CIS 4.1 control data (`../intent`), behaviour in the sibling modules.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CIS_4_1 } from "../intent";
import type { LogGroupSourceArgs, NotificationArgs } from "./shared-args";

/**
 * Named CloudWatch Logs filter patterns for CIS AWS Foundations Benchmark
 * control 4.1, to pass as {@link UnauthorizedApiCallsAlarmArgs.pattern}.
 *
 * @example
 * new UnauthorizedApiCallsAlarm("unauthorized-calls", {
 *     logGroupName: "cloudtrail",
 *     pattern: FilterPatterns.cisV1_2, // Security Hub CloudWatch.2 reports the control as passed
 * });
 */
export const FilterPatterns = {
    /**
     * The CIS v5.0 pattern (the default): every `*UnauthorizedOperation` and
     * `AccessDenied*` error, except log-delivery noise and `HeadBucket` probes,
     * which the benchmark allows you to tune out.
     */
    cisV5: CIS_4_1.patterns.cisV5,
    /**
     * The CIS v1.2 pattern. AWS Security Hub's CloudWatch.2 check compares the
     * filter to this exact string, so choose it when Security Hub must pass.
     */
    cisV1_2: CIS_4_1.patterns.cisV1_2,
} as const satisfies Record<FilterPatternPreset, string>;

/**
 * A named filter pattern, for `patternPreset`: `cisV5` (the default) or
 * `cisV1_2` (the pattern AWS Security Hub's CloudWatch.2 compares against).
 */
export const FilterPatternPreset = {
    /** The CIS v5.0 pattern (the default). */
    CisV5: "cisV5",
    /** The CIS v1.2 pattern, which Security Hub CloudWatch.2 compares the filter to verbatim. */
    CisV1_2: "cisV1_2",
} as const;

/** The name of a preset in {@link FilterPatterns}. */
export type FilterPatternPreset = (typeof FilterPatternPreset)[keyof typeof FilterPatternPreset];

/**
 * The arguments of {@link UnauthorizedApiCallsAlarm}.
 *
 * Name the log group CloudTrail delivers to in exactly one of `logGroupName`,
 * `logGroup` or `trail`. Everything else has a CIS-compliant default.
 *
 * Arguments that decide which resources exist or what they are named in the
 * CloudWatch metric (`pattern`, `patternPreset`, `metricNamespace`,
 * `metricName`, `period`, `evaluationPeriods`, `createKmsKey`, the list of
 * `subscriptions` and each one's `protocol`) are plain values, checked when the
 * component is constructed; every other value may come from another resource.
 */
// Property comments are plain text without link tags: the component provider's schema (the source of the
// Python, Go, C# and YAML SDKs) takes them verbatim, and the analyzer turns a link tag into "[object Object]".
export interface UnauthorizedApiCallsAlarmArgs extends LogGroupSourceArgs, NotificationArgs {
    /**
     * A custom CloudWatch Logs filter pattern that selects unauthorized calls.
     * Default: the CIS v5.0 pattern. Give at most one of `pattern` and
     * `patternPreset`. A pattern CloudWatch Logs would reject fails at
     * construction; a valid pattern that misses some unauthorized calls is
     * kept, with a warning that shows a CloudTrail record it misses.
     */
    readonly pattern?: string;
    /**
     * A named filter pattern: `cisV5` (the default) or `cisV1_2`, the pattern
     * AWS Security Hub's CloudWatch.2 check compares the filter to verbatim
     * (choose it when Security Hub must pass). Give at most one of `pattern`
     * and `patternPreset`.
     */
    readonly patternPreset?: FilterPatternPreset;
    /** Physical name of the metric filter (1–512 characters, no `:` or `*`). Default: generated from the component name. */
    readonly filterName?: pulumi.Input<string>;
    /** CloudWatch namespace of the metric. Default: `CISBenchmark`. */
    readonly metricNamespace?: string;
    /** Name of the metric the filter publishes. Default: `UnauthorizedAPICalls`. */
    readonly metricName?: string;

    /** Physical name of the alarm (1–255 characters). Default: generated from the component name. */
    readonly alarmName?: pulumi.Input<string>;
    /** Alarm description shown in the console and notifications (up to 1024 characters). Default: what fired and what to do. */
    readonly alarmDescription?: pulumi.Input<string>;
    /**
     * Seconds in one evaluation period: 10, 20, 30 or a multiple of 60.
     * Default: 300. `period × evaluationPeriods` may not exceed one day, or
     * seven days when the period is an hour or more.
     */
    readonly period?: number;
    /**
     * Number of periods the alarm evaluates (at least 1). Default: 1. The
     * alarm always fires on one breaching period (`datapointsToAlarm` 1), so a
     * single call fires it whatever the window.
     */
    readonly evaluationPeriods?: number;
}
