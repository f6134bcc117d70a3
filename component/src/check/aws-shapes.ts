/**
 * What the AWS provider computes for a new resource, so a program run under
 * mocks sees what the engine would see.
 *
 * - Preview (`pulumi preview` of a new stack): the provider's Check assigns
 *   auto-names (`<logical name>-<7 hex>`), everything the provider computes
 *   on Create (ids, ARNs) is unknown.
 * - Update: those values are filled in with AWS-shaped values: ARNs carry
 *   the account and region, ids follow each resource type's convention.
 *
 * Auto-name suffixes are derived from the URN instead of random, so runs
 * are reproducible.
 */
import { createHash } from "node:crypto";
import { UNKNOWN, type WireObject, type WireValue } from "./wire";

/** The account every update-mode ARN names. */
export const MOCK_ACCOUNT_ID = "123456789012";

/** Where a resource lives, for ARNs. */
export interface AwsPlacement {
    /** The AWS region, e.g. `us-east-1`. */
    readonly region: string;
    /** The AWS account id. */
    readonly accountId: string;
}

/** How one resource type is named and identified by the provider. */
interface TypeShape {
    /** Input property the provider auto-names, if any. */
    readonly autoName?: string;
    /** S3-style names must be lower case. */
    readonly lowerCaseName?: boolean;
    /** Outputs computed on Create, given the (auto-)named inputs. */
    computed(inputs: WireObject, name: string, where: AwsPlacement, hex: (n: number) => string): WireObject;
    /** The resource id, given the computed outputs. */
    id(inputs: WireObject, outputs: WireObject): string;
}

const str = (v: WireValue | undefined): string => (typeof v === "string" ? v : "");

const SHAPES: Record<string, TypeShape> = {
    "aws:cloudwatch/logGroup:LogGroup": {
        autoName: "name",
        computed: (i, _n, w) => ({ arn: `arn:aws:logs:${w.region}:${w.accountId}:log-group:${str(i.name)}` }),
        id: (i) => str(i.name),
    },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
        computed: () => ({}),
        id: (i) => str(i.name),
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        autoName: "name",
        computed: (i, _n, w) => ({ arn: `arn:aws:cloudwatch:${w.region}:${w.accountId}:alarm:${str(i.name)}` }),
        id: (i) => str(i.name),
    },
    "aws:cloudtrail/trail:Trail": {
        autoName: "name",
        computed: (i, _n, w) => ({
            arn: `arn:aws:cloudtrail:${w.region}:${w.accountId}:trail/${str(i.name)}`,
            homeRegion: w.region,
        }),
        id: (_i, o) => str(o.arn),
    },
    "aws:sns/topic:Topic": {
        autoName: "name",
        computed: (i, _n, w) => ({ arn: `arn:aws:sns:${w.region}:${w.accountId}:${str(i.name)}`, owner: w.accountId }),
        id: (_i, o) => str(o.arn),
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        computed: (i, _n, _w, hex) => ({ arn: `${str(i.topic)}:${uuid(hex)}` }),
        id: (_i, o) => str(o.arn),
    },
    "aws:iam/role:Role": {
        autoName: "name",
        computed: (i, _n, w, hex) => ({
            arn: `arn:aws:iam::${w.accountId}:role${str(i.path) || "/"}${str(i.name)}`,
            uniqueId: `AROA${hex(17).toUpperCase()}`,
            createDate: "2026-01-01T00:00:00Z",
        }),
        id: (i) => str(i.name),
    },
    "aws:s3/bucket:Bucket": {
        autoName: "bucket",
        lowerCaseName: true,
        computed: (i, _n, w) => s3Outputs(str(i.bucket), w),
        id: (i) => str(i.bucket),
    },
    "aws:s3/bucketV2:BucketV2": {
        autoName: "bucket",
        lowerCaseName: true,
        computed: (i, _n, w) => s3Outputs(str(i.bucket), w),
        id: (i) => str(i.bucket),
    },
    "aws:kms/key:Key": {
        computed: (_i, _n, w, hex) => {
            const keyId = uuid(hex);
            return { keyId, arn: `arn:aws:kms:${w.region}:${w.accountId}:key/${keyId}` };
        },
        id: (_i, o) => str(o.keyId),
    },
};

