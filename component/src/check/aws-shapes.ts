/**
 * What the AWS provider computes and records for a resource, so a program
 * run under mocks sees what the engine would see.
 *
 * - Preview (`pulumi preview` of a new stack): the provider's Check assigns
 *   auto-names (`<logical name>-<7 hex>`), everything the provider computes
 *   on Create (ids, ARNs, a `namePrefix` name) is unknown.
 * - Update: the state the provider records after Create, as a preview of
 *   the existing stack would show it: ARNs and ids in the resource's own
 *   region and account, the schema defaults Check adds to the inputs (listed
 *   in `__defaults`), the values AWS fills in, and (through an
 *   {@link OutputFiller}) every other declared output as its zero value.
 *
 * Auto-name suffixes are derived from the URN instead of random, so runs
 * are reproducible. Evidence for each recorded value is named beside it;
 * "recorded" paths are in the pulumi/pulumi-aws repository, "schema" ones
 * in hashicorp/terraform-provider-aws.
 */
import { createHash } from "node:crypto";
import { UNKNOWN, type WireObject, type WireValue, isObject, isSecret } from "./wire";

/** The account ARNs name when nothing tells which one the stack deploys to (AWS's documentation account). */
export const MOCK_ACCOUNT_ID = "123456789012";

/** Where a resource lives, for ARNs. */
export interface AwsPlacement {
    /** The AWS region, e.g. `us-east-1`. */
    readonly region: string;
    /** The AWS account id. */
    readonly accountId: string;
}

/** Adds the declared outputs a state lacks, as their zero values (see `aws-declarations`). */
export type OutputFiller = (type: string, outputs: WireObject) => WireObject;

/** How one resource type is named, identified and recorded by the provider. */
interface TypeShape {
    /** Input property the provider auto-names, if any. */
    readonly autoName?: string;
    /** S3-style names must be lower case. */
    readonly lowerCaseName?: boolean;
    /** Schema defaults the provider's Check adds to unset inputs. */
    readonly inputDefaults?: WireObject;
    /** Outputs computed on Create, given the (auto-)named inputs. */
    computed(inputs: WireObject, name: string, where: AwsPlacement, hex: (n: number) => string): WireObject;
    /** Values AWS fills in when the program leaves them unset (nested blocks merge key by key). */
    recorded?(outputs: WireObject, where: AwsPlacement): WireObject;
    /** The resource id, given the computed outputs. */
    id(inputs: WireObject, outputs: WireObject): string;
    /** What the id of a read resource (`Resource.get`) tells about its state. */
    fromId?(id: string): WireObject;
}

const str = (v: WireValue | undefined): string => (typeof v === "string" ? v : "");

/** The last `:` or `/` segment of an ARN (a topic's or trail's name). */
const lastSegment = (arn: string): string => arn.split(/[:/]/).pop() ?? arn;

/** Protocols SNS leaves pending until the endpoint confirms (the AWS SNS Subscribe API reference). */
const CONFIRMED_BY_ENDPOINT = new Set(["email", "email-json", "http", "https"]);

