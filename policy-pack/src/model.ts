/**
 * The resources of the CIS 4.1 chain, read into exactly the fields the
 * checks need. This is the one module that knows `@pulumi/aws` v7 property
 * names; every field keeps its known / unknown / absent state. A value the
 * provider records for an attribute nobody set reads as absent (the tables
 * in `provider-state.ts`), so state written by `@pulumi/aws` v6 and v7, in
 * an export or a preview of an existing stack, means what AWS makes of it.
 */
import type { PolicyResource } from "@pulumi/policy";
import {
    ALARM_UNSET,
    KMS_ALIAS_UNSET,
    KMS_KEY_UNSET,
    LOG_GROUP_UNSET,
    METRIC_TRANSFORMATION_UNSET,
    SUBSCRIPTION_UNSET,
    TOPIC_UNSET,
    TRAIL_UNSET,
} from "./provider-state";
import { Props, type Field, type UnsetValues } from "./resources";
import { regionOf, type Region } from "./regions";

/**
 * What the checks need of a resource: a stack policy's `PolicyResource` or a
 * resource policy's arguments (which carry no property dependencies).
 */
export type ResourceLike = Pick<PolicyResource, "type" | "urn" | "name" | "props" | "provider"> & {
    readonly opts?: { readonly additionalSecretOutputs?: readonly string[] };
    readonly propertyDependencies?: Readonly<Record<string, readonly { readonly urn: string }[]>>;
};

/** What every node carries. */
export interface Node {
    /** The resource as `@pulumi/policy` reported it. */
    readonly resource: ResourceLike;
    /** Its logical (Pulumi) name, which is always known and never secret. */
    readonly label: string;
    /** Its region. */
    readonly region: Region;
}

/** An `aws.cloudtrail.Trail`. */
export interface TrailNode extends Node {
    /** Physical trail name. */
    readonly name: Field<string>;
    /** `isMultiRegionTrail` (AWS default: false). */
    readonly isMultiRegion: Field<boolean>;
    /** `enableLogging` (default: true). */
    readonly enableLogging: Field<boolean>;
    /** `eventSelectors`, each element a bag with `readWriteType`, `includeManagementEvents`, `excludeManagementEventSources`. */
    readonly eventSelectors: Field<readonly Field<unknown>[]>;
    /** `advancedEventSelectors`, each with `fieldSelectors`. */
    readonly advancedEventSelectors: Field<readonly Field<unknown>[]>;
    /** `cloudWatchLogsGroupArn` (ends in `:*`). */
    readonly logGroupArn: Field<string>;
}

/** An `aws.cloudwatch.LogGroup`. */
export interface LogGroupNode extends Node {
    /** Physical name (known in preview: the provider assigns auto-names during its Check). */
    readonly name: Field<string>;
    /** Its ARN (unknown in preview until created). */
    readonly arn: Field<string>;
}

/** An `aws.cloudwatch.LogMetricFilter`. */
export interface MetricFilterNode extends Node {
    /** The filter pattern text. */
    readonly pattern: Field<string>;
    /** The log group it reads. */
    readonly logGroupName: Field<string>;
    /** `metricTransformation.namespace`. */
    readonly metricNamespace: Field<string>;
    /** `metricTransformation.name`. */
    readonly metricName: Field<string>;
    /** `metricTransformation.value`: what one matching event adds. */
    readonly metricValue: Field<string>;
    /** `metricTransformation.dimensions`. */
    readonly metricDimensions: Field<unknown>;
    /** `metricTransformation.unit` (absent: the metric is published with unit "None"). */
    readonly metricUnit: Field<string>;
}

/** An `aws.cloudwatch.MetricAlarm`. */
export interface AlarmNode extends Node {
    /** `metricName` (single-metric alarms). */
    readonly metricName: Field<string>;
    /** `namespace` (single-metric alarms). */
    readonly namespace: Field<string>;
    /** `dimensions` (single-metric alarms). */
    readonly dimensions: Field<unknown>;
    /** `statistic`. */
    readonly statistic: Field<string>;
    /** `unit` (single-metric alarms; absent: any unit). */
    readonly unit: Field<string>;
    /** `extendedStatistic` (a percentile: cannot count). */
    readonly extendedStatistic: Field<string>;
    /** `comparisonOperator`. */
    readonly comparisonOperator: Field<string>;
    /** `threshold`. */
    readonly threshold: Field<number>;
    /** `thresholdMetricId` (anomaly-detection band). */
    readonly thresholdMetricId: Field<string>;
    /** `evaluationPeriods`. */
    readonly evaluationPeriods: Field<number>;
    /** `datapointsToAlarm` (M of M-of-N; defaults to `evaluationPeriods`). */
    readonly datapointsToAlarm: Field<number>;
    /** `actionsEnabled` (default: true). */
    readonly actionsEnabled: Field<boolean>;
    /** `alarmActions`: ARNs notified on ALARM. */
    readonly alarmActions: Field<readonly Field<unknown>[]>;
    /** `metricQueries` (metric-math alarms). */
    readonly metricQueries: Field<readonly Field<unknown>[]>;
}

/** An `aws.sns.Topic`. */
export interface TopicNode extends Node {
    /** Physical topic name. */
    readonly name: Field<string>;
    /** Its ARN. */
    readonly arn: Field<string>;
    /** The KMS key (id, ARN, alias or alias ARN) that encrypts it; absent when it is not encrypted. */
    readonly kmsMasterKeyId: Field<string>;
}

