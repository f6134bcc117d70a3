/**
 * Strict validation of a policy pack config, so a typo fails closed instead
 * of silently turning a gate off.
 *
 * The engine checks each known policy's properties against its schema, but a
 * `@pulumi/policy` pack can only send `properties` and `required` (not
 * `additionalProperties`), so unknown keys pass; a policy name the pack does
 * not have is passed on to `Configure` and ignored (pkg/resource/analyzer/
 * config.go `applyConfig`, `validatePolicyPackConfig`). This module rejects
 * both, and wrong types, naming the bad key and the nearest valid one. The
 * pack runs it on the config `Configure` receives; `trailwatch check` and
 * `audit` run it on the config file, before anything starts.
 */
import { validateJsonSchema, type JsonSchema } from "../check/json-schema";
import { ALL_POLICIES_KEY, POLICY_NAME_ALIASES } from "./aliases";
import { nearestName } from "./nearest";

/** The enforcement levels a policy config may set (the engine's `apitype.EnforcementLevel`). */
export const POLICY_ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;

/** What strict validation needs to know of a policy: its name and config schema. */
export interface ConfigurablePolicy {
    readonly name: string;
    /** Its config schema; undefined when the policy takes no properties (only `enforcementLevel`). */
    readonly configSchema?: { readonly properties: Readonly<Record<string, unknown>>; readonly required?: readonly string[] };
}

/**
 * A policy pack config as a `--policy-pack-config` file holds it: policy
 * name (or `all`) to an enforcement level, or to an object of an optional
 * `enforcementLevel` and the policy's properties.
 */
export type PolicyConfigDocument = Readonly<Record<string, unknown>>;

const ENFORCEMENT_LEVEL_KEY = "enforcementLevel";

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function didYouMean(word: string, candidates: Iterable<string>): string {
    const nearest = nearestName(word, candidates);
    return nearest === undefined ? "" : `; did you mean "${nearest}"?`;
}

function levelProblem(at: string, level: unknown): string | undefined {
    if (typeof level === "string" && (POLICY_ENFORCEMENT_LEVELS as readonly string[]).includes(level)) {
        return undefined;
    }
    return `${at}: ${JSON.stringify(level)} is not an enforcement level; use one of ${POLICY_ENFORCEMENT_LEVELS.join(", ")}${
        typeof level === "string" ? didYouMean(level, POLICY_ENFORCEMENT_LEVELS) : ""
    }`;
}

/**
 * Unknown keys in `value`, at any depth where the schema lists the allowed
 * properties and admits no others (`additionalProperties` absent or false),
 * each with the nearest allowed key.
 */
function unknownKeys(schema: JsonSchema, value: unknown, at: string, problems: string[]): void {
    if (Array.isArray(value) && isPlainObject(schema.items)) {
        value.forEach((item, i) => unknownKeys(schema.items as JsonSchema, item, `${at}[${i}]`, problems));
        return;
    }
    if (!isPlainObject(value) || !isPlainObject(schema.properties)) {
        return;
    }
    const properties = schema.properties as Record<string, JsonSchema>;
    for (const [key, item] of Object.entries(value)) {
        if (key in properties) {
            unknownKeys(properties[key] as JsonSchema, item, `${at}.${key}`, problems);
        } else if (schema.additionalProperties === undefined || schema.additionalProperties === false) {
            problems.push(`${at}: unknown key "${key}"${didYouMean(key, Object.keys(properties))}`);
        }
    }
}

/** Problems in one policy's entry (`value`), checked against `policy`'s schema; `at` names it in messages. */
function entryProblems(policy: ConfigurablePolicy, value: unknown, at: string): string[] {
    if (typeof value === "string") {
        return [levelProblem(at, value)].filter((p): p is string => p !== undefined);
    }
    if (!isPlainObject(value)) {
        return [`${at}: ${JSON.stringify(value)} is not a valid value; use an enforcement level or an object of enforcementLevel and properties`];
    }
    const problems: string[] = [];
    const { [ENFORCEMENT_LEVEL_KEY]: level, ...properties } = value;
    if (level !== undefined) {
        problems.push(...[levelProblem(`${at}.${ENFORCEMENT_LEVEL_KEY}`, level)].filter((p): p is string => p !== undefined));
    }
    const schemaProperties = (policy.configSchema?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, item] of Object.entries(properties)) {
        const schema = schemaProperties[key];
        if (schema === undefined) {
            problems.push(`${at}: unknown key "${key}"${didYouMean(key, [ENFORCEMENT_LEVEL_KEY, ...Object.keys(schemaProperties)])}`);
            continue;
        }
        unknownKeys(schema, item, `${at}.${key}`, problems);
        // Validated under its key, so messages read as the engine's: `<policy>: <key>: Invalid type. ...`.
        for (const message of validateJsonSchema({ type: "object", properties: { [key]: schema } }, { [key]: item })) {
            // Unknown keys are reported above, with the nearest valid one.
            if (!/Additional property .* is not allowed/.test(message)) {
                problems.push(`${at}: ${message}`);
            }
        }
    }
    return problems;
}

/**
 * Every problem in `config` for a pack of `policies`: unknown policy names
 * (`all` and the {@link POLICY_NAME_ALIASES} are known), unknown keys at any
 * depth the schema closes, wrong types and values, and invalid enforcement
 * levels. Each is one phrase naming the bad key and, where one exists, the
 * nearest valid one, sorted. Empty when the config is valid.
 */
export function policyConfigProblems(
    policies: readonly ConfigurablePolicy[],
    config: PolicyConfigDocument,
    aliases: Readonly<Record<string, string>> = POLICY_NAME_ALIASES,
): string[] {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const problems: string[] = [];
    for (const [name, value] of Object.entries(config)) {
        if (name === ALL_POLICIES_KEY) {
            // The engine applies only an `all` entry's enforcement level; properties there would be ignored.
            problems.push(...entryProblems({ name }, value, name));
            continue;
        }
        const policy = byName.get(name) ?? byName.get(aliases[name] ?? "");
        if (policy === undefined) {
            const known = [ALL_POLICIES_KEY, ...byName.keys(), ...Object.keys(aliases).filter((a) => byName.has(aliases[a] as string))];
            problems.push(`unknown policy "${name}"${didYouMean(name, known)}`);
            continue;
        }
        problems.push(...entryProblems(policy, value, name));
    }
    // Sorted, as the engine sorts its validation errors (sort.Strings in pkg/engine/update.go).
    return problems.sort();
}

/**
 * `config` with each alias renamed to the policy it names; an entry under
 * both names is merged, the alias's keys over the current name's (at
 * `Configure` the current name already carries the schema defaults).
 */
export function resolvePolicyAliases(
    config: PolicyConfigDocument,
    aliases: Readonly<Record<string, string>> = POLICY_NAME_ALIASES,
): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const asObject = (value: unknown): Record<string, unknown> =>
        typeof value === "string" ? { [ENFORCEMENT_LEVEL_KEY]: value } : isPlainObject(value) ? value : {};
    for (const [name, value] of Object.entries(config)) {
        if (aliases[name] === undefined) {
            result[name] = value;
        }
    }
    for (const [name, value] of Object.entries(config)) {
        const current = aliases[name];
        if (current !== undefined) {
            result[current] = current in result ? { ...asObject(result[current]), ...asObject(value) } : value;
        }
    }
    return result;
}
