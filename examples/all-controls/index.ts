/**
 * Every CIS AWS Foundations Benchmark v5.0 section-4 metric-filter control
 * (4.1 to 4.15) on one trail: a multi-region CloudTrail trail delivering to
 * CloudWatch Logs (S3 bucket, log group, IAM role: see ../shared/cloudtrail.ts),
 * and per control a metric filter with the CIS v5.0 pattern and an alarm, all
 * notifying one SNS topic with an email subscriber.
 *
 * Config (all optional):
 *   alertEmail  who is emailed when an alarm fires (default security@example.com;
 *               the recipient must confirm the subscription SNS emails them)
 */
import * as pulumi from "@pulumi/pulumi";
import { CisMonitoringAlarms } from "trailwatch";
import { trailToCloudWatchLogs } from "../shared/cloudtrail";

const config = new pulumi.Config();
const alertEmail = config.get("alertEmail") ?? "security@example.com";
const tags = { project: "trailwatch", "cis-section": "4" };

const { logGroup, trail } = trailToCloudWatchLogs("management-events", tags);

// Defaults come from the control catalog: every control's CIS v5.0 pattern and metric
// (CISBenchmark/<metric>), Sum >= 1 over 5 minutes. The component creates the topic and its policy.
const monitoring = new CisMonitoringAlarms("cis-monitoring", {
    logGroup,
    subscriptions: [{ protocol: "email", endpoint: alertEmail }],
    tags,
});

export const trailArn = trail.arn;
export const logGroupName = monitoring.logGroupName;
export const controls = monitoring.controls;
export const alarmArns = monitoring.alarmArns;
export const topicArn = monitoring.topicArn;
