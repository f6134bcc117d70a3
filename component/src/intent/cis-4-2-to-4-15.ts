/**
 * CIS AWS Foundations Benchmark v5.0 controls 4.2–4.15, as data.
 *
 * Sources, read for this catalog (commits in the README's controls table):
 * - `cisV5` (and `cisV5Sso`, `cisV5Audit`): the benchmark's remediation (audit)
 *   text as quoted in turbot/steampipe-mod-aws-compliance
 *   `cis_v500/docs/cis_v500_4_N.md`, cross-checked with prowler-cloud/prowler
 *   `prowler/compliance/aws/cis_5.0_aws.json`, which quotes the same texts
 *   with every double quote dropped. The benchmark PDF itself was not
 *   available; where the two copies differ only in quotes we keep Steampipe's.
 * - `securityHub`: awsdocs/aws-security-hub-user-guide
 *   `doc_source/cloudwatch-controls.md`, CloudWatch.1–14 remediation.
 * - `terraformModule`: terraform-aws-modules/terraform-aws-cloudwatch
 *   `modules/cis-alarms/main.tf`, `local.all_controls`.
 * CIS v6.0 and v7.0 number these 5.2–5.15 with the same texts (prowler
 * `cis_6.0_aws.json`).
 */
import { CIS_ALARM_DEFAULTS } from "./alarm-defaults";
import { CLOUDTRAIL_PRESENT_FIELDS, ROOT_IDENTITY, apiCallRecord, consoleLoginRecord } from "./records";
import type { FieldClause, MonitoringControl, MonitoringIntent } from "./types";

const BENCHMARK = "CIS AWS Foundations Benchmark v5.0";

const ALARM = CIS_ALARM_DEFAULTS;

/** The rationale sentence every section-4 control opens with, in the benchmark's words. */
const CLOUDWATCH_PREAMBLE =
    "CloudWatch is an AWS native service that allows you to observe and monitor resources and applications. " +
    "CloudTrail logs can also be sent to an external Security Information and Event Management (SIEM) environment for monitoring and alerting.";

const SOURCES = [
    "cisV5: steampipe-mod-aws-compliance cis_v500/docs; prowler cis_5.0_aws.json has the same text without double quotes.",
    "securityHub: aws-security-hub-user-guide doc_source/cloudwatch-controls.md.",
    "terraformModule: terraform-aws-cloudwatch modules/cis-alarms/main.tf.",
];

/** What an "event family" control (4.4, 4.5, 4.7–4.15) varies in. */
interface EventFamily {
    readonly control: string;
    readonly slug: string;
    readonly title: string;
    readonly rationale: string;
    readonly eventSource: string;
    readonly eventNames: readonly string[];
    /** The in-scope example: the first listed event, with a realistic request. */
    readonly requestParameters: Readonly<Record<string, unknown>>;
    /** Realistic records the control does not mean. */
    readonly outOfScope: readonly Readonly<Record<string, unknown>>[];
    readonly metricName: string;
    readonly patterns: Readonly<Record<string, string>> & { readonly cisV5: string };
    readonly securityHub?: MonitoringControl["securityHub"];
    readonly sourceNotes?: readonly string[];
}

