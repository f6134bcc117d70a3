/**
 * Audit scenarios as one description each: seeded into moto for `trailwatch
 * audit`, and written as a `pulumi stack export` of the same resources in
 * the provider's recorded shape (test/policy/recorded/shapes.ts) for
 * `trailwatch check`, so a test can hold the two to the same violations.
 */
import { CIS_4_1, CIS_V5_PATTERN, MONITORING_CONTROLS } from "trailwatch/engine";
import { NESTED_ZEROS, recordedInputs, recordedOutputs } from "../policy/recorded/shapes";
import { type ChainSpec, MOTO_ACCOUNT, type Seeded, topicArn } from "./moto";

/** The CIS remediation's alarm on a metric, notifying `topic`. */
export function cisAlarm(name: string, metric: { namespace: string; name: string }, topic: string): NonNullable<ChainSpec["alarms"]>[number] {
    const a = CIS_4_1.alarm;
    return {
        AlarmName: name,
        MetricName: metric.name,
        Namespace: metric.namespace,
        Statistic: a.statistic as "Sum",
        Period: a.period,
        EvaluationPeriods: a.evaluationPeriods,
        DatapointsToAlarm: a.datapointsToAlarm,
        Threshold: a.threshold,
        ComparisonOperator: a.comparisonOperator as "GreaterThanOrEqualToThreshold",
        TreatMissingData: a.treatMissingData,
        notifies: [topic],
    };
}

/** A compliant CIS 4.1 chain: multi-region trail → log group → CIS filter → CIS alarm → topic → email subscriber. */
export function compliant(region = "us-east-1", over: Partial<ChainSpec> = {}): ChainSpec {
    const metric = { namespace: CIS_4_1.metric.namespace, name: CIS_4_1.metric.name };
    return {
        trail: { name: "management-events", region },
        logGroup: { name: "management-events-logs" },
        filters: [{ name: "unauthorized-calls", pattern: CIS_V5_PATTERN, metric: metric.name, namespace: metric.namespace }],
        alarms: [cisAlarm("unauthorized-calls-alarm", metric, "security-alerts")],
        topics: [{ name: "security-alerts", emails: ["security@example.com"] }],
        ...over,
    };
}

/** Every catalog control's CIS filter and alarm on one log group, plus Security Hub: compliant under {"all": "mandatory"}. */
export function everyControl(region = "us-east-1"): ChainSpec {
    return {
        trail: { name: "management-events", region },
        logGroup: { name: "management-events-logs" },
        filters: MONITORING_CONTROLS.map((c) => ({
            name: `${c.control}-filter`,
            pattern: c.patterns.cisV5,
            metric: c.metric.name,
            namespace: c.metric.namespace,
        })),
        alarms: MONITORING_CONTROLS.map((c) => cisAlarm(`${c.control}-alarm`, { namespace: c.metric.namespace, name: c.metric.name }, "security-alerts")),
        topics: [{ name: "security-alerts", emails: ["security@example.com"] }],
        securityHub: [region],
    };
}

const STACK = { stack: "prod", project: "audit-parity" };

function urn(type: string, name: string): string {
    return `urn:pulumi:${STACK.stack}::${STACK.project}::${type}::${name}`;
}

/**
 * The stack export of the same resources, named as the audit names them (the
 * AWS names), in @pulumi/aws v7's recorded shape with each resource's region.
 */