function s3Outputs(bucket: string, where: AwsPlacement): WireObject {
    return {
        arn: `arn:aws:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${where.region}.amazonaws.com`,
        region: where.region,
    };
}

function uuid(hex: (n: number) => string): string {
    const h = hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Deterministic hex digits derived from a seed (the URN). */
export function hexFor(seed: string): (n: number) => string {
    const digest = createHash("sha256").update(seed).digest("hex");
    return (n) => digest.repeat(Math.ceil(n / digest.length)).slice(0, n);
}

/** What the provider's Check adds to the inputs: the auto-name, when the program did not set one. */
export function checkedInputs(type: string, urn: string, logicalName: string, inputs: WireObject): WireObject {
    const shape = SHAPES[type];
    if (shape?.autoName === undefined || shape.autoName in inputs || "namePrefix" in inputs || "bucketPrefix" in inputs) {
        return inputs;
    }
    const base = shape.lowerCaseName ? logicalName.toLowerCase() : logicalName;
    return { ...inputs, [shape.autoName]: `${base}-${hexFor(urn)(7)}` };
}

/**
 * The resource's id and outputs after Create. In preview computed values are
 * unknown; in update they are AWS-shaped. Types without a known shape get
 * an id from their logical name and no extra outputs.
 */
export function createdState(
    type: string,
    urn: string,
    logicalName: string,
    checked: WireObject,
    where: AwsPlacement,
    preview: boolean,
): { id: string; outputs: WireObject } {
    const shape = SHAPES[type];
    const hex = hexFor(urn);
    const computed = shape?.computed(checked, logicalName, where, hex) ?? {};
    if (preview) {
        const unknowns = Object.fromEntries(Object.keys(computed).map((k) => [k, UNKNOWN]));
        return { id: UNKNOWN, outputs: { ...checked, ...unknowns, id: UNKNOWN } };
    }
    const outputs: WireObject = { ...checked, ...computed };
    const id = shape?.id(checked, outputs) || `${logicalName}-${hex(7)}`;
    return { id, outputs: { ...outputs, id } };
}

/** Results of the AWS data sources programs commonly call, for the mock's invoke. */
export function invokeResult(token: string, args: Record<string, unknown>, where: AwsPlacement): Record<string, unknown> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                id: where.accountId,
                accountId: where.accountId,
                arn: `arn:aws:iam::${where.accountId}:user/trailwatch-check`,
                userId: "AIDACKCEVSQ6C2EXAMPLE",
            };
        case "aws:index/getRegion:getRegion":
            return { id: where.region, name: where.region, region: where.region, endpoint: `ec2.${where.region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return { id: "policy-document", json: policyDocumentJson(args), minifiedJson: policyDocumentJson(args) };
        default:
            return { id: `${token.split(":").pop() ?? "invoke"}-result`, ...args };
    }
}

/** Renders `aws.iam.getPolicyDocument` arguments the way the provider does (the common fields). */
function policyDocumentJson(args: Record<string, unknown>): string {
    const statements = Array.isArray(args.statements) ? (args.statements as Record<string, unknown>[]) : [];
    const principals = (list: unknown) =>
        Array.isArray(list) && list.length > 0
            ? Object.fromEntries(
                  (list as { type: string; identifiers: string[] }[]).map((p) => [
                      p.type,
                      p.identifiers.length === 1 ? p.identifiers[0] : p.identifiers,
                  ]),
              )
            : undefined;
    const one = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
    const conditions = (list: unknown) =>
        Array.isArray(list) && list.length > 0
            ? (list as { test: string; variable: string; values: string[] }[]).reduce<Record<string, Record<string, unknown>>>(
                  (acc, c) => ({ ...acc, [c.test]: { ...(acc[c.test] ?? {}), [c.variable]: one(c.values) } }),
                  {},
              )
            : undefined;
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: statements.map((s) => ({
            Sid: s.sid,
            Effect: s.effect ?? "Allow",
            Action: one(s.actions),
            Resource: one(s.resources),
            Principal: principals(s.principals),
            Condition: conditions(s.conditions),
        })),
    });
}
