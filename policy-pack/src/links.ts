/**
 * The links of the chain: trail → log group → metric filter → alarm → topic
 * → subscription. Each link is followed by value when the values are known
 * (names, ARNs) and through the engine's property dependencies when they are
 * not (in a preview, `${logGroup.arn}:*` is unknown but depends on the log
 * group's URN). A link the stack cannot settle yet is "unknown", with why.
 */
import { parseLogGroupArn, parseTopicArn } from "./arns";
import { StackGraph } from "./graph";
import type { AlarmNode, LogGroupNode, MetricFilterNode, SubscriptionNode, TopicNode, TrailNode } from "./model";
import { YES, allOf, anyOf, no, unknown, type No, type Outcome, type Unknown } from "./outcome";
import { namedRegion, sameRegion, type Region } from "./regions";
import { ABSENT_FIELD, asProps, asString, known, type Field, type Props } from "./resources";
import type { AlarmStatistic } from "./rules/alarm";
import { TYPES } from "./tokens";

/** The log group a chain runs through; it may be managed in this stack or elsewhere. */
export interface LogGroupRef {
    /** Its physical name. */
    readonly name: Field<string>;
    /** Its region, or "any" for a configured external group without one. */
    readonly region: Region | "any";
    /** The log group resource, when this stack manages it. */
    readonly node?: LogGroupNode;
    /** The trail that delivers to it, when the chain starts at one. */
    readonly trail?: TrailNode;
}

/** Where a trail delivers, or why it does not (yet). */
export type Delivery = { readonly status: "yes"; readonly group: LogGroupRef } | No | Unknown;

function groupFromNode(node: LogGroupNode, trail: TrailNode): LogGroupRef {
    return { name: node.name, region: node.region, node, trail };
}

/** Audit step 2: the CloudWatch Logs group the trail delivers to. */
export function deliveryOf(trail: TrailNode, graph: StackGraph): Delivery {
    const arn = trail.logGroupArn;
    if (arn.state === "absent") {
        return no("it does not deliver to CloudWatch Logs (cloudWatchLogsGroupArn is not set)");
    }
    if (arn.state === "known") {
        const parsed = parseLogGroupArn(arn.value);
        if (parsed === undefined) {
            return no("its cloudWatchLogsGroupArn is not a CloudWatch Logs group ARN");
        }
        const region = namedRegion(parsed.region);
        const node = graph.logGroups.find(
            (g) =>
                (g.arn.state === "known" && g.arn.value === arn.value.replace(/:\*$/, "")) ||
                (g.name.state === "known" && g.name.value === parsed.name && sameRegion(g.region, region).status === "yes"),
        );
        return { status: "yes", group: { name: known(parsed.name, arn.secret), region, node, trail } };
    }
    const groups = graph.dependenciesOf(trail, "cloudWatchLogsGroupArn").filter((n): n is LogGroupNode =>
        StackGraph.isType<LogGroupNode>(n, TYPES.logGroup),
    );
    if (groups.length === 1) {
        return { status: "yes", group: groupFromNode(groups[0], trail) };
    }
    return unknown(
        groups.length === 0
            ? `cloudWatchLogsGroupArn of trail "${trail.label}" is unknown during preview and is not computed from a log group in this stack`
            : `cloudWatchLogsGroupArn of trail "${trail.label}" is unknown during preview and is computed from ${groups.length} log groups`,
    );
}

/** Human name of a log group, never printing a secret. */
export function groupLabel(group: LogGroupRef): string {
    if (group.name.state === "known") {
        return group.name.secret ? "[secret]" : group.name.value;
    }
    return group.node ? group.node.label : "(unknown)";
}

/** The filter reads the log group (same name, same region). */
export function filterReadsGroup(filter: MetricFilterNode, group: LogGroupRef, graph: StackGraph): Outcome {
    const region = (): Outcome => (group.region === "any" ? YES : sameRegion(filter.region, group.region));
    const name = (): Outcome => {
        const own = filter.logGroupName;
        if (own.state === "known" && group.name.state === "known") {
            return own.value === group.name.value ? YES : no("it reads another log group");
        }
        if (own.state === "absent") {
            return no("it names no log group");
        }
        // A value not known yet is followed through the resources it is computed from.
        const sources = graph.dependenciesOf(filter, "logGroupName");
        const sourceGroups = sources.filter((n) => n.resource.type === TYPES.logGroup);
        if (group.node !== undefined && sourceGroups.includes(group.node)) {
            return YES;
        }
        // The component, given a trail, reads the group name off the trail's ARN.
        if (group.trail !== undefined && sourceGroups.length === 0 && sources.includes(group.trail)) {
            return YES;
        }
        if (own.state === "unknown") {
            return sourceGroups.length > 0
                ? no("its log group name is computed from another log group")
                : unknown(`logGroupName of metric filter "${filter.label}" is unknown during preview`);
        }
        return unknown(`the name of log group "${groupLabel(group)}" is unknown during preview`);
    };
    return allOf([name, region]);
}

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

