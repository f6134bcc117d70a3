/**
 * Where moto differs from AWS, the mapping is tested on AWS-shaped responses
 * instead, through the same pack session the CLI runs:
 * - moto confirms every email subscription at once; AWS lists an
 *   unconfirmed one with SubscriptionArn "PendingConfirmation"
 *   (https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptionsByTopic.html,
 *   and the Subscription type: https://docs.aws.amazon.com/sns/latest/api/API_Subscription.html);
 * - moto answers GetEventSelectors for a fresh trail with no selectors; AWS
 *   with its default selector, all management events read and write
 *   (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html);
 * - a metric-math alarm as DescribeAlarms returns it (Metrics, no MetricName:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html).
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { CIS_4_1, CIS_V5_PATTERN } from "trailwatch/engine";
import type * as RunModule from "../../component/src/check/run";
import type * as GraphModule from "../../component/src/audit/to-graph";
import type { AccountSnapshot } from "../../component/src/audit/snapshot";
import { REPO, loadCheck } from "../check/helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { snapshotToGraph } = require(path.join(REPO, "component", "dist", "audit", "to-graph")) as typeof GraphModule;
const { runCheck } = loadCheck<typeof RunModule>("run");

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:security-alerts`;
const POLICY_41 = "cis-aws-4-1-unauthorized-api-calls-monitored";

const cisAlarm: MetricAlarm = {
    AlarmName: "unauthorized-calls-alarm",
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:unauthorized-calls-alarm`,
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [TOPIC],
    InsufficientDataActions: [],
    StateValue: "INSUFFICIENT_DATA",
    MetricName: CIS_4_1.metric.name,
    Namespace: CIS_4_1.metric.namespace,
    Statistic: "Sum",
    Dimensions: [],
    Period: 300,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: 1,
    ComparisonOperator: "GreaterThanOrEqualToThreshold",
    TreatMissingData: "notBreaching",
};

/** A compliant account as AWS answers it; `over` replaces parts. */
function account(over: Partial<AccountSnapshot> = {}): AccountSnapshot {
    return {
        accountId: ACCOUNT,
        callerArn: `arn:aws:iam::${ACCOUNT}:user/auditor`,
        partition: "aws",
        regions: [REGION],
        skippedRegions: [],
        trails: [
            {
                trail: {
                    Name: "management-events",
                    S3BucketName: "management-events-bucket",
                    IncludeGlobalServiceEvents: true,
                    IsMultiRegionTrail: true,
                    HomeRegion: REGION,
                    TrailARN: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/management-events`,
                    LogFileValidationEnabled: true,
                    CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:management-events-logs:*`,
                    CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-to-logs`,
                    HasCustomEventSelectors: false,
                    HasInsightSelectors: false,
                    IsOrganizationTrail: false,
                },
                isLogging: true,
                // AWS's answer for a trail created without selectors.
                eventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
            },
        ],
        filters: [
            {
                region: REGION,
                item: {
                    filterName: "unauthorized-calls",
                    filterPattern: CIS_V5_PATTERN,
                    metricTransformations: [{ metricName: CIS_4_1.metric.name, metricNamespace: CIS_4_1.metric.namespace, metricValue: "1" }],
                    creationTime: 1764662400000,
                    logGroupName: "management-events-logs",
                },
            },
        ],
        alarms: [{ region: REGION, item: cisAlarm }],
        topics: [
            {
                arn: TOPIC,
                region: REGION,
                attributes: { TopicArn: TOPIC, Owner: ACCOUNT, SubscriptionsConfirmed: "1", SubscriptionsPending: "0" },
                confirmed: [{ SubscriptionArn: `${TOPIC}:5f0c2a7e-4b1d-4e8a-9c3f-2d6e8a1b7c90`, Owner: ACCOUNT, Protocol: "email", Endpoint: "security@example.com", TopicArn: TOPIC }],
                pending: [],
            },
        ],
        securityHubs: [],
        blind: [],
        ...over,
    };
}

async function verdicts(snapshot: AccountSnapshot): Promise<{ policy: string; level: string; message: string }[]> {
    const graph = snapshotToGraph(snapshot);
    const result = await runCheck({
        input: "recorded",
        mode: "preview",
        packDir: path.join(REPO, "component", "policy-pack"),
        opened: { stack: graph.stack, mode: graph.mode, load: () => Promise.resolve(graph) },
    });
    return result.violations.map((v) => ({ policy: v.policy, level: v.enforcementLevel, message: v.message }));
}

function mandatory(found: readonly { policy: string; level: string; message: string }[]): string[] {
    return found.filter((f) => f.level === "mandatory").map((f) => f.message);
}

describe("audit mapping on recorded AWS responses (where moto differs)", function () {
    this.timeout(120_000);

    it("a fresh trail's default selector records all management events: the compliant account passes", async () => {
        assert.deepEqual(mandatory(await verdicts(account())), []);
    });

    it("a subscription pending confirmation is no subscriber", async () => {
        const pendingOnly = account({
            topics: [
                {
                    arn: TOPIC,
                    region: REGION,
                    attributes: { TopicArn: TOPIC, Owner: ACCOUNT, SubscriptionsConfirmed: "0", SubscriptionsPending: "1" },
                    confirmed: [],
                    pending: [{ SubscriptionArn: "PendingConfirmation", Owner: ACCOUNT, Protocol: "email", Endpoint: "security@example.com", TopicArn: TOPIC }],
                },
            ],
        });
        const found = mandatory(await verdicts(pendingOnly));
        assert.equal(found.length, 1, found.join("\n"));
        assert.match(found[0]!, /topic "security-alerts" has no subscription/);
    });

    it("a trail whose selector records write-only management events fails at the trail link", async () => {
        const base = account();
        const writeOnly = account({ trails: [{ ...base.trails[0]!, eventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] }] });
        const found = mandatory(await verdicts(writeOnly));
        assert.ok(found.some((m) => /do not record read management events/.test(m)), found.join("\n"));
    });

    it("a metric-math alarm passing the filter's metric through is judged as the pack judges it: it fires on one event", async () => {
        const math: MetricAlarm = {
            ...cisAlarm,
            MetricName: undefined,
            Namespace: undefined,
            Statistic: undefined,
            Period: undefined,
            Metrics: [
                {
                    Id: "m1",
                    MetricStat: { Metric: { Namespace: CIS_4_1.metric.namespace, MetricName: CIS_4_1.metric.name, Dimensions: [] }, Period: 300, Stat: "Sum" },
                    ReturnData: false,
                },
                { Id: "e1", Expression: "m1", Label: "unauthorized calls", ReturnData: true },
            ],
        };
        assert.deepEqual(mandatory(await verdicts(account({ alarms: [{ region: REGION, item: math }] }))), []);
        const scaled: MetricAlarm = { ...math, Metrics: [math.Metrics![0]!, { Id: "e1", Expression: "m1 / 10", ReturnData: true }] };
        const found = mandatory(await verdicts(account({ alarms: [{ region: REGION, item: scaled }] })));
        assert.equal(found.length, 1, found.join("\n"));
        assert.equal((await verdicts(account({ alarms: [{ region: REGION, item: scaled }] }))).filter((f) => f.policy === POLICY_41 && f.level === "mandatory").length, 1);
    });
});
