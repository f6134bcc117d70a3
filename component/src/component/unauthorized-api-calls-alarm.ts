/**
 * The `UnauthorizedApiCallsAlarm` component: CIS AWS Foundations Benchmark
 * v5.0 control 4.1 ("ensure unauthorized API calls are monitored") as one
 * Pulumi resource. It wires a metric filter on the CloudTrail log group to an
 * alarm, and the alarm to an SNS topic people subscribe to.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CIS_4_1 } from "../intent";
import { FilterPatterns, type UnauthorizedApiCallsAlarmArgs } from "./args";
import { resolveLogGroupName } from "./log-group";
import { provisionMonitoring } from "./monitoring";
import { checkFilterPattern, chosenPattern } from "./pattern-check";
import { validateArgs } from "./validate";

/** The type name messages open with. */
const COMPONENT_TYPE = "UnauthorizedApiCallsAlarm";

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
        const patternWarning =
            chosen === undefined
                ? undefined
                : checkFilterPattern({ componentType: COMPONENT_TYPE, componentName: name, argument: "pattern", catches: "every unauthorized API call" }, CIS_4_1, chosen);

        super(UnauthorizedApiCallsAlarm.__pulumiType, name, {}, opts);
        if (patternWarning !== undefined) {
            void pulumi.log.warn(patternWarning, this);
        }

        this.logGroupName = resolveLogGroupName(COMPONENT_TYPE, name, args);
        this.pattern = pulumi.output(pattern);
        const metricName = args.metricName ?? CIS_4_1.metric.name;
        const metricNamespace = args.metricNamespace ?? CIS_4_1.metric.namespace;
        this.metricName = pulumi.output(metricName);
        this.metricNamespace = pulumi.output(metricNamespace);

        // The 4.1 case of the shared implementation, with the children's names it has always had.
        const children = provisionMonitoring(this, name, {
            logGroupName: this.logGroupName,
            controls: [
                {
                    control: CIS_4_1,
                    childPrefix: "",
                    pattern,
                    filterName: args.filterName,
                    metricNamespace,
                    metricName,
                    alarmName: args.alarmName,
                    alarmDescription: args.alarmDescription,
                    period: args.period ?? CIS_4_1.alarm.period,
                    evaluationPeriods: args.evaluationPeriods ?? CIS_4_1.alarm.evaluationPeriods,
                },
            ],
            notification: args,
            topicDisplayName: "Unauthorized AWS API calls",
            keyDescription: `Encrypts the SNS topic of the unauthorized API calls alarm "${name}" (CIS ${CIS_4_1.control}).`,
        });
        const [{ metricFilter, alarm }] = children.controls;
        this.metricFilter = metricFilter;
        this.alarm = alarm;
        this.topic = children.topic;
        this.topicPolicy = children.topicPolicy;
        this.kmsKey = children.kmsKey;
        this.subscriptions = children.subscriptions;
        this.topicArn = children.topicArn;
        this.metricFilterName = metricFilter.name;
        this.alarmArn = alarm.arn;
        this.alarmName = alarm.name;

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
