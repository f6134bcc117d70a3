/**
 * The access policy of the topic the component creates: CloudWatch alarms of
 * this account may publish, the account keeps managing the topic, and nobody
 * may use it over plain HTTP.
 */
import type * as aws from "@pulumi/aws";

/** The plain values the topic policy is written from (all resolved, no Outputs). */
export interface TopicPolicyFacts {
    /** ARN of the topic the policy is attached to. */
    readonly topicArn: string;
    /** ARNs of the alarms allowed to publish. */
    readonly alarmArns: readonly string[];
    /** The account that owns the topic and the alarm. */
    readonly accountId: string;
    /** The AWS partition, e.g. `aws` or `aws-cn`. */
    readonly partition: string;
}

/**
 * The topic-level SNS actions. SNS rejects `sns:*` in a topic policy ("policy
 * statement action out of service scope"), so statements list the actions.
 */
export const TOPIC_ACTIONS = [
    "sns:GetTopicAttributes",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "sns:RemovePermission",
    "sns:DeleteTopic",
    "sns:Subscribe",
    "sns:ListSubscriptionsByTopic",
    "sns:Publish",
] as const;

/** Statement ids, exported so tests and readers can find each statement by meaning. */
export const TopicPolicySid = {
    /** The account keeps managing the topic (everything except publishing). */
    accountManagesTopic: "AccountManagesTopic",
    /** The alarms, through the CloudWatch service principal, may publish. */
    cloudWatchAlarmPublishes: "CloudWatchAlarmPublishes",
    /** Any request without TLS is denied. */
    denyInsecureTransport: "DenyInsecureTransport",
} as const;

/** The topic policy document for the given topic, alarms and account. */
export function topicPolicyDocument(facts: TopicPolicyFacts): aws.iam.PolicyDocument {
    const { topicArn, alarmArns, accountId, partition } = facts;
    // One alarm is written as a plain string, as the policy has always been for one alarm, so an existing
    // stack's policy does not change; several become a list, which IAM reads as "any of".
    const sourceArn = alarmArns.length === 1 ? alarmArns[0] : [...alarmArns];
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // Replaces SNS's default statement, which the explicit policy overwrites: without it the
                // owner's IAM admins could no longer change or delete the topic through its policy.
                // Publish is left out so that only CloudWatch is allowed to publish by this policy.
                Sid: TopicPolicySid.accountManagesTopic,
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: TOPIC_ACTIONS.filter((action) => action !== "sns:Publish"),
                Resource: topicArn,
            },
            {
                // Both conditions guard against the confused deputy: the service principal acts for
                // every account, so the policy names the account and the alarms it serves.
                Sid: TopicPolicySid.cloudWatchAlarmPublishes,
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": accountId },
                    ArnLike: { "aws:SourceArn": sourceArn },
                },
            },
            {
                Sid: TopicPolicySid.denyInsecureTransport,
                Effect: "Deny",
                Principal: "*",
                Action: [...TOPIC_ACTIONS],
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
