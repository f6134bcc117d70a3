/**
 * One analyzer session: the calls the Pulumi engine makes to a policy pack
 * during a deployment, in the engine's order, with the fields it fills.
 *
 * Followed: pulumi/pulumi v3.259.0 (commit 1b5949891b):
 * - pkg/resource/plugin/analyzer_plugin.go: Handshake, then ConfigureStack
 *   right after the pack starts; how Analyze / AnalyzeStack marshal
 *   properties, options and the provider;
 * - pkg/engine/update.go (local policy packs): GetAnalyzerInfo, config
 *   reconciled and validated against each policy's schema, then Configure;
 * - pkg/resource/deploy/step_generator.go and analyze_snapshot.go: Analyze per
 *   resource with its checked inputs, AnalyzeStack once with every
 *   resource's outputs, parent, dependencies and property dependencies;
 *   `remediate` downgraded to `mandatory`; stack-level violations without a
 *   URN of the stack attributed to the root stack resource.
 * GetPluginInfo, which the engine uses when it lists plugins, is called
 * once after GetAnalyzerInfo to report the policy SDK's version.
 * The engine also calls Remediate before Analyze; `trailwatch check`
 * reports violations only, so it skips that call.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { UserError } from "../cli/errors";
import type { AnalyzerProcess } from "./analyzer-process";
import type { JsonSchema } from "./json-schema";
import { type GraphResource, type ResourceGraph, rootStackUrn } from "./model";
import {
    type EnforcementLevel,
    type PolicyConfig,
    type PolicyConfigTarget,
    parsePolicyConfig,
    reconcilePolicyConfig,
} from "./policy-config";
import { policyConfigProblems, resolvePolicyAliases } from "../policy-config";
import { toStruct } from "./wire";

/** A policy the pack declares (from GetAnalyzerInfo). */
export interface PolicyDescription {
    /** Policy name. */
    readonly name: string;
    /** Display name, if the pack gave one. */
    readonly displayName: string;
    /** What the policy checks. */
    readonly description: string;
    /** Level it runs at after configuration. */
    readonly enforcementLevel: EnforcementLevel;
    /** Resource or stack policy. */
    readonly type: "resource" | "stack" | "unknown";
    /** Severity, when declared. */
    readonly severity?: "low" | "medium" | "high" | "critical";
    /** Remediation text, when declared. */
    readonly remediationSteps?: string;
    /** Documentation URL, when declared. */
    readonly url?: string;
}

/** The pack as it describes itself. */
export interface PackDescription {
    /** Pack name. */
    readonly name: string;
    /** Pack version. */
    readonly version: string;
    /** Version of the policy SDK serving it (GetPluginInfo). */
    readonly pluginVersion: string;
    /** Its policies, sorted by name as the engine sorts them. */
    readonly policies: readonly PolicyDescription[];
}

/** One violation the pack reported. */
export interface Violation {
    /** The policy that was violated. */
    readonly policy: string;
    /** Its enforcement level (`remediate` is reported as `mandatory`, as the engine does). */
    readonly enforcementLevel: EnforcementLevel;
    /** The policy's description followed by the violation message, as the pack formats it. */
    readonly message: string;
    /** The resource it concerns. */
    readonly urn: string;
    /** Whether it came from a resource policy (Analyze) or a stack policy (AnalyzeStack). */
    readonly phase: "resource" | "stack";
    /** Severity from the diagnostic, else from the policy, as `convertDiagnostics` fills it. */
    readonly severity?: PolicyDescription["severity"];
}

/** Everything a session learned. */
export interface SessionResult {
    /** The pack. */
    readonly pack: PackDescription;
    /** Violations in the order the engine would show them (per resource, then stack). */
    readonly violations: readonly Violation[];
    /** Number of resources analyzed. */
    readonly resources: number;
}

/** Calls a pack method; a failure becomes the user-facing error naming the pack. */
function call<Req, Res>(pack: AnalyzerProcess, name: string, method: RpcMethod<Req, Res>, req: Req): Promise<Res> {
    return unary(pack.client, method, req).catch(async (err: unknown) => {
        throw await pack.failure(name, err);
    });
}

/** Like {@link call}, for methods older packs may not implement (the engine skips those). */
function optionalCall<Req, Res>(
    pack: AnalyzerProcess,
    name: string,
    method: RpcMethod<Req, Res>,
    req: Req,
): Promise<Res | undefined> {
    return unary(pack.client, method, req).catch(async (err: unknown) => {
        if ((err as { code?: number }).code === grpc.status.UNIMPLEMENTED) {
            return undefined;
        }
        throw await pack.failure(name, err);
    });
}

