/**
 * Link 5 reads the topic's encryption: CloudWatch alarms cannot publish to a
 * topic encrypted with the AWS managed SNS key, nor with a customer key whose
 * policy does not let cloudwatch.amazonaws.com use it; a key the stack does
 * not declare is undecidable, reported as such and never a silent pass.
 *
 * Fixture shapes as the AWS provider records them: an `aws:sns/topic:Topic`'s
 * `kmsMasterKeyId` ("" when unset; examples/testdata/recorded/TestProviderUpgrade/
 * sns-topic/6.78.0/stack.json in pulumi/pulumi-aws) and an `aws:kms/key:Key`'s
 * `keyId`, `arn` and `policy` (JSON text; a key created without a policy
 * records KMS's default one: .../kms-key/6.78.0/stack.json).
 */
import * as assert from "node:assert/strict";
import { cloudWatchKeyAccess } from "trailwatch/engine";
import { unauthorizedApiCallsMonitored } from "trailwatch-policy-pack/dist/policies";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { UNKNOWN, analyzeStack, urnOf, type Analysis, type FixtureResource } from "./harness";
import { MODES, chain, type Mode } from "./stacks";

const ACCOUNT = "111122223333";
const KEY_ID = "fa9c9450-9848-46c2-885e-9beed2185a5c";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;

/** The default key policy KMS gives a key created without one, as the provider records it (kms-key/6.78.0). */
const DEFAULT_KEY_POLICY = JSON.stringify({
    Id: "key-default-1",
    Statement: [{ Action: "kms:*", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Resource: "*", Sid: "Enable IAM User Permissions" }],
    Version: "2012-10-17",
});

/** The key policy trailwatch's components write (component/src/component/kms-key-policy.ts). */
const CLOUDWATCH_KEY_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        {
            Sid: "CloudWatchUsesKey",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
    ],
});

/** The chain with its topic encrypted by `keyId` (a literal). */
function withTopicKey(mode: Mode, keyId: string): FixtureResource[] {
    return chain({ mode, props: { topic: { kmsMasterKeyId: keyId } } });
}

/** The chain with its topic encrypted by a key declared in the stack with `policy` (none: KMS's default). */
function withDeclaredKey(mode: Mode, policy: string | undefined, via: "key" | "alias" = "key"): FixtureResource[] {
    const preview = mode === "preview";
    const key: FixtureResource = {
        type: TYPES.kmsKey,
        name: "alerts-key",
        props: {
            description: "alarm topic key",
            keyUsage: "ENCRYPT_DECRYPT",
            region: "us-east-1",
            keyId: preview ? UNKNOWN : KEY_ID,
            arn: preview ? UNKNOWN : KEY_ARN,
            // After the update the provider records the policy in force, KMS's default when none was given.
            ...(policy !== undefined ? { policy } : preview ? {} : { policy: DEFAULT_KEY_POLICY }),
        },
    };
    const alias: FixtureResource = {
        type: TYPES.kmsAlias,
        name: "alerts-key-alias",
        props: {
            name: "alias/security-alerts",
            region: "us-east-1",
            targetKeyId: preview ? UNKNOWN : KEY_ID,
            arn: preview ? UNKNOWN : `arn:aws:kms:us-east-1:${ACCOUNT}:alias/security-alerts`,
        },
        propertyDependencies: { targetKeyId: [urnOf(TYPES.kmsKey, "alerts-key")] },
    };
    const resources = chain({ mode, props: { topic: { kmsMasterKeyId: via === "key" ? (preview ? UNKNOWN : KEY_ARN) : "alias/security-alerts" } } });
    const topic = resources.find((r) => r.type === TYPES.topic)!;
    const withDependency: FixtureResource = {
        ...topic,
        propertyDependencies: { kmsMasterKeyId: [via === "key" ? urnOf(TYPES.kmsKey, "alerts-key") : urnOf(TYPES.kmsAlias, "alerts-key-alias")] },
    };
    return [key, ...(via === "alias" ? [alias] : []), ...resources.map((r) => (r === topic ? withDependency : r))];
}

function run(resources: readonly FixtureResource[]): Promise<Analysis> {
    return analyzeStack(unauthorizedApiCallsMonitored, resources);
}

