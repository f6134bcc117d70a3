"""CIS AWS Foundations Benchmark v5.0 section 4 (4.1 to 4.15) from Python, with the trailwatch component provider.

Set up once, in this directory (replace <org> with where the repository lives):
    pulumi package add github.com/<org>/trailwatch.git/component@v0.1.0
which generates the `pulumi_trailwatch` SDK. Not run in this repository's tests (they cannot run the
Pulumi CLI); its names are checked against the component's schema by
test/component/provider/examples.test.ts.
"""

import pulumi
import pulumi_aws as aws
import pulumi_trailwatch as trailwatch

config = pulumi.Config()
alert_email = config.get("alertEmail") or "security@example.com"

# The log group a multi-region trail delivers to (point the trail's cloud_watch_logs_group_arn at it).
cloudtrail_logs = aws.cloudwatch.LogGroup("cloudtrail", retention_in_days=365)

monitoring = trailwatch.UnauthorizedApiCallsAlarm(
    "unauthorized-api-calls",
    log_group=cloudtrail_logs,
    subscriptions=[
        trailwatch.AlarmSubscriptionArgs(protocol=trailwatch.SnsProtocol.EMAIL, endpoint=alert_email),
    ],
    # CIS_V1_2 when AWS Security Hub's CloudWatch.2 must pass; the default is the CIS v5.0 pattern.
    pattern_preset=trailwatch.FilterPatternPreset.CIS_V5,
    tags={"project": "trailwatch", "cis-control": "4.1"},
)

# The rest of section 4 (4.2 to 4.15) on the same log group, notifying the same topic; 4.1 is the alarm above.
cis_monitoring = trailwatch.CisMonitoringAlarms(
    "cis-monitoring",
    log_group=cloudtrail_logs,
    topic_arn=monitoring.topic_arn,
    # 4.3 with the exact text AWS Security Hub CloudWatch.1 compares against.
    overrides={
        "4.1": trailwatch.ControlOverrideArgs(enabled=False),
        "4.3": trailwatch.ControlOverrideArgs(pattern_preset="securityHub"),
    },
)

pulumi.export("logGroupName", monitoring.log_group_name)
pulumi.export("alarmArn", monitoring.alarm_arn)
pulumi.export("topicArn", monitoring.topic_arn)
pulumi.export("alarmArns", cis_monitoring.alarm_arns)
