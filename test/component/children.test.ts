/**
 * What the component creates with default arguments, and how the children are
 * wired to each other.
 */
import * as assert from "node:assert/strict";
import { CIS_4_1, CIS_V5_PATTERN, TopicPolicySid, UnauthorizedApiCallsAlarm } from "trailwatch";
import {
    ACCOUNT_ID,
    DEFAULT_REGION,
    T,
    installMocks,
    registeredOutputs,
    settle,
    statementsBySid,
    valueOf,
    type Recorder,
} from "./harness";

describe("UnauthorizedApiCallsAlarm with default arguments", () => {
    let recorder: Recorder;
    let component: UnauthorizedApiCallsAlarm;

    beforeEach(async () => {
        recorder = installMocks();
        component = new UnauthorizedApiCallsAlarm("cis", {
            logGroupName: "cloudtrail-logs",
            subscriptions: [
                { protocol: "email", endpoint: "security@example.com" },
                { protocol: "https", endpoint: "https://hooks.example.com/alarm" },
            ],
        });
        await settle(component);
    });

    it("registers under the trailwatch type token", () => {
        const registration = recorder.one(T.component);
        assert.equal(registration.name, "cis");
        assert.equal(registration.custom, false);
    });

    it("creates exactly the filter, alarm, topic, topic policy and one subscription per entry", () => {
        const types = recorder.awsResources().map((r) => `${r.type} ${r.name}`).sort();
        assert.deepEqual(types, [
            `${T.alarm} cis-alarm`,
            `${T.metricFilter} cis-filter`,
            `${T.topic} cis-topic`,
            `${T.topicPolicy} cis-topic-policy`,
            `${T.subscription} cis-subscription-0`,
            `${T.subscription} cis-subscription-1`,
        ].sort());
    });

    it("puts the CIS v5.0 pattern on the given log group, publishing 1 to CISBenchmark/UnauthorizedAPICalls", () => {
        const filter = recorder.one(T.metricFilter).inputs;
        assert.equal(filter.logGroupName, "cloudtrail-logs");
        assert.equal(filter.pattern, CIS_V5_PATTERN);
        assert.deepEqual(filter.metricTransformation, { name: "UnauthorizedAPICalls", namespace: "CISBenchmark", value: "1" });
        assert.equal(filter.name, undefined, "physical name left to auto-naming");
    });

    it("alarms on the filter's metric with the CIS alarm settings", () => {
        const filter = recorder.one(T.metricFilter).inputs;
        const alarm = recorder.one(T.alarm).inputs;
        assert.equal(alarm.metricName, filter.metricTransformation.name);
        assert.equal(alarm.namespace, filter.metricTransformation.namespace);
        assert.equal(alarm.statistic, "Sum");
        assert.equal(alarm.period, 300);
        assert.equal(alarm.comparisonOperator, "GreaterThanOrEqualToThreshold");
        assert.equal(alarm.threshold, 1);
        assert.equal(alarm.evaluationPeriods, 1);
        assert.equal(alarm.datapointsToAlarm, 1);
        assert.equal(alarm.treatMissingData, "notBreaching");
        assert.equal(alarm.actionsEnabled, true);
        assert.equal(alarm.dimensions, undefined, "a metric filter publishes without dimensions");
    });

    it("takes every alarm number from the CIS 4.1 control data", () => {
        const alarm = recorder.one(T.alarm).inputs;
        for (const [key, value] of Object.entries(CIS_4_1.alarm)) {
            assert.equal(alarm[key], value, key);
        }
    });

    it("describes what fired and what to do, naming the log group", () => {
        const description: string = recorder.one(T.alarm).inputs.alarmDescription;
        assert.match(description, /CIS AWS Foundations Benchmark v5\.0 4\.1/);
        assert.match(description, /UnauthorizedOperation/);
        assert.match(description, /last 5 minutes/);
        assert.match(description, /log group cloudtrail-logs/);
        assert.match(description, /What to do:/);
        assert.ok(description.length <= 1024);
    });

    it("notifies the created topic, and subscribes every endpoint to it", async () => {
        const topicArn = await valueOf(component.topic!.arn);
        assert.equal(topicArn, `arn:aws:sns:${DEFAULT_REGION}:${ACCOUNT_ID}:${await valueOf(component.topic!.name)}`);
        assert.deepEqual(recorder.one(T.alarm).inputs.alarmActions, [topicArn]);
        const subscriptions = recorder.ofType(T.subscription).map((s) => s.inputs);
        assert.deepEqual(
            subscriptions.map((s) => [s.topic, s.protocol, s.endpoint]),
            [
                [topicArn, "email", "security@example.com"],
                [topicArn, "https", "https://hooks.example.com/alarm"],
            ],
        );
    });

    it("creates an unencrypted standard topic when no key is asked for", () => {
        const topic = recorder.one(T.topic).inputs;
        assert.equal(topic.kmsMasterKeyId, undefined);
        assert.equal(topic.fifoTopic, undefined);
        assert.equal(topic.name, undefined, "physical name left to auto-naming");
    });

    describe("topic policy", () => {
        it("is attached to the created topic", async () => {
            assert.equal(recorder.one(T.topicPolicy).inputs.arn, await valueOf(component.topicArn));
        });

        it("lets only cloudwatch.amazonaws.com publish, for this account and this alarm", async () => {
            const statements = statementsBySid(recorder.one(T.topicPolicy).inputs.policy);
            const publish = statements.get(TopicPolicySid.cloudWatchAlarmPublishes)!;
            assert.equal(publish.Effect, "Allow");
            assert.deepEqual(publish.Principal, { Service: "cloudwatch.amazonaws.com" });
            assert.equal(publish.Action, "sns:Publish");
            assert.equal(publish.Resource, await valueOf(component.topicArn));
            assert.deepEqual(publish.Condition, {
                StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
                ArnLike: { "aws:SourceArn": await valueOf(component.alarmArn) },
            });
            const allowsPublish = [...statements.values()].filter(
                (s) => s.Effect === "Allow" && [s.Action].flat().some((a) => a === "sns:Publish" || a === "sns:*" || a === "*"),
            );
            assert.deepEqual(allowsPublish.map((s) => s.Sid), [TopicPolicySid.cloudWatchAlarmPublishes]);
        });

        it("keeps topic management with the account root, without publishing", async () => {
            const statement = statementsBySid(recorder.one(T.topicPolicy).inputs.policy).get(TopicPolicySid.accountManagesTopic)!;
            assert.equal(statement.Effect, "Allow");
            assert.deepEqual(statement.Principal, { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` });
            assert.ok(Array.isArray(statement.Action));
            assert.ok(statement.Action.includes("sns:SetTopicAttributes"));
            assert.ok(statement.Action.includes("sns:DeleteTopic"));
            assert.ok(!statement.Action.includes("sns:Publish"));
            assert.equal(statement.Resource, await valueOf(component.topicArn));
        });

        it("denies every topic action over plain HTTP", async () => {
            const statement = statementsBySid(recorder.one(T.topicPolicy).inputs.policy).get(TopicPolicySid.denyInsecureTransport)!;
            assert.equal(statement.Effect, "Deny");
            assert.equal(statement.Principal, "*");
            assert.ok(Array.isArray(statement.Action));
            for (const action of ["sns:Publish", "sns:Subscribe", "sns:SetTopicAttributes", "sns:DeleteTopic"]) {
                assert.ok(statement.Action.includes(action), action);
            }
            assert.equal(statement.Resource, await valueOf(component.topicArn));
            assert.deepEqual(statement.Condition, { Bool: { "aws:SecureTransport": "false" } });
        });

        it("has exactly those three statements, each with a Sid", () => {
            const statements = statementsBySid(recorder.one(T.topicPolicy).inputs.policy);
            assert.deepEqual([...statements.keys()].sort(), Object.values(TopicPolicySid).sort());
        });
    });

    it("looks up the account and partition once each", () => {
        assert.deepEqual(recorder.calls.map((c) => c.token).sort(), [
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
        ]);
    });

    it("exposes the filter, alarm, topic ARN, metric name and namespace as outputs", async () => {
        assert.equal(await valueOf(component.logGroupName), "cloudtrail-logs");
        assert.equal(await valueOf(component.pattern), CIS_V5_PATTERN);
        assert.equal(await valueOf(component.metricName), "UnauthorizedAPICalls");
        assert.equal(await valueOf(component.metricNamespace), "CISBenchmark");
        assert.equal(await valueOf(component.metricFilterName), await valueOf(component.metricFilter.name));
        assert.equal(await valueOf(component.alarmArn), await valueOf(component.alarm.arn));
        assert.equal(await valueOf(component.alarmName), await valueOf(component.alarm.name));
        assert.equal(await valueOf(component.topicArn), await valueOf(component.topic!.arn));
        assert.equal(component.kmsKey, undefined);
        assert.equal(component.subscriptions.length, 2);
    });

    it("registers its outputs with the engine", async () => {
        const outputs = await registeredOutputs(component);
        assert.deepEqual(outputs, {
            logGroupName: "cloudtrail-logs",
            pattern: CIS_V5_PATTERN,
            metricFilterName: await valueOf(component.metricFilterName),
            metricName: "UnauthorizedAPICalls",
            metricNamespace: "CISBenchmark",
            alarmArn: await valueOf(component.alarmArn),
            alarmName: await valueOf(component.alarmName),
            topicArn: await valueOf(component.topicArn),
        });
    });

    it("is recognised by isInstance, and other resources are not", () => {
        assert.ok(UnauthorizedApiCallsAlarm.isInstance(component));
        assert.ok(!UnauthorizedApiCallsAlarm.isInstance(component.alarm));
        assert.ok(!UnauthorizedApiCallsAlarm.isInstance({}));
        assert.ok(!UnauthorizedApiCallsAlarm.isInstance(undefined));
    });
});

describe("UnauthorizedApiCallsAlarm with every optional argument", () => {
    it("passes names, metric, period and subscription options through", async () => {
        const recorder = installMocks();
        const component = new UnauthorizedApiCallsAlarm("custom", {
            logGroupName: "org-trail",
            filterName: "unauthorized-api-calls",
            metricNamespace: "Security/CIS",
            metricName: "Denied",
            alarmName: "unauthorized-api-calls",
            alarmDescription: "Page the on-call security engineer.",
            period: 60,
            evaluationPeriods: 5,
            topicName: "security-alarms",
            subscriptions: [{ protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:111122223333:alarms", rawMessageDelivery: true }],
        });
        await settle(component);

        const filter = recorder.one(T.metricFilter).inputs;
        assert.equal(filter.name, "unauthorized-api-calls");
        assert.deepEqual(filter.metricTransformation, { name: "Denied", namespace: "Security/CIS", value: "1" });

        const alarm = recorder.one(T.alarm).inputs;
        assert.equal(alarm.name, "unauthorized-api-calls");
        assert.equal(alarm.alarmDescription, "Page the on-call security engineer.");
        assert.equal(alarm.metricName, "Denied");
        assert.equal(alarm.namespace, "Security/CIS");
        assert.equal(alarm.period, 60);
        assert.equal(alarm.evaluationPeriods, 5);
        assert.equal(alarm.datapointsToAlarm, 1, "a longer window still fires on one breaching period");
        assert.equal(alarm.threshold, 1, "the threshold stays at the CIS value");

        assert.equal(recorder.one(T.topic).inputs.name, "security-alarms");
        assert.equal(await valueOf(component.topicArn), `arn:aws:sns:${DEFAULT_REGION}:${ACCOUNT_ID}:security-alarms`);
        const subscription = recorder.one(T.subscription).inputs;
        assert.equal(subscription.protocol, "sqs");
        assert.equal(subscription.rawMessageDelivery, true);
    });

    it("describes the evaluation window it was given", async () => {
        const recorder = installMocks();
        await settle(new UnauthorizedApiCallsAlarm("window", { logGroupName: "trail", period: 3600, evaluationPeriods: 2 }));
        assert.match(recorder.one(T.alarm).inputs.alarmDescription, /last 2 hours/);
    });

    it("keeps the default description within CloudWatch's 1024 characters for the longest log group name", async () => {
        const recorder = installMocks();
        await settle(new UnauthorizedApiCallsAlarm("long", { logGroupName: "g".repeat(512) }));
        const description: string = recorder.one(T.alarm).inputs.alarmDescription;
        assert.ok(description.length <= 1024, `${description.length} characters`);
        assert.match(description, /^CIS AWS Foundations Benchmark v5\.0 4\.1/);
    });

    it("creates no subscription when none is given", async () => {
        const recorder = installMocks();
        const component = new UnauthorizedApiCallsAlarm("quiet", { logGroupName: "trail" });
        await settle(component);
        assert.equal(recorder.ofType(T.subscription).length, 0);
        assert.deepEqual(component.subscriptions, []);
    });
});
