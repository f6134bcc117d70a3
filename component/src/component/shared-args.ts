/**
 * The arguments every trailwatch monitoring component shares: where CloudTrail
 * delivers, and where the alarms notify. Types only; each component's own
 * arguments extend these.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AlarmSubscription } from "./subscription";

// Property comments are plain text without link tags: the component provider's schema (the source of the
// Python, Go, C# and YAML SDKs) takes them verbatim, and the analyzer turns a link tag into "[object Object]".

/** The CloudTrail log group the metric filters read, given in exactly one of three ways. */
export interface LogGroupSourceArgs {
    /**
     * Name of the CloudWatch Logs log group CloudTrail delivers to. Give
     * exactly one of `logGroupName`, `logGroup` and `trail`.
     */
    readonly logGroupName?: pulumi.Input<string>;
    /**
     * The CloudWatch Logs log group CloudTrail delivers to; its name is used.
     * Give exactly one of `logGroupName`, `logGroup` and `trail`.
     */
    readonly logGroup?: aws.cloudwatch.LogGroup;
    /**
     * The CloudTrail trail whose CloudWatch Logs delivery is monitored; the log
     * group name is taken from its `cloudWatchLogsGroupArn`. The trail must
     * deliver to CloudWatch Logs. Give exactly one of `logGroupName`,
     * `logGroup` and `trail`. When the log group is created in the same
     * program, prefer `logGroup`: a new log group's name is known in a
     * preview, its ARN (and so the trail's `cloudWatchLogsGroupArn`) only after
     * it is created.
     */
    readonly trail?: aws.cloudtrail.Trail;
}

/** The SNS topic the alarms notify, who is subscribed to it, and where and how everything is created. */
export interface NotificationArgs {
    /**
     * ARN of an existing SNS topic to notify. When set, no topic, topic policy
     * or KMS key is created: the topic's owner is responsible for letting
     * CloudWatch publish to it. `subscriptions`, if any, are added to it.
     */
    readonly topicArn?: pulumi.Input<string>;
    /**
     * Physical name of the created topic (1–256 letters, digits, `-` and `_`).
     * Default: generated from the component name. Not used with `topicArn`.
     */
    readonly topicName?: pulumi.Input<string>;
    /**
     * Who is notified when the alarm fires, one topic subscription each. CIS
     * audits expect at least one confirmed subscriber.
     */
    readonly subscriptions?: AlarmSubscription[];
    /**
     * KMS key (ID, ARN or alias) that encrypts the created topic at rest. Its
     * key policy must let `cloudwatch.amazonaws.com` call `kms:Decrypt` and
     * `kms:GenerateDataKey*`. The AWS managed key `alias/aws/sns` is refused:
     * CloudWatch alarms cannot publish to topics encrypted with it.
     */
    readonly kmsMasterKeyId?: pulumi.Input<string>;
    /**
     * Create a customer managed KMS key (rotation on) for the topic, with a key
     * policy that lets CloudWatch use it. Not with `kmsMasterKeyId` or `topicArn`.
     */
    readonly createKmsKey?: boolean;

    /**
     * AWS Region of every resource the component creates (the v7 per-resource
     * `region`); it must be the log group's Region. Default: the provider's
     * Region. It is not read from `logGroup` or `trail`: their Region is
     * unknown until they exist, and the children's Region must be known in a
     * preview for the plan (and policy checks) to place them.
     */
    readonly region?: pulumi.Input<string>;
    /** Tags for every taggable resource the component creates (alarm, topic, KMS key). */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}
