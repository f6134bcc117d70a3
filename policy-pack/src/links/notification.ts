/**
 * Link 5: where an alarm's notifications go, and whether the alarm can
 * publish there (the topic's encryption, ./topic-key). Alarm actions and
 * subscriptions name topics by ARN, unknown in a preview of new topics, so
 * they are followed by value when known and through property dependencies
 * when not.
 */
import { parseTopicArn } from "../arns";
import { StackGraph } from "../graph";
import type { AlarmNode, SubscriptionNode, TopicNode } from "../model";
import { YES, allOf, anyOf, no, unknown, type Outcome } from "../outcome";
import { moveToRegionFix, namedRegion, sameRegion, type Region } from "../regions";
import { asString } from "../resources";
import { TYPES } from "../tokens";
import { topicKeyUsable } from "./topic-key";

/** Where an alarm's notifications go. */
export interface Notification {
    /** Whether someone is notified. */
    readonly outcome: Outcome;
    /** Advisories, e.g. a topic managed in another stack. */
    readonly notes: readonly string[];
}

/** The subscription subscribes to the topic. A "no" names the subscription and the topic it subscribes to. */
function subscribesTo(subscription: SubscriptionNode, topic: TopicNode, graph: StackGraph): Outcome {
    const named = `aws.sns.TopicSubscription "${subscription.label}"`;
    const arn = subscription.topic;
    if (arn.state === "absent") {
        return no(`${named} names no topic`);
    }
    const other = arn.state === "known" ? `${named} subscribes to another topic (${arn.secret ? "[secret]" : arn.value})` : "";
    if (arn.state === "known") {
        if (topic.arn.state === "known") {
            return topic.arn.value === arn.value ? YES : no(other);
        }
        const parsed = parseTopicArn(arn.value);
        if (parsed !== undefined && topic.name.state === "known") {
            return topic.name.value === parsed.name ? sameRegion(topic.region, namedRegion(parsed.region)) : no(other);
        }
    }
    // A value not known yet is followed through the resources it is computed from.
    const sources = graph.dependenciesOf(subscription, "topic").filter((n) => n.resource.type === TYPES.topic);
    if (sources.includes(topic)) {
        return YES;
    }
    return sources.length > 0
        ? no(`${named} subscribes to another topic ("${sources[0].label}")`)
        : unknown(`the topic of subscription "${subscription.label}" is unknown during preview`);
}

/** Audit step 5 for a topic in the stack: it has at least one subscription. */
export function isSubscribed(topic: TopicNode, graph: StackGraph): Outcome {
    const outcomes = graph.subscriptions.map((s) => subscribesTo(s, topic, graph));
    if (outcomes.some((o) => o.status !== "no")) {
        return anyOf(outcomes, "");
    }
    // The topic is what breaks the link; other topics' subscriptions are only context.
    return no(`topic "${topic.label}" has no subscription, so the alarm notifies no one`);
}

/**
 * The advisory for a topic all of whose subscriptions are recorded as
 * `pendingConfirmation: true`. The provider records an email (or
 * unconfirmed http/https) subscription as pending when it creates it and
 * only a `pulumi refresh` updates that, so the state may predate a
 * confirmation: say so, and what to do, without blocking.
 */
