/**
 * The account, as the resource graph `trailwatch check` hands the policy
 * pack: each AWS object becomes the resource whose state `@pulumi/aws` v7
 * records for it after `pulumi refresh` (a Terraform-bridged Read sets every
 * attribute from the same API answer; policy-pack/src/provider-state.ts has
 * the evidence for the zero values used here), with its own `region`. So
 * the same pack, chain, messages and config judge it; nothing here decides.
 *
 * Only the properties the chain reads, and the identity fields messages and
 * drift use, are filled in.
 */
import type { AdvancedEventSelector, EventSelector } from "@aws-sdk/client-cloudtrail";
import type { MetricAlarm, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { MetricFilter } from "@aws-sdk/client-cloudwatch-logs";
import type { Subscription } from "@aws-sdk/client-sns";
import { DEFAULT_OPTIONS, type GraphResource, type ResourceGraph } from "../check/model";
import type { WireObject, WireValue } from "../check/wire";
import { parseArn } from "./read-account";
import type { AccountSnapshot, Regional, TopicRead, TrailRead } from "./snapshot";

/** The `@pulumi/aws` type tokens of the chain, and Security Hub's account (the catalog's 4.16 resource type). */
export const AWS_TYPES = {
    trail: "aws:cloudtrail/trail:Trail",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    topicSubscription: "aws:sns/topicSubscription:TopicSubscription",
    securityHubAccount: "aws:securityhub/account:Account",
} as const;

/** The stack and project an audited account is shown as. */
export function auditStack(accountId: string): { stack: string; project: string } {
    return { stack: `aws-${accountId}`, project: "trailwatch-audit" };
}

/** One AWS object before it gets its URN: its type, AWS name, region and recorded state. */
interface Synthesized {
    readonly type: string;
    readonly awsName: string;
    readonly region: string;
    readonly state: WireObject;
}

/**
 * Logical names: the AWS name, which is what messages print; when two
 * objects of one type share it (single-region trails of one name in two
 * regions), `name@region`, and a counter past that.
 */
function labelled(items: readonly Synthesized[]): (Synthesized & { readonly label: string })[] {
    const count = new Map<string, number>();
    for (const i of items) {
        count.set(`${i.type}\0${i.awsName}`, (count.get(`${i.type}\0${i.awsName}`) ?? 0) + 1);
    }
    const used = new Set<string>();
    return items.map((i) => {
        let label = (count.get(`${i.type}\0${i.awsName}`) ?? 0) > 1 ? `${i.awsName}@${i.region}` : i.awsName;
        for (let n = 2; used.has(`${i.type}\0${label}`); n++) {
            label = `${i.awsName}@${i.region}#${n}`;
        }
        used.add(`${i.type}\0${label}`);
        return { ...i, label };
    });
}

/** The resource graph of an account snapshot. */
export function snapshotToGraph(snapshot: AccountSnapshot): ResourceGraph {
    const items: Synthesized[] = [
        ...snapshot.trails.map(trailState),
        ...snapshot.filters.map(filterState),
        ...snapshot.alarms.map(alarmState),
        ...snapshot.topics.flatMap(topicStates),
        ...snapshot.securityHubs.map((h) => ({
            type: AWS_TYPES.securityHubAccount,
            awsName: `security-hub-${h.region}`,
            region: h.region,
            state: { id: snapshot.accountId, arn: h.item.hubArn, region: h.region },
        })),
    ];
    const { stack, project } = auditStack(snapshot.accountId);
    const resources: GraphResource[] = labelled(items).map((i) => ({
        urn: `urn:pulumi:${stack}::${project}::${i.type}::${i.label}`,
        type: i.type,
        name: i.label,
        custom: true,
        // What the account has is its state: Analyze sees it as inputs, AnalyzeStack as outputs, as for an export.
        inputs: i.state,
        outputs: i.state,
        dependencies: [],
        propertyDependencies: {},
        options: DEFAULT_OPTIONS,
    }));
    return {
        stack: { stack, project, organization: "", config: {}, configSecretKeys: [], tags: {} },
        mode: "audit",
        resources,
    };
}

function strings(values: readonly string[] | undefined): WireValue[] {
    return [...(values ?? [])];
}

/** A basic event selector as the provider records it (dataResources and exclusions `[]` when unset). */
function eventSelectorState(s: EventSelector): WireObject {
    return {
        readWriteType: s.ReadWriteType ?? "All",
        // CloudTrail's default when the field is omitted is true (EventSelector, IncludeManagementEvents:
        // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html).
        includeManagementEvents: s.IncludeManagementEvents ?? true,
        dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? "", values: strings(d.Values) })),
        excludeManagementEventSources: strings(s.ExcludeManagementEventSources),
    };
}

/** An advanced event selector, field selectors named as `@pulumi/aws` v7 names them. */
function advancedSelectorState(s: AdvancedEventSelector): WireObject {
    return {
        name: s.Name ?? "",
        fieldSelectors: (s.FieldSelectors ?? []).map((f) => ({
            field: f.Field ?? "",
            equals: strings(f.Equals),
            notEquals: strings(f.NotEquals),
            startsWiths: strings(f.StartsWith),
            notStartsWiths: strings(f.NotStartsWith),
            endsWiths: strings(f.EndsWith),
            notEndsWiths: strings(f.NotEndsWith),
        })),
    };
}

