/**
 * `trailwatch pattern check '<pattern>' [--json]`: is the pattern valid, and
 * does it catch every unauthorized API call CIS 4.1 asks for?
 * Exit 0 covers, 1 valid but not covering, 2 invalid.
 */
import type { Command } from "commander";
import { CIS_4_1 } from "../intent";
import { assessPattern } from "../pattern";
import type { PatternAssessment } from "../pattern";
import { ExitCode } from "./errors";
import { caretUnder, indent } from "./pattern-text";
import { visible } from "./terminal-text";

/** Registers the `check` subcommand under `pattern`. */
export function registerPatternCheck(pattern: Command): void {
    pattern
        .command("check")
        .description("decide whether a filter pattern catches every unauthorized API call (CIS 4.1)")
        .argument("<pattern>", "the filter pattern, quoted as one argument")
        .option("--json", "print the assessment as JSON: {valid, covers, counterexample, error, notes}")
        .addHelpText(
            "after",
            [
                "",
                "Exit codes: 0 the pattern covers CIS 4.1, 1 valid but does not cover, 2 invalid pattern or bad arguments.",
                "A pattern that starts with '-' goes after '--': trailwatch pattern check -- '-DEBUG'",
            ].join("\n"),
        )
        .action((text: string, options: { json?: boolean }) => {
            const assessment = assessPattern(text);
            process.stdout.write(options.json === true ? `${JSON.stringify(assessment, null, 2)}\n` : renderAssessment(text, assessment));
            process.exitCode = checkExitCode(assessment);
        });
}

/** The exit code for an assessment: 0 covers, 1 does not cover, 2 invalid. */
export function checkExitCode(assessment: PatternAssessment): number {
    if (!assessment.valid) {
        return ExitCode.CannotRun;
    }
    return assessment.covers === true ? ExitCode.Ok : ExitCode.Findings;
}

/** The human-readable verdict: one verdict line, then what to look at and what to do. */
export function renderAssessment(text: string, assessment: PatternAssessment): string {
    const control = `CIS ${CIS_4_1.control}`;
    const lines: string[] = [];
    if (!assessment.valid || assessment.error !== null) {
        const error = assessment.error ?? { message: "invalid pattern", column: 1 };
        lines.push(`invalid pattern: ${visible(error.message)} (column ${error.column})`);
        lines.push(...caretUnder(text, error.column).map((line) => `  ${line}`));
    } else if (assessment.covers === true) {
        lines.push(`covers ${control}: the pattern matches every call with ${describeMustMatch()}.`);
    } else {
        if (assessment.counterexample !== null) {
            lines.push(`does not cover ${control}: the pattern misses this unauthorized API call:`);
            lines.push(indent(JSON.stringify(assessment.counterexample, null, 2), "  "));
        } else {
            // The engine could not analyse the pattern field by field; the notes say why.
            lines.push(`does not cover ${control}: the pattern is not shown to match every unauthorized API call.`);
        }
        lines.push(`fix: match every call with ${describeMustMatch()}${describeMayMiss()}, for example with the CIS pattern:`);
        lines.push(`  ${CIS_4_1.patterns.default}`);
    }
    for (const note of assessment.notes) {
        lines.push(`note: ${note}`);
    }
    return `${lines.join("\n")}\n`;
}

/** ` (it may leave out sourceIPAddress=delivery.logs.amazonaws.com and eventName=HeadBucket)`, from the control. */
function describeMayMiss(): string {
    const shapes = CIS_4_1.intent.mayMiss.map((shape) =>
        Object.entries(shape)
            .map(([field, glob]) => `${field}=${glob}`)
            .join(" with "),
    );
    return shapes.length === 0 ? "" : ` (it may leave out ${shapes.join(" and ")})`;
}

/** "errorCode *UnauthorizedOperation or AccessDenied*", read from the control so it never drifts. */
function describeMustMatch(): string {
    return CIS_4_1.intent.mustMatch.map((clause) => `${clause.field} ${clause.anyOf.join(" or ")}`).join(" and ");
}
