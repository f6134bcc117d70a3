/**
 * The key policy of the KMS key the component creates for the topic. An alarm
 * publishes to an encrypted topic only if CloudWatch may use the topic's key;
 * that is why the AWS managed `alias/aws/sns` key (whose policy cannot change)
 * does not work, and why this key exists.
 */
import type * as aws from "@pulumi/aws";
import { CLOUDWATCH_SERVICE_PRINCIPAL, CLOUDWATCH_TOPIC_KEY_ACTIONS } from "../intent";

/** The plain values the key policy is written from. */
export interface KmsKeyPolicyFacts {
    /** The account that owns the key. */
    readonly accountId: string;
    /** The AWS partition, e.g. `aws` or `aws-cn`. */
    readonly partition: string;
}

/** Statement ids of the key policy. */
export const KmsKeyPolicySid = {
    /** The account administers the key through IAM, as with a default key policy. */
    accountAdministersKey: "AccountAdministersKey",
    /** CloudWatch may encrypt the messages its alarms publish. */
    cloudWatchUsesKey: "CloudWatchUsesKey",
} as const;

/** The key policy document for the account's topic key. */
export function kmsKeyPolicyDocument(facts: KmsKeyPolicyFacts): aws.iam.PolicyDocument {
    const { accountId, partition } = facts;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // Without this the key would be unmanageable (KMS refuses such a policy anyway).
                Sid: KmsKeyPolicySid.accountAdministersKey,
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                // The key is created before the alarm exists (the topic needs the key, the alarm needs the
                // topic), so this statement can name the account but not the alarm.
                Sid: KmsKeyPolicySid.cloudWatchUsesKey,
                Effect: "Allow",
                Principal: { Service: CLOUDWATCH_SERVICE_PRINCIPAL },
                Action: [...CLOUDWATCH_TOPIC_KEY_ACTIONS],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}
