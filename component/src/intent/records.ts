/**
 * Realistic CloudTrail records for the catalog's examples. The shapes follow
 * the AWS CloudTrail User Guide ("CloudTrail record contents for management,
 * data, and network activity events"; "AWS Management Console sign-in events"
 * for `ConsoleLogin`, whose `additionalEventData.MFAUsed` and
 * `responseElements.ConsoleLogin` the sign-in controls read); account ids,
 * keys and addresses are the documentation's example values.
 */

/** The fields every CloudTrail record carries, whatever the event. */
export const CLOUDTRAIL_PRESENT_FIELDS: readonly string[] = [
    "eventVersion",
    "eventTime",
    "eventSource",
    "eventName",
    "awsRegion",
    "sourceIPAddress",
    "eventID",
    "eventType",
    "userIdentity.type",
];

const IAM_USER = {
    type: "IAMUser",
    principalId: "AIDACKCEVSQ6C2EXAMPLE",
    arn: "arn:aws:iam::111122223333:user/alice",
    accountId: "111122223333",
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    userName: "alice",
};

/** What differs between two management API calls. */
export interface ApiCallFields {
    /** The service endpoint, e.g. `ec2.amazonaws.com`. */
    readonly eventSource: string;
    /** The API action, e.g. `CreateSecurityGroup`. */
    readonly eventName: string;
    /** The request as CloudTrail records it. */
    readonly requestParameters?: Readonly<Record<string, unknown>> | null;
    /** Replaces the IAM user caller, e.g. with a root identity. */
    readonly userIdentity?: Readonly<Record<string, unknown>>;
    /** Anything else to set on the record (errorCode, eventType, ...). */
    readonly extra?: Readonly<Record<string, unknown>>;
}

/** A successful management API call by an IAM user through the AWS CLI. */
export function apiCallRecord(fields: ApiCallFields): Record<string, unknown> {
    return {
        eventVersion: "1.09",
        userIdentity: fields.userIdentity ?? IAM_USER,
        eventTime: "2026-11-23T09:14:03Z",
        eventSource: fields.eventSource,
        eventName: fields.eventName,
        awsRegion: "us-east-1",
        sourceIPAddress: "203.0.113.24",
        userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64",
        requestParameters: fields.requestParameters ?? null,
        responseElements: null,
        requestID: "8f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
        eventID: "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
        readOnly: false,
        eventType: "AwsApiCall",
        managementEvent: true,
        recipientAccountId: "111122223333",
        eventCategory: "Management",
        ...fields.extra,
    };
}

/** What differs between two console sign-ins. */
export interface ConsoleLoginFields {
    /** `Success` or `Failure`. */
    readonly result: "Success" | "Failure";
    /** `Yes` or `No`. */
    readonly mfaUsed: "Yes" | "No";
    /** Replaces the IAM user, e.g. with a root or federated identity. */
    readonly userIdentity?: Readonly<Record<string, unknown>>;
    /** Anything else to set on the record (errorMessage, ...). */
    readonly extra?: Readonly<Record<string, unknown>>;
}

/** A `ConsoleLogin` event, as signin.amazonaws.com records it. */
export function consoleLoginRecord(fields: ConsoleLoginFields): Record<string, unknown> {
    const { accessKeyId: _key, ...user } = IAM_USER;
    return {
        eventVersion: "1.09",
        userIdentity: fields.userIdentity ?? user,
        eventTime: "2026-11-23T08:02:41Z",
        eventSource: "signin.amazonaws.com",
        eventName: "ConsoleLogin",
        awsRegion: "us-east-1",
        sourceIPAddress: "198.51.100.7",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        requestParameters: null,
        responseElements: { ConsoleLogin: fields.result },
        additionalEventData: {
            LoginTo: "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true",
            MobileVersion: "No",
            MFAUsed: fields.mfaUsed,
        },
        eventID: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
        readOnly: false,
        eventType: "AwsConsoleSignIn",
        managementEvent: true,
        recipientAccountId: "111122223333",
        eventCategory: "Management",
        ...fields.extra,
    };
}

/** The root user of the example account, signed in with a session (no `invokedBy`). */
export const ROOT_IDENTITY: Readonly<Record<string, unknown>> = {
    type: "Root",
    principalId: "111122223333",
    arn: "arn:aws:iam::111122223333:root",
    accountId: "111122223333",
    accessKeyId: "ASIAIOSFODNN7EXAMPLE",
};