function onlyMandatory(analysis: Analysis): string {
    const mandatory = analysis.diagnostics.filter((d) => d.level === "mandatory");
    assert.equal(mandatory.length, 1, JSON.stringify(analysis.diagnostics, null, 1));
    return mandatory[0]!.message;
}

describe("stack policy: the topic's encryption (link 5)", () => {
    for (const mode of MODES) {
        describe(mode, () => {
            for (const keyId of ["alias/aws/sns", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/sns`]) {
                it(`fails a topic encrypted with the AWS managed SNS key (${keyId}), with the fix`, async () => {
                    const message = onlyMandatory(await run(withTopicKey(mode, keyId)));
                    assert.match(message, /broken at link 5/);
                    assert.ok(message.includes(`topic "security-alerts" is encrypted with the AWS managed SNS key (${keyId}); CloudWatch alarms cannot publish`), message);
                    assert.match(message, /Fix: .*customer managed key.*cloudwatch\.amazonaws\.com kms:Decrypt and kms:GenerateDataKey\*/);
                });
            }

            it("fails a declared key with KMS's default key policy (no statement for CloudWatch)", async () => {
                const message = onlyMandatory(await run(withDeclaredKey(mode, mode === "preview" ? DEFAULT_KEY_POLICY : undefined)));
                assert.match(message, /encrypted with KMS key "alerts-key", whose key policy does not let cloudwatch\.amazonaws\.com use it/);
            });

            it("fails a declared key reached through an alias when its policy leaves CloudWatch out", async () => {
                const message = onlyMandatory(await run(withDeclaredKey(mode, DEFAULT_KEY_POLICY, "alias")));
                assert.match(message, /KMS key "alerts-key", whose key policy does not let cloudwatch/);
            });

            it("passes a declared key whose policy lets CloudWatch use it (the component's key policy)", async () => {
                assert.deepEqual((await run(withDeclaredKey(mode, CLOUDWATCH_KEY_POLICY))).diagnostics, []);
                assert.deepEqual((await run(withDeclaredKey(mode, CLOUDWATCH_KEY_POLICY, "alias"))).diagnostics, []);
            });

            it("reports a key the stack does not declare as undecidable (advisory), not as a pass", async () => {
                const analysis = await run(withTopicKey(mode, `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f0e0d0c-0b0a-0908-0706-050403020100`));
                assert.equal(analysis.diagnostics.length, 1, JSON.stringify(analysis.diagnostics, null, 1));
                assert.equal(analysis.diagnostics[0]!.level, "advisory");
                assert.match(analysis.diagnostics[0]!.message, /not declared in this stack, so whether its key policy lets CloudWatch alarms publish to the topic is undecidable/);
            });

            it("still passes an unencrypted topic (kmsMasterKeyId recorded as \"\")", async () => {
                assert.deepEqual((await run(withTopicKey(mode, ""))).diagnostics, []);
            });
        });
    }
});

describe("cloudWatchKeyAccess: a key policy, read for cloudwatch.amazonaws.com", () => {
    const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const allowCloudWatch = { Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" };
    const cases: readonly [string, string, string][] = [
        ["the component's key policy", CLOUDWATCH_KEY_POLICY, "allowed"],
        ["KMS's default key policy", DEFAULT_KEY_POLICY, "denied"],
        ["kms:* for CloudWatch, one statement object", JSON.stringify({ Statement: { ...allowCloudWatch, Action: "kms:*" } }), "allowed"],
        ["only kms:Decrypt", policy({ ...allowCloudWatch, Action: "kms:Decrypt" }), "denied"],
        ["a Principal of *", policy({ ...allowCloudWatch, Principal: "*" }), "allowed"],
        ["an unconditional Deny", policy(allowCloudWatch, { ...allowCloudWatch, Effect: "Deny", Action: "kms:Decrypt" }), "denied"],
        ["a conditional Deny", policy(allowCloudWatch, { ...allowCloudWatch, Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }), "undecidable"],
        ["a NotPrincipal Allow", policy({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }), "undecidable"],
        ["text that is not JSON", "not json", "undecidable"],
    ];
    for (const [what, text, expected] of cases) {
        it(`${what}: ${expected}`, () => assert.equal(cloudWatchKeyAccess(text), expected));
    }
});
