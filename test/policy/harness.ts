/**
 * Runs the pack's policies the way the Pulumi CLI does: resources are
 * encoded as the engine's gRPC `AnalyzeStackRequest` / `AnalyzeRequest`
 * (protobuf Structs, unknown values as the engine's sentinels, property
 * dependencies as URN lists) and handed to `@pulumi/policy`'s own analyzer
 * handlers, which deserialize them, wrap props in the unknown-checking proxy,
 * resolve dependencies and collect diagnostics. Only the Configure RPC is
 * bypassed: config is handed to the policy through `getConfig`.
 */
import * as path from "node:path";
import type { Policy, ResourceValidation, ResourceValidationPolicy, StackValidation, StackValidationPolicy } from "@pulumi/policy";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import * as structpb from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "trailwatch-policy-pack/dist/resources";
import type { JsonSchema } from "../../component/src/check/json-schema";
import type * as PolicyConfigModule from "../../component/src/check/policy-config";
import type { PolicyConfig } from "../../component/src/check/policy-config";
// The compiled module, as the CLI runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { reconcilePolicyConfig } = require(path.join(__dirname, "..", "..", "..", "component", "dist", "check", "policy-config")) as typeof PolicyConfigModule;

/** `@pulumi/policy`'s analyzer handlers; internal, so typed here. */
type RpcHandler = (call: { request: unknown }, callback: (error: unknown, response?: analyzerpb.AnalyzeResponse) => void) => Promise<void>;
interface PolicyServer {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policy[]): RpcHandler;
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policy[]): RpcHandler;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as PolicyServer;

/** The engine's unknown-value sentinel, for fixture props. */
export { UNKNOWN };

/** A secret value as the engine sends it. */
export function secret(value: unknown): Record<string, unknown> {
    return { [specialSigKey]: specialSecretSig, value };
}

/** A provider resource as fixtures describe it. */
export interface FixtureProvider {
    /** Logical name, e.g. `default_7_48_0`. */
    readonly name: string;
    /** Its inputs (for the default provider: the stack's `aws:*` config). */
    readonly props: Record<string, unknown>;
}

/** The default AWS provider of a stack whose `aws:region` is us-east-1. */
export const DEFAULT_PROVIDER: FixtureProvider = { name: "default_7_48_0", props: { region: "us-east-1", version: "7.48.0" } };

/** One resource as the engine would report it. */
export interface FixtureResource {
    /** Type token. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Outputs (stack policies) or inputs (resource policies). */
    readonly props: Record<string, unknown>;
    /** Its provider; the default provider when undefined, none when null. */
    readonly provider?: FixtureProvider | null;
    /** Per property, the URNs its value came from. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    /** Parent URN. */
    readonly parent?: string;
    /** `additionalSecretOutputs`. */
    readonly secretOutputs?: readonly string[];
}

