/**
 * The `CisMonitoringAlarms` component: the CIS AWS Foundations Benchmark v5.0
 * section-4 metric-filter controls (4.1–4.15, or any subset) as one Pulumi
 * resource, on one CloudTrail log group and one SNS topic. Each control is a
 * catalog entry (`../intent`); this class only reads them.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CisMonitoringAlarmsArgs } from "./cis-monitoring-alarms-args";
import { CIS_MONITORING_ALARMS, planControls } from "./control-plan";
import { resolveLogGroupName } from "./log-group";
import { provisionMonitoring } from "./monitoring";

/**
 * Monitors the CIS AWS Foundations Benchmark v5.0 section-4 controls 4.1–4.15
 * (or the ones chosen) on one CloudTrail log group: per control a CloudWatch
 * Logs metric filter with the control's CIS pattern and a CloudWatch alarm
 * that fires on the first matching event, all notifying one SNS topic.
 *
 * Children (logical names derive from the component's name and the control's
 * CIS v5.0 number):
 * - `${name}-4.N-filter`: `aws.cloudwatch.LogMetricFilter`, and `${name}-4.N-alarm`: `aws.cloudwatch.MetricAlarm`, per control
 * - `${name}-topic` and `${name}-topic-policy`: `aws.sns.Topic` and `aws.sns.TopicPolicy`, unless `topicArn` is given
 * - `${name}-key`: `aws.kms.Key`, with `createKmsKey: true`
 * - `${name}-subscription-${i}`: one `aws.sns.TopicSubscription` per entry of `subscriptions`
 *
 * @example
 * const monitoring = new CisMonitoringAlarms("cis-monitoring", {
 *     logGroup, // the aws.cloudwatch.LogGroup the trail delivers to
 *     subscriptions: [{ protocol: "email", endpoint: "security@example.com" }],
 *     overrides: { "4.2": { patternPreset: "cisV5Sso" } },
 * });
 * export const alarmArns = monitoring.alarmArns;
 */
export class CisMonitoringAlarms extends pulumi.ComponentResource {
    /** The Pulumi type token of this component. */
    public static readonly __pulumiType = `trailwatch:index:${CIS_MONITORING_ALARMS}`;

    /**
     * Returns true if `obj` is a `CisMonitoringAlarms`, even one created by
     * another copy of this package (where `instanceof` fails).
     */
    public static override isInstance(obj: unknown): obj is CisMonitoringAlarms {
        return (
            pulumi.ComponentResource.isInstance(obj) &&
            (obj as { __pulumiType?: unknown }).__pulumiType === CisMonitoringAlarms.__pulumiType
        );
    }

    /** The metric filters, by CIS v5.0 control number (e.g. `4.3`). */
    public readonly metricFilters: Record<string, aws.cloudwatch.LogMetricFilter>;
    /** The alarms, by CIS v5.0 control number (e.g. `4.3`). */
    public readonly alarms: Record<string, aws.cloudwatch.MetricAlarm>;
    /** The topic the component created; not set when `topicArn` was given. */
    public readonly topic: aws.sns.Topic | undefined;
    /** The created topic's access policy, which lets every alarm publish; not set when `topicArn` was given. */
    public readonly topicPolicy: aws.sns.TopicPolicy | undefined;
    /** The KMS key created for the topic; set only with `createKmsKey`. */
    public readonly kmsKey: aws.kms.Key | undefined;
    /** The topic subscriptions, in the order of the `subscriptions` argument. */
    public readonly subscriptions: aws.sns.TopicSubscription[];

    /** The CIS v5.0 numbers of the monitored controls, in benchmark order. */
    public readonly controls: pulumi.Output<string[]>;
    /** Name of the CloudTrail log group the filters read. */
    public readonly logGroupName: pulumi.Output<string>;
    /** The filter pattern in use, by control number. */
    public readonly patterns: pulumi.Output<Record<string, string>>;
    /** ARN of each alarm, by control number. */
    public readonly alarmArns: pulumi.Output<Record<string, string>>;
    /** ARN of the topic every alarm notifies (created or given). */
    public readonly topicArn: pulumi.Output<string>;

    /**
     * Creates a metric filter and an alarm per control and (unless `topicArn`
     * is given) the topic they all notify.
     *
     * @param name The unique name of the component; children's names derive from it.
     * @param args Where CloudTrail delivers, which controls, and how to notify.
     * @param opts Options for the component; `provider`/`providers` reach every child.
     * @throws {InvalidArgumentError} when an argument would be rejected by AWS at deploy time or names no control.
     */
    constructor(name: string, args: CisMonitoringAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate (and check every custom pattern) before registering, so a bad argument leaves nothing behind.
        const planned = planControls(name, args);

        super(CisMonitoringAlarms.__pulumiType, name, {}, opts);
        for (const { patternWarning } of planned) {
            if (patternWarning !== undefined) {
                void pulumi.log.warn(patternWarning, this);
            }
        }

        this.logGroupName = resolveLogGroupName(CIS_MONITORING_ALARMS, name, args);
        const numbers = planned.map((p) => p.control.control);
        const children = provisionMonitoring(this, name, {
            logGroupName: this.logGroupName,
            controls: planned,
            notification: args,
            topicDisplayName: "CIS AWS monitoring alarms",
            keyDescription: `Encrypts the SNS topic of the CIS monitoring alarms "${name}" (CIS ${numbers.join(", ")}).`,
        });
        const byControl = <T>(pick: (i: number) => T): Record<string, T> => Object.fromEntries(numbers.map((n, i) => [n, pick(i)]));
        this.metricFilters = byControl((i) => children.controls[i].metricFilter);
        this.alarms = byControl((i) => children.controls[i].alarm);
        this.topic = children.topic;
        this.topicPolicy = children.topicPolicy;
        this.kmsKey = children.kmsKey;
        this.subscriptions = children.subscriptions;
        this.topicArn = children.topicArn;

        this.controls = pulumi.output(numbers);
        this.patterns = pulumi.output(byControl((i) => planned[i].pattern));
        this.alarmArns = pulumi.all(byControl((i) => children.controls[i].alarm.arn));

        this.registerOutputs({
            controls: this.controls,
            logGroupName: this.logGroupName,
            patterns: this.patterns,
            alarmArns: this.alarmArns,
            topicArn: this.topicArn,
        });
    }
}
