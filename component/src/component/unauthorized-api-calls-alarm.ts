/**
 * The `UnauthorizedApiCallsAlarm` component: CIS AWS Foundations Benchmark
 * v5.0 control 4.1 ("ensure unauthorized API calls are monitored") as one
 * Pulumi resource. It wires a metric filter on the CloudTrail log group to an
 * alarm, and the alarm to an SNS topic people subscribe to.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CIS_4_1 } from "../intent";
import { defaultAlarmDescription } from "./alarm-description";
import { FilterPatterns, type UnauthorizedApiCallsAlarmArgs } from "./args";
import { kmsKeyPolicyDocument } from "./kms-key-policy";
import { resolveLogGroupName } from "./log-group";
import { checkFilterPattern, chosenPattern } from "./pattern-check";
import { topicPolicyDocument } from "./topic-policy";
import { validateArgs } from "./validate";

/**
 * Monitors unauthorized API calls as CIS AWS Foundations Benchmark v5.0
 * control 4.1 asks: a CloudWatch Logs metric filter on the CloudTrail log
 * group counts calls AWS refused (`*UnauthorizedOperation`, `AccessDenied*`),
 * a CloudWatch alarm fires on the first one, and an SNS topic tells the
 * subscribers.
 *
 * Children (logical names derive from the component's name):
 * - `${name}-filter`: `aws.cloudwatch.LogMetricFilter`
 * - `${name}-alarm`: `aws.cloudwatch.MetricAlarm`
 * - `${name}-topic` and `${name}-topic-policy`: `aws.sns.Topic` and `aws.sns.TopicPolicy`, unless `topicArn` is given
 * - `${name}-key`: `aws.kms.Key`, with `createKmsKey: true`
 * - `${name}-subscription-${i}`: one `aws.sns.TopicSubscription` per entry of `subscriptions`
 *
 * @example
 * const monitoring = new UnauthorizedApiCallsAlarm("unauthorized-api-calls", {
 *     logGroup, // the aws.cloudwatch.LogGroup the trail delivers to
 *     subscriptions: [{ protocol: "email", endpoint: "security@example.com" }],
 * });
 * export const alarmArn = monitoring.alarmArn;
 */
export class UnauthorizedApiCallsAlarm extends pulumi.ComponentResource {
    /** The Pulumi type token of this component. */
    public static readonly __pulumiType = "trailwatch:index:UnauthorizedApiCallsAlarm";

    /** Named filter patterns for the `pattern` argument, e.g. `UnauthorizedApiCallsAlarm.patterns.cisV1_2`. */
    public static readonly patterns = FilterPatterns;

    /**
     * Returns true if `obj` is an `UnauthorizedApiCallsAlarm`, even one created
     * by another copy of this package (where `instanceof` fails).
     */
    public static override isInstance(obj: unknown): obj is UnauthorizedApiCallsAlarm {
        // Every Pulumi resource records its type token on the instance.
        return (
            pulumi.ComponentResource.isInstance(obj) &&
            (obj as { __pulumiType?: unknown }).__pulumiType === UnauthorizedApiCallsAlarm.__pulumiType
        );
    }

    /** The metric filter that counts unauthorized calls in the CloudTrail log group. */
    public readonly metricFilter: aws.cloudwatch.LogMetricFilter;
    /** The alarm that fires on unauthorized calls. */
    public readonly alarm: aws.cloudwatch.MetricAlarm;
    /** The topic the component created; not set when `topicArn` was given. */
    public readonly topic: aws.sns.Topic | undefined;
    /** The created topic's access policy; not set when `topicArn` was given. */
    public readonly topicPolicy: aws.sns.TopicPolicy | undefined;
    /** The KMS key created for the topic; set only with `createKmsKey`. */
    public readonly kmsKey: aws.kms.Key | undefined;
    /** The topic subscriptions, in the order of the `subscriptions` argument. */
    public readonly subscriptions: aws.sns.TopicSubscription[];

    /** Name of the CloudTrail log group the filter reads. */
    public readonly logGroupName: pulumi.Output<string>;
    /** The filter pattern in use. */
    public readonly pattern: pulumi.Output<string>;
    /** Name of the metric filter. */
    public readonly metricFilterName: pulumi.Output<string>;
    /** Name of the metric the filter publishes and the alarm watches. */
    public readonly metricName: pulumi.Output<string>;
    /** CloudWatch namespace of that metric. */
    public readonly metricNamespace: pulumi.Output<string>;
    /** ARN of the alarm. */
    public readonly alarmArn: pulumi.Output<string>;
    /** Name of the alarm. */
    public readonly alarmName: pulumi.Output<string>;
    /** ARN of the topic the alarm notifies (created or given). */
    public readonly topicArn: pulumi.Output<string>;

