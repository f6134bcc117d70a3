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
