/**
 * The two ARN shapes the chain links by value: the log group a trail delivers
 * to, and the SNS topics an alarm notifies.
 */

/** A log group named by ARN. */
export interface LogGroupArn {
    /** The region part. */
    readonly region: string;
    /** The log group name. */
    readonly name: string;
}

/**
 * Parses a CloudWatch Logs log group ARN. CloudTrail's
 * `cloudWatchLogsGroupArn` ends in `:*` (all streams); plain group ARNs are
 * accepted too.
 */
export function parseLogGroupArn(arn: string): LogGroupArn | undefined {
    const match = /^arn:[a-z-]+:logs:([a-z0-9-]+):\d{12}:log-group:([^:*]+)(?::\*)?$/.exec(arn);
    return match ? { region: match[1], name: match[2] } : undefined;
}

/** An SNS topic named by ARN. */
export interface TopicArn {
    /** The region part. */
    readonly region: string;
    /** The topic name. */
    readonly name: string;
}

/** Parses an SNS topic ARN; undefined for any other ARN (Auto Scaling, SSM, Lambda actions). */
export function parseTopicArn(arn: string): TopicArn | undefined {
    const match = /^arn:[a-z-]+:sns:([a-z0-9-]+):\d{12}:([A-Za-z0-9_.-]+)$/.exec(arn);
    return match ? { region: match[1], name: match[2] } : undefined;
}
