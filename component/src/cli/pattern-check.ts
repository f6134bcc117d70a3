/**
 * `trailwatch pattern check [--control <id>] [--excluded-records <json>] '<pattern>' [--json]`:
 * is the pattern valid, does it catch every record the control counts (CIS
 * 4.1 by default) but the excluded shapes, and does it also count records the
 * control does not mean?
 * Exit 0 covers, 1 valid but not covering, 2 invalid pattern or bad arguments.
 * `--list-controls` prints the catalog instead.
 */
import type { Command } from "commander";
import { validateJsonSchema } from "../check/json-schema";
import {
    CIS_4_1,
    CIS_CONTROLS,
    EXCLUDED_RECORDS_SCHEMA,
    type FieldClause,
    type MonitoringControl,
    type RecordShape,
    findControl,
    findControlByV6Number,
    isMonitoringControl,
} from "../intent";
import { assessPattern } from "../pattern";
import type { PatternAssessment } from "../pattern";
import { ExitCode, UserError } from "./errors";
import { caretUnder, indent } from "./pattern-text";
import { visible } from "./terminal-text";

/** What `--json` prints: the assessment, with the control it was judged against. */
export interface PatternCheckOutput extends PatternAssessment {
    /** The catalog id of the control, e.g. `cis-aws-4.1-unauthorized-api-calls`. */
    readonly control: string;
}

interface CheckOptions {
    readonly json?: boolean;
    readonly control?: string;
    readonly listControls?: boolean;
    readonly excludedRecords?: string;
}

/** Registers the `check` subcommand under `pattern`. */
export function registerPatternCheck(pattern: Command): void {
    pattern
        .command("check")
        .description("decide whether a filter pattern catches every record a CIS control counts (default: 4.1, unauthorized API calls)")
        .argument("[pattern]", "the filter pattern, quoted as one argument")
        .option("--control <id>", "the control to judge against: 4.3, its v6/v7 number 5.3, cis-aws-4.3 or the full id (default 4.1)")
        .option(
            "--excluded-records <json>",
            'record shapes the pattern may miss on purpose, as the policy pack\'s excludedRecords config takes them, e.g. \'[{"eventSource": "s3.amazonaws.com", "userIdentity.invokedBy": "cloudfront.amazonaws.com"}]\'',
        )
        .option("--list-controls", "list the controls, their v6/v7 numbers and ids, and exit")
        .option("--json", "print the assessment as JSON: {control, valid, covers, counterexample, overmatch, error, notes}")
        .addHelpText(
            "after",
            [
                "",
                "Exit codes: 0 the pattern covers the control, 1 valid but does not cover, 2 invalid pattern or bad arguments.",
                "'overmatch' is a record the control does not mean that the pattern also counts (noise); it does not change the exit code.",
                "A pattern that starts with '-' goes after '--': trailwatch pattern check -- '-DEBUG'",
            ].join("\n"),
        )
        .action((text: string | undefined, options: CheckOptions) => {
            if (options.listControls === true) {
                process.stdout.write(options.json === true ? `${JSON.stringify(controlList(), null, 2)}\n` : renderControlList());
                return;
            }
            if (text === undefined) {
                throw new UserError("missing required argument 'pattern': quote the filter pattern as one argument (see --help)");
            }
            const control = resolveControl(options.control);
            const excludedRecords = options.excludedRecords === undefined ? undefined : parseExcludedRecords(options.excludedRecords);
            const assessment = assessPattern(text, control.intent, { excludedRecords });
            const output: PatternCheckOutput = { control: control.id, ...assessment };
            process.stdout.write(options.json === true ? `${JSON.stringify(output, null, 2)}\n` : renderAssessment(text, assessment, control));
            process.exitCode = checkExitCode(assessment);
        });
}

/** The metric-filter control named by `--control` (CIS 4.1 without it); a one-line error otherwise. */
export function resolveControl(id: string | undefined): MonitoringControl {
    if (id === undefined) return CIS_4_1;
    // The v6/v7 number --list-controls shows is taken too; v5.0's number wins if both ever read the same.
    const entry = findControl(id) ?? findControlByV6Number(id);
    if (entry === undefined) {
        throw new UserError(`unknown control '${visible(id)}': use a CIS v5.0 number 4.1–4.15, its v6/v7 number 5.1–5.15 or its id, e.g. --control 4.3, --control 5.3 or --control cis-aws-4.3 (--list-controls shows them)`);
    }
    if (!isMonitoringControl(entry)) {
        throw new UserError(`control ${entry.control} (${entry.id}) is not met by a filter pattern: the policy pack checks it on the stack; pick one of 4.1–4.15`);
    }
    return entry;
}

