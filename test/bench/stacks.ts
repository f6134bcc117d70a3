/**
 * Generated stacks for the AnalyzeStack benchmark: a few complete monitoring
 * chains with every catalog control's filter and alarm (CIS 4.1–4.15, so every
 * control's policy decides a real chain), one of them broken, and a Security
 * Hub account (4.16), buried among many unrelated resources, as a large real
 * stack looks to the pack.
 */
import type { GraphResource, ResourceGraph } from "../../component/src/check/model";
import { CIS_4_1, CIS_4_16, MONITORING_CONTROLS, type MonitoringControl } from "trailwatch/engine";

const stack = "bench";
const project = "bench";
const account = "123456789012";
const region = "us-east-1";
const urn = (type: string, name: string) => `urn:pulumi:${stack}::${project}::${type}::${name}`;
const providerUrn = urn("pulumi:providers:aws", "default_7_48_0");

function resource(type: string, name: string, props: GraphResource["inputs"], deps: Record<string, string[]> = {}): GraphResource {
    const all = [...new Set(Object.values(deps).flat())];
    return {
        urn: urn(type, name),
        type,
        name,
        custom: true,
        inputs: props,
        outputs: props,
        provider: providerUrn,
        dependencies: all,
        propertyDependencies: deps,
        options: {
            protect: false,
            ignoreChanges: [],
            additionalSecretOutputs: [],
            aliases: [],
            customTimeouts: { create: 0, update: 0, delete: 0, read: 0 },
        },
    };
}

/** A control's filter and alarm on chain `i`'s log group and topic. */
function controlPair(i: number, control: MonitoringControl, group: string, topic: GraphResource, lg: GraphResource, pattern: string): GraphResource[] {
    const slug = `${control.control.replace(".", "-")}-${i}`;
    const metric = `${control.metric.name}${i}`;
    const filter = resource(
        "aws:cloudwatch/logMetricFilter:LogMetricFilter",
        `cis-${slug}`,
        {
            name: `cis-${slug}`,
            logGroupName: group,
            pattern,
            metricTransformation: { name: metric, namespace: control.metric.namespace, value: "1" },
            region,
        },
        { logGroupName: [lg.urn] },
    );
    const alarm = resource(
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        `cis-alarm-${slug}`,
        {
            name: `cis-alarm-${slug}`,
            metricName: metric,
            namespace: control.metric.namespace,
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            actionsEnabled: true,
            alarmActions: [topic.outputs["arn"] as string],
            region,
        },
        { alarmActions: [topic.urn] },
    );
    return [filter, alarm];
}

/** One trail delivering to its log group, with every control's filter and alarm, a topic and a subscriber. */
function chain(i: number, broken: boolean): GraphResource[] {
    const group = `trail-logs-${i}`;
    const groupArn = `arn:aws:logs:${region}:${account}:log-group:${group}`;
    const topicArn = `arn:aws:sns:${region}:${account}:security-alerts-${i}`;
    const lg = resource("aws:cloudwatch/logGroup:LogGroup", group, { name: group, arn: groupArn, retentionInDays: 365, region });
    const trail = resource(
        "aws:cloudtrail/trail:Trail",
        `trail-${i}`,
        {
            name: `trail-${i}`,
            isMultiRegionTrail: true,
            enableLogging: true,
            cloudWatchLogsGroupArn: `${groupArn}:*`,
            s3BucketName: `trail-bucket-${i}`,
            region,
        },
        { cloudWatchLogsGroupArn: [lg.urn] },
    );
    const topic = resource("aws:sns/topic:Topic", `alerts-${i}`, { name: `security-alerts-${i}`, arn: topicArn, region });
    const sub = resource(
        "aws:sns/topicSubscription:TopicSubscription",
        `oncall-${i}`,
        { topic: topicArn, protocol: "email", endpoint: "security@example.com", region },
        { topic: [topic.urn] },
    );
    // The broken chain's 4.1 filter misses `*UnauthorizedOperation`.
    const pairs = MONITORING_CONTROLS.flatMap((c) =>
        controlPair(i, c, group, topic, lg, broken && c.id === CIS_4_1.id ? '{ $.errorCode = "AccessDenied*" }' : c.patterns.default),
    );
    return [lg, trail, topic, sub, ...pairs];
}

const fillerTypes: ReadonlyArray<readonly [string, (i: number) => GraphResource["inputs"]]> = [
    ["aws:s3/bucket:Bucket", (i) => ({ bucket: `data-${i}`, arn: `arn:aws:s3:::data-${i}`, region })],
    ["aws:iam/role:Role", (i) => ({ name: `app-role-${i}`, arn: `arn:aws:iam::${account}:role/app-role-${i}`, assumeRolePolicy: "{}" })],
    ["aws:lambda/function:Function", (i) => ({ name: `fn-${i}`, runtime: "nodejs20.x", handler: "index.handler", memorySize: 256, region })],
    ["aws:cloudwatch/logGroup:LogGroup", (i) => ({ name: `/aws/lambda/fn-${i}`, retentionInDays: 30, region })],
    ["aws:sqs/queue:Queue", (i) => ({ name: `queue-${i}`, visibilityTimeoutSeconds: 30, region })],
];

/**
 * A stack of exactly `total` resources (provider included): `chains` monitoring
 * chains, the last one with a pattern that does not cover, and filler.
 */
export function generateStack(total: number, chains = 5): ResourceGraph {
    const provider: GraphResource = {
        ...resource("pulumi:providers:aws", "default_7_48_0", { region, version: "7.48.0" }),
        provider: undefined,
    };
    const resources: GraphResource[] = [provider];
    for (let c = 0; c < chains; c++) {
        resources.push(...chain(c, c === chains - 1));
    }
    resources.push(resource(CIS_4_16.resourceType, "security-hub", { region, enableDefaultStandards: true, arn: `arn:aws:securityhub:${region}:${account}:hub/default` }));
    for (let i = 0; resources.length < total; i++) {
        const [type, props] = fillerTypes[i % fillerTypes.length];
        resources.push(resource(type, `filler-${i}`, props(i)));
    }
    return {
        stack: { stack, project, organization: "", config: { "aws:region": region }, configSecretKeys: [], tags: {} },
        mode: "update",
        resources,
    };
}