const SHAPES: Record<string, TypeShape> = {
    "aws:cloudwatch/logGroup:LogGroup": {
        autoName: "name",
        // recorded: TestProviderUpgrade/cloudwatch-loggroup/*/state.json, `__defaults: ["retentionInDays", "skipDestroy"]`.
        inputDefaults: { retentionInDays: 0, skipDestroy: false },
        computed: (i, _n, w) => ({ arn: `arn:aws:logs:${w.region}:${w.accountId}:log-group:${str(i.name)}` }),
        // recorded: examples/testdata/recorded/TestProviderUpgrade/cloudwatch-loggroup/6.78.0/stack.json.
        recorded: () => ({ logGroupClass: "STANDARD" }),
        id: (i) => str(i.name),
        fromId: (id) => ({ name: id }),
    },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
        autoName: "name",
        computed: () => ({}),
        // schema: internal/service/logs/metric_filter.go, metric_transformation.unit `Default: types.StandardUnitNone`.
        recorded: (o): WireObject => (isObject(o.metricTransformation) ? { metricTransformation: { unit: "None" } } : {}),
        id: (i) => str(i.name),
        fromId: (id) => ({ name: id }),
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        autoName: "name",
        // schema: internal/service/cloudwatch/metric_alarm.go, `actions_enabled` Default true,
        // `treat_missing_data` Default "missing" (and Read records "missing" when AWS returns none).
        inputDefaults: { actionsEnabled: true, treatMissingData: "missing" },
        computed: (i, _n, w) => ({ arn: `arn:aws:cloudwatch:${w.region}:${w.accountId}:alarm:${str(i.name)}` }),
        id: (i) => str(i.name),
        fromId: (id) => ({ name: id }),
    },
    "aws:cloudtrail/trail:Trail": {
        autoName: "name",
        // schema: internal/service/cloudtrail/trail.go, Default true for these two, false for the other booleans.
        inputDefaults: { enableLogging: true, includeGlobalServiceEvents: true, isMultiRegionTrail: false, isOrganizationTrail: false },
        computed: (i, _n, w) => ({
            arn: `arn:aws:cloudtrail:${w.region}:${w.accountId}:trail/${str(i.name)}`,
            homeRegion: w.region,
            snsTopicArn: str(i.snsTopicName) === "" ? "" : `arn:aws:sns:${w.region}:${w.accountId}:${str(i.snsTopicName)}`,
        }),
        id: (_i, o) => str(o.arn),
        fromId: (id) => ({ arn: id, name: lastSegment(id) }),
    },
    "aws:sns/topic:Topic": {
        autoName: "name",
        // recorded: TestProviderUpgrade/sns-topic/5.42.0/state.json, `__defaults: ["contentBasedDeduplication", "fifoTopic"]`.
        inputDefaults: { contentBasedDeduplication: false, fifoTopic: false },
        computed: (i, _n, w) => ({ arn: `arn:aws:sns:${w.region}:${w.accountId}:${str(i.name)}`, owner: w.accountId }),
        // recorded: the same state: SNS's default topic policy when the program sets none.
        recorded: (o, w) => ({ policy: defaultTopicPolicy(str(o.arn), w.accountId) }),
        id: (_i, o) => str(o.arn),
        fromId: (id) => ({ arn: id, name: lastSegment(id) }),
    },
    "aws:sns/topicPolicy:TopicPolicy": {
        computed: (i, _n, w) => ({ owner: w.accountId, arn: str(i.arn) }),
        id: (i) => str(i.arn),
        fromId: (id) => ({ arn: id }),
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        // schema: internal/service/sns/topic_subscription.go, `confirmation_timeout_in_minutes` Default 1,
        // `endpoint_auto_confirms` and `raw_message_delivery` Default false.
        inputDefaults: { confirmationTimeoutInMinutes: 1, endpointAutoConfirms: false, rawMessageDelivery: false },
        computed: (i, _n, w, hex) => {
            // The provider records what GetSubscriptionAttributes says right after Subscribe: email and
            // HTTP(S) endpoints are pending until someone confirms, and stay so in state until a refresh.
            const pending = CONFIRMED_BY_ENDPOINT.has(str(i.protocol)) && i.endpointAutoConfirms !== true;
            return {
                arn: `${str(i.topic)}:${uuid(hex)}`,
                ownerId: w.accountId,
                pendingConfirmation: pending,
                confirmationWasAuthenticated: !pending,
            };
        },
        id: (_i, o) => str(o.arn),
        fromId: (id) => ({ arn: id, topic: id.slice(0, Math.max(0, id.lastIndexOf(":"))) }),
    },
    "aws:iam/role:Role": {
        autoName: "name",
        // recorded: TestProviderUpgrade/cloudwatch/5.42.0/state.json, the role's `__defaults`.
        inputDefaults: { forceDetachPolicies: false, maxSessionDuration: 3600, path: "/" },
        computed: (i, _n, w, hex) => ({
            arn: `arn:aws:iam::${w.accountId}:role${str(i.path) || "/"}${str(i.name)}`,
            uniqueId: `AROA${hex(17).toUpperCase()}`,
            createDate: "2026-01-01T00:00:00Z",
        }),
        id: (i) => str(i.name),
        fromId: (id) => ({ name: id }),
    },
    "aws:iam/rolePolicy:RolePolicy": {
        autoName: "name",
        computed: () => ({}),
        id: (i) => `${str(i.role)}:${str(i.name)}`,
    },
    "aws:s3/bucket:Bucket": {
        autoName: "bucket",
        lowerCaseName: true,
        computed: (i, _n, w) => s3Outputs(str(i.bucket), w),
        id: (i) => str(i.bucket),
        fromId: (id) => ({ bucket: id }),
    },
    "aws:s3/bucketV2:BucketV2": {
        autoName: "bucket",
        lowerCaseName: true,
        computed: (i, _n, w) => s3Outputs(str(i.bucket), w),
        id: (i) => str(i.bucket),
        fromId: (id) => ({ bucket: id }),
    },
    "aws:kms/key:Key": {
        // recorded: examples/testdata/recorded/TestProviderUpgrade/kms-key/6.78.0/stack.json, the key's `__defaults`.
        inputDefaults: {
            bypassPolicyLockoutSafetyCheck: false,
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: false,
            isEnabled: true,
            keyUsage: "ENCRYPT_DECRYPT",
        },
        computed: (_i, _n, w, hex) => {
            const keyId = uuid(hex);
            return { keyId, arn: `arn:aws:kms:${w.region}:${w.accountId}:key/${keyId}` };
        },
        // recorded: the same state: the default key policy, and no rotation period without rotation.
        recorded: (o, w) => ({
            policy: defaultKeyPolicy(w.accountId),
            rotationPeriodInDays: o.enableKeyRotation === true ? 365 : 0,
        }),
        id: (_i, o) => str(o.keyId),
        fromId: (id) => ({ keyId: id }),
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

/** SNS's policy for a topic created without one (recorded: TestProviderUpgrade/sns-topic/5.42.0/state.json). */
function defaultTopicPolicy(topicArn: string, account: string): string {
    const actions = ["GetTopicAttributes", "SetTopicAttributes", "AddPermission", "RemovePermission", "DeleteTopic", "Subscribe"]
        .concat(["ListSubscriptionsByTopic", "Publish"])
        .map((a) => `SNS:${a}`);
    return JSON.stringify({
        Id: "__default_policy_ID",
        Statement: [
            {
                Action: actions,
                Condition: { StringEquals: { "AWS:SourceOwner": account } },
                Effect: "Allow",
                Principal: { AWS: "*" },
                Resource: topicArn,
                Sid: "__default_statement_ID",
            },
        ],
        Version: "2008-10-17",
    });
}

/** KMS's policy for a key created without one (recorded: TestProviderUpgrade/kms-key/6.78.0/stack.json). */
function defaultKeyPolicy(account: string): string {
    return JSON.stringify({
        Id: "key-default-1",
        Statement: [
            { Action: "kms:*", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Resource: "*", Sid: "Enable IAM User Permissions" },
        ],
        Version: "2012-10-17",
    });
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

/**
 * What the provider's Check adds to the inputs: the auto-name, when the
 * program set neither a name nor a `namePrefix` (a prefix is completed by
 * the provider on Create, not by Check). In update mode also the schema
 * defaults of unset inputs, listed in `__defaults` as the engine stores
 * them; the engine never passes `__` keys to a policy pack.
 */
export function checkedInputs(type: string, urn: string, logicalName: string, inputs: WireObject, preview: boolean = true): WireObject {
    const shape = SHAPES[type];
    const result: WireObject = { ...inputs };
    const defaulted: string[] = [];
    if (shape?.autoName !== undefined && !(shape.autoName in inputs) && !("namePrefix" in inputs) && !("bucketPrefix" in inputs)) {
        const base = shape.lowerCaseName ? logicalName.toLowerCase() : logicalName;
        result[shape.autoName] = `${base}-${hexFor(urn)(7)}`;
        defaulted.push(shape.autoName);
    }
    // Every bridged resource's checked inputs carry `__defaults`, `[]` when nothing was defaulted
    // (recorded: the RolePolicyAttachments in TestProviderUpgrade/cloudwatch/5.42.0/state.json).
    if (preview || !type.startsWith("aws:")) {
        return result;
    }
    for (const [key, value] of Object.entries(shape?.inputDefaults ?? {})) {
        if (result[key] === undefined) {
            result[key] = value;
            defaulted.push(key);
        }
    }
    return { __defaults: defaulted.sort(), ...result };
}

/**
 * The name the provider gives a resource created with `namePrefix`: the
 * prefix and a `PrefixedUniqueId` suffix (UTC time to the 10,000th of a
 * second, then an 8-hex-digit counter), e.g. the `…-20231110230013578900000001`
 * ids in recorded TestProviderUpgrade/cloudwatch/5.42.0/state.json. Fixed
 * time, counter from the URN, so runs are reproducible.
 */
export function prefixedName(prefix: string, urn: string): string {
    const hex = hexFor(urn);
    const fraction = String(parseInt(hex(4), 16) % 10_000).padStart(4, "0");
    return `${prefix}20260101000000${fraction}${hex(8)}`;
}

/** The region a resource lives in: its own v7 `region` input when known, else its provider's. */
export function resourceRegion(inputs: WireObject, providerRegion: string): string {
    const own = inputs.region;
    return typeof own === "string" && own !== "" && own !== UNKNOWN ? own : providerRegion;
}

/**
 * The resource's id and outputs after Create. In preview computed values are
 * unknown; in update they are what the provider records (see the module
 * comment). Types without a known shape get an id from their logical name
 * and, in update, their declared outputs as zero values.
 */
export function createdState(
    type: string,
    urn: string,
    logicalName: string,
    checked: WireObject,
    where: AwsPlacement,
    preview: boolean,
    fill?: OutputFiller,
): { id: string; outputs: WireObject } {
    const shape = SHAPES[type];
    const hex = hexFor(urn);
    const { __defaults: _defaults, ...inputs } = checked;
    const prefix = shape?.autoName === "bucket" ? inputs.bucketPrefix : inputs.namePrefix;
    const prefixed = shape?.autoName !== undefined && inputs[shape.autoName] === undefined && typeof prefix === "string" && prefix !== UNKNOWN;
    if (preview) {
        const computed = shape?.computed(inputs, logicalName, where, hex) ?? {};
        const unknowns = Object.fromEntries(Object.keys(computed).map((k) => [k, UNKNOWN]));
        const name = prefixed ? { [shape.autoName!]: UNKNOWN } : {};
        return { id: UNKNOWN, outputs: { ...inputs, ...unknowns, ...name, id: UNKNOWN } };
    }
    const named = prefixed ? { ...inputs, [shape.autoName!]: prefixedName(String(prefix), urn) } : inputs;
    const outputs = recordedState(type, { ...named, ...(shape?.computed(named, logicalName, where, hex) ?? {}) }, where, fill);
    const id = shape?.id(named, outputs) || `${logicalName}-${hex(7)}`;
    return { id, outputs: { ...outputs, id } };
}

/**
 * The state of a read resource (`Resource.get(name, id, state)`): what its
 * provider's Read records, worked out from the id (a name or an ARN, per
 * type) and the state the program passed. An ARN id also says the region
 * and account; otherwise they are the resource's placement.
 */
export function readState(type: string, id: string, state: WireObject, where: AwsPlacement, fill?: OutputFiller): WireObject {
    const shape = SHAPES[type];
    const arn = /^arn:[^:]+:[^:]+:([^:]*):(\d{12})?:/.exec(id);
    const placement = arn === null ? where : { region: arn[1] || where.region, accountId: arn[2] || where.accountId };
    const known = { ...(shape?.fromId?.(id) ?? {}), ...state };
    const computed = shape?.computed(known, id, placement, hexFor(id)) ?? {};
    // What the id says wins over what the ARN template would make of it (a read topic's ARN is its id).
    const outputs = recordedState(type, { ...computed, ...known }, placement, fill);
    return { ...outputs, id };
}

/** Adds what AWS fills in, the v7 `region`, `tagsAll`, then every other declared output as its zero value. */
function recordedState(type: string, outputs: WireObject, where: AwsPlacement, fill: OutputFiller | undefined): WireObject {
    if (fill === undefined) {
        return outputs;
    }
    const shape = SHAPES[type];
    const defaults: WireObject = { ...shape?.inputDefaults, ...shape?.recorded?.(outputs, where), region: where.region };
    // recorded: tagsAll mirrors tags (TestProviderUpgrade/cloudwatch-loggroup/5.42.0/state.json).
    if (isObject(outputs.tags) && !isSecret(outputs.tags)) {
        defaults.tagsAll = outputs.tags;
    }
    const filled = fill(type, withDefaults(outputs, defaults));
    // `region` only where the installed package declares it (v7); v6 state has none.
    if (!("region" in outputs) && filled.region === where.region && fill(type, {}).region === undefined) {
        delete filled.region;
    }
    return filled;
}

/** Sets each default the value lacks; plain nested objects are merged key by key. */
function withDefaults(value: WireObject, defaults: WireObject): WireObject {
    const result: WireObject = { ...value };
    for (const [key, fallback] of Object.entries(defaults)) {
        const current = result[key];
        if (current === undefined || current === null) {
            result[key] = fallback;
        } else if (isObject(current) && !isSecret(current) && isObject(fallback)) {
            result[key] = withDefaults(current, fallback);
        }
    }
    return result;
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