async function analyzerInfo(pack: AnalyzerProcess): Promise<[analyzerproto.AnalyzerInfo, string]> {
    const info = await call(pack, "GetAnalyzerInfo", pack.client.getAnalyzerInfo, new Empty());
    const plugin = await call(pack, "GetPluginInfo", pack.client.getPluginInfo, new Empty());
    return [info, plugin.getVersion()];
}

/** What the pack says about itself (GetAnalyzerInfo and GetPluginInfo), before any configuration. */
export async function describePack(pack: AnalyzerProcess): Promise<PackDescription> {
    const [info, pluginVersion] = await analyzerInfo(pack);
    return describe(pack, info, pluginVersion, new Map());
}

/**
 * One AnalyzeStack call over the graph, timed; for measuring a pack, not for
 * checking (it skips the session's configuration calls). The request is
 * encoded before the clock starts: the engine encodes it in Go, so only the
 * transfer and the pack's own work are the pack's cost.
 */
export async function analyzeStackOnce(
    pack: AnalyzerProcess,
    graph: ResourceGraph,
): Promise<{ millis: number; violations: number }> {
    const bytes = Buffer.from(analyzeStackRequest(graph).serializeBinary());
    const started = process.hrtime.bigint();
    const response = await new Promise<analyzerproto.AnalyzeResponse>((resolve, reject) => {
        pack.client.makeUnaryRequest(
            "/pulumirpc.Analyzer/AnalyzeStack",
            (encoded: Buffer) => encoded,
            (reply: Buffer) => analyzerproto.AnalyzeResponse.deserializeBinary(reply),
            bytes,
            new grpc.Metadata(),
            { deadline: Date.now() + CALL_TIMEOUT_MS },
            (err, res) => (err ? reject(err) : resolve(res!)),
        );
    }).catch(async (err: unknown) => {
        throw await pack.failure("AnalyzeStack", err);
    });
    return { millis: Number(process.hrtime.bigint() - started) / 1e6, violations: response.getDiagnosticsList().length };
}

/** Runs the engine's call sequence against a started pack. */
export async function runSession(
    pack: AnalyzerProcess,
    engineAddress: string,
    graph: ResourceGraph,
    configFromFile: Readonly<Record<string, PolicyConfig>> | undefined,
    configFile: string | undefined,
): Promise<SessionResult> {
    const client = pack.client;
    await optionalCall(
        pack,
        "Handshake",
        client.handshake,
        new analyzerproto.AnalyzerHandshakeRequest()
            .setEngineAddress(engineAddress)
            .setRootDirectory(pack.packDir)
            .setProgramDirectory(pack.packDir),
    );
    await optionalCall(pack, "ConfigureStack", client.configureStack, stackConfigureRequest(graph));

    const [info, pluginVersion] = await analyzerInfo(pack);
    const targets = info.getPoliciesList().map((p) => configTarget(p, info.getSupportsconfig()));

    let levels = new Map(targets.map((t) => [t.name, t.enforcementLevel]));
    if (!info.getSupportsconfig()) {
        if (configFile !== undefined) {
            throw new UserError(`policy pack "${info.getName()}" in ${pack.packDir} does not support config (${configFile})`);
        }
    } else {
        const { config, errors } = reconcilePolicyConfig(targets, initialConfig(info), strictConfig(targets, info.getName(), configFromFile, configFile));
        if (errors.length > 0) {
            const where = configFile === undefined ? "" : ` (${configFile})`;
            throw new UserError(`invalid policy config for "${info.getName()}"${where}: ${errors.join("; ")}`);
        }
        if (Object.keys(config).length > 0) {
            const req = new analyzerproto.ConfigureAnalyzerRequest();
            for (const [name, value] of Object.entries(config)) {
                req.getPolicyconfigMap().set(
                    name,
                    new analyzerproto.PolicyConfig()
                        .setEnforcementlevel(LEVEL_TO_PROTO[value.enforcementLevel])
                        .setProperties(Struct.fromJavaScript(value.properties as Record<string, never>)),
                );
            }
            await call(pack, "Configure", client.configure, req);
            levels = new Map([...levels].map(([name, level]) => [name, config[name]?.enforcementLevel ?? level]));
        }
    }

    const severityOf = new Map(info.getPoliciesList().map((p) => [p.getName(), SEVERITIES[p.getSeverity()]]));
    const violation = (d: analyzerproto.AnalyzeDiagnostic, urn: string, phase: Violation["phase"]): Violation => {
        const level = LEVEL_FROM_PROTO[d.getEnforcementlevel()] ?? "advisory";
        return {
            policy: d.getPolicyname(),
            enforcementLevel: level === "remediate" ? "mandatory" : level,
            message: d.getMessage(),
            urn,
            phase,
            severity: SEVERITIES[d.getSeverity()] ?? severityOf.get(d.getPolicyname()),
        };
    };
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const violations: Violation[] = [];
    for (const resource of graph.resources.filter((r) => r.read !== true)) {
        const response = await call(pack, `Analyze(${resource.urn})`, client.analyze, analyzeRequest(resource, byUrn));
        violations.push(...response.getDiagnosticsList().map((d) => violation(d, resource.urn, "resource")));
    }
    const stackResponse = await optionalCall(pack, "AnalyzeStack", client.analyzeStack, analyzeStackRequest(graph));
    const root = rootStackUrn(graph.stack.stack, graph.stack.project);
    for (const d of stackResponse?.getDiagnosticsList() ?? []) {
        // resolveStackPolicyViolationURN: a URN naming a resource in the stack stays, anything else is the stack's.
        violations.push(violation(d, byUrn.has(d.getUrn()) ? d.getUrn() : root, "stack"));
    }

    return { pack: describe(pack, info, pluginVersion, levels), violations, resources: graph.resources.length };
}

