/**
 * Arguments AWS would reject at deploy time, or that conflict, fail at
 * construction with an error that names the argument and the fix.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InvalidArgumentError, UnauthorizedApiCallsAlarm, type UnauthorizedApiCallsAlarmArgs } from "trailwatch";
import { installMocks, settle } from "./harness";

const BASE: UnauthorizedApiCallsAlarmArgs = { logGroupName: "cloudtrail" };

/** Constructs the component and returns the error it throws; fails if it does not throw one. */
function constructionError(args: UnauthorizedApiCallsAlarmArgs): InvalidArgumentError {
    try {
        new UnauthorizedApiCallsAlarm("checked", args);
    } catch (err) {
        assert.ok(err instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(err)}`);
        return err;
    }
    assert.fail("expected the constructor to throw");
}

interface Case {
    readonly title: string;
    /** Built inside the test, after its mocks are installed (some arguments are resources). */
    readonly args: () => UnauthorizedApiCallsAlarmArgs;
    readonly argument: string;
    /** What the message must say besides naming the argument (the fix, or the limit). */
    readonly says: RegExp;
}

/** Builds a Case whose arguments extend BASE. */
function rejects(title: string, args: Partial<UnauthorizedApiCallsAlarmArgs>, argument: string, says: RegExp): Case {
    return { title, args: () => ({ ...BASE, ...args }), argument, says };
}

const CASES: Case[] = [
    // Where the logs are.
    { title: "no log group source", args: () => ({}), argument: "logGroupName", says: /logGroupName .*logGroup .*trail/ },
    {
        title: "logGroupName and logGroup together",
        args: () => ({ logGroupName: "a", logGroup: new aws.cloudwatch.LogGroup("unused", {}) }),
        argument: "logGroup",
        says: /exactly one of logGroupName, logGroup and trail/,
    },
    {
        title: "logGroup and trail together",
        args: () => ({
            logGroup: new aws.cloudwatch.LogGroup("unused", {}),
            trail: new aws.cloudtrail.Trail("unused-trail", { s3BucketName: "b" }),
        }),
        argument: "trail",
        says: /exactly one of/,
    },
    rejects("a log group name with a space", { logGroupName: "cloud trail" }, "logGroupName", /1-512 letters, digits/),
    rejects("a 513-character log group name", { logGroupName: "a".repeat(513) }, "logGroupName", /1-512/),

    // Metric filter.
    rejects("an empty pattern", { pattern: "" }, "pattern", /matches every log event.*Omit pattern/),
    rejects("a blank pattern", { pattern: "  " }, "pattern", /is empty/),
    rejects("a pattern over 1024 characters", { pattern: `{ $.a = "${"x".repeat(1024)}" }` }, "pattern", /at most 1024/),
    rejects("a pattern and a preset together", { pattern: '{ $.errorCode = "AccessDenied*" }', patternPreset: "cisV1_2" }, "patternPreset", /conflicts with "pattern": give a custom pattern or a preset, not both/),
    rejects("an unknown preset", { patternPreset: "cisV4" as "cisV5" }, "patternPreset", /is "cisV4"; the presets are cisV5, cisV1_2/),
    // Another language (through the component provider) or untyped JavaScript can pass an Output where a plain value is needed.
    rejects("an Output for the period", { period: pulumi.output(300) as unknown as number }, "period", /is an Output, but it decides what the component creates/),
    rejects(
            "an Output for a protocol",
            { subscriptions: [{ protocol: pulumi.output("email") as unknown as "email", endpoint: "a@example.com" }] },
            "subscriptions[0].protocol",
            /is an Output.*plain value/,
        ),
    rejects("a 513-character filter name", { filterName: "f".repeat(513) }, "filterName", /1-512 characters/),
    rejects("a filter name with a colon", { filterName: "cis:4.1" }, "filterName", /without ':' or '\*'/),
    rejects("an empty metric name", { metricName: "" }, "metricName", /1-255 printable ASCII/),
    rejects("a blank metric name", { metricName: "   " }, "metricName", /not all spaces/),
    rejects("a 256-character metric name", { metricName: "m".repeat(256) }, "metricName", /1-255/),
    rejects("a metric name with '$'", { metricName: "Calls$" }, "metricName", /without ':', '\*' or '\$'/),
    rejects("a non-ASCII namespace", { metricNamespace: "Sécurité" }, "metricNamespace", /printable ASCII/),
    rejects("a namespace with a colon", { metricNamespace: "CIS:Benchmark" }, "metricNamespace", /without ':'/),
    rejects("a namespace in AWS/", { metricNamespace: "AWS/CloudTrail" }, "metricNamespace", /reserved for AWS services/),

    // Alarm.
    rejects("period 45", { period: 45 }, "period", /10, 20, 30 or a multiple of 60/),
    rejects("period 0", { period: 0 }, "period", /10, 20, 30 or a multiple of 60/),
    rejects("period 15", { period: 15 }, "period", /10, 20, 30 or a multiple of 60/),
    rejects("period 90", { period: 90 }, "period", /multiple of 60/),
    rejects("a fractional period", { period: 60.5 }, "period", /multiple of 60/),
    rejects("evaluationPeriods 0", { evaluationPeriods: 0 }, "evaluationPeriods", /at least 1/),
    rejects("fractional evaluationPeriods", { evaluationPeriods: 1.5 }, "evaluationPeriods", /whole number/),
    rejects(
            "a period and evaluation periods longer than a day together",
            { period: 1800, evaluationPeriods: 49 },
            "evaluationPeriods",
            /88200 seconds.*at most one day \(86400\) for a period under an hour/,
        ),
    // PutMetricAlarm: a period of an hour or more may evaluate up to seven days, and no more.
    rejects("an hourly period over seven days", { period: 3600, evaluationPeriods: 169 }, "evaluationPeriods", /608400 seconds.*at most seven days \(604800\)/),
    rejects("an eight-day period", { period: 691200 }, "period", /691200 seconds.*at most seven days/),
    rejects("period 60000 over 11 evaluation periods", { period: 60000, evaluationPeriods: 11 }, "evaluationPeriods", /660000 seconds/),
    rejects("an empty alarm name", { alarmName: "" }, "alarmName", /1-255 characters/),
    rejects("a 256-character alarm name", { alarmName: "a".repeat(256) }, "alarmName", /1-255 characters/),
    rejects("an alarm name with a newline", { alarmName: "cis\n4.1" }, "alarmName", /control characters/),
    rejects("a description over 1024 characters", { alarmDescription: "d".repeat(1025) }, "alarmDescription", /at most 1024/),

    // Topic.
    rejects("a 257-character topic name", { topicName: "t".repeat(257) }, "topicName", /1-256 letters, digits/),
    rejects("a topic name with a dot", { topicName: "cis.alarms" }, "topicName", /1-256 letters, digits, '-' and '_'/),
    rejects("a FIFO topic name", { topicName: "alarms.fifo" }, "topicName", /creates a standard topic.*Drop the suffix/),
    rejects("a malformed topic ARN", { topicArn: "security-alarms" }, "topicArn", /expected an SNS topic ARN/),
    rejects(
            "topicArn with topicName",
            { topicArn: "arn:aws:sns:us-east-1:111122223333:a", topicName: "b" },
            "topicName",
            /conflicts with "topicArn".*creates no topic/,
        ),
    rejects(
            "topicArn with createKmsKey",
            { topicArn: "arn:aws:sns:us-east-1:111122223333:a", createKmsKey: true },
            "createKmsKey",
            /conflicts with "topicArn"/,
        ),
    rejects(
            "topicArn with kmsMasterKeyId",
            { topicArn: "arn:aws:sns:us-east-1:111122223333:a", kmsMasterKeyId: "alias/security" },
            "kmsMasterKeyId",
            /conflicts with "topicArn"/,
        ),
    rejects(
            "createKmsKey with kmsMasterKeyId",
            { createKmsKey: true, kmsMasterKeyId: "alias/security" },
            "createKmsKey",
            /either use your key \(kmsMasterKeyId\) or let the component create one/,
        ),
    rejects("the AWS managed SNS key by alias", { kmsMasterKeyId: "alias/aws/sns" }, "kmsMasterKeyId", /AWS managed SNS key.*CloudWatch alarms cannot publish.*createKmsKey: true/),
    rejects(
            "the AWS managed SNS key by alias ARN",
            { kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns" },
            "kmsMasterKeyId",
            /AWS managed SNS key/,
        ),

    // Subscriptions.
    rejects("an empty endpoint", { subscriptions: [{ protocol: "email", endpoint: "" }] }, "subscriptions[0].endpoint", /is empty; give the email endpoint/),
    rejects(
            "a blank endpoint in the second subscription",
            { subscriptions: [{ protocol: "email", endpoint: "a@example.com" }, { protocol: "https", endpoint: "  " }] },
            "subscriptions[1].endpoint",
            /is empty/,
        ),
    rejects(
            "an unknown protocol",
            // A JavaScript caller (or a value read from config) can pass any string.
            { subscriptions: [{ protocol: "slack" as "email", endpoint: "#security" }] },
            "subscriptions[0].protocol",
            /SNS accepts email, email-json, http, https, sms, sqs, lambda, firehose, application/,
        ),
    rejects(
            "firehose without a role",
            { subscriptions: [{ protocol: "firehose", endpoint: "arn:aws:firehose:us-east-1:111122223333:deliverystream/x" }] },
            "subscriptions[0].subscriptionRoleArn",
            /needs a role/,
        ),

    // Tags (the same limits for the alarm, the topic and the key).
    rejects("51 tags", { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, "tags", /at most 50/),
    rejects("a 129-character tag key", { tags: { ["k".repeat(129)]: "v" } }, "tags", /1-128 characters/),
    rejects("a tag key in the aws: namespace", { tags: { "aws:owner": "me" } }, "tags", /reserved for AWS/),
    rejects("a 257-character tag value", { tags: { owner: "v".repeat(257) } }, "tags", /at most 256 characters/),
];

describe("UnauthorizedApiCallsAlarm argument validation", () => {
    for (const { title, args, argument, says } of CASES) {
        it(`rejects ${title}`, async () => {
            const recorder = installMocks();
            const given = args();
            const before = recorder.registrations.length;
            const err = constructionError(given);
            assert.equal(err.argument, argument);
            assert.equal(err.propertyPath, argument);
            assert.ok(err.message.startsWith(`UnauthorizedApiCallsAlarm "checked": argument "${argument}" `), err.message);
            assert.match(err.message.replace(/\n/g, " "), says);
            // Let pending registrations (of resources passed as arguments) reach the mocks first.
            await new Promise((resolve) => setTimeout(resolve, 20));
            const registered = recorder.registrations.slice(before).filter((r) => r.name.startsWith("checked"));
            assert.deepEqual(registered, [], "nothing is registered when validation fails");
        });
    }

    it("is a Pulumi InputPropertyError, so the engine can report it against the input", () => {
        installMocks();
        const err = constructionError({ ...BASE, period: 45 });
        assert.ok(pulumi.InputPropertyError.isInstance(err));
    });

    it("accepts the boundary values AWS accepts", async () => {
        const recorder = installMocks();
        const accepted: Partial<UnauthorizedApiCallsAlarmArgs>[] = [
            { period: 10, evaluationPeriods: 8640 },
            { period: 30 },
            { period: 86400, evaluationPeriods: 1 },
            // PutMetricAlarm's own limits: 20 s is a valid high-resolution period, and from an hour on the window is 7 days.
            { period: 20 },
            { period: 20, evaluationPeriods: 4320 },
            { period: 3600, evaluationPeriods: 168 },
            { period: 3600, evaluationPeriods: 25 },
            { period: 172800 },
            { period: 604800, evaluationPeriods: 1 },
            { alarmName: "a".repeat(255), filterName: "f".repeat(512), topicName: "t".repeat(256) },
            { metricName: "m".repeat(255), metricNamespace: "Security/CIS 4.1#x" },
            { logGroupName: `/aws/cloudtrail/${"g".repeat(400)}` },
            { tags: { ...Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"])), ["k".repeat(128)]: "v".repeat(256) } },
            { kmsMasterKeyId: "alias/security-alarms" },
            { topicArn: "arn:aws-cn:sns:cn-north-1:111122223333:alarms", subscriptions: [{ protocol: "lambda", endpoint: "arn:aws:lambda:x" }] },
        ];
        for (const [i, extra] of accepted.entries()) {
            await settle(new UnauthorizedApiCallsAlarm(`ok-${i}`, { ...BASE, ...extra }));
        }
        assert.equal(recorder.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").length, accepted.length);
    });

    it("leaves values that are still Outputs to AWS", async () => {
        const recorder = installMocks();
        await settle(
            new UnauthorizedApiCallsAlarm("deferred", {
                logGroupName: pulumi.output("cloudtrail"),
                alarmName: pulumi.output("x".repeat(300)),
                tags: pulumi.output({ "aws:reserved": "x" }),
                subscriptions: [{ protocol: "email", endpoint: pulumi.output("") }],
            }),
        );
        assert.equal(recorder.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").length, 1);
    });
});
