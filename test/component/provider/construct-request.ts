/**
 * The `Construct` request the Pulumi engine sends a component provider when a
 * program in any language creates the component, built here from arguments
 * written in TypeScript.
 *
 * The arguments are encoded by `@pulumi/pulumi`'s own serializer with output
 * values kept: a program's SDK sends Outputs as output values when the engine
 * supports them, and the engine forwards them as such to a provider that
 * accepts outputs (the Node.js provider server's Configure says it does).
 * Resources travel as resource references, with their URN.
 */
import * as pulumi from "@pulumi/pulumi";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { MOCK_PROJECT, MOCK_STACK, valueOf } from "../harness";
import { COMPONENT_TYPE } from "./installed";

/** The runtime's per-process feature flags (internal to `@pulumi/pulumi`, not in its typings). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeState = require("@pulumi/pulumi/runtime/state") as { getStore(): { supportsOutputValues: boolean } };

/** The provider server's own decoding of a Construct request's inputs (internal, not in the typings). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerServer = require("@pulumi/pulumi/provider/server") as {
    deserializeInputs(
        inputs: structproto.Struct | undefined,
        dependencies: ReturnType<provproto.ConstructRequest["getInputdependenciesMap"]>,
    ): Promise<pulumi.Inputs>;
};

/** Where the request goes and how the engine runs. */
export interface RequestOptions {
    /** The resource monitor the provider registers the children with. */
    readonly monitorEndpoint?: string;
    /** True for a preview. */
    readonly dryRun?: boolean;
    /** The component's type token; default `UnauthorizedApiCallsAlarm`'s. */
    readonly type?: string;
}

/** Builds the Construct request for a component named `name` with `args`. */
export async function constructRequest(name: string, args: pulumi.Inputs, options: RequestOptions = {}): Promise<provproto.ConstructRequest> {
    const store = runtimeState.getStore();
    const supported = store.supportsOutputValues;
    // The mock monitor turns output values off (so mock inputs hold no Outputs); the engine has them on.
    store.supportsOutputValues = true;
    let serialized: [Record<string, unknown>, Map<string, Set<pulumi.Resource>>];
    try {
        serialized = await pulumi.runtime.serializeResourceProperties(`construct(${name})`, args, { keepOutputValues: true });
    } finally {
        store.supportsOutputValues = supported;
    }
    const [inputs, dependencies] = serialized;
    const request = new provproto.ConstructRequest();
    request.setProject(MOCK_PROJECT);
    request.setStack(MOCK_STACK);
    request.setType(options.type ?? COMPONENT_TYPE);
    request.setName(name);
    request.setDryrun(options.dryRun ?? false);
    request.setParallel(16);
    request.setMonitorendpoint(options.monitorEndpoint ?? "");
    request.setAcceptsOutputValues(true);
    request.setInputs(structproto.Struct.fromJavaScript(inputs as Record<string, structproto.JavaScriptValue>));
    for (const [key, resources] of dependencies) {
        const urns = new provproto.ConstructRequest.PropertyDependencies();
        urns.setUrnsList(await Promise.all([...resources].map((r) => valueOf(r.urn))));
        request.getInputdependenciesMap().set(key, urns);
    }
    return request;
}

/** The inputs the provider server hands the component provider for `request`. */
export function providerInputs(request: provproto.ConstructRequest): Promise<pulumi.Inputs> {
    return providerServer.deserializeInputs(request.getInputs(), request.getInputdependenciesMap());
}
