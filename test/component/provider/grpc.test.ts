/**
 * `Construct` over the component provider's gRPC interface, with the provider
 * started as the Pulumi CLI starts a source-based plugin (the Node.js language
 * host's RunPlugin: `node @pulumi/pulumi/cmd/run-plugin <package dir>
 * <engine address>`) from the installed package, and this test as the engine:
 * it calls GetSchema, Configure and Construct, and serves the resource monitor
 * the provider registers the children with (Pulumi's MockMonitor, the same
 * mocks as the in-process tests). The children, outputs, warnings and errors
 * must be those of constructing the component directly.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import * as errorproto from "@pulumi/pulumi/proto/errors_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { installMocks, registeredOutputs } from "../harness";
import { ALARM, CASES, INVALID, componentRegistrations, direct, refusal } from "./cases";
import { constructRequest } from "./construct-request";
import { startFakeEngine, startProvider, unary, type CallbackMonitor, type FakeEngine, type ProviderProcess } from "./engine";
import { installedPackage, type InstalledPackage } from "./installed";

/** The reason and property path of an InputPropertiesError the provider returned, as the engine decodes it. */
function propertyError(err: grpc.ServiceError): { propertyPath: string; reason: string } {
    const [bin] = err.metadata.get("grpc-status-details-bin");
    assert.ok(bin instanceof Buffer, `no error details: ${err.message}`);
    const [detail] = statusproto.Status.deserializeBinary(bin).getDetailsList();
    const [first, ...rest] = errorproto.InputPropertiesError.deserializeBinary(detail.getValue_asU8()).getErrorsList();
    assert.equal(rest.length, 0);
    return { propertyPath: first.getPropertyPath(), reason: first.getReason() };
}

describe("Construct over the component provider's gRPC interface (run-plugin on the installed package)", () => {
    let installed: InstalledPackage;
    let engine: FakeEngine | undefined;
    let provider: ProviderProcess | undefined;

    /** Sends a Construct for `args`, built after fresh mocks are installed (the provider registers into them). */
    async function construct(args: () => pulumi.Inputs, preview = false, type = ALARM.type) {
        const recorder = installMocks({ preview });
        const request = await constructRequest("cis", args(), { monitorEndpoint: engine!.monitorAddress, dryRun: preview, type });
        const from = recorder.registrations.length;
        const logged = engine!.logs.length;
        const call = unary<provproto.ConstructRequest, provproto.ConstructResponse>(provider!.client.construct.bind(provider!.client), request);
        return { call, recorder, from, logs: () => engine!.logs.slice(logged) };
    }

    before(async () => {
        installed = await installedPackage();
        engine = await startFakeEngine(() => pulumi.runtime.getMonitor() as unknown as CallbackMonitor);
        // The language host runs the plugin in the program's directory, not the package's.
        provider = await startProvider(installed.dir, engine.engineAddress, path.dirname(path.dirname(installed.dir)));
        // The engine configures a provider before constructing with it.
        const configured = await unary<provproto.ConfigureRequest, provproto.ConfigureResponse>(
            provider.client.configure.bind(provider.client),
            new provproto.ConfigureRequest(),
        );
        assert.ok(configured.getAcceptoutputs() && configured.getAcceptresources() && configured.getAcceptsecrets());
    });

    after(() => {
        provider?.stop();
        engine?.close();
    });

    it("serves the installed package's schema, under its name and version", async () => {
        const schema = await unary<provproto.GetSchemaRequest, provproto.GetSchemaResponse>(
            provider!.client.getSchema.bind(provider!.client),
            new provproto.GetSchemaRequest(),
        );
        assert.deepEqual(JSON.parse(schema.getSchema()), installed.schema);
        const info = await unary<Empty, plugproto.PluginInfo>(provider!.client.getPluginInfo.bind(provider!.client), new Empty());
        assert.equal(info.getVersion(), installed.schema.version);
    });

    for (const c of CASES) {
        it(`creates the same children, wiring and outputs for ${c.title}`, async () => {
            const expected = await direct(installed, c);
            const { call, recorder, from, logs } = await construct(c.args, c.preview, (c.component ?? ALARM).type);
            const response = await call;
            const byName = (a: { type: string; name: string }, b: { type: string; name: string }) =>
                `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`);
            const registered = componentRegistrations(recorder.registrations, from);
            assert.ok(registered.length >= 4, "the provider registered the component and its children");
            // Registrations arrive over concurrent RPCs, so compare them in a fixed order.
            assert.deepEqual([...registered].sort(byName), [...expected.registrations].sort(byName));
            assert.deepEqual(await registeredOutputs({ urn: pulumi.output(response.getUrn()) }), expected.outputs);
            const state = pulumi.runtime.deserializeProperties(response.getState() ?? assert.fail("no state"));
            for (const key of (c.component ?? ALARM).valueOutputs) {
                assert.deepEqual(state[key], expected.outputs[key], key);
            }
            const warnings = logs().filter((l) => l.severity === engineproto.LogSeverity.WARNING);
            assert.equal(warnings.length, expected.warnings.length);
            assert.equal(warnings.length, c.title.includes("weak") ? 1 : 0, "only the weak custom pattern is warned about");
            warnings.forEach((warning, i) => assert.ok(warning.message.length > 0 && expected.warnings[i].includes(warning.message), warning.message));
        });
    }

    for (const c of INVALID) {
        it(`refuses ${c.title} with the same one-line error, as an InputPropertiesError`, async () => {
            installMocks();
            const component = c.component ?? ALARM;
            const expected = await refusal(() => component.create(installed, "cis", c.args()));
            const { call, recorder, from } = await construct(c.args, false, component.type);
            const err = await call.then(
                () => assert.fail("expected Construct to fail"),
                (e: grpc.ServiceError) => e,
            );
            assert.equal(err.code, 3, "INVALID_ARGUMENT");
            assert.deepEqual(propertyError(err), { propertyPath: expected.propertyPath, reason: expected.message });
            assert.deepEqual(componentRegistrations(recorder.registrations, from), [], "nothing is registered");
        });
    }
});
