/**
 * CIS 4.1 audit step 4: the alarm fires on a single matching event within
 * one period. With one event in a period the data point is the event's value
 * (`Sum`) or 1 (`SampleCount`); the alarm fires when that data point breaches
 * the threshold and one breaching data point is enough (M of N with M = 1).
 */
import type { AlarmNode } from "../model";
import { YES, allOf, mustBeTrue, no, unknown, type Outcome } from "../outcome";
import { shown, type Field } from "../resources";

/** The statistic an alarm applies to the metric: its own, or its metric query's `stat`. */
export interface AlarmStatistic {
    /** A standard statistic (`Sum`, `SampleCount`, `Average`, ...). */
    readonly statistic: Field<string>;
    /** A percentile or other extended statistic. */
    readonly extendedStatistic: Field<string>;
}

/** What one matching event adds to the metric, and whether that value is secret. */
export interface EventValue {
    /** The value. */
    readonly value: number;
    /** Whether the program marked it secret (messages then do not print it). */
    readonly secret: boolean;
}

/** The data point one event produces under `statistic`, or why it counts nothing. */
function dataPoint(alarm: AlarmNode, stat: AlarmStatistic, event: EventValue): { value: number; shown: string } | Outcome {
    if (stat.extendedStatistic.state === "known") {
        return no(`it uses the statistic ${shown(stat.extendedStatistic)}; only Sum or SampleCount count events`);
    }
    if (stat.extendedStatistic.state === "unknown" || stat.statistic.state === "unknown") {
        return unknown(`the statistic of alarm "${alarm.label}" is unknown during preview`);
    }
    if (stat.statistic.state === "absent") {
        return no("it has no statistic");
    }
    switch (stat.statistic.value) {
        case "Sum":
            return { value: event.value, shown: event.secret ? "[secret]" : String(event.value) };
        case "SampleCount":
            return { value: 1, shown: "1" };
        default:
            return no(`it uses the statistic ${shown(stat.statistic)}; only Sum or SampleCount count events`);
    }
}

/** One event's data point breaches the threshold. */
function breaches(alarm: AlarmNode, stat: AlarmStatistic, event: EventValue): Outcome {
    const point = dataPoint(alarm, stat, event);
    if ("status" in point) {
        return point;
    }
    const { comparisonOperator: operator, threshold } = alarm;
    if (operator.state === "unknown" || threshold.state === "unknown") {
        return unknown(`the comparison of alarm "${alarm.label}" is unknown during preview`);
    }
    if (operator.state === "absent" || threshold.state === "absent") {
        return no("it has no static threshold to compare against");
    }
    const t = threshold.value;
    const statName = shown(stat.statistic, "the metric");
    const tShown = shown(threshold);
    switch (operator.value) {
        case "GreaterThanOrEqualToThreshold":
            return point.value >= t
                ? YES
                : no(`one event makes ${statName} ${point.shown}, below its threshold ${tShown} (>= ${tShown}); use a threshold of 1 or less`);
        case "GreaterThanThreshold":
            return point.value > t
                ? YES
                : no(`one event makes ${statName} ${point.shown}, not above its threshold ${tShown} (> ${tShown}); use >= 1`);
        default:
            return no(`it compares with ${shown(operator)}, which one more event can never breach`);
    }
}

/** One breaching data point is enough: M (`datapointsToAlarm`, else `evaluationPeriods`) is 1. */
function oneDataPointSuffices(alarm: AlarmNode): Outcome {
    const m = alarm.datapointsToAlarm.state === "absent" ? alarm.evaluationPeriods : alarm.datapointsToAlarm;
    switch (m.state) {
        case "unknown":
            return unknown(`datapointsToAlarm/evaluationPeriods of alarm "${alarm.label}" is unknown during preview`);
        case "absent":
            return YES;
        case "known": {
            // An unset datapointsToAlarm (recorded as 0) makes AWS wait for every evaluation period.
            const which =
                alarm.datapointsToAlarm.state === "absent"
                    ? `datapointsToAlarm is not set, so M is evaluationPeriods (${shown(m)})`
                    : `datapointsToAlarm is ${shown(m)}`;
            return m.value <= 1 ? YES : no(`it needs ${shown(m)} breaching periods before it fires (${which}); set datapointsToAlarm to 1`);
        }
    }
}

/** Actions are not disabled (`actionsEnabled`, default true). */
export function actionsEnabled(alarm: AlarmNode): Outcome {
    return mustBeTrue(alarm.actionsEnabled, "its actions are disabled (actionsEnabled is false)", `actionsEnabled of alarm "${alarm.label}"`, YES);
}

/**
 * Audit step 4: the alarm, applying `stat` to a metric to which each
 * matching event adds `event.value`, fires on the first such event. A "no"
 * says why in words about "it" (the alarm); an "unknown" names the alarm.
 */
export function firesOnOneEvent(alarm: AlarmNode, stat: AlarmStatistic, event: EventValue): Outcome {
    return allOf([() => actionsEnabled(alarm), () => breaches(alarm, stat, event), () => oneDataPointSuffices(alarm)]);
}