    /**
     * Creates the metric filter, the alarm and (unless `topicArn` is given) the
     * topic that together monitor unauthorized API calls.
     *
     * @param name The unique name of the component; children's names derive from it.
     * @param args Where CloudTrail delivers, and how to notify.
     * @param opts Options for the component; `provider`/`providers` reach every child.
     * @throws {InvalidArgumentError} when an argument would be rejected by AWS at deploy time.
     */
    constructor(name: string, args: UnauthorizedApiCallsAlarmArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before registering, so a bad argument leaves no half-made component behind.
        validateArgs(name, args);
        const chosen = chosenPattern(args);
        const pattern = chosen ?? CIS_4_1.patterns.default;
        const patternWarning = chosen === undefined ? undefined : checkFilterPattern(name, chosen);

        super(UnauthorizedApiCallsAlarm.__pulumiType, name, {}, opts);
        if (patternWarning !== undefined) {
            void pulumi.log.warn(patternWarning, this);
        }

        const parent = { parent: this };
        const region = args.region;
        const tags = args.tags;
        const period = args.period ?? CIS_4_1.alarm.period;
        const evaluationPeriods = args.evaluationPeriods ?? CIS_4_1.alarm.evaluationPeriods;

        this.logGroupName = resolveLogGroupName(name, args);
        this.pattern = pulumi.output(pattern);

        // One pair of values feeds both the filter and the alarm, so the alarm always watches the metric
        // the filter publishes (and the wiring does not depend on the provider echoing inputs back).
        const metricName = args.metricName ?? CIS_4_1.metric.name;
        const metricNamespace = args.metricNamespace ?? CIS_4_1.metric.namespace;
        this.metricName = pulumi.output(metricName);
        this.metricNamespace = pulumi.output(metricNamespace);

        this.metricFilter = new aws.cloudwatch.LogMetricFilter(
            `${name}-filter`,
            {
                name: args.filterName,
                logGroupName: this.logGroupName,
                pattern,
                metricTransformation: { name: metricName, namespace: metricNamespace, value: CIS_4_1.metric.value },
                region,
            },
            parent,
        );
        this.metricFilterName = this.metricFilter.name;

        const createsTopic = args.topicArn === undefined;
        // Only the topic and key policies need the owning account and partition; with an existing topic
        // nothing is looked up. Looked up through the component, so its providers answer.
        const owner = createsTopic
            ? pulumi.output({
                  accountId: aws.getCallerIdentityOutput({}, parent).accountId,
                  partition: aws.getPartitionOutput({}, parent).partition,
              })
            : undefined;

        this.kmsKey =
            args.createKmsKey === true && owner !== undefined
                ? new aws.kms.Key(
                      `${name}-key`,
                      {
                          description: `Encrypts the SNS topic of the unauthorized API calls alarm "${name}" (CIS ${CIS_4_1.control}).`,
                          enableKeyRotation: true,
                          policy: owner.apply((facts) => JSON.stringify(kmsKeyPolicyDocument(facts))),
                          region,
                          tags,
                      },
                      parent,
                  )
                : undefined;

        this.topic = createsTopic
            ? new aws.sns.Topic(
                  `${name}-topic`,
                  {
                      name: args.topicName,
                      displayName: "Unauthorized AWS API calls",
                      kmsMasterKeyId: this.kmsKey?.arn ?? args.kmsMasterKeyId,
                      region,
                      tags,
                  },
                  parent,
              )
            : undefined;
        this.topicArn = this.topic?.arn ?? pulumi.output(args.topicArn as pulumi.Input<string>);

        this.alarm = new aws.cloudwatch.MetricAlarm(
            `${name}-alarm`,
            {
                name: args.alarmName,
                alarmDescription:
                    args.alarmDescription ??
                    this.logGroupName.apply((group) => defaultAlarmDescription(group, period * evaluationPeriods)),
                namespace: metricNamespace,
                metricName,
                statistic: CIS_4_1.alarm.statistic,
                period,
                evaluationPeriods,
                // One breaching period fires it, so a longer window never makes one call go unnoticed.
                datapointsToAlarm: CIS_4_1.alarm.datapointsToAlarm,
                comparisonOperator: CIS_4_1.alarm.comparisonOperator,
                threshold: CIS_4_1.alarm.threshold,
                treatMissingData: CIS_4_1.alarm.treatMissingData,
                actionsEnabled: true,
                alarmActions: [this.topicArn],
                region,
                tags,
            },
            parent,
        );
        this.alarmArn = this.alarm.arn;
        this.alarmName = this.alarm.name;

        // The policy names the alarm by its real ARN. That is no dependency cycle: the alarm needs the
        // topic's ARN, the policy is a separate resource that needs both, so the order is topic, alarm,
        // policy. Computing the ARN by hand (arn:partition:cloudwatch:region:account:alarm:name) would
        // only be needed if the policy were inline on the topic, and would duplicate AWS's ARN format.
        this.topicPolicy =
            this.topic !== undefined && owner !== undefined
                ? new aws.sns.TopicPolicy(
                      `${name}-topic-policy`,
                      {
                          arn: this.topic.arn,
                          policy: pulumi
                              .all([this.topic.arn, this.alarm.arn, owner])
                              .apply(([topicArn, alarmArn, facts]) => JSON.stringify(topicPolicyDocument({ topicArn, alarmArn, ...facts }))),
                          region,
                      },
                      parent,
                  )
                : undefined;

        // Logical names follow the argument order: reordering subscriptions replaces them.
        this.subscriptions = (args.subscriptions ?? []).map(
            (subscription, i) =>
                new aws.sns.TopicSubscription(
                    `${name}-subscription-${i}`,
                    {
                        topic: this.topicArn,
                        protocol: subscription.protocol,
                        endpoint: subscription.endpoint,
                        subscriptionRoleArn: subscription.subscriptionRoleArn,
                        rawMessageDelivery: subscription.rawMessageDelivery,
                        region,
                    },
                    parent,
                ),
        );

        this.registerOutputs({
            logGroupName: this.logGroupName,
            pattern: this.pattern,
            metricFilterName: this.metricFilterName,
            metricName: this.metricName,
            metricNamespace: this.metricNamespace,
            alarmArn: this.alarmArn,
            alarmName: this.alarmName,
            topicArn: this.topicArn,
        });
    }
}
