/**
 * Link 4, first half: the alarms on a metric filter's metric, by namespace
 * and name (directly, or through a metric query), in the filter's region.
 * Whether they fire on one event is `rules/alarm`'s question.
 */
import type { StackGraph } from "../graph";
import { GraphMemo } from "../graph-memo";
import type { AlarmNode, MetricFilterNode } from "../model";
import { YES, allOf, no, unknown, type Outcome } from "../outcome";
import { moveToRegionFix, sameRegion } from "../regions";
import { METRIC_QUERY_UNSET, QUERY_METRIC_UNSET } from "../provider-state";
import { ABSENT_FIELD, asProps, shown, type Field, type Props } from "../resources";
import type { AlarmStatistic } from "../rules/alarm";
import { passThrough } from "../rules/metric-math";

/** How an alarm sees a filter's metric: the link, and the statistic it applies. */
export interface AlarmWatch {
    /** The alarm. */
    readonly alarm: AlarmNode;
    /** Whether it watches the filter's metric, fit to be alarmed on. */
    readonly link: Outcome;
    /** The statistic applied (the alarm's, or its returned metric query's). */
    readonly stat: AlarmStatistic;
}

function sameString(a: Field<string>, b: Field<string>, what: string): Outcome {
    if (a.state === "unknown" || b.state === "unknown") {
        return unknown(`${what} is unknown during preview`);
    }
    if (a.state === "known" && b.state === "known") {
        return a.value === b.value ? YES : no(`${what} differs`);
    }
    return no(`${what} is not set`);
}

/** A metric as an alarm names it. */
interface MetricRef {
    readonly namespace: Field<string>;
    readonly name: Field<string>;
    readonly dimensions: Field<unknown>;
    readonly unit: Field<string>;
}

/** The metric is the filter's: same namespace and name (or computed from the filter). */
function sameMetric(filter: MetricFilterNode, alarm: AlarmNode, graph: StackGraph, metric: MetricRef, property: string): Outcome {
    const byValue = allOf([
        () => sameString(metric.name, filter.metricName, `the metric name of alarm "${alarm.label}" or filter "${filter.label}"`),
        () => sameString(metric.namespace, filter.metricNamespace, `the metric namespace of alarm "${alarm.label}" or filter "${filter.label}"`),
    ]);
    // A metric name not known yet is followed through the resources it is computed from.
    if (byValue.status === "unknown" && graph.dependenciesOf(alarm, property).includes(filter)) {
        return YES;
    }
    return byValue;
}

/** The unit CloudWatch records for a metric published without one. */
const NO_UNIT = "None";

/**
 * The alarm's unit matches the unit the filter publishes its metric with
 * (`metricTransformation.unit`, "None" when absent). An alarm without a unit
 * reads the metric whatever its unit; one whose unit was not published for
 * the metric finds no data and is stuck in INSUFFICIENT_DATA, so it never
 * fires (PutMetricAlarm, `Unit`:
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudwatch/aws.sdk.kotlin.services.cloudwatch.model/-put-metric-alarm-request/unit.html).
 */
function sameUnit(filter: MetricFilterNode, alarm: AlarmNode, unit: Field<string>): Outcome {
    if (unit.state === "absent" || (unit.state === "known" && unit.value === "")) {
        return YES;
    }
    if (unit.state === "unknown") {
        return unknown(`the unit of alarm "${alarm.label}" is unknown during preview`);
    }
    const published = filter.metricUnit;
    if (published.state === "unknown") {
        return unknown(`the metric unit of filter "${filter.label}" is unknown during preview`);
    }
    const metricUnit = published.state === "known" && published.value !== "" ? published.value : NO_UNIT;
    if (unit.value === metricUnit) {
        return YES;
    }
    const theirs = metricUnit === NO_UNIT ? "none" : shown(published);
    return no(
        `alarm "${alarm.label}": unit "${shown(unit)}" does not match the metric's unit (${theirs}): CloudWatch finds no data for the alarm, which stays in INSUFFICIENT_DATA and never fires`,
        `remove unit from alarm "${alarm.label}" (an alarm without a unit reads the metric whatever its unit), or set it to the unit metric filter "${filter.label}" publishes (${theirs}).`,
    );
}

/** Dimensions as a message shows them, never a secret. */
function shownDimensions(field: Field<unknown>): string {
    return field.state === "known" && !field.secret ? JSON.stringify(field.value) : "[secret]";
}

function hasDimensions(field: Field<unknown>): boolean {
    return field.state === "known" && typeof field.value === "object" && Object.keys(field.value as object).length > 0;
}

/** The metric query an alarm's state comes from: the one with `returnData`, or the only one. */
function returnedQuery(queries: readonly Props[]): Props | undefined {
    const flagged = queries.filter((q) => {
        const r = q.boolean("returnData");
        return r.state === "known" && r.value;
    });
    if (flagged.length === 1) {
        return flagged[0];
    }
    return queries.length === 1 ? queries[0] : undefined;
}

/** A metric as a metric query reads it, with the statistic the query applies. */
type QueriedMetric = MetricRef & { readonly stat: Field<string> };

/** A metric query's metric and statistic, if it queries a metric. */
function queryMetric(query: Props): QueriedMetric | undefined {
    const metric = query.props("metric", QUERY_METRIC_UNSET);
    if (metric.state !== "known") {
        return undefined;
    }
    return {
        namespace: metric.value.string("namespace"),
        name: metric.value.string("metricName"),
        dimensions: metric.value.get("dimensions"),
        unit: metric.value.string("unit"),
        stat: metric.value.string("stat"),
    };
}

function idOf(query: Props): string | undefined {
    const id = query.string("id");
    return id.state === "known" ? id.value : undefined;
}