function describe(
    pack: AnalyzerProcess,
    info: analyzerproto.AnalyzerInfo,
    pluginVersion: string,
    levels: ReadonlyMap<string, EnforcementLevel>,
): PackDescription {
    return {
        name: info.getName(),
        // As in GetAnalyzerInfo's client: PulumiPolicy.yaml's version wins over the one the pack reports.
        version: pack.projectVersion ?? info.getVersion(),
        pluginVersion,
        policies: info
            .getPoliciesList()
            .map((p) => describePolicy(p, levels.get(p.getName())))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    };
}

/** The `AnalyzeStackRequest` the engine sends for `graph`: every resource, with its outputs. */
export function analyzeStackRequest(graph: ResourceGraph): analyzerproto.AnalyzeStackRequest {
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    return new analyzerproto.AnalyzeStackRequest().setResourcesList(graph.resources.map((r) => stackResource(r, byUrn)));
}

type RpcMethod<Req, Res> = (
    req: Req,
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    callback: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

/**
 * The longest one call may take. The engine waits forever; a gate in CI
 * must not, so a pack stuck in a policy fails the check instead of hanging it.
 */
const CALL_TIMEOUT_MS = 300_000;

function unary<Req, Res>(client: AnalyzerClient, method: RpcMethod<Req, Res>, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
        const options = { deadline: Date.now() + CALL_TIMEOUT_MS };
        method.call(client, req, new grpc.Metadata(), options, (err, res) => (err ? reject(err) : resolve(res!)));
    });
}

