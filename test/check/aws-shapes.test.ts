import * as assert from "node:assert/strict";
import fc from "fast-check";
import type * as AwsShapes from "../../component/src/check/aws-shapes";
import type * as MockHost from "../../component/src/check/mock-host";
import type * as Wire from "../../component/src/check/wire";
import { loadCheck } from "./helpers";

const { checkedInputs, createdState } = loadCheck<typeof AwsShapes>("aws-shapes");
const { durationSeconds } = loadCheck<typeof MockHost>("mock-host");
const { UNKNOWN } = loadCheck<typeof Wire>("wire");

const where = { region: "eu-central-1", accountId: "123456789012" };
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

/** Checks then creates a resource, as preview or update. */
function create(type: string, name: string, inputs: Wire.WireObject, preview: boolean) {
    const checked = checkedInputs(type, urn(type, name), name, inputs);
    return { checked, ...createdState(type, urn(type, name), name, checked, where, preview) };
}

describe("check: what the AWS provider computes", () => {
    it("auto-names like the provider's Check: logical name, dash, 7 hex digits, the same on every run", () => {
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), (name) => {
                const first = checkedInputs("aws:sns/topic:Topic", urn("t", name), name, {});
                assert.match(String(first.name), new RegExp(`^${name}-[0-9a-f]{7}$`));
                assert.deepEqual(checkedInputs("aws:sns/topic:Topic", urn("t", name), name, {}), first);
            }),
        );
    });

    it("keeps names the program chose, and lower-cases S3 bucket names", () => {
        assert.equal(checkedInputs("aws:sns/topic:Topic", "u", "t", { name: "mine" }).name, "mine");
        assert.equal(checkedInputs("aws:sns/topic:Topic", "u", "t", { namePrefix: "p-" }).name, undefined);
        assert.match(String(checkedInputs("aws:s3/bucketV2:BucketV2", "u", "Trail-Logs", {}).bucket), /^trail-logs-[0-9a-f]{7}$/);
    });

    it("leaves ids and ARNs unknown in preview, with the auto-name known", () => {
        const { checked, id, outputs } = create("aws:cloudwatch/logGroup:LogGroup", "events", {}, true);
        assert.equal(id, UNKNOWN);
        assert.equal(outputs.arn, UNKNOWN);
        assert.equal(outputs.name, checked.name);
    });

    it("fills AWS-shaped ARNs and ids in update", () => {
        const arn = (type: string, name: string, inputs: Wire.WireObject = {}) => create(type, name, inputs, false);
        const logGroup = arn("aws:cloudwatch/logGroup:LogGroup", "events");
        assert.equal(logGroup.outputs.arn, `arn:aws:logs:eu-central-1:123456789012:log-group:${logGroup.checked.name}`);
        assert.equal(logGroup.id, logGroup.checked.name);
        const trail = arn("aws:cloudtrail/trail:Trail", "main");
        assert.equal(trail.outputs.arn, `arn:aws:cloudtrail:eu-central-1:123456789012:trail/${trail.checked.name}`);
        const topic = arn("aws:sns/topic:Topic", "alerts");
        assert.equal(topic.id, `arn:aws:sns:eu-central-1:123456789012:${topic.checked.name}`);
        const alarm = arn("aws:cloudwatch/metricAlarm:MetricAlarm", "calls");
        assert.equal(alarm.outputs.arn, `arn:aws:cloudwatch:eu-central-1:123456789012:alarm:${alarm.checked.name}`);
        const role = arn("aws:iam/role:Role", "delivery", { path: "/service/" });
        assert.equal(role.outputs.arn, `arn:aws:iam::123456789012:role/service/${role.checked.name}`);
        const bucket = arn("aws:s3/bucketV2:BucketV2", "logs");
        assert.equal(bucket.outputs.arn, `arn:aws:s3:::${bucket.checked.bucket}`);
        const key = arn("aws:kms/key:Key", "trail");
        assert.match(String(key.outputs.arn), /^arn:aws:kms:eu-central-1:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.equal(key.id, key.outputs.keyId);
        assert.equal(arn("aws:cloudwatch/logMetricFilter:LogMetricFilter", "f", { name: "calls-filter" }).id, "calls-filter");
    });

    it("parses custom timeouts as Go durations", () => {
        assert.equal(durationSeconds("5m"), 300);
        assert.equal(durationSeconds("1h30m"), 5400);
        assert.equal(durationSeconds("1.5s"), 1.5);
        assert.equal(durationSeconds(""), 0);
    });
});

