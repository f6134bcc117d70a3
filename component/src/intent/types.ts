/**
 * The vocabulary in which monitoring controls are written down as data.
 *
 * A control (CIS 4.1 today, the other CIS 4.x metric-filter controls later) is
 * one {@link MonitoringControl} value: the records it must catch, the filter
 * pattern and alarm settings that remediate it, and the text an auditor reads.
 * The component, the policy pack and the CLI read the same value, so there is
 * exactly one place that says what "monitored" means.
 */

/**
 * A set of CloudTrail records described by field values: a record belongs to
 * the shape when, for every entry, the field at that path is present and its
 * string value matches the glob (`*` matches any run of characters, nothing
 * else is special; matching is case-sensitive and anchored, as in CloudWatch
 * Logs). Paths use dots for nesting, e.g. `userIdentity.invokedBy`.
 *
 * @example { "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "userIdentity.invokedBy": "cloudfront.amazonaws.com" }
 */
export type RecordShape = Readonly<Record<string, string>>;

/** One clause of an intent: the field's string value matches at least one glob. */
export interface FieldClause {
    /** Dotted path of the CloudTrail field, e.g. `errorCode`. */
    readonly field: string;
    /** Globs in CloudWatch Logs syntax (`*` wildcard, anchored, case-sensitive). */
    readonly anyOf: readonly string[];
}

/**
 * What a metric filter must catch, stated over CloudTrail records.
 *
 * A pattern *covers* the intent when it matches every record that satisfies
 * all {@link mustMatch} clauses and belongs to none of the {@link mayMiss}
 * shapes. Records are otherwise arbitrary: only {@link presentFields} are
 * guaranteed to exist; every other field may be absent or hold any JSON value.
 */
export interface MonitoringIntent {
    /** Clauses every in-scope record satisfies (a conjunction). */
    readonly mustMatch: readonly FieldClause[];
    /** Record shapes the pattern may match or miss (noise the control text allows to be tuned out). */
    readonly mayMiss: readonly RecordShape[];
    /** Fields present in every in-scope CloudTrail record. */
    readonly presentFields: readonly string[];
    /**
     * A realistic in-scope record. Counterexamples start from it, so a missed
     * record reads like something CloudTrail would really deliver.
     */
    readonly exampleRecord: Readonly<Record<string, unknown>>;
}

/** The CloudWatch alarm settings a control prescribes. */
export interface AlarmDefaults {
    /** CloudWatch statistic applied to the metric. */
    readonly statistic: "Sum";
    /** Seconds in one evaluation period. */
    readonly period: number;
    /** Comparison against {@link threshold}. */
    readonly comparisonOperator: "GreaterThanOrEqualToThreshold";
    /** The count at which the alarm fires. */
    readonly threshold: number;
    /** Number of periods evaluated. */
    readonly evaluationPeriods: number;
    /**
     * Breaching periods within the evaluated ones that fire the alarm: 1, so
     * one unauthorized call fires it whatever the evaluation window.
     */
    readonly datapointsToAlarm: number;
    /** How periods without data points are treated. */
    readonly treatMissingData: "notBreaching";
}

/** A CIS-style "log metric filter and alarm" control, as data. */
export interface MonitoringControl {
    /** Stable identifier, used in policy names and reports. */
    readonly id: string;
    /** The benchmark and its version, e.g. `CIS AWS Foundations Benchmark v5.0`. */
    readonly benchmark: string;
    /** The control number within the benchmark, e.g. `4.1`. */
    readonly control: string;
    /** The control's title as the benchmark words it. */
    readonly title: string;
    /** Why the control exists, for alarm descriptions and reports. */
    readonly rationale: string;
    /** The records the filter must count. */
    readonly intent: MonitoringIntent;
    /** Filter patterns, by preset name; `default` is what the component uses. */
    readonly patterns: Readonly<Record<string, string>> & { readonly default: string };
    /** Default metric the filter publishes. */
    readonly metric: { readonly namespace: string; readonly name: string; readonly value: string };
    /** Default alarm settings. */
    readonly alarm: AlarmDefaults;
}
