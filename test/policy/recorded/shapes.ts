/**
 * Resource state in the shape `@pulumi/aws` (Terraform-bridged) records it:
 * every output property the type declares, the unset ones as the provider's
 * zero values, schema defaults filled in, `__meta` on outputs of types with
 * a Terraform schema version, `__defaults` on inputs, and (v7 only) the
 * per-resource `region`. Evidence for each type is in ./README.md; the
 * property lists follow the installed @pulumi/aws 7.48 declarations
 * (`node_modules/@pulumi/aws/<module>/<type>.d.ts`), v6 without what v7 added.
 */
import { TYPES } from "trailwatch-policy-pack/dist/tokens";

/** The provider major version whose state is modelled. */
export type ProviderVersion = "v6" | "v7";

/** Both versions, for tests that must hold for each. */
export const VERSIONS: readonly ProviderVersion[] = ["v6", "v7"];

/** The `@pulumi/aws` release each version's state is written by (a default provider's name carries it). */
export const RELEASE: Readonly<Record<ProviderVersion, string>> = { v6: "6.78.0", v7: "7.48.0" };

/** A value recorded for an attribute nobody set. */
type Zero = "" | 0 | false | readonly never[] | Readonly<Record<string, never>> | null;

/** One output attribute: its zero value, and its schema default when it has one. */
interface Attribute {
    readonly zero: Zero;
    /** The schema default the provider fills in (and lists in the inputs' `__defaults`). */
    readonly default?: unknown;
    /** Only in v7 state. */
    readonly v7Only?: boolean;
}

const S: Attribute = { zero: "" };
const N: Attribute = { zero: 0 };
const B: Attribute = { zero: false };
const L: Attribute = { zero: [] };
const M: Attribute = { zero: {} };
const BLOCK: Attribute = { zero: null };
const v7 = (a: Attribute): Attribute => ({ ...a, v7Only: true });
const def = (a: Attribute, value: unknown): Attribute => ({ ...a, default: value });

/** Per type: every output attribute (besides `id`, `region`, `arn` and what the program sets) and whether outputs carry `__meta`. */
const SCHEMAS: Readonly<Record<string, { readonly attributes: Readonly<Record<string, Attribute>>; readonly schemaVersion?: string }>> = {
    // terraform-provider-aws internal/service/cloudtrail/trail.go: SchemaVersion 1; Read sets every attribute.
    [TYPES.trail]: {
        schemaVersion: "1",
        attributes: {
            advancedEventSelectors: L,
            cloudWatchLogsGroupArn: S,
            cloudWatchLogsRoleArn: S,
            enableLogFileValidation: def(B, false),
            enableLogging: def(B, true),
            eventSelectors: L,
            homeRegion: S,
            includeGlobalServiceEvents: def(B, true),
            insightSelectors: L,
            isMultiRegionTrail: def(B, false),
            isOrganizationTrail: def(B, false),
            kmsKeyId: S,
            name: S,
            s3BucketName: S,
            s3KeyPrefix: S,
            snsTopicArn: S,
            snsTopicName: S,
            tags: M,
            tagsAll: M,
        },
    },
    // pulumi-aws recorded cloudwatch-loggroup 5.42.0 state.json and 6.78.0 stack.json; no __meta there.
    [TYPES.logGroup]: {
        attributes: {
            deletionProtectionEnabled: v7(B),
            kmsKeyId: S,
            logGroupClass: def(S, "STANDARD"),
            name: S,
            namePrefix: S,
            retentionInDays: def(N, 0),
            skipDestroy: def(B, false),
            tags: M,
            tagsAll: M,
        },
    },
    // terraform-provider-aws internal/service/logs/metric_filter.go: no schema version; metricTransformation is
    // one block (recorded as an object) whose unit defaults to "None".
    [TYPES.metricFilter]: {
        attributes: { applyOnTransformedLogs: B, logGroupName: S, metricTransformation: BLOCK, name: S, pattern: S },
    },
    // terraform-provider-aws internal/service/cloudwatch/metric_alarm.go: SchemaVersion 1; Read sets every attribute.
    [TYPES.metricAlarm]: {
        schemaVersion: "1",
        attributes: {
            actionsEnabled: def(B, true),
            alarmActions: L,
            alarmDescription: S,
            comparisonOperator: S,
            datapointsToAlarm: N,
            dimensions: M,
            evaluateLowSampleCountPercentiles: S,
            evaluationCriteria: v7(BLOCK),
            evaluationInterval: v7(N),
            evaluationPeriods: N,
            extendedStatistic: S,
            insufficientDataActions: L,
            metricName: S,
            metricQueries: L,
            name: S,
            namespace: S,
            okActions: L,
            period: N,
            statistic: S,
            tags: M,
            tagsAll: M,
            threshold: N,
            thresholdMetricId: S,
            treatMissingData: def(S, "missing"),
            unit: S,
            warmUpConfiguration: v7(BLOCK),
        },
    },
    // pulumi-aws recorded sns-topic 5.42.0 state.json (id = arn; no __meta).
    [TYPES.topic]: {
        attributes: {
            applicationFailureFeedbackRoleArn: S,
            applicationSuccessFeedbackRoleArn: S,
            applicationSuccessFeedbackSampleRate: N,
            archivePolicy: S,
            beginningArchiveTime: S,
            contentBasedDeduplication: def(B, false),
            deliveryPolicy: S,
            displayName: S,
            fifoThroughputScope: S,
            fifoTopic: def(B, false),
            firehoseFailureFeedbackRoleArn: S,
            firehoseSuccessFeedbackRoleArn: S,
            firehoseSuccessFeedbackSampleRate: N,
            httpFailureFeedbackRoleArn: S,
            httpSuccessFeedbackRoleArn: S,
            httpSuccessFeedbackSampleRate: N,
            kmsMasterKeyId: S,
            lambdaFailureFeedbackRoleArn: S,
            lambdaSuccessFeedbackRoleArn: S,
            lambdaSuccessFeedbackSampleRate: N,
            name: S,
            namePrefix: S,
            owner: S,
            policy: S,
            signatureVersion: N,
            sqsFailureFeedbackRoleArn: S,
            sqsSuccessFeedbackRoleArn: S,
            sqsSuccessFeedbackSampleRate: N,
            tags: M,
            tagsAll: M,
            tracingConfig: S,
        },
    },
    // terraform-provider-aws internal/service/sns/topic_subscription.go (id = arn; pendingConfirmation computed).
    [TYPES.topicSubscription]: {
        attributes: {
            confirmationTimeoutInMinutes: def(N, 1),
            confirmationWasAuthenticated: B,
            deliveryPolicy: S,
            endpoint: S,
            endpointAutoConfirms: def(B, false),
            filterPolicy: S,
            filterPolicyScope: S,
            ownerId: S,
            pendingConfirmation: B,
            protocol: S,
            rawMessageDelivery: def(B, false),
            redrivePolicy: S,
            replayPolicy: S,
            subscriptionRoleArn: S,
            topic: S,
        },
    },
};

