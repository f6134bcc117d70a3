/**
 * NON-COMPLIANT on purpose: the metric filter is right (the CIS v5.0 pattern),
 * but the hand-written alarm only fires at 5 unauthorized calls in 5 minutes,
 * so a single unauthorized call, which CIS 4.1 wants noticed, never fires it.
 * The trailwatch policy pack flags the alarm; ../baseline is the fix.
 */
import * as aws from "@pulumi/aws";
import { CIS_4_1 } from "trailwatch";
import { trailToCloudWatchLogs } from "../shared/cloudtrail";

const { logGroup } = trailToCloudWatchLogs("loosely-monitored-events");

const filter = new aws.cloudwatch.LogMetricFilter("unauthorized-api-calls", {
    logGroupName: logGroup.name,
    pattern: CIS_4_1.patterns.cisV5,
    metricTransformation: {
        name: CIS_4_1.metric.name,
        namespace: CIS_4_1.metric.namespace,
        value: CIS_4_1.metric.value,
    },
});

const topic = new aws.sns.Topic("security-alarms");

const alarm = new aws.cloudwatch.MetricAlarm("unauthorized-api-calls", {
    alarmDescription: "Unauthorized API calls (CIS 4.1).",
    namespace: filter.metricTransformation.namespace,
    metricName: filter.metricTransformation.name,
    statistic: CIS_4_1.alarm.statistic,
    period: CIS_4_1.alarm.period,
    evaluationPeriods: CIS_4_1.alarm.evaluationPeriods,
    comparisonOperator: CIS_4_1.alarm.comparisonOperator,
    // The mistake: CIS wants the first unauthorized call noticed (threshold 1).
    threshold: 5,
    treatMissingData: CIS_4_1.alarm.treatMissingData,
    alarmActions: [topic.arn],
});

export const alarmArn = alarm.arn;