/** A metric query's metric and statistic, if it queries a metric. */
function queryMetric(query: Props): (MetricRef & { readonly stat: Field<string> }) | undefined {
    const metric = query.props("metric");
    if (metric.state !== "known") {
        return undefined;
    }
    return {
        namespace: metric.value.string("namespace"),
        name: metric.value.string("metricName"),
        dimensions: metric.value.get("dimensions"),
        stat: metric.value.string("stat"),
    };
}

/**
 * What a metric-math alarm alarms on: the returned query's metric, directly
 * or through an expression that is just another query's id (`m1`). Any
 * other expression is beyond what the pack evaluates.
 */
function returnedMetric(queries: readonly Props[]): (MetricRef & { readonly stat: Field<string> }) | string {
    const returned = returnedQuery(queries);
    if (returned === undefined) {
        return "it returns no single metric query";
    }
    const direct = queryMetric(returned);
    if (direct !== undefined) {
        return direct;
    }
    const expression = returned.string("expression");
    const target = queries.find((q) => {
        const id = q.string("id");
        return expression.state === "known" && id.state === "known" && id.value === expression.value.trim();
    });
    const metric = target === undefined ? undefined : queryMetric(target);
    return metric ?? "it alarms on a metric-math expression; the pack follows only an expression that returns a metric query unchanged";
}

/**
 * How `alarm` watches `filter`'s metric, or undefined when it is about
 * another metric altogether. An alarm on the right metric that is unfit
 * (wrong region, dimensions, an expression the pack cannot follow) is kept,
 * so the failure can say why.
 */
function watch(filter: MetricFilterNode, alarm: AlarmNode, graph: StackGraph): AlarmWatch | undefined {
    const named = `alarm "${alarm.label}"`;
    const own: AlarmStatistic = { statistic: alarm.statistic, extendedStatistic: alarm.extendedStatistic };
    const region = (): Outcome => {
        const same = sameRegion(alarm.region, filter.region);
        return same.status === "no" ? no(`${named} watches the metric in another region (${same.why})`) : same;
    };
    const dimensions = (metric: MetricRef) => (): Outcome =>
        hasDimensions(metric.dimensions) ? no(`${named} watches the metric with dimensions the filter does not publish`) : YES;
    const queries = alarm.metricQueries;
    if (queries.state === "unknown") {
        return { alarm, stat: own, link: unknown(`metricQueries of alarm "${alarm.label}" is unknown during preview`) };
    }
    if (queries.state === "known" && queries.value.length > 0) {
        const bags = queries.value.map(asProps).flatMap((q) => (q.state === "known" ? [q.value] : []));
        const metric = returnedMetric(bags);
        if (typeof metric === "string") {
            // Unfit, but about this filter's metric only if one of its queries reads it.
            const reads = bags.some((q) => {
                const m = queryMetric(q);
                return m !== undefined && sameMetric(filter, alarm, graph, m, "metricQueries").status === "yes";
            });
            return reads ? { alarm, stat: own, link: no(`${named}: ${metric}`) } : undefined;
        }
        const same = sameMetric(filter, alarm, graph, metric, "metricQueries");
        const stat: AlarmStatistic = { statistic: metric.stat, extendedStatistic: ABSENT_FIELD };
        return same.status === "no" ? undefined : { alarm, stat, link: allOf([() => same, dimensions(metric), region]) };
    }
    const metric: MetricRef = { namespace: alarm.namespace, name: alarm.metricName, dimensions: alarm.dimensions };
    const same = sameMetric(filter, alarm, graph, metric, "metricName");
    return same.status === "no" ? undefined : { alarm, stat: own, link: allOf([() => same, dimensions(metric), region]) };
}

