/**
 * Policy pack configuration: the `--config` file (the JSON `pulumi up
 * --policy-pack-config` takes), reconciled with each policy's defaults and
 * validated against its schema exactly where the engine does it, before
 * `Configure` (pkg/resource/analyzer/config.go and pkg/engine/update.go,
 * pulumi/pulumi v3.259.0).
 */
import * as fs from "node:fs";
import { UserError } from "../cli/errors";
import { validateJsonSchema, type JsonSchema } from "./json-schema";

/** The enforcement levels a policy can run at. */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;

/** A policy enforcement level. */
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** One policy's configuration: its enforcement level and its properties. */
export interface PolicyConfig {
    /** Level the policy runs at; undefined keeps the pack's choice. */
    readonly enforcementLevel?: EnforcementLevel;
    /** Properties the policy reads with `getConfig()`. */
    readonly properties?: Readonly<Record<string, unknown>>;
}

/** What the engine knows about a policy when it reconciles config. */
export interface PolicyConfigTarget {
    /** Policy name. */
    readonly name: string;
    /** Enforcement level the pack declares. */
    readonly enforcementLevel: EnforcementLevel;
    /** The policy's config schema (`enforcementLevel` injected), when the pack supports config. */
    readonly configSchema?: { readonly properties: Record<string, JsonSchema>; readonly required: readonly string[] };
}

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/**
 * Reads a policy config file. Each key is a policy name (or `all`); each
 * value is an enforcement level string or an object with an optional
 * `enforcementLevel` and properties. Fails with exit 2 naming the file.
 */
export function loadPolicyConfigFile(file: string): Record<string, PolicyConfig> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new UserError(`cannot read policy config ${file}: ${code === "ENOENT" ? "no such file" : String(code)}`);
    }
    if (text.trim() === "") {
        return {};
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new UserError(`policy config ${file} is not valid JSON: ${(err as Error).message}`);
    }
    try {
        return parsePolicyConfig(parsed);
    } catch (err) {
        throw new UserError(`policy config ${file}: ${(err as Error).message}`);
    }
}

/** Parses the JSON value of a policy config file (see {@link loadPolicyConfigFile}). */
export function parsePolicyConfig(parsed: unknown): Record<string, PolicyConfig> {
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new Error("must be a JSON object keyed by policy name");
    }
    const result: Record<string, PolicyConfig> = {};
    for (const [name, value] of Object.entries(parsed)) {
        if (name === "environments") {
            // ESC environments need the Pulumi Cloud backend; an offline check cannot resolve them.
            throw new Error(`"environments" (ESC) is not supported offline`);
        }
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                throw new Error(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
            }
            result[name] = { enforcementLevel: value };
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
                throw new Error(`parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
            }
            result[name] = {
                enforcementLevel,
                properties: Object.keys(properties).length > 0 ? properties : undefined,
            };
        } else {
            throw new Error(`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
    }
    return result;
}

/**
 * Reconciles config the way `ReconcilePolicyPackConfig` does: schema
 * defaults, then the pack's initial config, then the file (an `all` entry
 * sets every policy's level first). Returns the config to send with
 * `Configure`, or the validation errors (`<policy>: <message>`, sorted).
 */
export function reconcilePolicyConfig(
    policies: readonly PolicyConfigTarget[],
    initialConfig: Readonly<Record<string, PolicyConfig>>,
    fromFile: Readonly<Record<string, PolicyConfig>>,
): { config: Record<string, Required<PolicyConfig>>; errors: string[] } {
    let result: Record<string, PolicyConfig> = {};
    for (const policy of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                defaults[key] = schema.default;
            }
        }
        result[policy.name] = {
            enforcementLevel: policy.enforcementLevel,
            properties: Object.keys(defaults).length > 0 ? defaults : undefined,
        };
    }
    result = applyConfig(applyConfig(result, initialConfig), fromFile);

    const errors: string[] = [];
    for (const policy of policies) {
        if (policy.configSchema === undefined) {
            continue;
        }
        const schema: JsonSchema = {
            type: "object",
            ...(Object.keys(policy.configSchema.properties).length > 0 ? { properties: policy.configSchema.properties } : {}),
            ...(policy.configSchema.required.length > 0 ? { required: policy.configSchema.required } : {}),
        };
        for (const message of validateJsonSchema(schema, result[policy.name]?.properties ?? {})) {
            errors.push(`${policy.name}: ${message}`);
        }
    }
    const config: Record<string, Required<PolicyConfig>> = {};
    for (const [name, value] of Object.entries(result)) {
        // A config entry without a valid level cannot be marshalled; the engine rejects it the same way.
        if (value.enforcementLevel === undefined) {
            errors.push(`${name}: invalid enforcement level ""`);
            continue;
        }
        config[name] = { enforcementLevel: value.enforcementLevel, properties: value.properties ?? {} };
    }
    return { config, errors: errors.sort() };
}

function applyConfig(
    result: Record<string, PolicyConfig>,
    toApply: Readonly<Record<string, PolicyConfig>>,
): Record<string, PolicyConfig> {
    const next: Record<string, PolicyConfig> = { ...result };
    const all = toApply.all;
    if (all?.enforcementLevel !== undefined) {
        for (const [name, value] of Object.entries(next)) {
            next[name] = { ...value, enforcementLevel: all.enforcementLevel };
        }
    }
    for (const [name, given] of Object.entries(toApply)) {
        const current = next[name] ?? {};
        next[name] = {
            enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
            properties:
                given.properties !== undefined ? { ...(current.properties ?? {}), ...given.properties } : current.properties,
        };
    }
    return next;
}
