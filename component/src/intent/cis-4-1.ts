import type { MonitoringControl } from "./types";

/**
 * The CIS AWS Foundations Benchmark v5.0 control 4.1 filter pattern, verbatim
 * (spacing included) from the benchmark's remediation procedure.
 */
export const CIS_V5_PATTERN =
    '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';

/**
 * The CIS v1.2 pattern, which AWS Security Hub's CloudWatch.2 check compares
 * the filter against as an exact string. Use it when Security Hub must report
 * the control as passed.
 */
export const CIS_V1_2_PATTERN = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';

/**
 * CIS AWS Foundations Benchmark v5.0, control 4.1: "Ensure unauthorized API
 * calls are monitored". The single source of truth for the pattern, the
 * defaults and what counts as an unauthorized call.
 */
export const CIS_4_1: MonitoringControl = {
    id: "cis-aws-4.1-unauthorized-api-calls",
    benchmark: "CIS AWS Foundations Benchmark v5.0",
    control: "4.1",
    title: "Ensure unauthorized API calls are monitored",
    rationale:
        "Monitoring unauthorized API calls helps reveal application errors and may reduce the time to detect malicious activity.",
    intent: {
        // An unauthorized call is any record whose errorCode is one of the two families CIS names.
        mustMatch: [{ field: "errorCode", anyOf: ["*UnauthorizedOperation", "AccessDenied*"] }],
        // The CIS v5.0 text allows these two known-noisy sources to be tuned out.
        mayMiss: [{ sourceIPAddress: "delivery.logs.amazonaws.com" }, { eventName: "HeadBucket" }],
        presentFields: [
            "eventVersion",
            "eventTime",
            "eventSource",
            "eventName",
            "awsRegion",
            "sourceIPAddress",
            "eventID",
            "eventType",
            "userIdentity.type",
            "errorCode",
        ],
        exampleRecord: {
            eventVersion: "1.09",
            userIdentity: {
                type: "IAMUser",
                principalId: "AIDACKCEVSQ6C2EXAMPLE",
                arn: "arn:aws:iam::111122223333:user/alice",
                accountId: "111122223333",
                accessKeyId: "AKIAIOSFODNN7EXAMPLE",
                userName: "alice",
            },
            eventTime: "2026-11-23T09:14:03Z",
            eventSource: "ec2.amazonaws.com",
            eventName: "RunInstances",
            awsRegion: "us-east-1",
            sourceIPAddress: "203.0.113.24",
            userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64",
            errorCode: "Client.UnauthorizedOperation",
            errorMessage: "You are not authorized to perform this operation.",
            requestParameters: null,
            responseElements: null,
            requestID: "8f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
            eventID: "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
            readOnly: false,
            eventType: "AwsApiCall",
            managementEvent: true,
            recipientAccountId: "111122223333",
            eventCategory: "Management",
        },
    },
    patterns: {
        default: CIS_V5_PATTERN,
        cisV5: CIS_V5_PATTERN,
        cisV1_2: CIS_V1_2_PATTERN,
    },
    metric: { namespace: "CISBenchmark", name: "UnauthorizedAPICalls", value: "1" },
    alarm: {
        statistic: "Sum",
        period: 300,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
    },
};
