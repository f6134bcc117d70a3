/**
 * The resources behind every trailwatch monitoring component: for each
 * control, a metric filter on the CloudTrail log group and an alarm on its
 * metric; one SNS topic (created with its policy and optional key, or given)
 * that every alarm notifies; and the topic's subscriptions. The resources are
 * generic: what a control counts and how it alarms comes from its resolved
 * settings, which come from its catalog entry.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MonitoringControl } from "../intent";
import { defaultAlarmDescription } from "./alarm-description";
import { kmsKeyPolicyDocument } from "./kms-key-policy";
import type { NotificationArgs } from "./shared-args";
import { topicPolicyDocument } from "./topic-policy";

/** One control's filter and alarm, with every default filled in. */
export interface ControlPlan {
    /** The catalog entry monitored. */
    readonly control: MonitoringControl;
    /** Inserted after the component name in the children's logical names (`""`, or e.g. `-4.3`). */
    readonly childPrefix: string;
    readonly pattern: string;
    readonly filterName: pulumi.Input<string> | undefined;
    readonly metricNamespace: string;
    readonly metricName: string;
    readonly alarmName: pulumi.Input<string> | undefined;
    readonly alarmDescription: pulumi.Input<string> | undefined;
    readonly period: number;
    readonly evaluationPeriods: number;
}

/** Everything the resources are created from. */
export interface MonitoringPlan {
    readonly logGroupName: pulumi.Output<string>;
    /** The controls, in the order their children are created. */
    readonly controls: readonly ControlPlan[];
    readonly notification: NotificationArgs;
    /** The created topic's display name. */
    readonly topicDisplayName: string;
    /** The created KMS key's description. */
    readonly keyDescription: string;
}

/** One control's children. */
export interface ControlChildren {
    readonly metricFilter: aws.cloudwatch.LogMetricFilter;
    readonly alarm: aws.cloudwatch.MetricAlarm;
}

/** Every child created, and the topic the alarms notify. */
export interface MonitoringChildren {
    /** In the order of {@link MonitoringPlan.controls}. */
    readonly controls: readonly ControlChildren[];
    readonly topic: aws.sns.Topic | undefined;
    readonly topicPolicy: aws.sns.TopicPolicy | undefined;
    readonly kmsKey: aws.kms.Key | undefined;
    readonly subscriptions: aws.sns.TopicSubscription[];
    readonly topicArn: pulumi.Output<string>;
}

/**
 * Creates the children of `component` for `plan`. Logical names derive from
 * `name`: `${name}${childPrefix}-filter` and `-alarm` per control, and
 * `${name}-topic`, `-topic-policy`, `-key`, `-subscription-${i}` once.
 */
export function provisionMonitoring(component: pulumi.ComponentResource, name: string, plan: MonitoringPlan): MonitoringChildren {
    const parent = { parent: component };
    const { region, tags } = plan.notification;

    const filters = plan.controls.map(
        (c) =>
            new aws.cloudwatch.LogMetricFilter(
                `${name}${c.childPrefix}-filter`,
                {
                    name: c.filterName,
                    logGroupName: plan.logGroupName,
                    pattern: c.pattern,
                    // One pair of values feeds both the filter and the alarm, so the alarm always watches the metric
                    // the filter publishes (and the wiring does not depend on the provider echoing inputs back).
                    metricTransformation: { name: c.metricName, namespace: c.metricNamespace, value: c.control.metric.value },
                    region,
                },
                parent,
            ),
    );

    const createsTopic = plan.notification.topicArn === undefined;
    // Only the topic and key policies need the owning account and partition; with an existing topic
    // nothing is looked up. Looked up through the component, so its providers answer.
    const owner = createsTopic
        ? pulumi.output({
              accountId: aws.getCallerIdentityOutput({}, parent).accountId,
              partition: aws.getPartitionOutput({}, parent).partition,
          })
        : undefined;

    const kmsKey =
        plan.notification.createKmsKey === true && owner !== undefined
            ? new aws.kms.Key(
                  `${name}-key`,
                  {
                      description: plan.keyDescription,
                      enableKeyRotation: true,
                      policy: owner.apply((facts) => JSON.stringify(kmsKeyPolicyDocument(facts))),
                      region,
                      tags,
                  },
                  parent,
              )
            : undefined;

    const topic = createsTopic
        ? new aws.sns.Topic(
              `${name}-topic`,
              {
                  name: plan.notification.topicName,
                  displayName: plan.topicDisplayName,
                  kmsMasterKeyId: kmsKey?.arn ?? plan.notification.kmsMasterKeyId,
                  region,
                  tags,
              },
              parent,
          )
        : undefined;
    const topicArn = topic?.arn ?? pulumi.output(plan.notification.topicArn as pulumi.Input<string>);

    const alarms = plan.controls.map(
        (c) =>
            new aws.cloudwatch.MetricAlarm(
                `${name}${c.childPrefix}-alarm`,
                {
                    name: c.alarmName,
                    alarmDescription:
                        c.alarmDescription ??
                        plan.logGroupName.apply((group) => defaultAlarmDescription(c.control, group, c.period * c.evaluationPeriods)),
                    namespace: c.metricNamespace,
                    metricName: c.metricName,
                    statistic: c.control.alarm.statistic,
                    period: c.period,
                    evaluationPeriods: c.evaluationPeriods,
                    // One breaching period fires it, so a longer window never makes one event go unnoticed.
                    datapointsToAlarm: c.control.alarm.datapointsToAlarm,
                    comparisonOperator: c.control.alarm.comparisonOperator,
                    threshold: c.control.alarm.threshold,
                    treatMissingData: c.control.alarm.treatMissingData,
                    actionsEnabled: true,
                    alarmActions: [topicArn],
                    region,
                    tags,
                },
                parent,
            ),
    );

    // The policy names the alarms by their real ARNs. That is no dependency cycle: an alarm needs the
    // topic's ARN, the policy is a separate resource that needs both, so the order is topic, alarms,
    // policy. Computing the ARNs by hand (arn:partition:cloudwatch:region:account:alarm:name) would
    // only be needed if the policy were inline on the topic, and would duplicate AWS's ARN format.
    const topicPolicy =
        topic !== undefined && owner !== undefined
            ? new aws.sns.TopicPolicy(
                  `${name}-topic-policy`,
                  {
                      arn: topic.arn,
                      policy: pulumi
                          .all([topic.arn, pulumi.all(alarms.map((alarm) => alarm.arn)), owner])
                          .apply(([arn, alarmArns, facts]) => JSON.stringify(topicPolicyDocument({ topicArn: arn, alarmArns, ...facts }))),
                      region,
                  },
                  parent,
              )
            : undefined;

    // Logical names follow the argument order: reordering subscriptions replaces them.
    const subscriptions = (plan.notification.subscriptions ?? []).map(
        (subscription, i) =>
            new aws.sns.TopicSubscription(
                `${name}-subscription-${i}`,
                {
                    topic: topicArn,
                    protocol: subscription.protocol,
                    endpoint: subscription.endpoint,
                    subscriptionRoleArn: subscription.subscriptionRoleArn,
                    rawMessageDelivery: subscription.rawMessageDelivery,
                    region,
                },
                parent,
            ),
    );

    return {
        controls: plan.controls.map((_, i) => ({ metricFilter: filters[i], alarm: alarms[i] })),
        topic,
        topicPolicy,
        kmsKey,
        subscriptions,
        topicArn,
    };
}