/**
 * `--excluded-records`: a JSON array of record shapes, checked against the
 * schema the pack's `excludedRecords` config has; a one-line error otherwise.
 */
export function parseExcludedRecords(text: string): RecordShape[] {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (err) {
        throw new UserError(`--excluded-records is not valid JSON (${(err as Error).message}): give a JSON array of record shapes, e.g. '[{"eventSource": "s3.amazonaws.com"}]'`);
    }
    const problems = validateJsonSchema(EXCLUDED_RECORDS_SCHEMA, value);
    if (problems.length > 0) {
        throw new UserError(`--excluded-records: ${visible(problems.join("; "))}; give a JSON array of objects of field paths to non-empty globs, as the policy pack's excludedRecords`);
    }
    return value as RecordShape[];
}

/** The catalog as `--list-controls --json` prints it. */
export function controlList(): { id: string; control: string; controlV6: string; kind: string; title: string }[] {
    return CIS_CONTROLS.map((c) => ({ id: c.id, control: c.control, controlV6: c.controlV6, kind: c.kind ?? "metricFilter", title: c.title }));
}

function renderControlList(): string {
    const rows = controlList().map((c) => [c.control, c.controlV6, c.id, c.kind === "service" ? "service check" : "metric filter", c.title]);
    const header = ["v5.0", "v6/v7", "id", "kind", "title"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join("  ");
    return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

/** The exit code for an assessment: 0 covers, 1 does not cover, 2 invalid. */
export function checkExitCode(assessment: PatternAssessment): number {
    if (!assessment.valid) {
        return ExitCode.CannotRun;
    }
    return assessment.covers === true ? ExitCode.Ok : ExitCode.Findings;
}

/** The human-readable verdict: one verdict line, then what to look at and what to do. */
export function renderAssessment(text: string, assessment: PatternAssessment, control: MonitoringControl = CIS_4_1): string {
    const name = `CIS ${control.control}`;
    const lines: string[] = [];
    if (!assessment.valid || assessment.error !== null) {
        const error = assessment.error ?? { message: "invalid pattern", column: 1 };
        lines.push(`invalid pattern: ${visible(error.message)} (column ${error.column})`);
        lines.push(...caretUnder(text, error.column).map((line) => `  ${line}`));
    } else if (assessment.covers === true) {
        lines.push(`covers ${name}: the pattern matches every record with ${describeClauses(control.intent.mustMatch)}.`);
    } else {
        if (assessment.counterexample !== null) {
            lines.push(`does not cover ${name}: the pattern misses this record, which ${name} counts:`);
            lines.push(indent(JSON.stringify(assessment.counterexample, null, 2), "  "));
        } else {
            // The engine could not analyse the pattern field by field; the notes say why.
            lines.push(`does not cover ${name}: the pattern is not shown to match every record ${name} counts.`);
        }
        lines.push(`fix: match every record with ${describeClauses(control.intent.mustMatch)}${describeMayMiss(control)}, for example with the CIS pattern:`);
        lines.push(`  ${control.patterns.default}`);
    }
    if (assessment.overmatch !== null) {
        lines.push(`overmatch: the pattern also counts records ${name} does not mean (alarm noise), e.g.:`);
        lines.push(indent(JSON.stringify(assessment.overmatch, null, 2), "  "));
    }
    for (const note of assessment.notes) {
        lines.push(`note: ${note}`);
    }
    return `${lines.join("\n")}\n`;
}

/** One clause in words, read from the control so it never drifts: `eventName ConsoleLogin`, `userIdentity.invokedBy absent`. */
function describeClause(clause: FieldClause): string {
    if ("anyOf" in clause) return `${clause.field} ${clause.anyOf.join(" or ")}`;
    if ("noneOf" in clause) return `${clause.field} not ${clause.noneOf.join(" or ")}`;
    return `${clause.field} ${clause.exists ? "present" : "absent"}`;
}

function describeClauses(clauses: readonly FieldClause[]): string {
    return clauses.map(describeClause).join(" and ");
}

/** ` (it may leave out sourceIPAddress delivery.logs.amazonaws.com, and eventName HeadBucket)`, from the control. */
function describeMayMiss(control: MonitoringControl): string {
    const conditions = control.intent.mayMiss.map(describeClauses);
    return conditions.length === 0 ? "" : ` (it may leave out records with ${conditions.join(", or with ")})`;
}
