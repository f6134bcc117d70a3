/**
 * Unauthorized API calls monitored on a trail managed elsewhere (for example
 * an organization trail), notifying the security team's existing SNS topic.
 * The component creates only the metric filter and the alarm.
 *
 * The topic's owner must let CloudWatch publish to it: its policy needs an
 * Allow for sns:Publish to the service principal cloudwatch.amazonaws.com
 * (and, if the topic is encrypted, a key CloudWatch may use).
 *
 * Config (all optional):
 *   logGroupName  the log group the trail delivers to (default aws-cloudtrail-logs)
 *   topicArn      the topic to notify (default arn:aws:sns:us-east-1:111122223333:security-alarms)
 */
import * as pulumi from "@pulumi/pulumi";
import { UnauthorizedApiCallsAlarm } from "trailwatch";

const config = new pulumi.Config();
const logGroupName = config.get("logGroupName") ?? "aws-cloudtrail-logs";
const topicArn = config.get("topicArn") ?? "arn:aws:sns:us-east-1:111122223333:security-alarms";

const monitoring = new UnauthorizedApiCallsAlarm("unauthorized-api-calls", {
    logGroupName,
    topicArn,
    tags: { project: "trailwatch", "cis-control": "4.1" },
});

export const alarmArn = monitoring.alarmArn;
export const notifies = monitoring.topicArn;
