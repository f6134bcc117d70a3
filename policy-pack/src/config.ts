/**
 * The pack's configuration: a JSON schema per policy (which the Pulumi CLI
 * validates, with defaults filled in, before the pack runs) and the typed
 * values the policies read.
 *
 * The CLI validates `--policy-pack-config` files and Pulumi Cloud policy
 * group config against these schemas (JSON Schema, checked by the CLI's Go
 * validator). Callers that drive the pack without the CLI get no such check,
 * so {@link readStackConfig} and {@link readFilterConfig} check the shape too
 * and fill in the same defaults, read from the schemas.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { EXCLUDED_RECORDS_SCHEMA, nearestName, type MonitoringControl, type RecordShape } from "trailwatch/engine";

/** Record shapes a team tunes out on purpose: the schema `trailwatch pattern check --excluded-records` takes too. */
const excludedRecords = EXCLUDED_RECORDS_SCHEMA;

const securityHubCompatible = {
    type: "boolean",
    description:
        "Also flag filters whose pattern is not exactly the CIS v1.2 pattern that AWS Security Hub's CloudWatch.2 check compares against.",
    default: false,
} as const;

/** Config schema of the stack policy. */
export const STACK_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        excludedRecords,
        securityHubCompatible,
        requireTrail: {
            type: "boolean",
            description: "Fail stacks that contain no CloudTrail trail (and no externalLogGroups), instead of treating them as out of scope.",
            default: false,
        },
        externalLogGroups: {
            type: "array",
            description:
                "CloudWatch Logs groups a trail in another stack delivers to. Their metric filters, alarms and topics in this stack are checked as links 3-5 of the chain.",
            items: {
                type: "object",
                properties: {
                    name: { type: "string", minLength: 1, description: "Log group name." },
                    region: {
                        type: "string",
                        pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$",
                        description: "Its AWS region. Omit to accept filters on a group of this name in any region of the stack.",
                    },
                },
                required: ["name"],
                additionalProperties: false,
            },
            default: [],
        },
        undecidedVerdict: {
            type: "string",
            enum: ["advisory", "enforce"],
            description:
                "What to do when a preview cannot decide the chain because a value is unknown until the update: report it as advisory (default), or at the policy's enforcement level.",
            default: "advisory",
        },
    },
};

/**
 * Config schema of a metric-filter control's stack policy: the 4.1 schema,
 * without `securityHubCompatible` for a control Security Hub has no check
 * for (4.15), where it could mean nothing.
 */
export function stackConfigSchema(control: MonitoringControl): PolicyConfigSchema {
    if (control.securityHub !== undefined) {
        return STACK_CONFIG_SCHEMA;
    }
    const { securityHubCompatible: _unused, ...rest } = STACK_CONFIG_SCHEMA.properties;
    return { properties: rest };
}

/** Config schema of the metric filter resource policy. */
export const FILTER_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: { excludedRecords, securityHubCompatible },
};

/** A log group whose trail lives in another stack. */
export interface ExternalLogGroup {
    /** Log group name. */
    readonly name: string;
    /** Its region; undefined accepts any. */
    readonly region?: string;
}

/** What the stack policy reads from its configuration. */
export interface StackConfig {
    /** Record shapes allowed to be missed on top of the control's own. */
    readonly excludedRecords: readonly RecordShape[];
    /** Flag patterns Security Hub CloudWatch.2 would reject. */
    readonly securityHubCompatible: boolean;
    /** Fail stacks without a trail. */
    readonly requireTrail: boolean;
    /** Log groups delivered to by trails in other stacks. */
    readonly externalLogGroups: readonly ExternalLogGroup[];
    /** How an undecidable preview is reported. */
    readonly undecidedVerdict: "advisory" | "enforce";
}

/** What the metric filter policy reads from its configuration. */
export interface FilterConfig {
    /** Record shapes allowed to be missed on top of the control's own. */
    readonly excludedRecords: readonly RecordShape[];
    /** Flag patterns Security Hub CloudWatch.2 would reject. */
    readonly securityHubCompatible: boolean;
}

/** Configuration that does not match the schema. */
export class ConfigError extends Error {
    /** @param path where in the configuration, e.g. `excludedRecords[0]` */
    constructor(path: string, problem: string) {
        super(`invalid policy configuration at ${path}: ${problem}`);
        this.name = "ConfigError";
    }
}