function trailState(read: TrailRead): Synthesized {
    const t = read.trail;
    const region = t.HomeRegion ?? parseArn(t.TrailARN)?.region ?? "";
    return {
        type: AWS_TYPES.trail,
        awsName: t.Name ?? "",
        region,
        state: {
            id: t.TrailARN ?? t.Name ?? "",
            arn: t.TrailARN ?? "",
            name: t.Name ?? "",
            homeRegion: region,
            region,
            isMultiRegionTrail: t.IsMultiRegionTrail === true,
            isOrganizationTrail: t.IsOrganizationTrail === true,
            includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? true,
            // GetTrailStatus' IsLogging is what the provider records as enableLogging.
            enableLogging: read.isLogging,
            cloudWatchLogsGroupArn: t.CloudWatchLogsLogGroupArn ?? "",
            cloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn ?? "",
            s3BucketName: t.S3BucketName ?? "",
            // No selectors at all (as moto answers for a fresh trail) is `[]`, which the pack reads as CloudTrail's
            // default, all management events: AWS itself answers a fresh trail with that default selector
            // (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html).
            eventSelectors: (read.eventSelectors ?? []).map(eventSelectorState),
            advancedEventSelectors: (read.advancedEventSelectors ?? []).map(advancedSelectorState),
        },
    };
}

function filterState({ region, item }: Regional<MetricFilter>): Synthesized {
    // A filter has exactly one transformation (PutMetricFilter: "MetricTransformations ... Array Members: Fixed number of 1 item").
    const t = item.metricTransformations?.[0];
    const dimensions: WireObject = Object.fromEntries(Object.entries(t?.dimensions ?? {}).map(([k, v]) => [k, v]));
    return {
        type: AWS_TYPES.metricFilter,
        awsName: item.filterName ?? "",
        region,
        state: {
            id: item.filterName ?? "",
            name: item.filterName ?? "",
            logGroupName: item.logGroupName ?? "",
            pattern: item.filterPattern ?? "",
            region,
            metricTransformation:
                t === undefined
                    ? null
                    : {
                          name: t.metricName ?? "",
                          namespace: t.metricNamespace ?? "",
                          value: t.metricValue ?? "",
                          defaultValue: t.defaultValue === undefined ? "" : String(t.defaultValue),
                          dimensions,
                          // The provider records the schema default "None" for a metric published without a unit.
                          unit: t.unit ?? "None",
                      },
        },
    };
}

function dimensionsOf(dimensions: readonly { Name?: string; Value?: string }[] | undefined): WireObject {
    return Object.fromEntries((dimensions ?? []).map((d) => [d.Name ?? "", d.Value ?? ""]));
}

function queryState(q: MetricDataQuery): WireObject {
    const stat = q.MetricStat;
    return {
        id: q.Id ?? "",
        expression: q.Expression ?? "",
        label: q.Label ?? "",
        accountId: q.AccountId ?? "",
        period: q.Period ?? 0,
        // Read as the provider does (aws.ToBool): an omitted ReturnData is false.
        returnData: q.ReturnData === true,
        metric:
            stat === undefined
                ? null
                : {
                      metricName: stat.Metric?.MetricName ?? "",
                      namespace: stat.Metric?.Namespace ?? "",
                      dimensions: dimensionsOf(stat.Metric?.Dimensions),
                      period: stat.Period ?? 0,
                      stat: stat.Stat ?? "",
                      unit: stat.Unit ?? "",
                  },
    };
}

function alarmState({ region, item }: Regional<MetricAlarm>): Synthesized {
    return {
        type: AWS_TYPES.metricAlarm,
        awsName: item.AlarmName ?? "",
        region,
        state: {
            id: item.AlarmName ?? "",
            arn: item.AlarmArn ?? "",
            name: item.AlarmName ?? "",
            region,
            metricName: item.MetricName ?? "",
            namespace: item.Namespace ?? "",
            dimensions: dimensionsOf(item.Dimensions),
            statistic: item.Statistic ?? "",
            extendedStatistic: item.ExtendedStatistic ?? "",
            unit: item.Unit ?? "",
            period: item.Period ?? 0,
            comparisonOperator: item.ComparisonOperator ?? "",
            threshold: item.Threshold ?? 0,
            thresholdMetricId: item.ThresholdMetricId ?? "",
            evaluationPeriods: item.EvaluationPeriods ?? 0,
            datapointsToAlarm: item.DatapointsToAlarm ?? 0,
            treatMissingData: item.TreatMissingData ?? "missing",
            actionsEnabled: item.ActionsEnabled ?? true,
            alarmActions: strings(item.AlarmActions),
            okActions: strings(item.OKActions),
            insufficientDataActions: strings(item.InsufficientDataActions),
            metricQueries: (item.Metrics ?? []).map(queryState),
        },
    };
}

/** A subscription's logical name: the topic's name and the subscription id (the ARN's last part). */
export function subscriptionName(subscription: Subscription): string {
    const parts = (subscription.SubscriptionArn ?? "").split(":");
    return `${parts[5] ?? "topic"}/${parts[6] ?? "subscription"}`;
}

/** A topic and its confirmed subscriptions; one pending confirmation is no subscriber, so it is left out. */
function topicStates(topic: TopicRead): Synthesized[] {
    const name = parseArn(topic.arn)?.resource ?? topic.arn;
    const topicState: Synthesized = {
        type: AWS_TYPES.topic,
        awsName: name,
        region: topic.region,
        state: { id: topic.arn, arn: topic.arn, name, region: topic.region, owner: topic.attributes?.Owner ?? "" },
    };
    return [
        topicState,
        ...topic.confirmed.map((s) => ({
            type: AWS_TYPES.topicSubscription,
            awsName: subscriptionName(s),
            region: topic.region,
            state: {
                id: s.SubscriptionArn ?? "",
                arn: s.SubscriptionArn ?? "",
                topic: s.TopicArn ?? topic.arn,
                protocol: s.Protocol ?? "",
                endpoint: s.Endpoint ?? "",
                ownerId: s.Owner ?? "",
                pendingConfirmation: false,
                region: topic.region,
            },
        })),
    ];
}
