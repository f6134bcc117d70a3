/**
 * The vocabulary in which monitoring controls are written down as data.
 *
 * A control (CIS AWS v5.0 4.1–4.15, each a metric filter and an alarm; 4.16, a
 * service that must be on) is one catalog entry: the records it must catch,
 * the filter pattern and alarm settings that remediate it, and the text an
 * auditor reads. The component, the policy pack and the CLI read the same
 * value, so there is exactly one place that says what "monitored" means.
 */

/**
 * A set of CloudTrail records described by field values: a record belongs to
 * the shape when, for every entry, the field at that path is present and its
 * string value matches the glob (`*` matches any run of characters, nothing
 * else is special; matching is case-sensitive and anchored, as in CloudWatch
 * Logs). Paths use dots for nesting, e.g. `userIdentity.invokedBy`. This is
 * the form users write exclusions in (policy config `excludedRecords`).
 *
 * @example { "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "userIdentity.invokedBy": "cloudfront.amazonaws.com" }
 */
export type RecordShape = Readonly<Record<string, string>>;

/**
 * One condition on one field of a CloudTrail record. Exactly one of
 * `anyOf`, `noneOf` or `exists` is given:
 * - `anyOf`: the value is a string matching at least one glob (so the field is present);
 * - `noneOf`: the value is *not* a string matching any glob. An absent field,
 *   or a value of another JSON type, satisfies it;
 * - `exists`: the field is present (`true`) or absent (`false`).
 *
 * Globs are CloudWatch Logs' (`*` wildcard, anchored, case-sensitive).
 */
export type FieldClause =
    | { readonly field: string; readonly anyOf: readonly string[] }
    | { readonly field: string; readonly noneOf: readonly string[] }
    | { readonly field: string; readonly exists: boolean };

/** A set of records: those satisfying every clause (a conjunction). */
export type RecordCondition = readonly FieldClause[];

/**
 * What a metric filter must catch, stated over CloudTrail records.
 *
 * A pattern *covers* the intent when it matches every record that satisfies
 * all {@link mustMatch} clauses, has every {@link presentFields} field, and
 * satisfies none of the {@link mayMiss} conditions. A pattern *overmatches*
 * when it also matches a record (with the present fields) that fails some
 * `mustMatch` clause: a record the control does not mean. Records are
 * otherwise arbitrary: every other field may be absent or hold any JSON value.
 */
export interface MonitoringIntent {
    /** Clauses every in-scope record satisfies (a conjunction). */
    readonly mustMatch: readonly FieldClause[];
    /**
     * Records the pattern may match or miss: noise the control text allows to
     * be tuned out. Each entry is a conjunction; a record in any entry may be missed.
     */
    readonly mayMiss: readonly RecordCondition[];
    /** Fields present in every CloudTrail record (and so in every in-scope one). */
    readonly presentFields: readonly string[];
    /**
     * A realistic in-scope record. Counterexamples start from it, so a missed
     * record reads like something CloudTrail would really deliver.
     */
    readonly exampleRecord: Readonly<Record<string, unknown>>;
    /**
     * Realistic records the control does not mean (a neighbouring event of the
     * same service, the same event name from another service). An overmatch
     * is reported with one of these when the pattern matches it, and their
     * values are preferred when the engine has to invent one.
     */
    readonly outOfScopeExamples?: readonly Readonly<Record<string, unknown>>[];
    /**
     * Values CloudTrail really writes into a field (by field path, e.g.
     * `errorCode`), preferred after the example record's when the engine has
     * to invent a value, so a counterexample reads `AccessDeniedException`
     * rather than a made-up `AccessDenieda`.
     */
    readonly realisticValues?: Readonly<Record<string, readonly string[]>>;
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
     * one matching event fires it whatever the evaluation window.
     */
    readonly datapointsToAlarm: number;
    /** How periods without data points are treated. */
    readonly treatMissingData: "notBreaching";
}

/** The AWS Security Hub (CSPM) control that checks the same thing, where there is one. */
export interface SecurityHubCheck {
    /** The Security Hub control id, e.g. `CloudWatch.2`. */
    readonly control: string;
    /** The CIS versions and numbers Security Hub maps it to, e.g. `CIS v1.2.0 3.1`. */
    readonly requirements: string;
    /**
     * The exact filter pattern Security Hub's documentation prescribes; the
     * check fails for any other text ("Additional fields or terms cannot be
     * added to the metric filters").
     */
    readonly pattern: string;
}

/** What the catalog entries have in common. */
interface ControlBase {
    /** Stable identifier, used in reports; policy names derive from it. */
    readonly id: string;
    /** The benchmark and its version, e.g. `CIS AWS Foundations Benchmark v5.0`. */
    readonly benchmark: string;
    /** The control number within the benchmark, e.g. `4.1`. */
    readonly control: string;
    /** The same control's number in CIS AWS v6.0 and v7.0, which renumber section 4 as 5 (e.g. `5.1`). */
    readonly controlV6: string;
    /** The control's title as the benchmark words it. */
    readonly title: string;
    /** Why the control exists, for alarm descriptions and reports. */
    readonly rationale: string;
}

/** A CIS-style "log metric filter and alarm" control, as data. */
export interface MonitoringControl extends ControlBase {
    /** Discriminates catalog entries: this one is met by a metric filter and an alarm. */
    readonly kind?: "metricFilter";
    /** The records the filter must count. */
    readonly intent: MonitoringIntent;
    /**
     * Filter patterns, by preset name; `default` is what the component uses,
     * `cisV5` the benchmark's remediation text. Other presets name where they
     * come from (`cisV5Audit`, `cisV5Sso`, `cisV1_2`, `securityHub`, `terraformModule`).
     */
    readonly patterns: Readonly<Record<string, string>> & { readonly default: string; readonly cisV5: string };
    /** Default metric the filter publishes. */
    readonly metric: { readonly namespace: string; readonly name: string; readonly value: string };
    /** Default alarm settings. */
    readonly alarm: AlarmDefaults;
    /** The Security Hub control for the same thing; absent where Security Hub has none (4.15). */
    readonly securityHub?: SecurityHubCheck;
    /** Where the texts come from, and anything the sources could not settle. */
    readonly sourceNotes: readonly string[];
}

/** A control met by a service being enabled, not by a metric filter (CIS 4.16, Security Hub). */
export interface ServiceControl extends ControlBase {
    /** Discriminates catalog entries. */
    readonly kind: "service";
    /** The Pulumi resource type whose presence in the trail's region meets the control. */
    readonly resourceType: string;
    /** How a stack policy enforces it unless configured otherwise. */
    readonly defaultEnforcement: "advisory";
    /** Where the texts come from. */
    readonly sourceNotes: readonly string[];
}

/** One entry of the control catalog. */
export type CatalogEntry = MonitoringControl | ServiceControl;
