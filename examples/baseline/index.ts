/**
 * The complete CIS AWS Foundations Benchmark v5.0 control 4.1 baseline: a
 * multi-region CloudTrail trail delivering to CloudWatch Logs (S3 bucket,
 * log group, IAM role: see ../shared/cloudtrail.ts), and unauthorized API
 * calls monitored on that log group, with an email subscriber.
 *
 * Config (all optional):
 *   alertEmail  who is emailed when the alarm fires (default security@example.com;
 *               the recipient must confirm the subscription SNS emails them)
 */
import * as pulumi from "@pulumi/pulumi";
import { UnauthorizedApiCallsAlarm } from "trailwatch";
import { trailToCloudWatchLogs } from "../shared/cloudtrail";

const config = new pulumi.Config();
const alertEmail = config.get("alertEmail") ?? "security@example.com";
const tags = { project: "trailwatch", "cis-control": "4.1" };

const { logGroup, trail } = trailToCloudWatchLogs("management-events", tags);

// Defaults are the CIS values: the v5.0 pattern, CISBenchmark/UnauthorizedAPICalls,
// Sum >= 1 over 5 minutes. The component creates the topic and its policy.
const monitoring = new UnauthorizedApiCallsAlarm("unauthorized-api-calls", {
    logGroup,
    subscriptions: [{ protocol: "email", endpoint: alertEmail }],
    tags,
});

export const trailArn = trail.arn;
export const logGroupName = monitoring.logGroupName;
export const alarmArn = monitoring.alarmArn;
export const topicArn = monitoring.topicArn;
