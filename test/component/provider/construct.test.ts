/**
 * `Construct` through the component provider, in process under Pulumi's mocks:
 * the arguments travel as the engine sends them (encoded, then decoded by the
 * provider server's own code), and the component must create the same
 * children, wired the same way, with the same outputs, warnings and
 * validation errors as when a TypeScript program constructs it directly.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { UnauthorizedApiCallsAlarmArgs } from "trailwatch";
import { captureWarnings, installMocks, registeredOutputs, settle, valueOf, type Registration } from "../harness";
import { constructRequest, providerInputs } from "./construct-request";
import { COMPONENT_TYPE, installedPackage, type InstalledPackage } from "./installed";

/** A pattern that parses but misses `AccessDenied*` errors, so the component warns. */
export const WEAK_PATTERN = '{ $.errorCode = "*UnauthorizedOperation" }';

/** One way to construct the component; `args` runs after the mocks are installed (some arguments are resources). */
export interface ConstructCase {
    readonly title: string;
    readonly args: () => UnauthorizedApiCallsAlarmArgs;
}

/** Argument sets that together reach every kind of input: plain, Input, Output from another resource, resource, enum. */
export const CASES: ConstructCase[] = [
    {
        title: "a log group name and two subscriptions (the defaults)",
        args: () => ({
            logGroupName: "cloudtrail-logs",
            subscriptions: [
                { protocol: "email", endpoint: "security@example.com" },
                { protocol: "https", endpoint: "https://hooks.example.com/alarm" },
            ],
        }),
    },
    {
        title: "a LogGroup resource, a created KMS key, tags, the v1.2 preset, a longer window and a Region",
        args: () => ({
            logGroup: new aws.cloudwatch.LogGroup("cloudtrail", { retentionInDays: 365 }),
            createKmsKey: true,
            tags: { team: "security" },
            patternPreset: "cisV1_2",
            period: 60,
            evaluationPeriods: 5,
            region: "eu-west-1",
        }),
    },
    {
        title: "an existing topic and an SQS subscriber whose endpoint is another resource's output",
        args: () => ({
            topicArn: "arn:aws:sns:us-east-1:111122223333:security-alarms",
            logGroupName: pulumi.output("cloudtrail-logs"),
            subscriptions: [{ protocol: "sqs", endpoint: new aws.sqs.Queue("alarms", {}).arn, rawMessageDelivery: true }],
        }),
    },
    {
        title: "a Trail resource, a weak custom pattern and physical names",
        args: () => ({
            trail: new aws.cloudtrail.Trail("trail", {
                s3BucketName: "trail-bucket",
                cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*",
            }),
            pattern: WEAK_PATTERN,
            filterName: "cis-4-1",
            alarmName: "cis-4-1",
            topicName: "cis-alarms",
            metricNamespace: "Security",
            metricName: "Refused",
        }),
    },
];

/** Arguments the component refuses; through the provider the error must be the same. */
export const INVALID: ConstructCase[] = [
    { title: "a period CloudWatch rejects", args: () => ({ logGroupName: "cloudtrail", period: 45 }) },
    { title: "an unknown protocol", args: () => ({ logGroupName: "cloudtrail", subscriptions: [{ protocol: "slack" as "email", endpoint: "#sec" }] }) },
    { title: "two log group sources", args: () => ({ logGroupName: "a", logGroup: new aws.cloudwatch.LogGroup("unused", {}) }) },
    { title: "a pattern that does not parse", args: () => ({ logGroupName: "cloudtrail", pattern: '{ $.errorCode = "x" ' }) },
    { title: "a pattern and a preset", args: () => ({ logGroupName: "cloudtrail", pattern: WEAK_PATTERN, patternPreset: "cisV5" }) },
    { title: "an unknown preset", args: () => ({ logGroupName: "cloudtrail", patternPreset: "cisV9" as "cisV5" }) },
    { title: "an existing topic with a key to create", args: () => ({ logGroupName: "c", topicArn: "arn:aws:sns:us-east-1:111122223333:a", createKmsKey: true }) },
    // Another language can send an Output where the schema says plain; TypeScript needs a cast to.
    { title: "an Output for a plain argument", args: () => ({ logGroupName: "cloudtrail", period: pulumi.output(300) as unknown as number }) },
];

/** What one construction did: the registrations it caused, its outputs, and what it warned. */
export interface Observed {
    readonly registrations: Registration[];
    readonly outputs: Record<string, unknown>;
    readonly warnings: string[];
}

/** The component's outputs that are plain values (the rest are resources). */
const VALUE_OUTPUTS = ["logGroupName", "pattern", "metricFilterName", "metricName", "metricNamespace", "alarmArn", "alarmName", "topicArn"];

