/**
 * Reads a `pulumi stack export` file (deployment version 3) into the
 * resource graph, as `pulumi policy analyze` reads a snapshot
 * (pkg/resource/deploy/analyze_snapshot.go, pulumi/pulumi v3.259.0):
 * deleted resources are skipped, Analyze sees inputs, AnalyzeStack outputs,
 * and the provider is looked up from the resource's provider reference.
 *
 * Secrets arrive in one of two forms: ciphertext (the default export) —
 * which we cannot decrypt, so the value is an unknown secret — or plaintext
 * (`--show-secrets`), whose JSON text becomes a secret value.
 */
import * as fs from "node:fs";
import { UserError } from "../cli/errors";
import { DEFAULT_OPTIONS, type GraphResource, type GraphResourceOptions, type ResourceGraph, urnName } from "./model";
import {
    RESOURCE_REFERENCE_SIG,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN,
    type WireObject,
    type WireValue,
    downgradeResourceReferences,
    isObject,
    secret,
    tooDeepMessage,
    tooDeepProperty,
} from "./wire";

/** Signature of an output value. */
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** Reads and validates a stack export file. Fails with exit 2 naming the file. */
export function readStackExport(file: string): ResourceGraph {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserError(`cannot read stack export ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new UserError(`${file} is not a JSON stack export: ${(err as Error).message}`);
    }
    try {
        return parseStackExport(parsed);
    } catch (err) {
        throw new UserError(`${file}: ${(err as Error).message}`);
    }
}

/** Converts a parsed stack export into the resource graph; throws on any shape error. */
export function parseStackExport(parsed: unknown): ResourceGraph {
    if (!isRecord(parsed)) {
        throw new Error("not a stack export (expected a JSON object with version and deployment)");
    }
    if (parsed.version !== 3) {
        throw new Error(`unsupported deployment version ${JSON.stringify(parsed.version)} (expected 3; re-export with a current Pulumi CLI)`);
    }
    const deployment = parsed.deployment;
    if (!isRecord(deployment)) {
        throw new Error("deployment is missing or not an object");
    }
    // An empty stack omits `resources` (omitempty in apitype.DeploymentV3).
    const raw = deployment.resources ?? [];
    if (!Array.isArray(raw)) {
        throw new Error("deployment.resources is not a list");
    }
    const resources = raw.map((r, i) => toResource(r, i)).filter((r): r is GraphResource => r !== undefined);
    const [stack, project] = stackAndProject(resources);
    return {
        stack: { stack, project, organization: "", config: {}, configSecretKeys: [], tags: {} },
        mode: "export",
        resources,
    };
}

function toResource(r: unknown, index: number): GraphResource | undefined {
    if (!isRecord(r)) {
        throw new Error(`deployment.resources[${index}] is not an object`);
    }
    if (typeof r.urn !== "string" || !r.urn.startsWith("urn:pulumi:")) {
        throw new Error(`deployment.resources[${index}] has no valid urn`);
    }
    if (typeof r.type !== "string") {
        throw new Error(`deployment.resources[${index}] (${r.urn}) has no type`);
    }
    if (r.delete === true) {
        return undefined;
    }
    const where = `deployment.resources[${index}]`;
    return {
        urn: r.urn,
        type: r.type,
        name: urnName(r.urn),
        custom: r.custom === true,
        read: r.external === true ? true : undefined,
        inputs: properties(r.inputs, `${where}.inputs`),
        outputs: properties(r.outputs, `${where}.outputs`),
        parent: optionalString(r.parent),
        provider: providerUrn(optionalString(r.provider)),
        dependencies: stringList(r.dependencies, `${where}.dependencies`),
        propertyDependencies: propertyDependencies(r.propertyDependencies, `${where}.propertyDependencies`),
        options: options(r),
    };
}

function options(r: Record<string, unknown>): GraphResourceOptions {
    const timeouts = isRecord(r.customTimeouts) ? r.customTimeouts : {};
    const seconds = (v: unknown) => (typeof v === "number" ? v : 0);
    return {
        ...DEFAULT_OPTIONS,
        protect: r.protect === true,
        ignoreChanges: stringList(r.ignoreChanges, "ignoreChanges"),
        additionalSecretOutputs: stringList(r.additionalSecretOutputs, "additionalSecretOutputs"),
        aliases: stringList(r.aliases, "aliases"),
        customTimeouts: {
            create: seconds(timeouts.create),
            update: seconds(timeouts.update),
            delete: seconds(timeouts.delete),
            read: seconds(timeouts.read),
        },
    };
}

/** A provider reference is `<provider URN>::<provider ID>`. */
function providerUrn(reference: string | undefined): string | undefined {
    if (reference === undefined) {
        return undefined;
    }
    const at = reference.lastIndexOf("::");
    return at < 0 ? reference : reference.slice(0, at);
}

function properties(value: unknown, where: string): WireObject {
    if (value === undefined || value === null) {
        return {};
    }
    if (!isRecord(value)) {
        throw new Error(`${where} is not an object`);
    }
    // Before converting: the conversion recurses, and a pack could not decode such a value anyway.
    const deep = tooDeepProperty(value as WireObject);
    if (deep !== undefined) {
        throw new Error(`${where}: ${tooDeepMessage(deep)}`);
    }
    const result: WireObject = {};
    for (const [key, v] of Object.entries(value)) {
        result[key] = toWire(v, `${where}.${key}`);
    }
    return result;
}

/** Converts a state property value into the analyzer's wire encoding. */
function toWire(value: unknown, where: string): WireValue {
    if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((v, i) => toWire(v, `${where}[${i}]`));
    }
    if (!isRecord(value)) {
        throw new Error(`${where} holds an unsupported value`);
    }
    const sig = value[SIG_KEY];
    if (sig === SECRET_SIG) {
        if (typeof value.plaintext === "string") {
            let plain: unknown;
            try {
                plain = JSON.parse(value.plaintext);
            } catch {
                throw new Error(`${where} is a secret whose plaintext is not JSON`);
            }
            return secret(toWire(plain, where));
        }
        if ("ciphertext" in value) {
            return secret(UNKNOWN);
        }
        return secret(toWire(value.value ?? null, where));
    }
    if (sig === RESOURCE_REFERENCE_SIG) {
        return downgradeResourceReferences(value as WireValue);
    }
    if (sig === OUTPUT_VALUE_SIG) {
        const inner = "value" in value ? toWire(value.value, where) : UNKNOWN;
        return value.secret === true ? secret(inner) : inner;
    }
    const result: WireObject = {};
    for (const [key, v] of Object.entries(value)) {
        result[key] = toWire(v, `${where}.${key}`);
    }
    return result;
}

function propertyDependencies(value: unknown, where: string): Record<string, string[]> {
    if (value === undefined || value === null) {
        return {};
    }
    if (!isRecord(value)) {
        throw new Error(`${where} is not an object`);
    }
    const result: Record<string, string[]> = {};
    for (const [key, urns] of Object.entries(value)) {
        result[key] = stringList(urns, `${where}.${key}`);
    }
    return result;
}

function stringList(value: unknown, where: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        throw new Error(`${where} is not a list of strings`);
    }
    return value;
}

function optionalString(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

function stackAndProject(resources: readonly GraphResource[]): [string, string] {
    const urn = resources[0]?.urn;
    if (urn === undefined) {
        return ["stack", "project"];
    }
    const [head, project] = urn.split("::");
    return [head!.slice("urn:pulumi:".length), project ?? "project"];
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return isObject(value as WireValue);
}