/**
 * The metrics a query passes through unchanged: its own metric, or those of
 * the queries its expression passes through (`rules/metric-math`), followed
 * through other expressions up to a few levels deep.
 */
function passedMetrics(query: Props, queries: readonly Props[], depth = 0): readonly QueriedMetric[] | string {
    const direct = queryMetric(query);
    if (direct !== undefined) {
        return [direct];
    }
    const expression = query.string("expression");
    if (expression.state !== "known") {
        return expression.state === "unknown"
            ? "its metric-math expression is unknown during preview"
            : "its returned query has neither a metric nor an expression";
    }
    const metricIds = queries.filter((q) => queryMetric(q) !== undefined).flatMap((q) => idOf(q) ?? []);
    const through = passThrough(expression.value, metricIds);
    if ("why" in through) {
        return through.why;
    }
    const metrics: QueriedMetric[] = [];
    for (const id of through.ids) {
        const target = queries.find((q) => idOf(q) === id && q !== query);
        const inner =
            target === undefined || depth > 4
                ? `its expression names ${JSON.stringify(id)}, which is no other query of the alarm`
                : passedMetrics(target, queries, depth + 1);
        if (typeof inner === "string") {
            return inner;
        }
        metrics.push(...inner);
    }
    return metrics;
}

/** What a metric-math alarm alarms on: the metrics its returned query passes through unchanged. */
function returnedMetrics(queries: readonly Props[]): readonly QueriedMetric[] | string {
    const returned = returnedQuery(queries);
    return returned === undefined ? "it returns no single metric query" : passedMetrics(returned, queries);
}

/**
 * How `alarm` watches `filter`'s metric, or undefined when it is about
 * another metric altogether. An alarm on the right metric that is unfit
 * (wrong region, dimensions, unit, an expression the pack cannot follow) is kept,
 * so the failure can say why.
 */
function watch(filter: MetricFilterNode, alarm: AlarmNode, graph: StackGraph): AlarmWatch | undefined {
    const named = `alarm "${alarm.label}"`;
    const own: AlarmStatistic = { statistic: alarm.statistic, extendedStatistic: alarm.extendedStatistic };
    const region = (): Outcome => {
        const same = sameRegion(alarm.region, filter.region);
        return same.status === "no"
            ? no(
                  `${named} watches the metric in another region (${same.why})`,
                  moveToRegionFix(named, filter.region, `the region of metric filter "${filter.label}", where its metric is published`),
              )
            : same;
    };
    const dimensions = (metric: MetricRef) => (): Outcome =>
        hasDimensions(metric.dimensions)
            ? no(
                  `${named} watches the metric with dimensions ${shownDimensions(metric.dimensions)} the filter does not publish`,
                  `remove dimensions from ${named}: metric filter "${filter.label}" publishes its metric without dimensions.`,
              )
            : YES;
    const unit = (metric: MetricRef) => (): Outcome => sameUnit(filter, alarm, metric.unit);
    const queries = alarm.metricQueries;
    if (queries.state === "unknown") {
        return { alarm, stat: own, link: unknown(`metricQueries of alarm "${alarm.label}" is unknown during preview`) };
    }
    if (queries.state === "known" && queries.value.length > 0) {
        const bags = queries.value
            .map((q) => asProps(q, METRIC_QUERY_UNSET))
            .flatMap((q) => (q.state === "known" ? [q.value] : []));
        const metrics = returnedMetrics(bags);
        if (typeof metrics === "string") {
            // Unfit, but about this filter's metric only if one of its queries reads it.
            const reads = bags.some((q) => {
                const m = queryMetric(q);
                return m !== undefined && sameMetric(filter, alarm, graph, m, "metricQueries").status === "yes";
            });
            const fix =
                `let ${named} alarm on metric filter "${filter.label}"'s metric directly (metricName and namespace), or return an expression ` +
                "that passes it through unchanged (m1, FILL(m1, 0), m1 * 1, SUM([m1, m2])).";
            return reads ? { alarm, stat: own, link: no(`${named}: ${metrics}`, fix) } : undefined;
        }
        // A sum of several filters' metrics watches each of them.
        const candidates = metrics.map((m) => ({ m, same: sameMetric(filter, alarm, graph, m, "metricQueries") }));
        const chosen =
            candidates.find((c) => c.same.status === "yes") ?? candidates.find((c) => c.same.status === "unknown");
        if (chosen === undefined) {
            return undefined;
        }
        const stat: AlarmStatistic = { statistic: chosen.m.stat, extendedStatistic: ABSENT_FIELD };
        return { alarm, stat, link: allOf([() => chosen.same, dimensions(chosen.m), unit(chosen.m), region]) };
    }
    const metric: MetricRef = { namespace: alarm.namespace, name: alarm.metricName, dimensions: alarm.dimensions, unit: alarm.unit };
    const same = sameMetric(filter, alarm, graph, metric, "metricName");
    return same.status === "no" ? undefined : { alarm, stat: own, link: allOf([() => same, dimensions(metric), unit(metric), region]) };
}

/** Per graph and filter, the alarms on its metric: every control's chain asks the same of the same graph. */
const watching = new GraphMemo<MetricFilterNode, readonly AlarmWatch[]>();

/** The alarms on the filter's metric (or, in preview, perhaps on it), fit or not. */
export function alarmsOn(filter: MetricFilterNode, graph: StackGraph): readonly AlarmWatch[] {
    // Every alarm against every filter: the chain's costliest join, so it is done once per graph.
    return watching.get(graph, filter, () => graph.alarms.flatMap((a) => watch(filter, a, graph) ?? []));
}
