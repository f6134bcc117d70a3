/**
 * Resource policy for early, local feedback on one alarm: an alarm on an
 * unauthorized-API-calls metric must fire on the first call. A resource
 * policy cannot see the filter behind the metric, so the metric is
 * recognised by name and each matching event is taken to add 1, as the CIS
 * remediation publishes it; the stack policy checks the real value.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { CIS_4_1 } from "trailwatch/engine";
import { readAlarm, type AlarmNode } from "../model";
import { METRIC_QUERY_UNSET, QUERY_METRIC_UNSET } from "../provider-state";
import { ABSENT_FIELD, asProps, type Field } from "../resources";
import { firesOnOneEvent, type AlarmStatistic, type EventValue } from "../rules/alarm";
import { TYPES } from "../tokens";
import { findingsOnly } from "../report";
import { CIS_FRAMEWORK } from "./framework";

/** The name other tools and configs refer to the alarm policy by. */
export const ALARM_POLICY_NAME = "cis-aws-4-1-alarm-fires-on-one-call";

/** What one matching event adds to a metric the CIS remediation publishes. */
const CIS_EVENT_VALUE: EventValue = { value: Number(CIS_4_1.metric.value), secret: false };

function isUnauthorizedCallsMetric(name: Field<string>, namespace: Field<string>): boolean {
    if (name.state !== "known") {
        return false;
    }
    const isDefault = name.value === CIS_4_1.metric.name && namespace.state === "known" && namespace.value === CIS_4_1.metric.namespace;
    return isDefault || /unauthori[sz]ed/i.test(name.value);
}

/** The statistic the alarm applies to an unauthorized-calls metric, when it watches one. */
function unauthorizedCallsStatistic(alarm: AlarmNode): AlarmStatistic | undefined {
    if (isUnauthorizedCallsMetric(alarm.metricName, alarm.namespace)) {
        return { statistic: alarm.statistic, extendedStatistic: alarm.extendedStatistic };
    }
    const queries =
        alarm.metricQueries.state === "known" ? alarm.metricQueries.value.map((q) => asProps(q, METRIC_QUERY_UNSET)) : [];
    for (const query of queries) {
        const metric = query.state === "known" ? query.value.props("metric", QUERY_METRIC_UNSET) : ABSENT_FIELD;
        if (metric.state === "known" && isUnauthorizedCallsMetric(metric.value.string("metricName"), metric.value.string("namespace"))) {
            return { statistic: metric.value.string("stat"), extendedStatistic: ABSENT_FIELD };
        }
    }
    return undefined;
}

/** Validates one alarm. Exported for tests and for offline drivers. */
export function validateAlarmFiresOnOneCall(args: ResourceValidationArgs, report: ReportViolation): void {
    if (args.type !== TYPES.metricAlarm) {
        return;
    }
    const alarm = readAlarm(args);
    const stat = unauthorizedCallsStatistic(alarm);
    if (stat === undefined) {
        return;
    }
    const fires = firesOnOneEvent(alarm, stat, CIS_EVENT_VALUE);
    if (fires.status === "unknown") {
        args.notApplicable(fires.why);
    }
    if (fires.status === "no") {
        report(
            `Alarm "${alarm.label}" watches an unauthorized-API-calls metric but does not fire on a single call: ${fires.why}. ` +
                `Fix: on alarm "${alarm.label}" set statistic: "${CIS_4_1.alarm.statistic}", comparisonOperator: "${CIS_4_1.alarm.comparisonOperator}", ` +
                `threshold: ${CIS_4_1.alarm.threshold}, datapointsToAlarm: ${CIS_4_1.alarm.datapointsToAlarm}, actionsEnabled: true ` +
                "(the trailwatch package's UnauthorizedApiCallsAlarm sets exactly these).",
        );
    }
}

/** An alarm on an unauthorized-API-calls metric fires on the first call. */
export const alarmFiresOnOneCall: ResourceValidationPolicy = {
    name: ALARM_POLICY_NAME,
    displayName: "CIS 4.1: alarm fires on one unauthorized call",
    description:
        "A CloudWatch alarm on an unauthorized-API-calls metric uses Sum or SampleCount, a threshold one call reaches, " +
        "one breaching data point, and enabled actions, so it fires on the first unauthorized call.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: CIS_FRAMEWORK,
    tags: ["cis", "cloudwatch", "alarm"],
    validateResource: (args, report) => validateAlarmFiresOnOneCall(args, findingsOnly(report)),
};