/** Nested blocks as recorded: the element zero values of lists of blocks the chain reads. */
export const NESTED_ZEROS = {
    /** `metricTransformation` (unit has the schema default "None"). */
    metricTransformation: { defaultValue: "", dimensions: {}, unit: "None" },
    /** One `metricQueries` element. */
    metricQuery: { accountId: "", expression: "", label: "", metric: null, period: 0, returnData: false },
    /** A metric query's `metric` block. */
    queryMetric: { dimensions: {}, unit: "" },
    /** One `eventSelectors` element (includeManagementEvents and readWriteType have schema defaults). */
    eventSelector: { dataResources: [], excludeManagementEventSources: [], includeManagementEvents: true, readWriteType: "All" },
    /** One advanced selector's `fieldSelectors` element. */
    fieldSelector: { endsWiths: [], equals: [], notEndsWiths: [], notEquals: [], notStartsWiths: [], startsWiths: [] },
} as const;

/** The attributes of a type that a program (or AWS) leaves unset in `set`, with their zero values. */
export function zeroValues(type: string, version: ProviderVersion, set: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const schema = SCHEMAS[type];
    if (schema === undefined) {
        throw new Error(`no recorded shape for ${type}`);
    }
    return Object.fromEntries(
        Object.entries(schema.attributes)
            .filter(([key, a]) => !(key in set) && (version === "v7" || !a.v7Only))
            .map(([key, a]) => [key, a.default ?? a.zero]),
    );
}

/** The outputs the provider records: `set` over the zero values, `id`, v7's `region`, and `__meta`. */
export function recordedOutputs(
    type: string,
    version: ProviderVersion,
    set: Readonly<Record<string, unknown>>,
    region: string,
): Record<string, unknown> {
    const schema = SCHEMAS[type];
    const meta = schema?.schemaVersion === undefined ? {} : { __meta: JSON.stringify({ schema_version: schema.schemaVersion }) };
    const regional = version === "v7" ? { region } : {};
    return sortKeys({ ...meta, ...zeroValues(type, version, set), ...regional, ...set });
}

/** The inputs the engine records: what the program set, the schema defaults it did not, and `__defaults` naming those. */
export function recordedInputs(type: string, version: ProviderVersion, inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const schema = SCHEMAS[type];
    const defaults = Object.entries(schema?.attributes ?? {}).filter(
        ([key, a]) => a.default !== undefined && !(key in inputs) && (version === "v7" || !a.v7Only),
    );
    return sortKeys({ __defaults: defaults.map(([key]) => key).sort(), ...Object.fromEntries(defaults.map(([k, a]) => [k, a.default])), ...inputs });
}

function sortKeys(bag: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(bag).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
