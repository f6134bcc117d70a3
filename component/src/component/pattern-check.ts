/**
 * The one place the component asks the pattern engine about a filter pattern.
 * Syntax and coverage are decided by `../pattern` (CloudWatch Logs semantics,
 * checked against the CIS 4.1 intent); this module only turns the verdict into
 * an error or a warning a Pulumi user can act on.
 */
import { CIS_4_1 } from "../intent";
import { assessPattern } from "../pattern";
import { FilterPatterns, type UnauthorizedApiCallsAlarmArgs } from "./args";
import { InvalidArgumentError } from "./validate";

/**
 * The pattern the user chose (`pattern`, or the text of `patternPreset`), or
 * `undefined` for the default. Validation has already refused both at once.
 */
export function chosenPattern(args: Pick<UnauthorizedApiCallsAlarmArgs, "pattern" | "patternPreset">): string | undefined {
    return args.pattern ?? (args.patternPreset === undefined ? undefined : FilterPatterns[args.patternPreset]);
}

/**
 * Checks a filter pattern against CloudWatch Logs syntax and the CIS 4.1
 * intent.
 *
 * @param componentName Name of the component instance, quoted in messages.
 * @param pattern The filter pattern text, exactly as it will be deployed.
 * @returns `undefined` when the pattern catches every unauthorized call, or
 *   the text of a warning that shows a CloudTrail record it misses.
 * @throws {InvalidArgumentError} for `pattern` when CloudWatch Logs would
 *   reject the pattern; the message points at the column with a caret.
 */
export function checkFilterPattern(componentName: string, pattern: string): string | undefined {
    const assessment = assessPattern(pattern, CIS_4_1.intent);
    if (!assessment.valid) {
        const error = assessment.error;
        const column = error?.column ?? 1;
        const reason = error?.message ?? "syntax error";
        throw new InvalidArgumentError(
            componentName,
            "pattern",
            `is not a valid CloudWatch Logs filter pattern: ${reason} at column ${column}:\n${pointAt(pattern, column)}`,
        );
    }
    if (assessment.covers === true) {
        return undefined;
    }
    const missed =
        assessment.counterexample === null
            ? ""
            : ` For example, it does not match this CloudTrail record: ${JSON.stringify(assessment.counterexample)}.`;
    const notes = assessment.notes.length > 0 ? ` (${assessment.notes.join(" ")})` : "";
    return (
        `UnauthorizedApiCallsAlarm "${componentName}": the filter pattern does not catch every unauthorized API call, ` +
        `so ${CIS_4_1.benchmark} control ${CIS_4_1.control} is not fully met.${missed}${notes} ` +
        "The pattern is kept as given; omit `pattern` to use the CIS v5.0 pattern, which catches them all."
    );
}

/** The pattern on one line and a caret under the 1-based column, indented to stand out in a log. */
function pointAt(pattern: string, column: number): string {
    const at = Math.min(Math.max(column, 1), pattern.length + 1);
    return `    ${pattern}\n    ${" ".repeat(at - 1)}^`;
}
