import { CIS_ALARM_DEFAULTS } from "./alarm-defaults";
import { CLOUDTRAIL_PRESENT_FIELDS, apiCallRecord } from "./records";
import type { MonitoringControl } from "./types";

/**
 * The CIS AWS Foundations Benchmark v5.0 control 4.1 filter pattern, verbatim
 * (spacing included) from the benchmark's remediation procedure (as quoted in
 * turbot/steampipe-mod-aws-compliance `cis_v500/docs/cis_v500_4_1.md`;
 * prowler-cloud/prowler `compliance/aws/cis_5.0_aws.json` has the same text
 * with the double quotes dropped).
 */
export const CIS_V5_PATTERN =
    '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';

/**
 * The CIS v1.2 pattern, which AWS Security Hub's CloudWatch.2 check compares
 * the filter against as an exact string. Use it when Security Hub must report
 * the control as passed. (Security Hub's documentation prints the same text
 * without the spaces, see `CIS_4_1.securityHub.pattern`; whether the check
 * normalises whitespace is not documented.)
 */
export const CIS_V1_2_PATTERN = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';

/**
 * The CIS v2.0/v3.0 text of the same control (prowler-cloud/prowler
 * `compliance/aws/cis_3.0_aws.json`): `||` between every clause, so the two
 * exclusions turn into "or any call not from log delivery", which matches
 * nearly every record. v4.0 replaced it with the v5.0 text.
 */
export const CIS_V3_PATTERN =
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }';

const EXAMPLE_CALL = apiCallRecord({
    eventSource: "ec2.amazonaws.com",
    eventName: "RunInstances",
    extra: { errorCode: "Client.UnauthorizedOperation", errorMessage: "You are not authorized to perform this operation." },
});

/**
 * CIS AWS Foundations Benchmark v5.0, control 4.1: "Ensure unauthorized API
 * calls are monitored". The single source of truth for the pattern, the
 * defaults and what counts as an unauthorized call.
 */
export const CIS_4_1: MonitoringControl = {
    id: "cis-aws-4.1-unauthorized-api-calls",
    benchmark: "CIS AWS Foundations Benchmark v5.0",
    kind: "metricFilter",
    control: "4.1",
    controlV6: "5.1",
    title: "Ensure unauthorized API calls are monitored",
    rationale:
        "Monitoring unauthorized API calls helps reveal application errors and may reduce the time to detect malicious activity.",
    intent: {
        // An unauthorized call is any record whose errorCode is one of the two families CIS names.
        mustMatch: [{ field: "errorCode", anyOf: ["*UnauthorizedOperation", "AccessDenied*"] }],
        // The CIS v5.0 text allows these two known-noisy sources to be tuned out.
        mayMiss: [[{ field: "sourceIPAddress", anyOf: ["delivery.logs.amazonaws.com"] }], [{ field: "eventName", anyOf: ["HeadBucket"] }]],
        presentFields: CLOUDTRAIL_PRESENT_FIELDS,
        exampleRecord: EXAMPLE_CALL,
        // The same call, authorized: what an alarm on "every call" would count.
        outOfScopeExamples: [apiCallRecord({ eventSource: "ec2.amazonaws.com", eventName: "RunInstances" })],
        // errorCode is the service's own error code (CloudTrail record contents:
        // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html):
        // S3 and IAM write AccessDenied, JSON-protocol services (KMS, Lambda, CloudTrail, ...) AccessDeniedException
        // (e.g. https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html), EC2 Client.UnauthorizedOperation.
        realisticValues: { errorCode: ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation"] },
    },
    patterns: {
        default: CIS_V5_PATTERN,
        cisV5: CIS_V5_PATTERN,
        cisV1_2: CIS_V1_2_PATTERN,
        cisV3: CIS_V3_PATTERN,
        securityHub: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
        terraformModule: '{ ($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*") }',
    },
    metric: { namespace: "CISBenchmark", name: "UnauthorizedAPICalls", value: "1" },
    alarm: CIS_ALARM_DEFAULTS,
    securityHub: {
        control: "CloudWatch.2",
        requirements: "CIS v1.2.0 3.1",
        pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    },
    sourceNotes: [
        "cisV5: CIS v5.0 remediation text, via steampipe-mod-aws-compliance cis_v500/docs/cis_v500_4_1.md (prowler cis_5.0_aws.json agrees up to dropped quotes).",
        "securityHub: awsdocs/aws-security-hub-user-guide doc_source/cloudwatch-controls.md, CloudWatch.2 remediation.",
        "terraformModule: terraform-aws-modules/terraform-aws-cloudwatch modules/cis-alarms/main.tf, UnauthorizedAPICalls (the v1.2 form).",
    ],
};
