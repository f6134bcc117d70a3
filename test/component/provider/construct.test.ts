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
import { captureWarnings, installMocks, registeredOutputs, valueOf } from "../harness";
import { ALARM, CASES, INVALID, componentRegistrations, direct, refusal, type ConstructCase, type Observed } from "./cases";
import { constructRequest, providerInputs } from "./construct-request";
import { installedPackage, type InstalledPackage } from "./installed";

/** Constructs through the component provider, from the request the engine would send. */
async function viaProvider(installed: InstalledPackage, c: ConstructCase): Promise<Observed & { readonly state: Record<string, unknown> }> {
    const recorder = installMocks({ preview: c.preview });
    const args = c.args();
    const component = c.component ?? ALARM;
    const inputs = await providerInputs(await constructRequest("cis", args, { dryRun: c.preview, type: component.type }));
    const from = recorder.registrations.length;
    let outputs: Record<string, unknown> = {};
    let state: Record<string, unknown> = {};
    const warnings = await captureWarnings(async () => {
        const result = await installed.provider.construct("cis", component.type, inputs, {});
        // The provider server serializes the state next, which waits for every child; so do we.
        state = await pulumi.runtime.serializeProperties("state", result.state);
        outputs = await registeredOutputs({ urn: pulumi.output(result.urn) });
    });
    return { registrations: componentRegistrations(recorder.registrations, from), outputs, warnings, state };
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
            const component = c.component ?? ALARM;
            const resource = installed.schema.resources[component.type];
            for (const key of Object.keys(actual.state)) {
                assert.ok(key in resource.properties, `state ${key} is an output of the schema`);
            }
            for (const key of resource.required) {
                assert.ok(actual.state[key] !== undefined, `the required output ${key} is in the state`);
            }
            // The state is in wire form (an unknown is the sentinel string), so compare the outputs in wire form too.
            const wireOutputs = await pulumi.runtime.serializeProperties("outputs", expected.outputs);
            for (const key of component.valueOutputs) {
                assert.deepEqual(actual.state[key], wireOutputs[key], key);
            }
        });
    }

    it("warns, through the provider too, about a pattern that misses what its control means", async () => {
        const weak = CASES.filter((c) => c.title.includes("weak"));
        assert.equal(weak.length, 2);
        const [alarm, catalog] = await Promise.all(weak.map((c) => viaProvider(installed, c)));
        assert.equal(alarm.warnings.length, 1);
        assert.match(alarm.warnings[0], /does not catch every unauthorized API call/);
        assert.equal(catalog.warnings.length, 1);
        assert.match(catalog.warnings[0], /CisMonitoringAlarms "cis": the filter pattern in overrides\["4\.5"\]\.pattern does not catch every event control 4\.5 /);
    });

    for (const c of INVALID) {
        it(`refuses ${c.title} with the same one-line error`, async () => {
            const component = c.component ?? ALARM;
            installMocks();
            const expected = await refusal(() => component.create(installed, "cis", c.args()));
            const recorder = installMocks();
            const inputs = await providerInputs(await constructRequest("cis", c.args(), { type: component.type }));
            const from = recorder.registrations.length;
            const actual = await refusal(() => installed.provider.construct("cis", component.type, inputs, {}));
            assert.equal(actual.message, expected.message);
            assert.equal(actual.propertyPath, expected.propertyPath);
            assert.ok(actual.message.startsWith(`${component.className} "cis": argument "`), actual.message);
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
