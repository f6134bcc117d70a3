/**
 * The JSON report: a stable schema for scripts and CI. Fields are only ever
 * added, never renamed or removed.
 *
 * ```
 * { "pack": { "name", "version" }, "mode",
 *   "violations": [{ "policy", "enforcementLevel", "message", "urn" }],
 *   "summary": { "mandatory", "advisory", "resources" } }
 * ```
 * `mode` is `preview` or `update` for programs and `export` for stack exports.
 */
import type { CheckResult } from "../run";
import { countLevels, sortViolations } from "./order";

/** The JSON report's shape. */
export interface JsonReport {
    /** The pack that ran. */
    readonly pack: { readonly name: string; readonly version: string };
    /** How the resources were produced. */
    readonly mode: string;
    /** Every violation, in the CLI's order. */
    readonly violations: readonly {
        readonly policy: string;
        readonly enforcementLevel: string;
        readonly message: string;
        readonly urn: string;
    }[];
    /** Counts; `mandatory > 0` is what makes the exit code 1. */
    readonly summary: { readonly mandatory: number; readonly advisory: number; readonly resources: number };
}

/** Builds the JSON report. */
export function jsonReport(result: CheckResult): JsonReport {
    return {
        pack: { name: result.pack.name, version: result.pack.version },
        mode: result.mode,
        violations: sortViolations(result.violations).map((v) => ({
            policy: v.policy,
            enforcementLevel: v.enforcementLevel,
            message: v.message,
            urn: v.urn,
        })),
        summary: { ...countLevels(result.violations), resources: result.resources },
    };
}

/** Renders the JSON report as text, ending with a newline. */
export function renderJson(result: CheckResult): string {
    return `${JSON.stringify(jsonReport(result), null, 2)}\n`;
}
