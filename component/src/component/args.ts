/**
 * The arguments of {@link UnauthorizedApiCallsAlarm}, and the named filter
 * patterns users pick from. Types only, plus the preset table: defaults live in
 * the CIS 4.1 control data (`../intent`), behaviour in the sibling modules.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { CIS_4_1 } from "../intent";
import type { AlarmSubscription } from "./subscription";

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
export interface UnauthorizedApiCallsAlarmArgs {
    /**
     * Name of the CloudWatch Logs log group CloudTrail delivers to. Give
     * exactly one of `logGroupName`, `logGroup` and `trail`.
     */
    readonly logGroupName?: pulumi.Input<string>;
    /**
     * The CloudWatch Logs log group CloudTrail delivers to; its name is used.
     * Give exactly one of `logGroupName`, `logGroup` and `trail`.
     */
    readonly logGroup?: aws.cloudwatch.LogGroup;
    /**
     * The CloudTrail trail whose CloudWatch Logs delivery is monitored; the log
     * group name is taken from its `cloudWatchLogsGroupArn`. The trail must
     * deliver to CloudWatch Logs. Give exactly one of `logGroupName`,
     * `logGroup` and `trail`. When the log group is created in the same
     * program, prefer `logGroup`: a new log group's name is known in a
     * preview, its ARN (and so the trail's `cloudWatchLogsGroupArn`) only after
     * it is created.
     */
    readonly trail?: aws.cloudtrail.Trail;

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
     * Seconds in one evaluation period: 10, 30 or a multiple of 60. Default:
     * 300. `period × evaluationPeriods` may not exceed one day.
     */
    readonly period?: number;
    /**
     * Number of periods the alarm evaluates (at least 1). Default: 1. The
     * alarm always fires on one breaching period (`datapointsToAlarm` 1), so a
     * single call fires it whatever the window.
     */
    readonly evaluationPeriods?: number;

    /**
     * ARN of an existing SNS topic to notify. When set, no topic, topic policy
     * or KMS key is created: the topic's owner is responsible for letting
     * CloudWatch publish to it. `subscriptions`, if any, are added to it.
     */
    readonly topicArn?: pulumi.Input<string>;
    /**
     * Physical name of the created topic (1–256 letters, digits, `-` and `_`).
     * Default: generated from the component name. Not used with `topicArn`.
     */
    readonly topicName?: pulumi.Input<string>;
    /**
     * Who is notified when the alarm fires, one topic subscription each. CIS
     * audits expect at least one confirmed subscriber.
     */
    readonly subscriptions?: AlarmSubscription[];
    /**
     * KMS key (ID, ARN or alias) that encrypts the created topic at rest. Its
     * key policy must let `cloudwatch.amazonaws.com` call `kms:Decrypt` and
     * `kms:GenerateDataKey*`. The AWS managed key `alias/aws/sns` is refused:
     * CloudWatch alarms cannot publish to topics encrypted with it.
     */
    readonly kmsMasterKeyId?: pulumi.Input<string>;
    /**
     * Create a customer managed KMS key (rotation on) for the topic, with a key
     * policy that lets CloudWatch use it. Not with `kmsMasterKeyId` or `topicArn`.
     */
    readonly createKmsKey?: boolean;

    /**
     * AWS Region of every resource the component creates (the v7 per-resource
     * `region`); it must be the log group's Region. Default: the provider's
     * Region. It is not read from `logGroup` or `trail`: their Region is
     * unknown until they exist, and the children's Region must be known in a
     * preview for the plan (and policy checks) to place them.
     */
    readonly region?: pulumi.Input<string>;
    /** Tags for every taggable resource the component creates (alarm, topic, KMS key). */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}