/** An `aws.kms.Key`. */
export interface KmsKeyNode extends Node {
    /** Its key id (a UUID). */
    readonly keyId: Field<string>;
    /** Its ARN. */
    readonly arn: Field<string>;
    /** Its key policy, JSON text; absent means KMS's default key policy. */
    readonly policy: Field<string>;
}

/** An `aws.kms.Alias`. */
export interface KmsAliasNode extends Node {
    /** `alias/...`. */
    readonly name: Field<string>;
    /** Its ARN. */
    readonly arn: Field<string>;
    /** The key it names: id or ARN. */
    readonly targetKeyId: Field<string>;
}

/** An `aws.kms.KeyPolicy`: a key's policy managed apart from the key. */
export interface KmsKeyPolicyNode extends Node {
    /** The key: id or ARN. */
    readonly keyId: Field<string>;
    /** The policy, JSON text. */
    readonly policy: Field<string>;
}

/** An `aws.sns.TopicSubscription`. */
export interface SubscriptionNode extends Node {
    /** ARN of the topic it subscribes to. */
    readonly topic: Field<string>;
    /** `protocol` (`email`, `https`, `sqs`, ...). */
    readonly protocol: Field<string>;
    /** `pendingConfirmation`, as last recorded (computed; only a refresh updates it). */
    readonly pendingConfirmation: Field<boolean>;
}

/** The property bag of a resource, with its declared secret outputs and its type's recorded zero values. */
export function propsOf(resource: ResourceLike, unset: UnsetValues = {}): Props {
    return new Props(resource.props, resource.opts?.additionalSecretOutputs ?? [], false, unset);
}

function base(resource: ResourceLike): Node {
    return { resource, label: resource.name, region: regionOf(resource) };
}

/** Reads a trail. */
export function readTrail(resource: ResourceLike): TrailNode {
    const props = propsOf(resource, TRAIL_UNSET);
    return {
        ...base(resource),
        name: props.string("name"),
        isMultiRegion: props.boolean("isMultiRegionTrail"),
        enableLogging: props.boolean("enableLogging"),
        eventSelectors: props.list("eventSelectors"),
        advancedEventSelectors: props.list("advancedEventSelectors"),
        logGroupArn: props.string("cloudWatchLogsGroupArn"),
    };
}

/** Reads a log group. */
export function readLogGroup(resource: ResourceLike): LogGroupNode {
    const props = propsOf(resource, LOG_GROUP_UNSET);
    return { ...base(resource), name: props.string("name"), arn: props.string("arn") };
}

/** Reads a log metric filter. */
export function readMetricFilter(resource: ResourceLike): MetricFilterNode {
    const props = propsOf(resource);
    const transformation = props.props("metricTransformation", METRIC_TRANSFORMATION_UNSET);
    const field = <T>(read: (t: Props) => Field<T>): Field<T> =>
        transformation.state === "known" ? read(transformation.value) : transformation;
    return {
        ...base(resource),
        pattern: props.string("pattern"),
        logGroupName: props.string("logGroupName"),
        metricNamespace: field((t) => t.string("namespace")),
        metricName: field((t) => t.string("name")),
        metricValue: field((t) => t.string("value")),
        metricDimensions: field((t) => t.get("dimensions")),
        metricUnit: field((t) => t.string("unit")),
    };
}

/** Reads a metric alarm. */
export function readAlarm(resource: ResourceLike): AlarmNode {
    const props = propsOf(resource, ALARM_UNSET);
    return {
        ...base(resource),
        metricName: props.string("metricName"),
        namespace: props.string("namespace"),
        dimensions: props.get("dimensions"),
        statistic: props.string("statistic"),
        unit: props.string("unit"),
        extendedStatistic: props.string("extendedStatistic"),
        comparisonOperator: props.string("comparisonOperator"),
        threshold: props.number("threshold"),
        thresholdMetricId: props.string("thresholdMetricId"),
        evaluationPeriods: props.number("evaluationPeriods"),
        datapointsToAlarm: props.number("datapointsToAlarm"),
        actionsEnabled: props.boolean("actionsEnabled"),
        alarmActions: props.list("alarmActions"),
        metricQueries: props.list("metricQueries"),
    };
}

/** Reads an SNS topic. */
export function readTopic(resource: ResourceLike): TopicNode {
    const props = propsOf(resource, TOPIC_UNSET);
    return { ...base(resource), name: props.string("name"), arn: props.string("arn"), kmsMasterKeyId: props.string("kmsMasterKeyId") };
}

/** Reads a KMS key. */
export function readKmsKey(resource: ResourceLike): KmsKeyNode {
    const props = propsOf(resource, KMS_KEY_UNSET);
    return { ...base(resource), keyId: props.string("keyId"), arn: props.string("arn"), policy: props.string("policy") };
}

/** Reads a KMS alias. */
export function readKmsAlias(resource: ResourceLike): KmsAliasNode {
    const props = propsOf(resource, KMS_ALIAS_UNSET);
    return { ...base(resource), name: props.string("name"), arn: props.string("arn"), targetKeyId: props.string("targetKeyId") };
}

/** Reads a KMS key policy. */
export function readKmsKeyPolicy(resource: ResourceLike): KmsKeyPolicyNode {
    const props = propsOf(resource);
    return { ...base(resource), keyId: props.string("keyId"), policy: props.string("policy") };
}

/** Reads an SNS topic subscription. */
export function readSubscription(resource: ResourceLike): SubscriptionNode {
    const props = propsOf(resource, SUBSCRIPTION_UNSET);
    return {
        ...base(resource),
        topic: props.string("topic"),
        protocol: props.string("protocol"),
        pendingConfirmation: props.boolean("pendingConfirmation"),
    };
}
