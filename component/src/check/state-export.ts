/**
 * Writes a resource graph as a `pulumi stack export` file (deployment
 * version 3), so the state `check --mode update` simulated can go through
 * `pulumi stack import` and the real engine (`pulumi policy analyze
 * --stack`). The shape is the one stack-export.ts reads, and what the engine
 * verifies on import (pulumi/pulumi pkg/resource/deploy/snapshot.go,
 * `VerifyIntegrity`): every provider reference `<provider URN>::<id>` names a
 * provider earlier in the list, parents and dependencies come before the
 * resources that name them, URNs are unique.
 *
 * Secrets are written as `pulumi stack export --show-secrets` writes them
 * (plaintext), since the file has no secrets provider to encrypt with.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type { GraphResource, ResourceGraph } from "./model";
import { SECRET_SIG, SIG_KEY, type WireObject, type WireValue, isObject, isSecret } from "./wire";

/** The id the mock runtime gives a provider resource in update mode (see mock-host.ts). */
function providerId(provider: GraphResource): string {
    return `${provider.name}-provider-id`;
}

/** A value as state stores it: secrets as `--show-secrets` plaintext. */
function toState(value: WireValue): unknown {
    if (isSecret(value)) {
        return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(toState(value.value ?? null)) };
    }
    if (Array.isArray(value)) {
        return value.map(toState);
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toState(v)]));
    }
    return value;
}

function stateObject(props: WireObject): Record<string, unknown> {
    return toState(props) as Record<string, unknown>;
}

/** The deployment of a graph, as `pulumi stack export` writes it. */
export function stackExport(graph: ResourceGraph, cliVersion = "v3.274.1"): object {
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const time = new Date(0).toISOString();
    const resources = graph.resources.map((r) => {
        const isProvider = r.type.startsWith("pulumi:providers:");
        const { id, ...outputs } = r.outputs;
        const provider = r.provider === undefined ? undefined : byUrn.get(r.provider);
        return {
            urn: r.urn,
            custom: r.custom,
            ...(r.custom ? { id: isProvider ? providerId(r) : typeof id === "string" ? id : "" } : {}),
            type: r.type,
            inputs: stateObject(r.inputs),
            outputs: stateObject(isProvider ? r.outputs : outputs),
            ...(r.parent === undefined ? {} : { parent: r.parent }),
            ...(r.options.protect ? { protect: true } : {}),
            ...(r.read === true ? { external: true } : {}),
            ...(r.dependencies.length > 0 ? { dependencies: r.dependencies } : {}),
            ...(provider === undefined ? {} : { provider: `${provider.urn}::${providerId(provider)}` }),
            ...(Object.keys(r.propertyDependencies).length > 0 ? { propertyDependencies: r.propertyDependencies } : {}),
            ...(r.options.additionalSecretOutputs.length > 0 ? { additionalSecretOutputs: r.options.additionalSecretOutputs } : {}),
            ...(r.options.aliases.length > 0 ? { aliases: r.options.aliases } : {}),
            ...(r.options.ignoreChanges.length > 0 ? { ignoreChanges: r.options.ignoreChanges } : {}),
            created: time,
            modified: time,
        };
    });
    // The magic cookie `pulumi stack import` checks: the SHA-256 of the version (Manifest.NewMagic in
    // pulumi/pulumi pkg/resource/deploy/manifest.go).
    const magic = createHash("sha256").update(cliVersion).digest("hex");
    return { version: 3, deployment: { manifest: { time, magic, version: cliVersion }, resources } };
}

/** Writes the graph's stack export to `file`. */
export function writeStackExport(graph: ResourceGraph, file: string): void {
    fs.writeFileSync(file, `${JSON.stringify(stackExport(graph), null, 2)}\n`);
}
