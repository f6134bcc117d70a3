/**
 * Where notifications go: an existing topic, or a created one encrypted with
 * the user's key or with a key the component creates.
 */
import * as assert from "node:assert/strict";
import { KmsKeyPolicySid, UnauthorizedApiCallsAlarm } from "trailwatch";
import { ACCOUNT_ID, T, installMocks, settle, statementsBySid, valueOf } from "./harness";

const EXISTING_TOPIC = "arn:aws:sns:us-east-1:111122223333:security-alarms";

describe("UnauthorizedApiCallsAlarm with an existing topic (topicArn)", () => {
    it("creates no topic, topic policy or key, and notifies the given topic", async () => {
        const recorder = installMocks();
        const component = new UnauthorizedApiCallsAlarm("existing", { logGroupName: "trail", topicArn: EXISTING_TOPIC });
        await settle(component);

        assert.equal(recorder.ofType(T.topic).length, 0);
        assert.equal(recorder.ofType(T.topicPolicy).length, 0);
        assert.equal(recorder.ofType(T.kmsKey).length, 0);
        assert.equal(component.topic, undefined);
        assert.equal(component.topicPolicy, undefined);
        assert.deepEqual(recorder.one(T.alarm).inputs.alarmActions, [EXISTING_TOPIC]);
        assert.equal(await valueOf(component.topicArn), EXISTING_TOPIC);
    });

    it("needs no account lookup, since it writes no policy", async () => {
        const recorder = installMocks();
        await settle(new UnauthorizedApiCallsAlarm("existing", { logGroupName: "trail", topicArn: EXISTING_TOPIC }));
        assert.deepEqual(recorder.calls, []);
    });

    it("subscribes the given endpoints to the existing topic", async () => {
        const recorder = installMocks();
        await settle(
            new UnauthorizedApiCallsAlarm("existing", {
                logGroupName: "trail",
                topicArn: EXISTING_TOPIC,
                subscriptions: [{ protocol: "email", endpoint: "soc@example.com" }],
            }),
        );
        const subscription = recorder.one(T.subscription).inputs;
        assert.equal(subscription.topic, EXISTING_TOPIC);
        assert.equal(subscription.endpoint, "soc@example.com");
    });

    it("accepts the topic ARN as an Output", async () => {
        const recorder = installMocks();
        const topicArn = Promise.resolve(EXISTING_TOPIC);
        await settle(new UnauthorizedApiCallsAlarm("existing", { logGroupName: "trail", topicArn }));
        assert.deepEqual(recorder.one(T.alarm).inputs.alarmActions, [EXISTING_TOPIC]);
    });
});

describe("UnauthorizedApiCallsAlarm topic encryption", () => {
    it("encrypts the topic with the given customer managed key", async () => {
        const recorder = installMocks();
        const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        await settle(new UnauthorizedApiCallsAlarm("byok", { logGroupName: "trail", kmsMasterKeyId: keyArn }));
        assert.equal(recorder.one(T.topic).inputs.kmsMasterKeyId, keyArn);
        assert.equal(recorder.ofType(T.kmsKey).length, 0);
    });

    describe("with createKmsKey", () => {
        it("creates a rotating key and encrypts the topic with it", async () => {
            const recorder = installMocks();
            const component = new UnauthorizedApiCallsAlarm("sse", { logGroupName: "trail", createKmsKey: true });
            await settle(component);
            const key = recorder.one(T.kmsKey);
            assert.equal(key.name, "sse-key");
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.match(key.inputs.description, /unauthorized API calls/);
            assert.equal(recorder.one(T.topic).inputs.kmsMasterKeyId, await valueOf(component.kmsKey!.arn));
        });

        it("writes a key policy that keeps the account in control and lets CloudWatch encrypt", async () => {
            const recorder = installMocks();
            await settle(new UnauthorizedApiCallsAlarm("sse", { logGroupName: "trail", createKmsKey: true }));
            const statements = statementsBySid(recorder.one(T.kmsKey).inputs.policy);
            assert.deepEqual([...statements.keys()].sort(), Object.values(KmsKeyPolicySid).sort());

            const admin = statements.get(KmsKeyPolicySid.accountAdministersKey)!;
            assert.equal(admin.Effect, "Allow");
            assert.deepEqual(admin.Principal, { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` });
            assert.equal(admin.Action, "kms:*");

            const cloudWatch = statements.get(KmsKeyPolicySid.cloudWatchUsesKey)!;
            assert.equal(cloudWatch.Effect, "Allow");
            assert.deepEqual(cloudWatch.Principal, { Service: "cloudwatch.amazonaws.com" });
            assert.deepEqual(cloudWatch.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
            assert.equal(cloudWatch.Resource, "*");
            assert.deepEqual(cloudWatch.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT_ID } });
        });

        it("still writes the topic policy", async () => {
            const recorder = installMocks();
            await settle(new UnauthorizedApiCallsAlarm("sse", { logGroupName: "trail", createKmsKey: true }));
            assert.equal(recorder.ofType(T.topicPolicy).length, 1);
        });
    });

    it("creates no key when createKmsKey is false", async () => {
        const recorder = installMocks();
        const component = new UnauthorizedApiCallsAlarm("plain", { logGroupName: "trail", createKmsKey: false });
        await settle(component);
        assert.equal(recorder.ofType(T.kmsKey).length, 0);
        assert.equal(component.kmsKey, undefined);
    });
});