export function asExport(specs: readonly ChainSpec[], seeded: readonly Seeded[]): object {
    const resources: { type: string; name: string; region: string; set: Record<string, unknown> }[] = [];
    specs.forEach((spec, i) => {
        const trailRegion = spec.trail.region;
        const groupRegion = spec.logGroup?.region ?? trailRegion;
        const groupArn = spec.logGroup === undefined ? "" : `arn:aws:logs:${groupRegion}:${MOTO_ACCOUNT}:log-group:${spec.logGroup.name}:*`;
        resources.push({
            type: "aws:cloudtrail/trail:Trail",
            name: spec.trail.name,
            region: trailRegion,
            set: {
                arn: `arn:aws:cloudtrail:${trailRegion}:${MOTO_ACCOUNT}:trail/${spec.trail.name}`,
                name: spec.trail.name,
                homeRegion: trailRegion,
                isMultiRegionTrail: spec.trail.multiRegion ?? true,
                enableLogging: spec.trail.logging ?? true,
                cloudWatchLogsGroupArn: groupArn,
                eventSelectors: (spec.eventSelectors ?? []).map((s) => ({
                    ...NESTED_ZEROS.eventSelector,
                    ...(s.ReadWriteType === undefined ? {} : { readWriteType: s.ReadWriteType }),
                    ...(s.IncludeManagementEvents === undefined ? {} : { includeManagementEvents: s.IncludeManagementEvents }),
                })),
                advancedEventSelectors: (spec.advancedEventSelectors ?? []).map((s) => ({
                    name: s.Name ?? "",
                    fieldSelectors: (s.FieldSelectors ?? []).map((f) => ({
                        ...NESTED_ZEROS.fieldSelector,
                        field: f.Field,
                        equals: f.Equals ?? [],
                        notEquals: f.NotEquals ?? [],
                    })),
                })),
            },
        });
        for (const f of spec.filters ?? []) {
            resources.push({
                type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
                name: f.name,
                region: groupRegion,
                set: {
                    name: f.name,
                    logGroupName: spec.logGroup!.name,
                    pattern: f.pattern,
                    metricTransformation: { ...NESTED_ZEROS.metricTransformation, name: f.metric, namespace: f.namespace, value: f.value ?? "1" },
                },
            });
        }
        for (const a of spec.alarms ?? []) {
            resources.push({
                type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                name: a.AlarmName!,
                region: groupRegion,
                set: {
                    name: a.AlarmName,
                    metricName: a.MetricName,
                    namespace: a.Namespace,
                    statistic: a.Statistic,
                    period: a.Period,
                    evaluationPeriods: a.EvaluationPeriods,
                    datapointsToAlarm: a.DatapointsToAlarm,
                    threshold: a.Threshold,
                    comparisonOperator: a.ComparisonOperator,
                    treatMissingData: a.TreatMissingData,
                    alarmActions: (a.notifies ?? []).map((t) => topicArn(groupRegion, t)),
                    metricQueries: (a.Metrics ?? []).map((q) => ({
                        ...NESTED_ZEROS.metricQuery,
                        id: q.Id,
                        expression: q.Expression ?? "",
                        label: q.Label ?? "",
                        returnData: q.ReturnData ?? false,
                        metric:
                            q.MetricStat === undefined
                                ? null
                                : {
                                      ...NESTED_ZEROS.queryMetric,
                                      metricName: q.MetricStat.Metric?.MetricName,
                                      namespace: q.MetricStat.Metric?.Namespace,
                                      period: q.MetricStat.Period,
                                      stat: q.MetricStat.Stat,
                                  },
                    })),
                },
            });
        }
        for (const t of spec.topics ?? []) {
            const arn = topicArn(groupRegion, t.name);
            resources.push({ type: "aws:sns/topic:Topic", name: t.name, region: groupRegion, set: { arn, name: t.name } });
            for (const subscription of seeded[i]?.subscriptionArns[t.name] ?? []) {
                const id = subscription.split(":").slice(5).join("/");
                resources.push({
                    type: "aws:sns/topicSubscription:TopicSubscription",
                    name: id,
                    region: groupRegion,
                    set: { arn: subscription, topic: arn, protocol: "email", endpoint: t.emails[0], pendingConfirmation: false },
                });
            }
        }
        for (const region of spec.securityHub ?? []) {
            resources.push({ type: "aws:securityhub/account:Account", name: `security-hub-${region}`, region, set: {} });
        }
    });
    const stackUrn = `urn:pulumi:${STACK.stack}::${STACK.project}::pulumi:pulumi:Stack::${STACK.project}-${STACK.stack}`;
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-12-02T09:00:00.000000Z", magic: "0".repeat(64), version: "v3.169.0" },
            resources: [
                { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack" },
                ...resources.map((r) => ({
                    urn: urn(r.type, r.name),
                    custom: true,
                    id: String(r.set.arn ?? r.set.name ?? r.name),
                    type: r.type,
                    ...(r.type === "aws:securityhub/account:Account"
                        ? // shapes.ts models the chain's types only; the Security Hub policy reads the account's region.
                          { inputs: { region: r.region }, outputs: { id: MOTO_ACCOUNT, region: r.region } }
                        : {
                              inputs: recordedInputs(r.type, "v7", Object.fromEntries(Object.entries(r.set).filter(([k]) => k !== "arn"))),
                              outputs: recordedOutputs(r.type, "v7", { id: String(r.set.arn ?? r.set.name ?? r.name), ...r.set }, r.region),
                          }),
                    parent: stackUrn,
                })),
            ],
        },
    };
}
