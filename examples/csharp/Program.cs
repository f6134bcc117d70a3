// CIS AWS Foundations Benchmark v5.0 section 4 (4.1 to 4.15) from C#, with the trailwatch component provider.
//
// Set up once, in this directory (replace <org> with where the repository lives):
//     pulumi package add github.com/<org>/trailwatch.git/component@v0.1.0
// which generates the Pulumi.Trailwatch SDK. Not run in this repository's tests (they cannot run the
// Pulumi CLI); its names are checked against the component's schema by
// test/component/provider/examples.test.ts.
using System.Collections.Generic;
using Pulumi;
using Aws = Pulumi.Aws;
using Trailwatch = Pulumi.Trailwatch;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var alertEmail = config.Get("alertEmail") ?? "security@example.com";

    // The log group a multi-region trail delivers to (point the trail's CloudWatchLogsGroupArn at it).
    var cloudtrailLogs = new Aws.CloudWatch.LogGroup("cloudtrail", new Aws.CloudWatch.LogGroupArgs
    {
        RetentionInDays = 365,
    });

    var monitoring = new Trailwatch.UnauthorizedApiCallsAlarm("unauthorized-api-calls", new Trailwatch.UnauthorizedApiCallsAlarmArgs
    {
        LogGroup = cloudtrailLogs,
        Subscriptions =
        {
            new Trailwatch.Inputs.AlarmSubscriptionArgs { Protocol = Trailwatch.SnsProtocol.Email, Endpoint = alertEmail },
        },
        // CisV1_2 when AWS Security Hub's CloudWatch.2 must pass; the default is the CIS v5.0 pattern.
        PatternPreset = Trailwatch.FilterPatternPreset.CisV5,
        Tags =
        {
            { "project", "trailwatch" },
            { "cis-control", "4.1" },
        },
    });

    // The rest of section 4 (4.2 to 4.15) on the same log group, notifying the same topic; 4.1 is the alarm above.
    var cisMonitoring = new Trailwatch.CisMonitoringAlarms("cis-monitoring", new Trailwatch.CisMonitoringAlarmsArgs
    {
        LogGroup = cloudtrailLogs,
        TopicArn = monitoring.TopicArn,
        // 4.3 with the exact text AWS Security Hub CloudWatch.1 compares against.
        Overrides =
        {
            { "4.1", new Trailwatch.Inputs.ControlOverrideArgs { Enabled = false } },
            { "4.3", new Trailwatch.Inputs.ControlOverrideArgs { PatternPreset = "securityHub" } },
        },
    });

    return new Dictionary<string, object?>
    {
        ["logGroupName"] = monitoring.LogGroupName,
        ["alarmArn"] = monitoring.AlarmArn,
        ["topicArn"] = monitoring.TopicArn,
        ["alarmArns"] = cisMonitoring.AlarmArns,
    };
});