/** Registrations made after `from`, without the resources the arguments created. */
function componentRegistrations(registrations: Registration[], from: number): Registration[] {
    return registrations.slice(from).filter((r) => r.name.startsWith("cis"));
}

/** Constructs directly, as a TypeScript program does. */
async function direct(installed: InstalledPackage, c: ConstructCase): Promise<Observed> {
    const recorder = installMocks();
    const args = c.args();
    const from = recorder.registrations.length;
    let outputs: Record<string, unknown> = {};
    const warnings = await captureWarnings(async () => {
        const component = new installed.module.UnauthorizedApiCallsAlarm("cis", args);
        await settle(component);
        outputs = await registeredOutputs(component);
    });
    return { registrations: componentRegistrations(recorder.registrations, from), outputs, warnings };
}

/** Constructs through the component provider, from the request the engine would send. */
async function viaProvider(installed: InstalledPackage, c: ConstructCase): Promise<Observed & { readonly state: Record<string, unknown> }> {
    const recorder = installMocks();
    const args = c.args();
    const inputs = await providerInputs(await constructRequest("cis", args));
    const from = recorder.registrations.length;
    let outputs: Record<string, unknown> = {};
    let state: Record<string, unknown> = {};
    const warnings = await captureWarnings(async () => {
        const result = await installed.provider.construct("cis", COMPONENT_TYPE, inputs, {});
        // The provider server serializes the state next, which waits for every child; so do we.
        state = await pulumi.runtime.serializeProperties("state", result.state);
        outputs = await registeredOutputs({ urn: pulumi.output(result.urn) });
    });
    return { registrations: componentRegistrations(recorder.registrations, from), outputs, warnings, state };
}

/** The error a construction throws, or a failure if it does not. */
async function refusal(run: () => Promise<unknown>): Promise<pulumi.InputPropertyError> {
    try {
        await run();
    } catch (err) {
        assert.ok(pulumi.InputPropertyError.isInstance(err), `expected an InputPropertyError, got ${String(err)}`);
        return err;
    }
    assert.fail("expected the construction to fail");
}

describe("Construct through the component provider (in process, under mocks)", () => {
    let installed: InstalledPackage;

    before(async () => {
        installed = await installedPackage();
    });

    for (const c of CASES) {
        it(`creates the same children, wiring and outputs for ${c.title}`, async () => {
            const expected = await direct(installed, c);
            const actual = await viaProvider(installed, c);
            assert.ok(expected.registrations.length >= 4, "the case creates the component and its children");
            assert.deepEqual(actual.registrations, expected.registrations);
            assert.deepEqual(actual.outputs, expected.outputs);
            assert.deepEqual(actual.warnings, expected.warnings);
            // What the provider returns to the engine: every output of the schema, the values the component has.
            const resource = installed.schema.resources[COMPONENT_TYPE];
            for (const key of Object.keys(actual.state)) {
                assert.ok(key in resource.properties, `state ${key} is an output of the schema`);
            }
            for (const key of resource.required) {
                assert.ok(actual.state[key] !== undefined, `the required output ${key} is in the state`);
            }
            for (const key of VALUE_OUTPUTS) {
                assert.deepEqual(actual.state[key], expected.outputs[key], key);
            }
        });
    }

    it("warns, through the provider too, about a pattern that misses unauthorized calls", async () => {
        const weak = CASES.find((c) => c.title.includes("weak"));
        assert.ok(weak !== undefined);
        const { warnings } = await viaProvider(installed, weak);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /does not catch every unauthorized API call/);
    });

    for (const c of INVALID) {
        it(`refuses ${c.title} with the same one-line error`, async () => {
            installMocks();
            const expected = await refusal(async () => new installed.module.UnauthorizedApiCallsAlarm("cis", c.args()));
            const recorder = installMocks();
            const inputs = await providerInputs(await constructRequest("cis", c.args()));
            const from = recorder.registrations.length;
            const actual = await refusal(() => installed.provider.construct("cis", COMPONENT_TYPE, inputs, {}));
            assert.equal(actual.message, expected.message);
            assert.equal(actual.propertyPath, expected.propertyPath);
            assert.match(actual.message, /^UnauthorizedApiCallsAlarm "cis": argument "[^"]+" /);
            await new Promise((resolve) => setTimeout(resolve, 20));
            assert.deepEqual(componentRegistrations(recorder.registrations, from), [], "nothing is registered");
        });
    }

    it("resolves a resource argument to the same resource (by URN)", async () => {
        installMocks();
        const logGroup = new aws.cloudwatch.LogGroup("cloudtrail", {});
        const inputs = await providerInputs(await constructRequest("cis", { logGroup }));
        assert.ok(aws.cloudwatch.LogGroup.isInstance(inputs.logGroup));
        assert.equal(await valueOf((inputs.logGroup as aws.cloudwatch.LogGroup).urn), await valueOf(logGroup.urn));
    });
});
