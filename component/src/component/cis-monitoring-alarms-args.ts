/**
 * The arguments of {@link CisMonitoringAlarms}: which catalog controls to
 * provision, per-control overrides, and the shared log group and topic. Types
 * only: every control's defaults live in its catalog entry (`../intent`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { LogGroupSourceArgs, NotificationArgs } from "./shared-args";

// Property comments are plain text without link tags: the component provider's schema (the source of the
// Python, Go, C# and YAML SDKs) takes them verbatim, and the analyzer turns a link tag into "[object Object]".

/**
 * Changes to one control's metric filter and alarm. Every setting is optional;
 * what is not given comes from the control's catalog entry (or from the
 * component-wide `metricNamespace`, `period` and `evaluationPeriods`).
 */
export interface ControlOverride {
    /** Set to false to provision nothing for this control. Default: true. */
    readonly enabled?: boolean;
    /**
     * A custom CloudWatch Logs filter pattern for this control. Default: the
     * control's CIS v5.0 pattern. Give at most one of `pattern` and
     * `patternPreset`. A pattern CloudWatch Logs would reject fails at
     * construction; a valid pattern that misses records the control means is
     * kept, with a warning that shows a CloudTrail record it misses.
     */
    readonly pattern?: string;
    /**
     * A named pattern from the control's catalog entry, e.g. `cisV5`,
     * `securityHub` (the exact text AWS Security Hub compares against, where it
     * has a check) or `terraformModule`. Give at most one of `pattern` and
     * `patternPreset`; an unknown name fails with the control's preset names.
     */
    readonly patternPreset?: string;
    /** Physical name of this control's metric filter (1–512 characters, no `:` or `*`). Default: generated from the component name. */
    readonly filterName?: pulumi.Input<string>;
    /** CloudWatch namespace of this control's metric. Default: the component's `metricNamespace`, else `CISBenchmark`. */
    readonly metricNamespace?: string;
    /** Name of the metric this control's filter publishes. Default: the catalog's name for the control, e.g. `RootUsage` for 4.3. */
    readonly metricName?: string;
    /** Physical name of this control's alarm (1–255 characters). Default: generated from the component name. */
    readonly alarmName?: pulumi.Input<string>;
    /** This control's alarm description (up to 1024 characters). Default: what fired and what to do. */
    readonly alarmDescription?: pulumi.Input<string>;
    /** Seconds in one evaluation period of this control's alarm: 10, 20, 30 or a multiple of 60. Default: the component's `period`, else 300. */
    readonly period?: number;
    /** Number of periods this control's alarm evaluates (at least 1). Default: the component's `evaluationPeriods`, else 1. */
    readonly evaluationPeriods?: number;
}

/**
 * The arguments of {@link CisMonitoringAlarms}.
 *
 * Name the log group CloudTrail delivers to in exactly one of `logGroupName`,
 * `logGroup` or `trail`. Everything else has a CIS-compliant default: every
 * metric-filter control of the catalog (CIS AWS v5.0 4.1–4.15), each with its
 * catalog pattern, metric and alarm, all notifying one topic.
 *
 * Arguments that decide which resources exist or what they are named in the
 * CloudWatch metric (`controls`, `overrides` and every override's plain
 * settings, `metricNamespace`, `period`, `evaluationPeriods`, `createKmsKey`,
 * the list of `subscriptions` and each one's `protocol`) are plain values,
 * checked when the component is constructed; every other value may come from
 * another resource.
 */
export interface CisMonitoringAlarmsArgs extends LogGroupSourceArgs, NotificationArgs {
    /**
     * The controls to provision, by CIS v5.0 number (`4.3`), short id
     * (`cis-aws-4.3`) or full catalog id. Default: every metric-filter control
     * of the catalog (4.1–4.15). An unknown id fails with the list of valid ones.
     */
    readonly controls?: string[];
    /**
     * Per-control changes, keyed by control id in any of the forms `controls`
     * takes, e.g. `{ "4.2": { enabled: false }, "4.3": { period: 60 } }`. A
     * key must name a provisioned control.
     */
    readonly overrides?: Record<string, ControlOverride>;
    /** CloudWatch namespace of every control's metric, unless overridden. Default: `CISBenchmark`. */
    readonly metricNamespace?: string;
    /**
     * Seconds in one evaluation period of every alarm, unless overridden: 10,
     * 20, 30 or a multiple of 60. Default: 300. `period × evaluationPeriods`
     * may not exceed one day, or seven days when the period is an hour or more.
     */
    readonly period?: number;
    /**
     * Number of periods every alarm evaluates (at least 1), unless overridden.
     * Default: 1. The alarms always fire on one breaching period
     * (`datapointsToAlarm` 1), so a single event fires them whatever the window.
     */
    readonly evaluationPeriods?: number;
}