describe("check: what the AWS provider records in update mode", () => {
    const { readState, prefixedName, resourceRegion } = loadCheck<typeof AwsShapes>("aws-shapes");
    const recorded = (type: string, name: string, inputs: Wire.WireObject) => {
        const checked = checkedInputs(type, urn(type, name), name, inputs, false);
        return createdState(type, urn(type, name), name, checked, where, false, (_t, o) => o);
    };

    it("reads a resource's region and account from an ARN id, and its name from the ARN", () => {
        // A filler that declares `region`, as @pulumi/aws v7 does for every resource.
        const v7 = (_t: string, o: Wire.WireObject) => ({ region: "", ...o });
        const topic = readState("aws:sns/topic:Topic", "arn:aws:sns:ap-south-1:444455556666:alerts", {}, where, v7);
        assert.equal(topic.arn, "arn:aws:sns:ap-south-1:444455556666:alerts");
        assert.equal(topic.name, "alerts");
        assert.equal(topic.owner, "444455556666");
        assert.equal(topic.region, "ap-south-1");
        const subscription = readState("aws:sns/topicSubscription:TopicSubscription", "arn:aws:sns:us-east-1:444455556666:alerts:0b1c", {}, where);
        assert.equal(subscription.topic, "arn:aws:sns:us-east-1:444455556666:alerts");
        const logGroup = readState("aws:cloudwatch/logGroup:LogGroup", "org/trail", {}, where, (_t, o) => o);
        assert.equal(logGroup.arn, "arn:aws:logs:eu-central-1:123456789012:log-group:org/trail");
    });

    it("records email and HTTP(S) subscriptions as pending, others as confirmed", () => {
        for (const [protocol, pending] of [["email", true], ["https", true], ["sqs", false], ["lambda", false]] as const) {
            const { outputs } = recorded("aws:sns/topicSubscription:TopicSubscription", `s-${protocol}`, { protocol, topic: "arn:aws:sns:eu-central-1:123456789012:t" });
            assert.equal(outputs.pendingConfirmation, pending, protocol);
        }
    });

    it("adds schema defaults to inputs only in update, and AWS defaults only where the program set nothing", () => {
        const alarm = recorded("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { treatMissingData: "notBreaching" });
        assert.equal(alarm.outputs.treatMissingData, "notBreaching");
        assert.equal(alarm.outputs.actionsEnabled, true);
        assert.equal(checkedInputs("aws:cloudwatch/metricAlarm:MetricAlarm", "u", "a", {}).actionsEnabled, undefined, "not in preview");
        const key = recorded("aws:kms/key:Key", "k", { enableKeyRotation: true });
        assert.equal(key.outputs.rotationPeriodInDays, 365);
        assert.match(String(key.outputs.policy), /arn:aws:iam::123456789012:root/);
    });

    it("completes namePrefix and bucketPrefix like PrefixedUniqueId, reproducibly", () => {
        assert.match(prefixedName("p-", "u"), /^p-\d{18}[0-9a-f]{8}$/);
        assert.equal(prefixedName("p-", "u"), prefixedName("p-", "u"));
        const bucket = recorded("aws:s3/bucket:Bucket", "logs", { bucketPrefix: "trail-" });
        assert.match(String(bucket.outputs.bucket), /^trail-\d{18}[0-9a-f]{8}$/);
        assert.equal(bucket.id, bucket.outputs.bucket);
    });

    it("places a resource by its own v7 region, else its provider's", () => {
        assert.equal(resourceRegion({ region: "eu-north-1" }, "us-east-1"), "eu-north-1");
        assert.equal(resourceRegion({ region: UNKNOWN }, "us-east-1"), "us-east-1");
        assert.equal(resourceRegion({}, "us-east-1"), "us-east-1");
    });
});
