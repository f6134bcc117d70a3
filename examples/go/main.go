// CIS AWS Foundations Benchmark v5.0 section 4 (4.1 to 4.15) from Go, with the trailwatch component provider.
//
// Set up once, in this directory (replace <org> with where the repository lives):
//
//	pulumi package add github.com/<org>/trailwatch.git/component@v0.1.0
//	go mod tidy
//
// Not run in this repository's tests (they cannot run the Pulumi CLI); its names are checked against
// the component's schema by test/component/provider/examples.test.ts.
package main

import (
	"example.com/pulumi-trailwatch/sdk/go/trailwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		alertEmail := config.Get(ctx, "alertEmail")
		if alertEmail == "" {
			alertEmail = "security@example.com"
		}

		// The log group a multi-region trail delivers to (point the trail's CloudWatchLogsGroupArn at it).
		cloudtrailLogs, err := cloudwatch.NewLogGroup(ctx, "cloudtrail", &cloudwatch.LogGroupArgs{
			RetentionInDays: pulumi.Int(365),
		})
		if err != nil {
			return err
		}

		// FilterPatternPresetCisV1_2 when AWS Security Hub's CloudWatch.2 must pass; the default is CIS v5.0.
		preset := trailwatch.FilterPatternPresetCisV5
		monitoring, err := trailwatch.NewUnauthorizedApiCallsAlarm(ctx, "unauthorized-api-calls", &trailwatch.UnauthorizedApiCallsAlarmArgs{
			LogGroup: cloudtrailLogs,
			Subscriptions: []trailwatch.AlarmSubscriptionArgs{
				{Protocol: trailwatch.SnsProtocolEmail, Endpoint: pulumi.String(alertEmail)},
			},
			PatternPreset: &preset,
			Tags: pulumi.StringMap{
				"project":     pulumi.String("trailwatch"),
				"cis-control": pulumi.String("4.1"),
			},
		})
		if err != nil {
			return err
		}

		// The rest of section 4 (4.2 to 4.15) on the same log group, notifying the same topic; 4.1 is the alarm above.
		cisMonitoring, err := trailwatch.NewCisMonitoringAlarms(ctx, "cis-monitoring", &trailwatch.CisMonitoringAlarmsArgs{
			LogGroup: cloudtrailLogs,
			TopicArn: monitoring.TopicArn,
			// 4.3 with the exact text AWS Security Hub CloudWatch.1 compares against.
			Overrides: map[string]trailwatch.ControlOverrideArgs{
				"4.1": {Enabled: pulumi.BoolRef(false)},
				"4.3": {PatternPreset: pulumi.StringRef("securityHub")},
			},
		})
		if err != nil {
			return err
		}

		ctx.Export("logGroupName", monitoring.LogGroupName)
		ctx.Export("alarmArn", monitoring.AlarmArn)
		ctx.Export("topicArn", monitoring.TopicArn)
		ctx.Export("alarmArns", cisMonitoring.AlarmArns)
		return nil
	})
}
