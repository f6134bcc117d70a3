/**
 * What every child inherits from the component: parent, providers, region and
 * tags.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { UnauthorizedApiCallsAlarm, type UnauthorizedApiCallsAlarmArgs } from "trailwatch";
import { T, installMocks, settle, valueOf, type Recorder } from "./harness";

/** Arguments that make the component create every kind of child. */
const EVERY_CHILD: UnauthorizedApiCallsAlarmArgs = {
    logGroupName: "trail",
    createKmsKey: true,
    subscriptions: [
        { protocol: "email", endpoint: "a@example.com" },
        { protocol: "sms", endpoint: "+15555550100" },
    ],
};

const ALL_CHILD_TYPES = [T.metricFilter, T.alarm, T.topic, T.topicPolicy, T.subscription, T.kmsKey].sort();

function childTypes(recorder: Recorder): string[] {
    return [...new Set(recorder.awsResources().map((r) => r.type))].sort();
}

describe("UnauthorizedApiCallsAlarm children", () => {
    it("are all parented to the component", async () => {
        installMocks();
        const parents = new Map<string, pulumi.Resource | undefined>();
        const component = new UnauthorizedApiCallsAlarm("kids", EVERY_CHILD, {
            // Resource transformations see each child's options before it is registered.
            transformations: [
                (args) => {
                    if (args.type !== T.component) {
                        parents.set(`${args.type} ${args.name}`, args.opts.parent);
                    }
                    return undefined;
                },
            ],
        });
        await settle(component);
        assert.equal(parents.size, 7);
        for (const [child, parent] of parents) {
            assert.equal(parent, component, `${child} is parented to the component`);
        }
    });

    it("have URNs under the component's type", async () => {
        installMocks();
        const component = new UnauthorizedApiCallsAlarm("kids", EVERY_CHILD);
        await settle(component);
        const children = [component.metricFilter, component.alarm, component.topic!, component.topicPolicy!, component.kmsKey!, ...component.subscriptions];
        for (const child of children) {
            assert.match(await valueOf(child.urn), /::trailwatch:index:UnauthorizedApiCallsAlarm\$aws:[^:]+:[^:]+::kids-/);
        }
    });

    describe("use the component's provider", () => {
        const cases: [string, (provider: aws.Provider) => pulumi.ComponentResourceOptions][] = [
            ["opts.provider", (provider) => ({ provider })],
            ["opts.providers as a map", (provider) => ({ providers: { aws: provider } })],
            ["opts.providers as a list", (provider) => ({ providers: [provider] })],
        ];
        for (const [label, options] of cases) {
            it(`given as ${label}, for every child and every lookup`, async () => {
                const recorder = installMocks();
                const provider = new aws.Provider("eu", { region: "eu-west-1" });
                const component = new UnauthorizedApiCallsAlarm("scoped", EVERY_CHILD, options(provider));
                await settle(component);
                const reference = `${await valueOf(provider.urn)}::${await valueOf(provider.id)}`;

                assert.deepEqual(childTypes(recorder), ALL_CHILD_TYPES);
                for (const child of recorder.awsResources()) {
                    assert.equal(child.provider, reference, `${child.type} ${child.name}`);
                }
                assert.equal(recorder.calls.length, 2);
                for (const call of recorder.calls) {
                    assert.equal(call.provider, reference, call.token);
                }
            });
        }

        it("and the default provider when none is given", async () => {
            const recorder = installMocks();
            await settle(new UnauthorizedApiCallsAlarm("default", EVERY_CHILD));
            // No explicit provider reference: the engine picks the default aws provider.
            for (const child of recorder.awsResources()) {
                assert.ok(!child.provider, `${child.type} ${child.name} has provider ${child.provider}`);
            }
            for (const call of recorder.calls) {
                assert.ok(!call.provider, `${call.token} has provider ${call.provider}`);
            }
        });
    });

    describe("region", () => {
        it("reaches every child, and the ARNs the policies are written from", async () => {
            const recorder = installMocks();
            const component = new UnauthorizedApiCallsAlarm("regional", { ...EVERY_CHILD, region: "eu-central-1" });
            await settle(component);
            assert.deepEqual(childTypes(recorder), ALL_CHILD_TYPES);
            for (const child of recorder.awsResources()) {
                assert.equal(child.inputs.region, "eu-central-1", `${child.type} ${child.name}`);
            }
            const policy = recorder.one(T.topicPolicy).inputs.policy as string;
            assert.match(policy, /arn:aws:sns:eu-central-1:/);
            assert.match(policy, /arn:aws:cloudwatch:eu-central-1:[0-9]+:alarm:/);
        });

        it("is left to the provider when not given", async () => {
            const recorder = installMocks();
            await settle(new UnauthorizedApiCallsAlarm("provider-region", EVERY_CHILD));
            for (const child of recorder.awsResources()) {
                assert.equal(child.inputs.region, undefined, `${child.type} ${child.name}`);
            }
        });

        it("is not taken from a logGroup in another Region (pass region for that)", async () => {
            const recorder = installMocks();
            const logGroup = new aws.cloudwatch.LogGroup("logs", { region: "eu-north-1" });
            await settle(new UnauthorizedApiCallsAlarm("elsewhere", { logGroup }));
            assert.equal(recorder.one(T.metricFilter).inputs.region, undefined);
            assert.equal(recorder.one(T.alarm).inputs.region, undefined);
        });

        it("may be an Output", async () => {
            const recorder = installMocks();
            await settle(new UnauthorizedApiCallsAlarm("output-region", { logGroupName: "trail", region: pulumi.output("ap-south-1") }));
            assert.equal(recorder.one(T.alarm).inputs.region, "ap-south-1");
        });
    });

    describe("tags", () => {
        const tags = { team: "security", "cis-control": "4.1" };

        it("reach every taggable child: alarm, topic and KMS key", async () => {
            const recorder = installMocks();
            await settle(new UnauthorizedApiCallsAlarm("tagged", { ...EVERY_CHILD, tags }));
            for (const type of [T.alarm, T.topic, T.kmsKey]) {
                assert.deepEqual(recorder.one(type).inputs.tags, tags, type);
            }
        });

        it("are not sent to children AWS cannot tag (filter, topic policy, subscriptions)", async () => {
            const recorder = installMocks();
            await settle(new UnauthorizedApiCallsAlarm("tagged", { ...EVERY_CHILD, tags }));
            for (const type of [T.metricFilter, T.topicPolicy, T.subscription]) {
                for (const child of recorder.ofType(type)) {
                    assert.equal(child.inputs.tags, undefined, type);
                }
            }
        });
    });
});