const LEVEL_FROM_PROTO: Record<number, EnforcementLevel> = {
    [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
    [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
};

const LEVEL_TO_PROTO: Record<EnforcementLevel, analyzerproto.EnforcementLevel> = {
    advisory: analyzerproto.EnforcementLevel.ADVISORY,
    mandatory: analyzerproto.EnforcementLevel.MANDATORY,
    disabled: analyzerproto.EnforcementLevel.DISABLED,
    remediate: analyzerproto.EnforcementLevel.REMEDIATE,
};

const SEVERITIES: Record<number, PolicyDescription["severity"]> = {
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

function stackConfigureRequest(graph: ResourceGraph): analyzerproto.AnalyzerStackConfigureRequest {
    const req = new analyzerproto.AnalyzerStackConfigureRequest()
        .setStack(graph.stack.stack)
        .setProject(graph.stack.project)
        .setOrganization(graph.stack.organization)
        .setDryRun(graph.mode === "preview")
        .setConfigSecretKeysList([...graph.stack.configSecretKeys]);
    for (const [key, value] of Object.entries(graph.stack.config)) {
        req.getConfigMap().set(key, value);
    }
    for (const [key, value] of Object.entries(graph.stack.tags)) {
        req.getTagsMap().set(key, value);
    }
    return req;
}

/** `convertConfigSchema` plus the `enforcementLevel` property the engine injects when the pack supports config. */
/**
 * The config file's config, refused with one line when it names a policy or
 * key the pack does not have, or a wrong type (the pack refuses it too, at
 * Configure, where `pulumi preview` sends it); aliases renamed to the
 * policies they name.
 */
function strictConfig(
    targets: readonly PolicyConfigTarget[],
    packName: string,
    fromFile: Readonly<Record<string, PolicyConfig>> | undefined,
    configFile: string | undefined,
): Record<string, PolicyConfig> {
    if (fromFile === undefined) {
        return {};
    }
    // Back to the file's shape: { enforcementLevel?, ...properties } per policy.
    const document = Object.fromEntries(
        Object.entries(fromFile).map(([name, c]) => [
            name,
            { ...(c.enforcementLevel === undefined ? {} : { enforcementLevel: c.enforcementLevel }), ...(c.properties ?? {}) },
        ]),
    );
    const problems = policyConfigProblems(targets, document);
    if (problems.length > 0) {
        const where = configFile === undefined ? "" : ` (${configFile})`;
        throw new UserError(`invalid policy config for "${packName}"${where}: ${problems.join("; ")}`);
    }
    return parsePolicyConfig(resolvePolicyAliases(document));
}

function configTarget(p: analyzerproto.PolicyInfo, supportsConfig: boolean): PolicyConfigTarget {
    const level = LEVEL_FROM_PROTO[p.getEnforcementlevel()] ?? "advisory";
    if (!supportsConfig) {
        return { name: p.getName(), enforcementLevel: level };
    }
    const schema = p.getConfigschema();
    const properties = (schema?.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>;
    return {
        name: p.getName(),
        enforcementLevel: level,
        configSchema: {
            properties: {
                ...properties,
                enforcementLevel: { type: "string", enum: ["advisory", "mandatory", "remediate", "disabled"] },
            },
            required: schema?.getRequiredList() ?? [],
        },
    };
}

function initialConfig(info: analyzerproto.AnalyzerInfo): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    info.getInitialconfigMap().forEach((value, name) => {
        result[name] = {
            enforcementLevel: LEVEL_FROM_PROTO[value.getEnforcementlevel()],
            properties: value.getProperties()?.toJavaScript(),
        };
    });
    return result;
}

function describePolicy(p: analyzerproto.PolicyInfo, level: EnforcementLevel | undefined): PolicyDescription {
    const type =
        p.getPolicyType() === analyzerproto.PolicyType.POLICY_TYPE_RESOURCE
            ? "resource"
            : p.getPolicyType() === analyzerproto.PolicyType.POLICY_TYPE_STACK
              ? "stack"
              : "unknown";
    return {
        name: p.getName(),
        displayName: p.getDisplayname(),
        description: p.getDescription(),
        enforcementLevel: level ?? LEVEL_FROM_PROTO[p.getEnforcementlevel()] ?? "advisory",
        type,
        severity: SEVERITIES[p.getSeverity()],
        remediationSteps: p.getRemediationSteps() || undefined,
        url: p.getUrl() || undefined,
    };
}

function resourceOptions(r: GraphResource): analyzerproto.AnalyzerResourceOptions {
    const o = r.options;
    return new analyzerproto.AnalyzerResourceOptions()
        .setProtect(o.protect)
        .setIgnorechangesList([...o.ignoreChanges])
        .setDeletebeforereplace(o.deleteBeforeReplace ?? false)
        .setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined)
        .setAdditionalsecretoutputsList([...o.additionalSecretOutputs])
        .setAliasesList([...o.aliases])
        .setCustomtimeouts(
            new analyzerproto.AnalyzerResourceOptions.CustomTimeouts()
                .setCreate(o.customTimeouts.create)
                .setUpdate(o.customTimeouts.update)
                .setDelete(o.customTimeouts.delete)
                .setRead(o.customTimeouts.read),
        )
        .setParent(r.parent ?? "");
}

/** The provider resource with its inputs, as `marshalProvider` sends it. */
function provider(r: GraphResource, byUrn: Map<string, GraphResource>): analyzerproto.AnalyzerProviderResource | undefined {
    const p = r.provider === undefined ? undefined : byUrn.get(r.provider);
    if (p === undefined) {
        return undefined;
    }
    return new analyzerproto.AnalyzerProviderResource()
        .setUrn(p.urn)
        .setType(p.type)
        .setName(p.name)
        .setProperties(toStruct(p.inputs));
}

function analyzeRequest(r: GraphResource, byUrn: Map<string, GraphResource>): analyzerproto.AnalyzeRequest {
    return new analyzerproto.AnalyzeRequest()
        .setUrn(r.urn)
        .setType(r.type)
        .setName(r.name)
        .setProperties(toStruct(r.inputs))
        .setOptions(resourceOptions(r))
        .setProvider(provider(r, byUrn));
}

function stackResource(r: GraphResource, byUrn: Map<string, GraphResource>): analyzerproto.AnalyzerResource {
    const resource = new analyzerproto.AnalyzerResource()
        .setUrn(r.urn)
        .setType(r.type)
        .setName(r.name)
        .setProperties(toStruct(r.outputs))
        .setOptions(resourceOptions(r))
        .setProvider(provider(r, byUrn))
        .setParent(r.parent ?? "")
        .setDependenciesList([...r.dependencies]);
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        // The engine skips properties without dependencies.
        if (urns.length > 0) {
            resource.getPropertydependenciesMap().set(key, new analyzerproto.AnalyzerPropertyDependencies().setUrnsList([...urns]));
        }
    }
    return resource;
}
