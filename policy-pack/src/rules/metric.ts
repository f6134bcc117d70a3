/**
 * What one matching log event adds to a metric filter's metric. CIS 4.1 asks
 * for an alarm on the first unauthorized call, so the metric must count each
 * event: a fixed, positive value, published without dimensions (dimension
 * values come from the event, so an alarm on any fixed set of them sees only
 * some calls).
 */
import type { MetricFilterNode } from "../model";
import type { EventValue } from "./alarm";
import { YES, no, unknown, type No, type Outcome, type Unknown } from "../outcome";

/** How much one matching event adds, or why it adds nothing an alarm can count. */
export type EventContribution =
    | ({ readonly status: "yes" } & EventValue)
    | No | Unknown;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The value one matching event publishes, if it counts. */
export function eventContribution(filter: MetricFilterNode): EventContribution {
    const value = filter.metricValue;
    if (value.state === "unknown") {
        return unknown(`the metric value of filter "${filter.label}" is unknown during preview`);
    }
    if (value.state === "absent") {
        return no(`metric filter "${filter.label}" publishes no metric value`);
    }
    const shown = value.secret ? "[secret]" : `"${value.value}"`;
    const fix = `publish "1" per event on metric filter "${filter.label}": metricTransformation.value "1", without dimensions.`;
    if (!NUMBER.test(value.value.trim())) {
        return no(`its metric value ${shown} is taken from the event, not a count of events`, fix);
    }
    const number = Number(value.value);
    if (!(number > 0)) {
        return no(`its metric value ${shown} adds nothing per event, so it cannot count`, fix);
    }
    const dimensions = publishesDimensions(filter);
    if (dimensions.status !== "yes") {
        return dimensions;
    }
    return { status: "yes", value: number, secret: value.secret };
}

/** The metric is published without dimensions. */
function publishesDimensions(filter: MetricFilterNode): Outcome {
    const dimensions = filter.metricDimensions;
    if (dimensions.state === "unknown") {
        return unknown(`the metric dimensions of filter "${filter.label}" are unknown during preview`);
    }
    if (dimensions.state === "known" && typeof dimensions.value === "object" && Object.keys(dimensions.value as object).length > 0) {
        return no(
            "it publishes the metric with dimensions taken from each event, so no alarm on a fixed metric sees every event",
            `remove metricTransformation.dimensions from metric filter "${filter.label}".`,
        );
    }
    return YES;
}
