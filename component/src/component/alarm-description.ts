/**
 * The default alarm description: what fired and what to do about it, written
 * for the person who reads the notification at 3 a.m., from the control's
 * catalog entry.
 */
import type { MonitoringControl } from "../intent";

/** CloudWatch's limit on `AlarmDescription`. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;

/** What the description says beyond the control's name: the event and how to investigate it. */
interface Guidance {
    /** What CloudTrail recorded, after "CloudTrail recorded", for the alarm's threshold. */
    readonly recorded: (threshold: number) => string;
    /** How to investigate, after "What to do:". */
    readonly whatToDo: (logGroupName: string) => string;
}

/**
 * Guidance worded for one control, by catalog id. The catalog has no field for
 * it yet (requested in NOTES for i12-engine), so 4.1 keeps the text its alarms
 * have always carried and every other control gets {@link GENERIC}; once the
 * catalog carries guidance this table goes.
 */
const WORDED: Readonly<Record<string, Guidance>> = {
    "cis-aws-4.1-unauthorized-api-calls": {
        recorded: (threshold) =>
            `${atLeast(threshold, "API call")} that AWS refused for lack of permission (errorCode *UnauthorizedOperation or AccessDenied*)`,
        whatToDo: (group) =>
            `in CloudWatch Logs Insights, query log group ${group} for ` +
            "errorCode like /UnauthorizedOperation|AccessDenied/ to see who called (userIdentity.arn), what " +
            "(eventSource, eventName) and from where (sourceIPAddress). An expected caller means a role or policy " +
            "needs fixing; an unexpected one can mean leaked credentials: disable them and review that principal's activity.",
    },
};

/** Guidance for any control, from its catalog entry alone. */
const GENERIC: Guidance = {
    recorded: (threshold) => `${atLeast(threshold, "event")} this control watches for`,
    whatToDo: (group) =>
        `in CloudWatch Logs, search log group ${group} with this alarm's metric filter pattern to see who acted ` +
        "(userIdentity.arn), what they did (eventSource, eventName) and from where (sourceIPAddress). " +
        "An expected change needs no action; an unexpected one can mean leaked credentials: disable them and review that principal's activity.",
};

/**
 * The default description for a control's alarm on the given log group.
 *
 * @param control The catalog entry the alarm monitors.
 * @param logGroupName The CloudTrail log group the filter reads.
 * @param windowSeconds `period × evaluationPeriods`, the time the alarm looks back over.
 */
export function defaultAlarmDescription(control: MonitoringControl, logGroupName: string, windowSeconds: number): string {
    const { benchmark, title, alarm } = control;
    const guidance = WORDED[control.id] ?? GENERIC;
    const text =
        `${benchmark} ${control.control} (${title}). CloudTrail recorded ${guidance.recorded(alarm.threshold)} ` +
        `in the last ${describeSeconds(windowSeconds)}. What to do: ${guidance.whatToDo(logGroupName)}`;
    // Long log group names could push the text past CloudWatch's limit; the start is what matters.
    return text.length <= MAX_ALARM_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_ALARM_DESCRIPTION_LENGTH - 1)}…`;
}

function atLeast(count: number, noun: string): string {
    return count === 1 ? `at least one ${noun}` : `at least ${count} ${noun}s`;
}

function describeSeconds(seconds: number): string {
    if (seconds % 3600 === 0) {
        return seconds === 3600 ? "hour" : `${seconds / 3600} hours`;
    }
    if (seconds % 60 === 0) {
        return seconds === 60 ? "minute" : `${seconds / 60} minutes`;
    }
    return `${seconds} seconds`;
}