function defaultOf(schema: PolicyConfigSchema, key: string): unknown {
    return (schema.properties[key] as { default?: unknown }).default;
}

function valueOf(raw: Record<string, unknown>, schema: PolicyConfigSchema, key: string): unknown {
    return raw[key] === undefined ? defaultOf(schema, key) : raw[key];
}

function readBoolean(value: unknown, path: string): boolean {
    if (typeof value !== "boolean") {
        throw new ConfigError(path, "expected a boolean");
    }
    return value;
}

function readRecordShapes(value: unknown, path: string): RecordShape[] {
    if (!Array.isArray(value)) {
        throw new ConfigError(path, "expected an array of record shapes");
    }
    return value.map((shape, i) => {
        const where = `${path}[${i}]`;
        if (typeof shape !== "object" || shape === null || Array.isArray(shape) || Object.keys(shape).length === 0) {
            throw new ConfigError(where, "expected an object of field paths to globs, with at least one field");
        }
        for (const [field, glob] of Object.entries(shape)) {
            if (typeof glob !== "string" || glob.length === 0) {
                throw new ConfigError(`${where}.${field}`, "expected a non-empty string glob");
            }
        }
        return shape as RecordShape;
    });
}

function readExternalLogGroups(value: unknown, path: string): ExternalLogGroup[] {
    if (!Array.isArray(value)) {
        throw new ConfigError(path, "expected an array of { name, region? }");
    }
    return value.map((group, i) => {
        const where = `${path}[${i}]`;
        const { name, region, ...rest } = (group ?? {}) as Record<string, unknown>;
        if (typeof name !== "string" || name.length === 0) {
            throw new ConfigError(`${where}.name`, "expected a log group name");
        }
        if (region !== undefined && typeof region !== "string") {
            throw new ConfigError(`${where}.region`, "expected a region name");
        }
        if (Object.keys(rest).length > 0) {
            throw new ConfigError(where, `unexpected properties ${Object.keys(rest).join(", ")}`);
        }
        return region === undefined ? { name } : { name, region };
    });
}

/**
 * Refuses a key the schema does not have, naming the nearest one: a second
 * line behind the Configure check (./strict-config), for a pack that
 * composes these policies without installing it.
 */
export function rejectUnknownKeys(raw: object, schema: PolicyConfigSchema): void {
    const known = Object.keys(schema.properties);
    for (const key of Object.keys(raw)) {
        if (!known.includes(key)) {
            throw new ConfigError(key, `unknown key; did you mean "${nearestName(key, known) ?? ""}"?`);
        }
    }
}

/** Reads the stack policy's configuration, with schema defaults for what is unset. */
export function readStackConfig(raw: object): StackConfig {
    const bag = raw as Record<string, unknown>;
    const schema = STACK_CONFIG_SCHEMA;
    rejectUnknownKeys(bag, schema);
    const undecided = valueOf(bag, schema, "undecidedVerdict");
    if (undecided !== "advisory" && undecided !== "enforce") {
        throw new ConfigError("undecidedVerdict", 'expected "advisory" or "enforce"');
    }
    return {
        excludedRecords: readRecordShapes(valueOf(bag, schema, "excludedRecords"), "excludedRecords"),
        securityHubCompatible: readBoolean(valueOf(bag, schema, "securityHubCompatible"), "securityHubCompatible"),
        requireTrail: readBoolean(valueOf(bag, schema, "requireTrail"), "requireTrail"),
        externalLogGroups: readExternalLogGroups(valueOf(bag, schema, "externalLogGroups"), "externalLogGroups"),
        undecidedVerdict: undecided,
    };
}

/** Reads the metric filter policy's configuration, with schema defaults for what is unset. */
export function readFilterConfig(raw: object): FilterConfig {
    const bag = raw as Record<string, unknown>;
    const schema = FILTER_CONFIG_SCHEMA;
    rejectUnknownKeys(bag, schema);
    return {
        excludedRecords: readRecordShapes(valueOf(bag, schema, "excludedRecords"), "excludedRecords"),
        securityHubCompatible: readBoolean(valueOf(bag, schema, "securityHubCompatible"), "securityHubCompatible"),
    };
}