/** The alarms on the filter's metric (or, in preview, perhaps on it), fit or not. */
export function alarmsOn(filter: MetricFilterNode, graph: StackGraph): readonly AlarmWatch[] {
    return graph.alarms.flatMap((a) => watch(filter, a, graph) ?? []);
}

/** Where an alarm's notifications go. */
export interface Notification {
    /** Whether someone is notified. */
    readonly outcome: Outcome;
    /** Advisories, e.g. a topic managed in another stack. */
    readonly notes: readonly string[];
}

/** The subscription subscribes to the topic. */
function subscribesTo(subscription: SubscriptionNode, topic: TopicNode, graph: StackGraph): Outcome {
    const arn = subscription.topic;
    if (arn.state === "absent") {
        return no("it names no topic");
    }
    if (arn.state === "known") {
        if (topic.arn.state === "known") {
            return topic.arn.value === arn.value ? YES : no("it subscribes to another topic");
        }
        const parsed = parseTopicArn(arn.value);
        if (parsed !== undefined && topic.name.state === "known") {
            return topic.name.value === parsed.name ? sameRegion(topic.region, namedRegion(parsed.region)) : no("it subscribes to another topic");
        }
    }
    // A value not known yet is followed through the resources it is computed from.
    const sources = graph.dependenciesOf(subscription, "topic").filter((n) => n.resource.type === TYPES.topic);
    if (sources.includes(topic)) {
        return YES;
    }
    return sources.length > 0
        ? no("it subscribes to another topic")
        : unknown(`the topic of subscription "${subscription.label}" is unknown during preview`);
}

/** Audit step 5 for a topic in the stack: it has at least one subscription. */
export function isSubscribed(topic: TopicNode, graph: StackGraph): Outcome {
    return anyOf(
        graph.subscriptions.map((s) => subscribesTo(s, topic, graph)),
        `topic "${topic.label}" has no subscription, so the alarm notifies no one`,
    );
}

/** The in-stack topic an SNS ARN names, if any. */
function topicNamed(arn: string, graph: StackGraph): TopicNode | "external" | undefined {
    const parsed = parseTopicArn(arn);
    if (parsed === undefined) {
        return undefined;
    }
    const node = graph.topics.find(
        (t) =>
            (t.arn.state === "known" && t.arn.value === arn) ||
            (t.name.state === "known" && t.name.value === parsed.name && sameRegion(t.region, namedRegion(parsed.region)).status === "yes"),
    );
    return node ?? "external";
}

/** Audit step 5: the alarm's actions include an SNS topic somebody subscribes to. */
export function notification(alarm: AlarmNode, graph: StackGraph): Notification {
    const actions = alarm.alarmActions;
    const dependencyTopics = graph.dependenciesOf(alarm, "alarmActions").filter((n): n is TopicNode =>
        StackGraph.isType<TopicNode>(n, TYPES.topic),
    );
    const notes: string[] = [];
    if (actions.state === "absent" || (actions.state === "known" && actions.value.length === 0)) {
        return { outcome: no(`alarm "${alarm.label}" has no alarm actions`), notes };
    }
    const outcomes: Outcome[] = [];
    let unresolved = actions.state === "unknown";
    if (actions.state === "known") {
        for (const element of actions.value.map(asString)) {
            if (element.state === "unknown") {
                unresolved = true;
                continue;
            }
            if (element.state !== "known") {
                continue;
            }
            const target = topicNamed(element.value, graph);
            if (target === "external") {
                notes.push(
                    `alarm "${alarm.label}" notifies SNS topic ${element.secret ? "[secret]" : element.value}, which is not managed in this stack; make sure it has a confirmed subscriber`,
                );
                outcomes.push(YES);
            } else if (target !== undefined) {
                outcomes.push(isSubscribed(target, graph));
            }
        }
    }
    if (unresolved) {
        // An unknown action is computed from the resources its property
        // depends on: when those are topics in this stack, they are the
        // actions (a literal ARN mixed in would name a topic managed
        // elsewhere, which is accepted anyway once it is known).
        outcomes.push(...dependencyTopics.map((t) => isSubscribed(t, graph)));
        if (dependencyTopics.length === 0) {
            outcomes.push(
                unknown(`alarmActions of alarm "${alarm.label}" is unknown during preview and is not computed from a topic in this stack`),
            );
        }
    }
    return { outcome: anyOf(outcomes, `the alarm actions of alarm "${alarm.label}" include no SNS topic`), notes };
}
