/**
 * Makes a pack refuse a config it would otherwise ignore in part: unknown
 * policy names, unknown keys, wrong types (see `policyConfigProblems`).
 *
 * Where: `Configure`, the one call that sees the whole config. The engine
 * reconciles the config file with the policies' defaults, validates only the
 * known policies' known keys (a `@pulumi/policy` config schema cannot close
 * its top level: only `properties` and `required` reach the engine), then
 * sends every entry, unknown names included, in one `ConfigureAnalyzerRequest`
 * (pkg/engine/update.go, pkg/resource/analyzer/config.go). `@pulumi/policy`
 * 1.21 offers no hook there, so this wraps the `configure` handler its
 * server registers (grpc-js `Server.addService`, which `PolicyPack` calls):
 * a bad config fails the `Configure` RPC with one line, and
 * `pulumi preview --policy-pack` stops with it, as `trailwatch check` does.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type { Policies } from "@pulumi/policy";
import { POLICY_NAME_ALIASES, policyConfigProblems, resolvePolicyAliases, type ConfigurablePolicy } from "trailwatch/engine";
import { recordPackConfig, recordPackPolicies } from "./pack-config";

/** The slice of the generated protobuf classes this module touches. */
interface ProtoStruct {
    toJavaScript(): Record<string, unknown>;
}
interface ProtoPolicyConfig {
    getEnforcementlevel(): number;
    getProperties(): ProtoStruct | undefined;
    setProperties(value: ProtoStruct): ProtoPolicyConfig;
}
interface ProtoMap {
    entries(): Iterable<[string, ProtoPolicyConfig]>;
    get(key: string): ProtoPolicyConfig | undefined;
    set(key: string, value: ProtoPolicyConfig): void;
    del(key: string): boolean;
}
interface ConfigureRequest {
    getPolicyconfigMap(): ProtoMap;
}
type Handler = (call: { request: ConfigureRequest }, callback: (err: unknown, response?: unknown) => void) => void;
interface AnalyzerProto {
    EnforcementLevel: Record<string, number>;
    Struct: { fromJavaScript(value: Record<string, unknown>): ProtoStruct };
    Server: { prototype: { addService(this: unknown, service: unknown, implementation: Record<string, unknown>): void } };
}

/** gRPC status INVALID_ARGUMENT: the config, not the pack, is at fault. */
const GRPC_INVALID_ARGUMENT = 3;

/** The config's problems as one line. */
export class PolicyConfigRejected extends Error {
    constructor(packName: string, problems: readonly string[]) {
        super(`invalid policy config for "${packName}": ${problems.join("; ")}`);
        this.name = "PolicyConfigRejected";
    }
}

/**
 * The gRPC and protobuf modules of every `@pulumi/policy` the pack may be
 * served by: the one this module resolves and the one the pack directory
 * (the working directory the Pulumi CLI starts a pack in) resolves. They
 * differ when `trailwatch` is linked into the pack (a `file:` dependency on a
 * directory), and the server is the pack's.
 */
function analyzerProtos(): AnalyzerProto[] {
    const found = new Map<unknown, AnalyzerProto>();
    for (const from of [path.join(process.cwd(), "index.js"), __filename]) {
        let policy: string;
        try {
            policy = createRequire(from).resolve("@pulumi/policy");
        } catch {
            continue;
        }
        const fromPolicy = createRequire(policy);
        const grpc = fromPolicy("@grpc/grpc-js") as Pick<AnalyzerProto, "Server">;
        if (!found.has(grpc.Server)) {
            const analyzer = fromPolicy("@pulumi/pulumi/proto/analyzer_pb") as Pick<AnalyzerProto, "EnforcementLevel">;
            const struct = fromPolicy("google-protobuf/google/protobuf/struct_pb") as Pick<AnalyzerProto, "Struct">;
            found.set(grpc.Server, { EnforcementLevel: analyzer.EnforcementLevel, Struct: struct.Struct, Server: grpc.Server });
        }
    }
    return [...found.values()];
}

/** `Configure`'s map as a config document: policy name to `{ enforcementLevel, ...properties }`. */
function documentOf(map: ProtoMap, levels: Record<string, number>): Record<string, Record<string, unknown>> {
    const names = new Map(Object.entries(levels).map(([name, value]) => [value, name.toLowerCase()]));
    const document: Record<string, Record<string, unknown>> = {};
    for (const [name, config] of map.entries()) {
        document[name] = { enforcementLevel: names.get(config.getEnforcementlevel()), ...(config.getProperties()?.toJavaScript() ?? {}) };
    }
    return document;
}

let installed = false;

/**
 * Validates every `Configure` request against `policies` (the pack's whole
 * list) and renames aliases to the policies they name; a bad config fails
 * the call with one line. Call once, before `new PolicyPack(...)` (which
 * starts the server); an
 * organisation's pack composing trailwatch's policies with its own calls it
 * with all of them.
 */
export function enforceStrictPolicyConfig(
    packName: string,
    policies: Policies,
    aliases: Readonly<Record<string, string>> = POLICY_NAME_ALIASES,
): void {
    if (installed) {
        throw new Error("enforceStrictPolicyConfig: already installed; call it once, with every policy of the pack");
    }
    installed = true;
    // The stack policies read their siblings' levels and config (./pack-config): one of them reports a shared note.
    recordPackPolicies(policies);
    const targets: ConfigurablePolicy[] = policies.map((p) => ({
        name: p.name,
        configSchema: p.configSchema === undefined ? undefined : { properties: p.configSchema.properties, required: p.configSchema.required },
    }));
    for (const proto of analyzerProtos()) {
        const check = (request: ConfigureRequest): void => {
            const map = request.getPolicyconfigMap();
            const document = documentOf(map, proto.EnforcementLevel);
            const problems = policyConfigProblems(targets, document, aliases);
            if (problems.length > 0) {
                throw new PolicyConfigRejected(packName, problems);
            }
            // An old name configures the policy it now names, its keys over the defaults the engine filled in there.
            const resolved = resolvePolicyAliases(document, aliases);
            for (const alias of Object.keys(document).filter((name) => aliases[name] !== undefined)) {
                const current = aliases[alias] as string;
                const entry = map.get(alias) as ProtoPolicyConfig;
                const { enforcementLevel: _level, ...properties } = resolved[current] as Record<string, unknown>;
                map.set(current, entry.setProperties(proto.Struct.fromJavaScript(properties)));
                map.del(alias);
            }
            // What @pulumi/policy is about to keep, aliases renamed.
            recordPackConfig(documentOf(map, proto.EnforcementLevel));
        };
        const server = proto.Server.prototype;
        const addService = server.addService;
        server.addService = function (this: unknown, service: unknown, implementation: Record<string, unknown>): void {
            const configure = implementation.configure as Handler | undefined;
            if (configure === undefined) {
                addService.call(this, service, implementation);
                return;
            }
            const strictConfigure: Handler = (call, callback) => {
                try {
                    check(call.request);
                } catch (err) {
                    // grpc-js sends an error's message as the status details: one line, no stack.
                    callback({ code: GRPC_INVALID_ARGUMENT, details: (err as Error).message, message: (err as Error).message });
                    return;
                }
                configure(call, callback);
            };
            addService.call(this, service, { ...implementation, configure: strictConfigure });
        };
    }
}
