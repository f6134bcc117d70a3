/**
 * The default alarm description: what fired and what to do about it, written
 * for the person who reads the notification at 3 a.m.
 */
import { CIS_4_1 } from "../intent";

/** CloudWatch's limit on `AlarmDescription`. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;

/**
 * The default description for an alarm on the given log group.
 *
 * @param logGroupName The CloudTrail log group the filter reads.
 * @param windowSeconds `period × evaluationPeriods`, the time the alarm looks back over.
 */
export function defaultAlarmDescription(logGroupName: string, windowSeconds: number): string {
    const { benchmark, control, title, alarm } = CIS_4_1;
    const calls = alarm.threshold === 1 ? "at least one API call" : `at least ${alarm.threshold} API calls`;
    const text =
        `${benchmark} ${control} (${title}). CloudTrail recorded ${calls} that AWS refused for lack of permission ` +
        `(errorCode *UnauthorizedOperation or AccessDenied*) in the last ${describeSeconds(windowSeconds)}. ` +
        `What to do: in CloudWatch Logs Insights, query log group ${logGroupName} for ` +
        "errorCode like /UnauthorizedOperation|AccessDenied/ to see who called (userIdentity.arn), what " +
        "(eventSource, eventName) and from where (sourceIPAddress). An expected caller means a role or policy " +
        "needs fixing; an unexpected one can mean leaked credentials: disable them and review that principal's activity.";
    // Long log group names could push the text past CloudWatch's limit; the start is what matters.
    return text.length <= MAX_ALARM_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_ALARM_DESCRIPTION_LENGTH - 1)}…`;
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