/** The URN the engine gives a resource of `type` named `name` in the test stack. */
export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::trailwatch-test::${type}::${name}`;
}

function providerUrn(provider: FixtureProvider): string {
    return urnOf("pulumi:providers:aws", provider.name);
}

function struct(props: Record<string, unknown>): structpb.Struct {
    return structpb.Struct.fromJavaScript(props as Record<string, structpb.JavaScriptValue>);
}

function options(resource: FixtureResource): analyzerpb.AnalyzerResourceOptions {
    const opts = new analyzerpb.AnalyzerResourceOptions();
    opts.setAdditionalsecretoutputsList([...(resource.secretOutputs ?? [])]);
    opts.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
    if (resource.parent) {
        opts.setParent(resource.parent);
    }
    return opts;
}

function providerMessage(resource: FixtureResource): analyzerpb.AnalyzerProviderResource | undefined {
    const provider = resource.provider === undefined ? DEFAULT_PROVIDER : resource.provider;
    if (provider === null) {
        return undefined;
    }
    const message = new analyzerpb.AnalyzerProviderResource();
    message.setType("pulumi:providers:aws");
    message.setName(provider.name);
    message.setUrn(providerUrn(provider));
    message.setProperties(struct(provider.props));
    return message;
}

function stackResource(resource: FixtureResource): analyzerpb.AnalyzerResource {
    const message = new analyzerpb.AnalyzerResource();
    message.setType(resource.type);
    message.setName(resource.name);
    message.setUrn(urnOf(resource.type, resource.name));
    message.setProperties(struct(resource.props));
    message.setOptions(options(resource));
    const provider = providerMessage(resource);
    if (provider) {
        message.setProvider(provider);
    }
    if (resource.parent) {
        message.setParent(resource.parent);
    }
    const dependencies = new Set<string>();
    for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        const deps = new analyzerpb.AnalyzerPropertyDependencies();
        deps.setUrnsList([...urns]);
        message.getPropertydependenciesMap().set(property, deps);
        urns.forEach((u) => dependencies.add(u));
    }
    message.setDependenciesList([...dependencies]);
    return message;
}

/** A diagnostic as the CLI would print it. */
export interface Diagnostic {
    /** Policy that reported it. */
    readonly policy: string;
    /** The message (description, newline, what the policy reported). */
    readonly message: string;
    /** "advisory" or "mandatory". */
    readonly level: "advisory" | "mandatory" | "other";
    /** The resource it is attached to, if any. */
    readonly urn: string;
}

/** What one analyzer call returned. */
export interface Analysis {
    /** Violations. */
    readonly diagnostics: readonly Diagnostic[];
    /** Policies that reported themselves not applicable, with why. */
    readonly notApplicable: readonly { readonly policy: string; readonly reason: string }[];
}

function level(l: analyzerpb.EnforcementLevel): Diagnostic["level"] {
    switch (l) {
        case analyzerpb.EnforcementLevel.ADVISORY:
            return "advisory";
        case analyzerpb.EnforcementLevel.MANDATORY:
            return "mandatory";
        default:
            return "other";
    }
}

function withConfig<P extends Policy>(policy: P, config: object | undefined): P {
    if (config === undefined) {
        return policy;
    }
    const getConfig = <T>(): T => config as T;
    const p = policy as Partial<StackValidationPolicy & ResourceValidationPolicy>;
    if (p.validateStack) {
        const validate = p.validateStack;
        const validateStack: StackValidation = (args, report) => validate({ ...args, getConfig }, report);
        return { ...policy, validateStack };
    }
    const validate = p.validateResource;
    if (typeof validate !== "function") {
        return policy;
    }
    const validateResource: ResourceValidation = (args, report) => validate({ ...args, getConfig }, report);
    return { ...policy, validateResource };
}

/** Reads an analyzer response the way the CLI reports it. */
export function toAnalysis(response: analyzerpb.AnalyzeResponse): Analysis {
    return {
        diagnostics: response.getDiagnosticsList().map((d) => ({
            policy: d.getPolicyname(),
            message: d.getMessage(),
            level: level(d.getEnforcementlevel()),
            urn: d.getUrn(),
        })),
        notApplicable: response.getNotApplicableList().map((n) => ({ policy: n.getPolicyName(), reason: n.getReason() })),
    };
}

function call(handler: RpcHandler, request: unknown): Promise<Analysis> {
    return new Promise((resolve, reject) => {
        void handler({ request }, (error, response) => {
            if (error || !response) {
                reject(error instanceof Error ? error : new Error(String(error)));
                return;
            }
            resolve(toAnalysis(response));
        });
    });
}

const PACK = "trailwatch-cis-aws-section-4";

/** The `AnalyzeStackRequest` the engine sends for `resources` (outputs), provider resources included. */
export function stackRequest(resources: readonly FixtureResource[]): analyzerpb.AnalyzeStackRequest {
    const providers = new Map<string, FixtureProvider>();
    for (const r of resources) {
        const p = r.provider === undefined ? DEFAULT_PROVIDER : r.provider;
        if (p !== null) {
            providers.set(p.name, p);
        }
    }
    // The engine reports provider resources too, with their inputs.
    const providerResources: FixtureResource[] = [...providers.values()].map((p) => ({
        type: "pulumi:providers:aws",
        name: p.name,
        props: p.props,
        provider: null,
    }));
    const request = new analyzerpb.AnalyzeStackRequest();
    request.setResourcesList([...providerResources, ...resources].map(stackResource));
    return request;
}

/** Runs a stack policy over `resources` (outputs) through `@pulumi/policy`'s AnalyzeStack handler. */
export function analyzeStack(policy: StackValidationPolicy, resources: readonly FixtureResource[], config?: object): Promise<Analysis> {
    return call(server.makeAnalyzeStackRpcFun(PACK, "0.1.0", "advisory", [withConfig(policy, config)]), stackRequest(resources));
}

/** Runs a resource policy on one resource (inputs) through `@pulumi/policy`'s Analyze handler. */
export function analyzeResource(policy: ResourceValidationPolicy, resource: FixtureResource, config?: object): Promise<Analysis> {
    const request = new analyzerpb.AnalyzeRequest();
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(urnOf(resource.type, resource.name));
    request.setProperties(struct(resource.props));
    request.setOptions(options(resource));
    const provider = providerMessage(resource);
    if (provider) {
        request.setProvider(provider);
    }
    return call(server.makeAnalyzeRpcFun(PACK, "0.1.0", "advisory", [withConfig(policy, config)]), request);
}

/**
 * Runs a whole pack's stack policies over `resources` in one AnalyzeStack
 * call, with `fileConfig` (a parsed policy config file, `all` included)
 * reconciled against the policies' levels and schemas the way `trailwatch
 * check` and the Pulumi CLI do: each policy gets the resulting enforcement
 * level and properties.
 */
export function analyzePack(policies: readonly Policy[], resources: readonly FixtureResource[], fileConfig: Readonly<Record<string, PolicyConfig>>): Promise<Analysis> {
    const targets = policies.map((p) => ({
        name: p.name,
        enforcementLevel: p.enforcementLevel ?? "advisory",
        configSchema: p.configSchema ? { properties: p.configSchema.properties as Record<string, JsonSchema>, required: p.configSchema.required ?? [] } : undefined,
    }));
    const { config, errors } = reconcilePolicyConfig(targets, {}, fileConfig);
    if (errors.length > 0) {
        throw new Error(errors.join("; "));
    }
    const configured = policies.map((p) => {
        const entry = config[p.name]!;
        return withConfig({ ...p, enforcementLevel: entry.enforcementLevel } as Policy, entry.properties);
    });
    return call(server.makeAnalyzeStackRpcFun(PACK, "0.1.0", "advisory", configured), stackRequest(resources));
}
