/**
 * The one place the components ask the pattern engine about a filter pattern.
 * Syntax and coverage are decided by `../pattern` (CloudWatch Logs semantics,
 * checked against the control's intent); this module only turns the verdict
 * into an error or a warning a Pulumi user can act on.
 */
import type { MonitoringControl } from "../intent";
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

/** Who asks, and how the warning words what the pattern misses. */
export interface PatternCheckContext {
    /** The component's type name, e.g. `UnauthorizedApiCallsAlarm`. */
    readonly componentType: string;
    /** Name of the component instance, quoted in messages. */
    readonly componentName: string;
    /** The argument the pattern came from, e.g. `pattern` or `overrides["4.3"].pattern`. */
    readonly argument: string;
    /** What a covering pattern catches, e.g. "every unauthorized API call". Default: every event the control monitors. */
    readonly catches?: string;
}

/**
 * Checks a filter pattern against CloudWatch Logs syntax and the intent of
 * the control it is deployed for.
 *
 * @param context Who asks, for the messages.
 * @param control The catalog entry whose intent the pattern must cover.
 * @param pattern The filter pattern text, exactly as it will be deployed.
 * @returns `undefined` when the pattern catches every record the control
 *   means, or the text of a warning that shows a CloudTrail record it misses.
 * @throws {InvalidArgumentError} for the argument when CloudWatch Logs would
 *   reject the pattern; the message points at the column with a caret.
 */
export function checkFilterPattern(context: PatternCheckContext, control: MonitoringControl, pattern: string): string | undefined {
    const { componentType, componentName, argument } = context;
    const assessment = assessPattern(pattern, control.intent);
    if (!assessment.valid) {
        const error = assessment.error;
        const column = error?.column ?? 1;
        const reason = error?.message ?? "syntax error";
        throw new InvalidArgumentError(
            componentName,
            argument,
            `is not a valid CloudWatch Logs filter pattern: ${reason} at column ${column}:\n${pointAt(pattern, column)}`,
            componentType,
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
    const catches = context.catches ?? `every event control ${control.control} (${control.title}) monitors`;
    const which = argument === "pattern" ? "the filter pattern" : `the filter pattern in ${argument}`;
    return (
        `${componentType} "${componentName}": ${which} does not catch ${catches}, ` +
        `so ${control.benchmark} control ${control.control} is not fully met.${missed}${notes} ` +
        `The pattern is kept as given; omit \`${argument}\` to use the CIS v5.0 pattern, which catches them all.`
    );
}

/** The pattern on one line and a caret under the 1-based column, indented to stand out in a log. */
function pointAt(pattern: string, column: number): string {
    const at = Math.min(Math.max(column, 1), pattern.length + 1);
    return `    ${pattern}\n    ${" ".repeat(at - 1)}^`;
}
