/**
 * What the AWS provider's recorded state means, in one place.
 *
 * `@pulumi/aws` is bridged from the Terraform AWS provider, whose Read sets
 * every attribute from the AWS API's answer: an attribute nobody set is
 * recorded as its zero value (`""`, `0`, `false`, `[]`, `{}`, `null` for a
 * nested block), schema defaults are filled in, inputs carry `__defaults`
 * and outputs `__meta`. `pulumi stack export` shows exactly that, and so does
 * every preview of an existing stack (unchanged resources are analysed with
 * their recorded outputs). The tables below say, per resource type, which of
 * the properties the chain reads have a zero value that means "not set", so
 * AWS applies its own behaviour; the model reads those zeros as absent.
 *
 * Evidence (public repositories; see test/policy/recorded/README.md):
 * - pulumi/pulumi-aws `provider/testdata/recorded/TestProviderUpgrade/sns-topic/5.42.0/state.json`,
 *   `.../cloudwatch-loggroup/5.42.0/state.json`,
 *   `examples/testdata/recorded/TestProviderUpgrade/cloudwatch-loggroup/6.78.0/stack.json` and
 *   `examples/testdata/recorded/5.42.0/resources/state.json`: unset strings `""`, numbers `0`, lists `[]`,
 *   maps `{}`, unset single nested blocks `null`, `__meta` on outputs of resources with a schema version,
 *   no per-resource `region` before v7.
 * - hashicorp/terraform-provider-aws, what each Read sets:
 *   `internal/service/cloudwatch/metric_alarm.go`, `internal/service/logs/metric_filter.go`,
 *   `internal/service/cloudtrail/trail.go`, `internal/service/sns/topic_subscription.go`.
 *
 * Zeros that are real values stay values: `threshold: 0`, `enableLogging: false`,
 * `isMultiRegionTrail: false` (AWS's default is false too), `actionsEnabled`
 * (schema default true, so a recorded false was set), `alarmActions: []` (no actions).
 * `__defaults` and `__meta` are never read.
 */
import type { UnsetValues } from "./resources";

/**
 * `aws.cloudtrail.Trail`. `cloudWatchLogsGroupArn` and `cloudWatchLogsRoleArn` are `""` when the trail does not
 * deliver to CloudWatch Logs. `eventSelectors` and `advancedEventSelectors` are `[]` unless the trail has custom
 * selectors (`HasCustomEventSelectors`); `[]` is CloudTrail's default, all management events, read and write.
 */
export const TRAIL_UNSET: UnsetValues = {
    cloudWatchLogsGroupArn: "",
    cloudWatchLogsRoleArn: "",
    kmsKeyId: "",
    snsTopicName: "",
};

/**
 * One `eventSelectors` element: `includeManagementEvents` (default true) and `readWriteType` (default `All`)
 * are always recorded; `dataResources` and `excludeManagementEventSources` are `[]` when unset. A selector
 * equal to CloudTrail's default therefore reads as recording all management events.
 */
export const EVENT_SELECTOR_UNSET: UnsetValues = { readWriteType: "" };

/**
 * `aws.cloudwatch.MetricAlarm` (Terraform schema version 1, so outputs carry `__meta`). Unset
 * `datapointsToAlarm` is `0`: AWS then takes M = `evaluationPeriods`. `extendedStatistic`, `statistic`, `unit`,
 * `thresholdMetricId`, `metricName` and `namespace` are `""` when unset (a metric-math alarm records the last
 * four empty), `evaluateLowSampleCountPercentiles` too. `metricQueries: []` is no metric math; `dimensions: {}`
 * no dimensions; `treatMissingData` is `"missing"` even when AWS returns none.
 */
export const ALARM_UNSET: UnsetValues = {
    datapointsToAlarm: 0,
    extendedStatistic: "",
    statistic: "",
    unit: "",
    thresholdMetricId: "",
    metricName: "",
    namespace: "",
    evaluateLowSampleCountPercentiles: "",
    period: 0,
};

/** One `metricQueries` element: `expression`, `label`, `accountId` `""`, `period` `0`, `metric` `null` when unset. */
export const METRIC_QUERY_UNSET: UnsetValues = { expression: "", label: "", accountId: "", period: 0 };

/** A metric query's `metric` block: `unit` `""` when unset (any unit), `dimensions` `{}`. */
export const QUERY_METRIC_UNSET: UnsetValues = { unit: "", namespace: "" };

/**
 * `aws.cloudwatch.LogMetricFilter`'s `metricTransformation` (a single block, recorded as an object): `unit`
 * has the schema default `"None"` (the metric is published without a unit), `defaultValue` is `""` (a nullable
 * number) and `dimensions` `{}` when unset. An empty unit, as older state may hold, is also no unit.
 */
export const METRIC_TRANSFORMATION_UNSET: UnsetValues = { unit: "", defaultValue: "" };

/** `aws.cloudwatch.LogGroup`: `kmsKeyId` and `namePrefix` are `""` when unset; `arn` never ends in `:*`. */
export const LOG_GROUP_UNSET: UnsetValues = { kmsKeyId: "", namePrefix: "" };

/** `aws.sns.Topic`: `namePrefix`, `kmsMasterKeyId`, `displayName` are `""` when unset. */
export const TOPIC_UNSET: UnsetValues = { namePrefix: "", kmsMasterKeyId: "", displayName: "" };

/**
 * `aws.kms.Key`: `policy` is always recorded (KMS returns the default key policy for a key created without one:
 * examples/testdata/recorded/TestProviderUpgrade/kms-key/6.78.0/stack.json records the account-root statement
 * "Enable IAM User Permissions"); `description` and `customKeyStoreId` are `""` when unset.
 * `aws.kms.Alias`: `namePrefix` is `""` when unset.
 */
export const KMS_KEY_UNSET: UnsetValues = { description: "", customKeyStoreId: "" };
export const KMS_ALIAS_UNSET: UnsetValues = { namePrefix: "" };

/**
 * `aws.sns.TopicSubscription`: `pendingConfirmation` is computed. Create does not wait for `email` or
 * unconfirmed `http(s)` subscriptions, so the state says `true` until a `pulumi refresh` after the recipient
 * confirmed; an email subscription recorded as pending may well be confirmed by now.
 */
export const SUBSCRIPTION_UNSET: UnsetValues = { subscriptionRoleArn: "", filterPolicy: "", redrivePolicy: "" };

/**
 * Every resource's `region` (v7 only; v6 state has none, and then the provider's region applies). An empty
 * region is not a region.
 */
export const REGION_UNSET: UnsetValues = { region: "" };