export function pendingConfirmationNote(topic: TopicNode, graph: StackGraph): string | undefined {
    const subscriptions = graph.subscriptions.filter((s) => subscribesTo(s, topic, graph).status === "yes");
    const pending = subscriptions.filter((s) => s.pendingConfirmation.state === "known" && s.pendingConfirmation.value);
    if (subscriptions.length === 0 || pending.length < subscriptions.length) {
        return undefined;
    }
    const protocol = (s: SubscriptionNode) => (s.protocol.state === "known" && !s.protocol.secret ? ` (${s.protocol.value})` : "");
    const names = pending.map((s) => `aws.sns.TopicSubscription "${s.label}"${protocol(s)}`).join(", ");
    return (
        `every subscription of topic "${topic.label}" is recorded as pendingConfirmation: true (${names}); ` +
        "the state may predate a confirmation, and an unconfirmed subscriber receives nothing. " +
        "Fix: confirm the subscription (follow the link in the message SNS sent the endpoint), then run pulumi refresh so the state records it"
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

/**
 * A CloudWatch alarm notifies only SNS topics in its own region: PutMetricAlarm
 * rejects an action naming another region's topic ("ValidationError: Invalid
 * region ca-central-1 specified. Only us-west-2 is supported.", as reported in
 * https://github.com/cds-snc/notification-terraform/pull/128). A topic whose
 * region is known to differ from the alarm's is no notification; one whose
 * region the stack does not say keeps the answer the rest of the link gives.
 */
function inAlarmRegion(alarm: AlarmNode, topicRegion: Region, topic: string, secret = false): Outcome {
    const same = sameRegion(topicRegion, alarm.region);
    if (same.status !== "no") {
        return YES;
    }
    const where = secret ? "another region" : `another region (${same.why})`;
    return no(
        `alarm "${alarm.label}" names SNS topic ${topic} in ${where}; an alarm can only notify a topic in its own region`,
        moveToRegionFix(`the SNS topic alarm "${alarm.label}" notifies`, alarm.region, "an alarm notifies only topics in its own region") +
            " Subscribe someone to a topic in that region and list its ARN in alarmActions.",
    );
}

/**
 * The alarm can publish to the topic (its encryption) and someone is
 * subscribed, adding the pending-confirmation advisory to `notes` when it
 * applies.
 */
function subscribedWithNote(topic: TopicNode, graph: StackGraph, notes: string[]): Outcome {
    const outcome = allOf([() => topicKeyUsable(topic, graph), () => isSubscribed(topic, graph)]);
    const note = outcome.status === "yes" ? pendingConfirmationNote(topic, graph) : undefined;
    if (note !== undefined) {
        notes.push(note);
    }
    return outcome;
}

/** Audit step 5: the alarm's actions include an SNS topic somebody subscribes to. */
export function notification(alarm: AlarmNode, graph: StackGraph): Notification {
    const actions = alarm.alarmActions;
    const dependencyTopics = graph.dependenciesOf(alarm, "alarmActions").filter((n): n is TopicNode =>
        StackGraph.isType<TopicNode>(n, TYPES.topic),
    );
    const notes: string[] = [];
    if (actions.state === "absent" || (actions.state === "known" && actions.value.length === 0)) {
        const fix =
            `list an SNS topic in alarmActions of alarm "${alarm.label}" (alarmActions: [topic.arn], a topic in the alarm's region) ` +
            "and subscribe someone to it (an aws.sns.TopicSubscription with protocol \"email\").";
        return { outcome: no(`alarm "${alarm.label}" has no alarm actions`, fix), notes };
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
            const shownArn = element.secret ? "[secret]" : element.value;
            const parsed = parseTopicArn(element.value);
            const region = parsed === undefined ? YES : inAlarmRegion(alarm, namedRegion(parsed.region), shownArn, element.secret);
            if (region.status === "no") {
                outcomes.push(region);
                continue;
            }
            const target = topicNamed(element.value, graph);
            if (target === "external") {
                notes.push(
                    `alarm "${alarm.label}" notifies SNS topic ${shownArn}, which is not managed in this stack. Fix: make sure it has a confirmed subscriber (its owner can list them with aws sns list-subscriptions-by-topic)`,
                );
                outcomes.push(YES);
            } else if (target !== undefined) {
                outcomes.push(subscribedWithNote(target, graph, notes));
            }
        }
    }
    if (unresolved) {
        // An unknown action is computed from the resources its property
        // depends on: when those are topics in this stack, they are the
        // actions (a literal ARN mixed in would name a topic managed
        // elsewhere, which is accepted anyway once it is known).
        outcomes.push(
            ...dependencyTopics.map((t) => {
                const region = inAlarmRegion(alarm, t.region, `"${t.label}"`);
                return region.status === "no" ? region : subscribedWithNote(t, graph, notes);
            }),
        );
        if (dependencyTopics.length === 0) {
            outcomes.push(
                unknown(`alarmActions of alarm "${alarm.label}" is unknown during preview and is not computed from a topic in this stack`),
            );
        }
    }
    return { outcome: anyOf(outcomes, `the alarm actions of alarm "${alarm.label}" include no SNS topic`), notes };
}