/** A call no section-4 control means. */
const OTHER_SERVICE_CALL = apiCallRecord({ eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity", extra: { readOnly: true } });

/** An intent "eventSource is S and eventName is one of N". */
function familyIntent(family: EventFamily): MonitoringIntent {
    const mustMatch: FieldClause[] = [
        { field: "eventSource", anyOf: [family.eventSource] },
        { field: "eventName", anyOf: family.eventNames },
    ];
    return {
        mustMatch,
        mayMiss: [],
        presentFields: CLOUDTRAIL_PRESENT_FIELDS,
        exampleRecord: apiCallRecord({
            eventSource: family.eventSource,
            eventName: family.eventNames[0] as string,
            requestParameters: family.requestParameters,
        }),
        // Last, a call of another service: its eventSource is the witness when the engine
        // must show that a pattern without an eventSource clause counts the names from anywhere.
        outOfScopeExamples: [...family.outOfScope, OTHER_SERVICE_CALL],
    };
}

function familyControl(family: EventFamily): MonitoringControl {
    return {
        kind: "metricFilter",
        id: `cis-aws-${family.control}-${family.slug}`,
        benchmark: BENCHMARK,
        control: family.control,
        controlV6: family.control.replace(/^4\./, "5."),
        title: family.title,
        rationale: `${CLOUDWATCH_PREAMBLE} ${family.rationale}`,
        intent: familyIntent(family),
        patterns: { default: family.patterns.cisV5, ...family.patterns },
        metric: { namespace: "CISBenchmark", name: family.metricName, value: "1" },
        alarm: ALARM,
        ...(family.securityHub === undefined ? {} : { securityHub: family.securityHub }),
        sourceNotes: [...SOURCES, ...(family.sourceNotes ?? [])],
    };
}

/** `($.eventName = A) || ($.eventName = B) ...`, the way the module and CIS spell name lists. */
function nameAlternatives(names: readonly string[], separator: string, spaced: boolean): string {
    return names.map((n) => (spaced ? `($.eventName = ${n})` : `($.eventName=${n})`)).join(separator);
}

const IAM_NAMES = [
    "DeleteGroupPolicy",
    "DeleteRolePolicy",
    "DeleteUserPolicy",
    "PutGroupPolicy",
    "PutRolePolicy",
    "PutUserPolicy",
    "CreatePolicy",
    "DeletePolicy",
    "CreatePolicyVersion",
    "DeletePolicyVersion",
    "AttachRolePolicy",
    "DetachRolePolicy",
    "AttachUserPolicy",
    "DetachUserPolicy",
    "AttachGroupPolicy",
    "DetachGroupPolicy",
];
const CLOUDTRAIL_NAMES = ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"];
const KMS_NAMES = ["DisableKey", "ScheduleKeyDeletion"];
const S3_NAMES = [
    "PutBucketAcl",
    "PutBucketPolicy",
    "PutBucketCors",
    "PutBucketLifecycle",
    "PutBucketReplication",
    "DeleteBucketPolicy",
    "DeleteBucketCors",
    "DeleteBucketLifecycle",
    "DeleteBucketReplication",
];
const CONFIG_NAMES = ["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"];
const SECURITY_GROUP_NAMES = [
    "AuthorizeSecurityGroupIngress",
    "AuthorizeSecurityGroupEgress",
    "RevokeSecurityGroupIngress",
    "RevokeSecurityGroupEgress",
    "CreateSecurityGroup",
    "DeleteSecurityGroup",
    "ModifySecurityGroupRules",
];
const NACL_NAMES = [
    "CreateNetworkAcl",
    "CreateNetworkAclEntry",
    "DeleteNetworkAcl",
    "DeleteNetworkAclEntry",
    "ReplaceNetworkAclEntry",
    "ReplaceNetworkAclAssociation",
];
const GATEWAY_NAMES = [
    "CreateCustomerGateway",
    "DeleteCustomerGateway",
    "AttachInternetGateway",
    "CreateInternetGateway",
    "DeleteInternetGateway",
    "DetachInternetGateway",
];
const ROUTE_NAMES = [
    "CreateRoute",
    "CreateRouteTable",
    "ReplaceRoute",
    "ReplaceRouteTableAssociation",
    "DeleteRouteTable",
    "DeleteRoute",
    "DisassociateRouteTable",
];
const VPC_NAMES = [
    "CreateVpc",
    "DeleteVpc",
    "ModifyVpcAttribute",
    "AcceptVpcPeeringConnection",
    "CreateVpcPeeringConnection",
    "DeleteVpcPeeringConnection",
    "RejectVpcPeeringConnection",
    "AttachClassicLinkVpc",
    "DetachClassicLinkVpc",
    "DisableVpcClassicLink",
    "EnableVpcClassicLink",
];
const ORGANIZATIONS_NAMES = [
    "AcceptHandshake",
    "AttachPolicy",
    "CreateAccount",
    "CreateOrganizationalUnit",
    "CreatePolicy",
    "DeclineHandshake",
    "DeleteOrganization",
    "DeleteOrganizationalUnit",
    "DeletePolicy",
    "DetachPolicy",
    "DisablePolicyType",
    "EnablePolicyType",
    "InviteAccountToOrganization",
    "LeaveOrganization",
    "MoveAccount",
    "RemoveAccountFromOrganization",
    "UpdatePolicy",
    "UpdateOrganizationalUnit",
];

const ec2 = (eventName: string): Record<string, unknown> => apiCallRecord({ eventSource: "ec2.amazonaws.com", eventName });

// ---------------------------------------------------------------------------------------------
// 4.2 and 4.3: conditions beyond "source and name".

const NO_MFA_V5 = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }';
const NO_MFA_SSO = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';

/** CIS 4.2: "Ensure management console sign-in without MFA is monitored". */
export const CIS_4_2: MonitoringControl = {
    kind: "metricFilter",
    id: "cis-aws-4.2-console-sign-in-without-mfa",
    benchmark: BENCHMARK,
    control: "4.2",
    controlV6: "5.2",
    title: "Ensure management console sign-in without MFA is monitored",
    rationale: `${CLOUDWATCH_PREAMBLE} Monitoring for single-factor console logins will increase visibility into accounts that are not protected by MFA. These type of accounts are more susceptible to compromise and unauthorized access.`,
    intent: {
        // A sign-in whose record says MFA was not used: the field is there and is not "Yes".
        mustMatch: [
            { field: "eventName", anyOf: ["ConsoleLogin"] },
            { field: "additionalEventData.MFAUsed", exists: true },
            { field: "additionalEventData.MFAUsed", noneOf: ["Yes"] },
        ],
        // The benchmark's SSO-aware variant tunes out federated sign-ins and failed ones.
        mayMiss: [
            [{ field: "userIdentity.type", noneOf: ["IAMUser"] }],
            [{ field: "responseElements.ConsoleLogin", noneOf: ["Success"] }],
        ],
        presentFields: CLOUDTRAIL_PRESENT_FIELDS,
        exampleRecord: consoleLoginRecord({ result: "Success", mfaUsed: "No" }),
        outOfScopeExamples: [consoleLoginRecord({ result: "Success", mfaUsed: "Yes" })],
    },
    patterns: {
        default: NO_MFA_V5,
        cisV5: NO_MFA_V5,
        cisV5Sso: NO_MFA_SSO,
        securityHub: NO_MFA_SSO,
        terraformModule: NO_MFA_SSO,
    },
    metric: { namespace: "CISBenchmark", name: "NoMFAConsoleSignin", value: "1" },
    alarm: ALARM,
    securityHub: { control: "CloudWatch.3", requirements: "CIS v1.2.0 3.2", pattern: NO_MFA_SSO },
    sourceNotes: [...SOURCES, "cisV5Sso: the benchmark's second remediation text, 'to reduce false positives in case Single Sign-On (SSO) is used'."],
};

const ROOT_V5 = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

/** CIS 4.3: "Ensure usage of the 'root' account is monitored". */
export const CIS_4_3: MonitoringControl = {
    kind: "metricFilter",
    id: "cis-aws-4.3-root-account-usage",
    benchmark: BENCHMARK,
    control: "4.3",
    controlV6: "5.3",
    title: "Ensure usage of the 'root' account is monitored",
    rationale: `${CLOUDWATCH_PREAMBLE} Monitoring 'root' account logins will provide visibility into the use of a fully privileged account and the opportunity to reduce its usage.`,
    intent: {
        // The root user acting itself: not a service acting on its behalf, not an event AWS generated.
        mustMatch: [
            { field: "userIdentity.type", anyOf: ["Root"] },
            { field: "userIdentity.invokedBy", exists: false },
            { field: "eventType", noneOf: ["AwsServiceEvent"] },
        ],
        mayMiss: [],
        presentFields: CLOUDTRAIL_PRESENT_FIELDS,
        exampleRecord: apiCallRecord({ eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", userIdentity: ROOT_IDENTITY }),
        outOfScopeExamples: [
            // A service acting for the root user: CloudTrail sets invokedBy, and the
            // service's name as source address and user agent (CloudTrail userIdentity element).
            apiCallRecord({
                eventSource: "ec2.amazonaws.com",
                eventName: "RunInstances",
                userIdentity: { ...ROOT_IDENTITY, invokedBy: "autoscaling.amazonaws.com" },
                extra: { sourceIPAddress: "autoscaling.amazonaws.com", userAgent: "autoscaling.amazonaws.com" },
            }),
            apiCallRecord({ eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey" }),
        ],
    },
    patterns: {
        default: ROOT_V5,
        cisV5: ROOT_V5,
        securityHub: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
        terraformModule: ROOT_V5,
    },
    metric: { namespace: "CISBenchmark", name: "RootUsage", value: "1" },
    alarm: ALARM,
    securityHub: {
        control: "CloudWatch.1",
        requirements: "CIS v1.2.0 1.1 and 3.3, CIS v1.4.0 1.7 and 4.3",
        pattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    },
    sourceNotes: SOURCES,
};

/** CIS 4.6: "Ensure AWS Management Console authentication failures are monitored". */
export const CIS_4_6: MonitoringControl = {
    kind: "metricFilter",
    id: "cis-aws-4.6-console-authentication-failures",
    benchmark: BENCHMARK,
    control: "4.6",
    controlV6: "5.6",
    title: "Ensure AWS Management Console authentication failures are monitored",
    rationale: `${CLOUDWATCH_PREAMBLE} Monitoring failed console logins may decrease the lead time to detect an attempt to brute-force a credential, which may provide an indicator, such as the source IP address, that can be used in other event correlations.`,
    intent: {
        mustMatch: [
            { field: "eventName", anyOf: ["ConsoleLogin"] },
            { field: "errorMessage", anyOf: ["Failed authentication"] },
        ],
        mayMiss: [],
        presentFields: CLOUDTRAIL_PRESENT_FIELDS,
        exampleRecord: consoleLoginRecord({ result: "Failure", mfaUsed: "No", extra: { errorMessage: "Failed authentication" } }),
        outOfScopeExamples: [consoleLoginRecord({ result: "Success", mfaUsed: "Yes" })],
    },
    patterns: {
        default: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
        cisV5: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
        securityHub: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
        terraformModule: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    },
    metric: { namespace: "CISBenchmark", name: "ConsoleSigninFailures", value: "1" },
    alarm: ALARM,
    securityHub: {
        control: "CloudWatch.6",
        requirements: "CIS v1.2.0 3.6, CIS v1.4.0 4.6",
        pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    },
    sourceNotes: SOURCES,
};

// ---------------------------------------------------------------------------------------------
// The event families.

/** CIS 4.4: "Ensure IAM policy changes are monitored". */
export const CIS_4_4 = familyControl({
    control: "4.4",
    slug: "iam-policy-changes",
    title: "Ensure IAM policy changes are monitored",
    rationale: "Monitoring changes to IAM policies will help ensure authentication and authorization controls remain intact.",
    eventSource: "iam.amazonaws.com",
    eventNames: IAM_NAMES,
    requestParameters: { groupName: "admins", policyName: "inline-admin" },
    outOfScope: [
        // Organizations has CreatePolicy, DeletePolicy too: service control policies, not IAM policies.
        apiCallRecord({ eventSource: "organizations.amazonaws.com", eventName: "CreatePolicy", requestParameters: { type: "SERVICE_CONTROL_POLICY", name: "deny-leave" } }),
        apiCallRecord({ eventSource: "iam.amazonaws.com", eventName: "GetPolicy" }),
    ],
    metricName: "IAMChanges",
    patterns: {
        cisV5: `{${nameAlternatives(IAM_NAMES, "||", false)}}`,
        securityHub: `{${nameAlternatives(IAM_NAMES, " || ", false)}}`,
        terraformModule: `{${nameAlternatives(IAM_NAMES, "||", false)}}`,
    },
    securityHub: { control: "CloudWatch.4", requirements: "CIS v1.2.0 3.4, CIS v1.4.0 4.4", pattern: `{${nameAlternatives(IAM_NAMES, " || ", false)}}` },
    sourceNotes: ["The CIS text names no eventSource; the intent does, so the text also counts Organizations' CreatePolicy/DeletePolicy."],
});

/** CIS 4.5: "Ensure CloudTrail configuration changes are monitored". */
export const CIS_4_5 = familyControl({
    control: "4.5",
    slug: "cloudtrail-configuration-changes",
    title: "Ensure CloudTrail configuration changes are monitored",
    rationale: "Monitoring changes to CloudTrail's configuration will help ensure sustained visibility into the activities performed in the AWS account.",
    eventSource: "cloudtrail.amazonaws.com",
    eventNames: CLOUDTRAIL_NAMES,
    requestParameters: { name: "management-events", s3BucketName: "cloudtrail-logs-111122223333", isMultiRegionTrail: true },
    outOfScope: [apiCallRecord({ eventSource: "cloudtrail.amazonaws.com", eventName: "PutEventSelectors" })],
    metricName: "CloudTrailCfgChanges",
    patterns: {
        cisV5: `{ ${nameAlternatives(CLOUDTRAIL_NAMES, " || ", true)} }`,
        securityHub: `{${nameAlternatives(CLOUDTRAIL_NAMES, " || ", false)}}`,
        terraformModule: `{ ${nameAlternatives(CLOUDTRAIL_NAMES, " || ", true)} }`,
    },
    securityHub: { control: "CloudWatch.5", requirements: "CIS v1.2.0 3.5, CIS v1.4.0 4.5", pattern: `{${nameAlternatives(CLOUDTRAIL_NAMES, " || ", false)}}` },
});

/** CIS 4.7: "Ensure disabling or scheduled deletion of customer created CMKs is monitored". */
export const CIS_4_7 = familyControl({
    control: "4.7",
    slug: "cmk-disable-or-deletion",
    title: "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
    rationale: "Data encrypted with disabled or deleted keys will no longer be accessible. Changes in the state of a CMK should be monitored to ensure that the change is intentional.",
    eventSource: "kms.amazonaws.com",
    eventNames: KMS_NAMES,
    requestParameters: { keyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    outOfScope: [apiCallRecord({ eventSource: "kms.amazonaws.com", eventName: "DisableKeyRotation" })],
    metricName: "DisableOrDeleteCMK",
    patterns: {
        cisV5: "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
        securityHub: "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
        terraformModule: "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
    },
    securityHub: {
        control: "CloudWatch.7",
        requirements: "CIS v1.2.0 3.7, CIS v1.4.0 4.7",
        pattern: "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
    },
    sourceNotes: ["Whether the key is customer-created is not in the record; the intent, like the CIS text, counts every DisableKey/ScheduleKeyDeletion."],
});

/** CIS 4.8: "Ensure S3 bucket policy changes are monitored". */
export const CIS_4_8 = familyControl({
    control: "4.8",
    slug: "s3-bucket-policy-changes",
    title: "Ensure S3 bucket policy changes are monitored",
    rationale: "Monitoring changes to S3 bucket policies may reduce the time it takes to detect and correct permissive policies on sensitive S3 buckets.",
    eventSource: "s3.amazonaws.com",
    eventNames: S3_NAMES,
    requestParameters: { bucketName: "reports-111122223333", acl: "" },
    outOfScope: [apiCallRecord({ eventSource: "s3.amazonaws.com", eventName: "GetBucketPolicy" })],
    metricName: "S3BucketPolicyChanges",
    patterns: {
        cisV5: `{ ($.eventSource = s3.amazonaws.com) && (${nameAlternatives(S3_NAMES, " || ", true)}) }`,
        securityHub: `{($.eventSource=s3.amazonaws.com) && (${nameAlternatives(S3_NAMES, " || ", false)})}`,
        terraformModule: `{ ($.eventSource = s3.amazonaws.com) && (${nameAlternatives(S3_NAMES, " || ", true)}) }`,
    },
    securityHub: {
        control: "CloudWatch.8",
        requirements: "CIS v1.2.0 3.8, CIS v1.4.0 4.8",
        pattern: `{($.eventSource=s3.amazonaws.com) && (${nameAlternatives(S3_NAMES, " || ", false)})}`,
    },
});

/** CIS 4.9: "Ensure AWS Config configuration changes are monitored". */
export const CIS_4_9 = familyControl({
    control: "4.9",
    slug: "aws-config-changes",
    title: "Ensure AWS Config configuration changes are monitored",
    rationale: "Monitoring changes to the AWS Config configuration will help ensure sustained visibility of the configuration items within the AWS account.",
    eventSource: "config.amazonaws.com",
    eventNames: CONFIG_NAMES,
    requestParameters: { configurationRecorderName: "default" },
    outOfScope: [apiCallRecord({ eventSource: "config.amazonaws.com", eventName: "StartConfigurationRecorder" })],
    metricName: "AWSConfigChanges",
    patterns: {
        cisV5: `{ ($.eventSource = config.amazonaws.com) && (${nameAlternatives(CONFIG_NAMES, "||", false)}) }`,
        securityHub: `{($.eventSource=config.amazonaws.com) && (${nameAlternatives(CONFIG_NAMES, " || ", false)})}`,
        terraformModule: `{ ($.eventSource = config.amazonaws.com) && (${nameAlternatives(CONFIG_NAMES, "||", false)}) }`,
    },
    securityHub: {
        control: "CloudWatch.9",
        requirements: "CIS v1.2.0 3.9, CIS v1.4.0 4.9",
        pattern: `{($.eventSource=config.amazonaws.com) && (${nameAlternatives(CONFIG_NAMES, " || ", false)})}`,
    },
});

/** CIS 4.10: "Ensure security group changes are monitored". */
export const CIS_4_10 = familyControl({
    control: "4.10",
    slug: "security-group-changes",
    title: "Ensure security group changes are monitored",
    rationale: "Monitoring changes to security groups will help ensure that resources and services are not unintentionally exposed.",
    eventSource: "ec2.amazonaws.com",
    eventNames: SECURITY_GROUP_NAMES,
    requestParameters: { groupId: "sg-0123456789abcdef0", ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22 }] } },
    outOfScope: [ec2("DescribeSecurityGroups")],
    metricName: "SecurityGroupChanges",
    patterns: {
        cisV5: `{ ${nameAlternatives(SECURITY_GROUP_NAMES, " || ", true)} }`,
        securityHub: `{${nameAlternatives(SECURITY_GROUP_NAMES.slice(0, 6), " || ", false)}}`,
        terraformModule: `{ ${nameAlternatives(SECURITY_GROUP_NAMES.slice(0, 6), " || ", true)}}`,
    },
    securityHub: {
        control: "CloudWatch.10",
        requirements: "CIS v1.2.0 3.10, CIS v1.4.0 4.10",
        pattern: `{${nameAlternatives(SECURITY_GROUP_NAMES.slice(0, 6), " || ", false)}}`,
    },
    sourceNotes: ["ModifySecurityGroupRules is in the v5.0 text; the Security Hub and terraform-module texts predate it."],
});

/** CIS 4.11: "Ensure Network Access Control List (NACL) changes are monitored". */
export const CIS_4_11 = familyControl({
    control: "4.11",
    slug: "nacl-changes",
    title: "Ensure Network Access Control List (NACL) changes are monitored",
    rationale: "Monitoring changes to NACLs will help ensure that AWS resources and services are not unintentionally exposed.",
    eventSource: "ec2.amazonaws.com",
    eventNames: NACL_NAMES,
    requestParameters: { vpcId: "vpc-0a1b2c3d4e5f67890" },
    outOfScope: [ec2("DescribeNetworkAcls")],
    metricName: "NACLChanges",
    patterns: {
        cisV5: `{ ${nameAlternatives(NACL_NAMES, " || ", true)} }`,
        securityHub: `{${nameAlternatives(NACL_NAMES, " || ", false)}}`,
        terraformModule: `{ ${nameAlternatives(NACL_NAMES, " || ", true)} }`,
    },
    securityHub: { control: "CloudWatch.11", requirements: "CIS v1.2.0 3.11, CIS v1.4.0 4.11", pattern: `{${nameAlternatives(NACL_NAMES, " || ", false)}}` },
});

/** CIS 4.12: "Ensure changes to network gateways are monitored". */
export const CIS_4_12 = familyControl({
    control: "4.12",
    slug: "network-gateway-changes",
    title: "Ensure changes to network gateways are monitored",
    rationale: "Monitoring changes to network gateways will help ensure that all ingress/egress traffic traverses the VPC border via a controlled path.",
    eventSource: "ec2.amazonaws.com",
    eventNames: GATEWAY_NAMES,
    requestParameters: { type: "ipsec.1", ipAddress: "198.51.100.1", bgpAsn: 65000 },
    outOfScope: [ec2("CreateNatGateway")],
    metricName: "NetworkGWChanges",
    patterns: {
        cisV5: `{ ${nameAlternatives(GATEWAY_NAMES, " || ", true)} }`,
        securityHub: `{${nameAlternatives(GATEWAY_NAMES, " || ", false)}}`,
        terraformModule: `{ ${nameAlternatives(GATEWAY_NAMES, " || ", true)} }`,
    },
    securityHub: { control: "CloudWatch.12", requirements: "CIS v1.2.0 3.12, CIS v1.4.0 4.12", pattern: `{${nameAlternatives(GATEWAY_NAMES, " || ", false)}}` },
});

/** CIS 4.13: "Ensure route table changes are monitored". */
export const CIS_4_13 = familyControl({
    control: "4.13",
    slug: "route-table-changes",
    title: "Ensure route table changes are monitored",
    rationale:
        "Monitoring changes to route tables will help ensure that all VPC traffic flows through the expected path and prevent any accidental or intentional modifications that may lead to uncontrolled network traffic. " +
        "An alarm should be triggered every time an AWS API call is performed to create, replace, delete, or disassociate a route table.",
    eventSource: "ec2.amazonaws.com",
    eventNames: ROUTE_NAMES,
    requestParameters: { routeTableId: "rtb-0a1b2c3d4e5f67890", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0a1b2c3d4e5f67890" },
    outOfScope: [
        // API Gateway v2 (HTTP and WebSocket APIs) has its own CreateRoute and DeleteRoute.
        apiCallRecord({ eventSource: "apigateway.amazonaws.com", eventName: "CreateRoute", requestParameters: { apiId: "a1b2c3d4e5", routeKey: "GET /items" } }),
        ec2("DescribeRouteTables"),
    ],
    metricName: "RouteTableChanges",
    patterns: {
        cisV5: `{ ${nameAlternatives(ROUTE_NAMES, " || ", true)} }`,
        // The audit step's text differs from the remediation's: it adds an eventSource clause to the first name only.
        cisV5Audit: `{($.eventSource = ec2.amazonaws.com) && ${nameAlternatives(ROUTE_NAMES, " || ", true)} }`,
        securityHub: `{${nameAlternatives(ROUTE_NAMES, " || ", false)}}`,
        terraformModule: `{ ${nameAlternatives(ROUTE_NAMES, " || ", true)} }`,
    },
    securityHub: { control: "CloudWatch.13", requirements: "CIS v1.2.0 3.13, CIS v1.4.0 4.13", pattern: `{${nameAlternatives(ROUTE_NAMES, " || ", false)}}` },
    sourceNotes: ["cisV5Audit: the benchmark's audit step 3 text, from prowler cis_5.0_aws.json (it has no double quotes to drop)."],
});

/** CIS 4.14: "Ensure VPC changes are monitored". */
export const CIS_4_14 = familyControl({
    control: "4.14",
    slug: "vpc-changes",
    title: "Ensure VPC changes are monitored",
    rationale:
        "VPCs in AWS are logically isolated virtual networks that can be used to launch AWS resources. Monitoring changes to VPC configurations will help ensure that VPC traffic flow is not negatively impacted.",
    eventSource: "ec2.amazonaws.com",
    eventNames: VPC_NAMES,
    requestParameters: { cidrBlock: "10.0.0.0/16" },
    outOfScope: [ec2("DescribeVpcs")],
    metricName: "VPCChanges",
    patterns: {
        cisV5: `{ ${nameAlternatives(VPC_NAMES, " || ", true)} }`,
        securityHub: `{${nameAlternatives(VPC_NAMES, " || ", false)}}`,
        terraformModule: `{ ${nameAlternatives(VPC_NAMES, " || ", true)} }`,
    },
    securityHub: { control: "CloudWatch.14", requirements: "CIS v1.2.0 3.14, CIS v1.4.0 4.14", pattern: `{${nameAlternatives(VPC_NAMES, " || ", false)}}` },
    sourceNotes: ["The rationale is shortened after its second sentence (prowler's copy is cut there too)."],
});

/** CIS 4.15: "Ensure AWS Organizations changes are monitored". */
export const CIS_4_15 = familyControl({
    control: "4.15",
    slug: "organizations-changes",
    title: "Ensure AWS Organizations changes are monitored",
    rationale:
        "Monitoring AWS Organizations changes can help you prevent unwanted, accidental, or intentional modifications that may lead to unauthorized access or other security breaches. " +
        "This monitoring technique helps ensure that any unexpected changes made within your AWS Organizations can be investigated and that any unwanted changes can be rolled back.",
    eventSource: "organizations.amazonaws.com",
    eventNames: ORGANIZATIONS_NAMES,
    requestParameters: { handshakeId: "h-examplehandshakeid111" },
    outOfScope: [
        apiCallRecord({ eventSource: "iam.amazonaws.com", eventName: "CreatePolicy", requestParameters: { policyName: "deploy" } }),
        apiCallRecord({ eventSource: "organizations.amazonaws.com", eventName: "DescribeOrganization" }),
    ],
    metricName: "AWSOrganizationsChanges",
    patterns: {
        cisV5: `{ ($.eventSource = organizations.amazonaws.com) && (${ORGANIZATIONS_NAMES.map((n) => `($.eventName = "${n}")`).join(" || ")}) }`,
        terraformModule: `{ ($.eventSource = organizations.amazonaws.com) && (${ORGANIZATIONS_NAMES.map((n) => `($.eventName = "${n}")`).join(" || ")}) }`,
    },
    sourceNotes: ["Security Hub has no CloudWatch control for 4.15 (CloudWatch.1–14 cover CIS v1.2/v1.4 only)."],
});
