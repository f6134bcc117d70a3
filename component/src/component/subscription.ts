/**
 * Who an alarm notifies: the SNS protocols and the subscription argument. Any
 * component that sends alarms to an SNS topic takes these, so they live apart
 * from one component's arguments.
 *
 * Written in the forms `@pulumi/pulumi/provider/experimental` turns into a
 * schema (an interface, `Input<T>`, an `as const` enum): the same types serve
 * TypeScript users and the SDKs Pulumi generates for other languages.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The protocols Amazon SNS accepts for a topic subscription. In TypeScript the
 * plain string (`"email"`) works as well as the member (`SnsProtocol.Email`).
 */
export const SnsProtocol = {
    /** Email with a plain-text message; the recipient must confirm the subscription. */
    Email: "email",
    /** Email with the JSON-encoded SNS message; the recipient must confirm the subscription. */
    EmailJson: "email-json",
    /** HTTP POST to a URL. */
    Http: "http",
    /** HTTPS POST to a URL. */
    Https: "https",
    /** Text message to a phone number. */
    Sms: "sms",
    /** Message to an Amazon SQS queue, by ARN. */
    Sqs: "sqs",
    /** Invocation of an AWS Lambda function, by ARN. */
    Lambda: "lambda",
    /** Record in an Amazon Data Firehose delivery stream, by ARN; needs `subscriptionRoleArn`. */
    Firehose: "firehose",
    /** Push notification to a mobile app endpoint, by ARN. */
    Application: "application",
} as const;

/** One of the protocols Amazon SNS accepts for a topic subscription. */
export type SnsProtocol = (typeof SnsProtocol)[keyof typeof SnsProtocol];

/** The protocols Amazon SNS accepts for a topic subscription, in a list. */
export const SNS_PROTOCOLS: readonly SnsProtocol[] = Object.values(SnsProtocol);

/** Someone (or something) told when the alarm fires. */
export interface AlarmSubscription {
    /**
     * How SNS delivers the notification: `email`, `email-json`, `http`,
     * `https`, `sms`, `sqs`, `lambda`, `firehose` or `application`.
     * Email subscriptions stay "pending confirmation" until the recipient
     * follows the link SNS sends; CIS auditors look for a confirmed subscriber.
     */
    readonly protocol: SnsProtocol;
    /** Where SNS delivers: an email address, URL, phone number or ARN, depending on the protocol. */
    readonly endpoint: pulumi.Input<string>;
    /** IAM role SNS assumes to write to Kinesis Data Firehose. Required for, and only used with, `firehose`. */
    readonly subscriptionRoleArn?: pulumi.Input<string>;
    /** Deliver the raw message instead of the SNS JSON envelope (`sqs`, `http(s)` and `firehose` only). */
    readonly rawMessageDelivery?: pulumi.Input<boolean>;
}
