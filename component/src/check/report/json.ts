/**
 * The JSON report: a stable schema for scripts and CI. Fields are only ever
 * added, never renamed or removed.
 *
 * ```
 * { "pack": { "name", "version" }, "mode",
 *   "violations": [{ "policy", "enforcementLevel", "message", "urn" }],
 *   "summary": { "mandatory", "advisory", "resources" },
 *   "matrix": { "chains": [{ "title", "chain", "rows": [{ "control", "status", "link", "marks", "level" }], "fix" }],
 *               "stack": [{ "control", "status", "level" }] } }
 * ```
 * `matrix` is there when the pack hands over its verdicts (trailwatch's does).
 * `mode` is `preview` or `update` for programs and `export` for stack exports.
 */
import type { CheckResult } from "../run";
import { type ChainReport, type Fix, type MatrixRow, buildReport } from "./model";
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
    /** Per trail and log group, each control's mark per link and the one fix (added; older fields unchanged). */
    readonly matrix?: {
        readonly chains: readonly {
            readonly title: string;
            readonly chain: ChainReport["chain"];
            readonly rows: readonly { control: string; status: string; link?: string; marks: MatrixRow["marks"]; level: string; repairedOn?: string }[];
            readonly fix?: Fix;
        }[];
        readonly stack: readonly { control: string; status: string; level: string }[];
    };
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
        ...matrixOf(result),
    };
}

function matrixOf(result: CheckResult): Pick<JsonReport, "matrix"> {
    const model = buildReport(result);
    if (!model.hasMatrix) {
        return {};
    }
    return {
        matrix: {
            chains: model.chains.map((c) => ({
                title: c.title,
                chain: c.chain,
                rows: c.rows.map((r) => ({
                    control: r.control,
                    status: r.status,
                    ...(r.link === undefined ? {} : { link: r.link }),
                    marks: r.marks,
                    level: r.level,
                    ...(r.repairedOn === undefined ? {} : { repairedOn: r.repairedOn }),
                })),
                ...(c.fix === undefined ? {} : { fix: c.fix }),
            })),
            stack: model.stackRows.map((r) => ({ control: r.control, status: r.status, level: r.level })),
        },
    };
}

/** Renders the JSON report as text, ending with a newline. */
export function renderJson(result: CheckResult): string {
    return `${JSON.stringify(jsonReport(result), null, 2)}\n`;
}
