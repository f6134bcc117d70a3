/**
 * The three ways to say which log group CloudTrail delivers to: by name, by
 * the LogGroup resource, or by the Trail resource.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CIS_V5_PATTERN, UnauthorizedApiCallsAlarm } from "trailwatch";
import { T, installMocks, settle, valueOf } from "./harness";

describe("UnauthorizedApiCallsAlarm log group source", () => {
    it("uses logGroupName as given, even as an Output", async () => {
        const recorder = installMocks();
        await settle(new UnauthorizedApiCallsAlarm("by-name", { logGroupName: pulumi.output("cloudtrail/org") }));
        assert.equal(recorder.one(T.metricFilter).inputs.logGroupName, "cloudtrail/org");
    });

    it("uses the name of the logGroup resource", async () => {
        const recorder = installMocks();
        const logGroup = new aws.cloudwatch.LogGroup("trail-logs", { name: "cloudtrail-main", retentionInDays: 365 });
        const component = new UnauthorizedApiCallsAlarm("by-group", { logGroup });
        await settle(component);
        assert.equal(recorder.one(T.metricFilter).inputs.logGroupName, "cloudtrail-main");
        assert.equal(await valueOf(component.logGroupName), "cloudtrail-main");
    });

    it("derives the log group name from the trail's cloudWatchLogsGroupArn (dropping the :* suffix)", async () => {
        const recorder = installMocks();
        const trail = new aws.cloudtrail.Trail("trail", {
            s3BucketName: "trail-bucket",
            cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:aws-cloudtrail-logs/main:*",
            cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/cloudtrail-to-logs",
        });
        const component = new UnauthorizedApiCallsAlarm("by-trail", { trail });
        await settle(component);
        assert.equal(recorder.one(T.metricFilter).inputs.logGroupName, "aws-cloudtrail-logs/main");
        assert.match(recorder.one(T.alarm).inputs.alarmDescription, /log group aws-cloudtrail-logs\/main /);
    });

    it("accepts a trail ARN without the :* suffix, in another partition", async () => {
        const recorder = installMocks();
        const trail = new aws.cloudtrail.Trail("trail", {
            s3BucketName: "trail-bucket",
            cloudWatchLogsGroupArn: "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:trail",
        });
        await settle(new UnauthorizedApiCallsAlarm("gov", { trail }));
        assert.equal(recorder.one(T.metricFilter).inputs.logGroupName, "trail");
    });

    it("fails clearly when the trail does not deliver to CloudWatch Logs", async () => {
        installMocks();
        const trail = new aws.cloudtrail.Trail("s3-only", { s3BucketName: "trail-bucket" });
        const component = new UnauthorizedApiCallsAlarm("no-logs", { trail });
        const failure = await new Promise<Error>((resolve, reject) => {
            // The log group name is only known once the trail is; the error surfaces through the Output.
            (component.logGroupName as unknown as { promise(): Promise<unknown> }).promise().then(
                () => reject(new Error("expected the log group name to fail")),
                (err: Error) => resolve(err),
            );
        });
        assert.match(failure.message, /argument "trail" does not deliver to CloudWatch Logs/);
        assert.match(failure.message, /cloudWatchLogsGroupArn/);
        assert.match(failure.message, /UnauthorizedApiCallsAlarm "no-logs"/);
    });
});

describe("UnauthorizedApiCallsAlarm in a preview", () => {
    it("constructs before the log group, trail, topic and alarm exist (their ARNs unknown)", async () => {
        const recorder = installMocks({ preview: true });
        const logGroup = new aws.cloudwatch.LogGroup("trail-logs", {});
        const trail = new aws.cloudtrail.Trail("trail", {
            s3BucketName: "trail-bucket",
            cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        });
        const component = new UnauthorizedApiCallsAlarm("preview", { trail, createKmsKey: true });
        await settle(component);

        // Unknown values reach the engine as unknowns; everything known is planned already.
        const filter = recorder.one(T.metricFilter).inputs;
        assert.ok(pulumi.isUnknown(filter.logGroupName), "the log group name waits for the trail");
        assert.equal(filter.pattern, CIS_V5_PATTERN);
        const alarm = recorder.one(T.alarm).inputs;
        assert.equal(alarm.threshold, 1);
        assert.equal(alarm.metricName, "UnauthorizedAPICalls");
        assert.ok(pulumi.isUnknown(recorder.one(T.topicPolicy).inputs.policy), "the policy waits for the topic and alarm ARNs");
        assert.equal(recorder.one(T.kmsKey).inputs.enableKeyRotation, true);
    });
});
