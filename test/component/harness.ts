/**
 * Test harness for the component under Pulumi's mock runtime: records every
 * resource registration and provider call the program makes, answers them the
 * way AWS would (ARNs, auto-names), and resolves Outputs for assertions.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

/** The account the mocked `getCallerIdentity` answers with. */
export const ACCOUNT_ID = "111122223333";
/** The region resources land in when no `region` input is given. */
export const DEFAULT_REGION = "us-east-1";

/** Type tokens of the resources the component creates. */
export const T = {
    component: "trailwatch:index:UnauthorizedApiCallsAlarm",
    cisMonitoring: "trailwatch:index:CisMonitoringAlarms",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    kmsKey: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    trail: "aws:cloudtrail/trail:Trail",
} as const;

/** One resource registration, as the mock monitor saw it. */
export interface Registration {
    readonly type: string;
    readonly name: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly inputs: Record<string, any>;
    /** The provider reference (`urn::id`), when one was passed. */
    readonly provider: string | undefined;
    readonly custom: boolean | undefined;
}

/** What the program asked of the mocked engine. */
export class Recorder {
    /** Every resource registration, in order. */
    public readonly registrations: Registration[] = [];
    /** Every provider function call (invoke), in order. */
    public readonly calls: pulumi.runtime.MockCallArgs[] = [];

    /** All registrations of a type. */
    public ofType(type: string): Registration[] {
        return this.registrations.filter((r) => r.type === type);
    }

    /** The single registration of a type; fails the test if there is not exactly one. */
    public one(type: string): Registration {
        const found = this.ofType(type);
        assert.equal(found.length, 1, `expected exactly one ${type}, saw ${found.length}`);
        return found[0];
    }

    /** Registrations of AWS resources (the component's children in these tests). */
    public awsResources(): Registration[] {
        return this.registrations.filter((r) => r.type.startsWith("aws:"));
    }
}

/** Computed attributes AWS would return for a newly created resource. */
function computedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const region = typeof inputs.region === "string" ? inputs.region : DEFAULT_REGION;
    const physicalName = typeof inputs.name === "string" ? inputs.name : `${name}-0a1b2c3`;
    const arn = (() => {
        switch (type) {
            case T.topic:
                return `arn:aws:sns:${region}:${ACCOUNT_ID}:${physicalName}`;
            case T.alarm:
                return `arn:aws:cloudwatch:${region}:${ACCOUNT_ID}:alarm:${physicalName}`;
            case T.kmsKey:
                return `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${name}-key-id`;
            case T.logGroup:
                return `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${physicalName}`;
            case T.trail:
                return `arn:aws:cloudtrail:${region}:${ACCOUNT_ID}:trail/${physicalName}`;
            default:
                return `arn:aws:mock:${region}:${ACCOUNT_ID}:${type}/${physicalName}`;
        }
    })();
    return { name: physicalName, arn, region };
}

/**
 * The mocks the tests answer with: they record into `recorder` and reply as
 * AWS would. Shared by `installMocks` and by the component provider's tests,
 * which serve the same mocks to a provider over gRPC.
 */
export function awsMocks(recorder: Recorder, options: { readonly preview?: boolean } = {}): pulumi.runtime.Mocks {
    // In a preview, AWS has not computed anything yet: resources report their inputs only, so ARNs are unknown.
    const computed = options.preview === true ? () => ({}) : computedState;
    return {
        newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
            recorder.registrations.push({
                type: args.type,
                name: args.name,
                inputs: args.inputs,
                provider: args.provider,
                custom: args.custom,
            });
            if (args.type.startsWith("pulumi:providers:")) {
                return { id: `${args.name}-provider-id`, state: args.inputs };
            }
            return { id: `${args.name}-id`, state: { ...computed(args.type, args.name, args.inputs), ...args.inputs } };
        },
        call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
            recorder.calls.push(args);
            switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity":
                    return {
                        accountId: ACCOUNT_ID,
                        arn: `arn:aws:iam::${ACCOUNT_ID}:user/test`,
                        userId: "AIDATESTUSER",
                        id: ACCOUNT_ID,
                    };
                case "aws:index/getRegion:getRegion":
                    return { region: DEFAULT_REGION, name: DEFAULT_REGION, id: DEFAULT_REGION, description: "US East (N. Virginia)" };
                case "aws:index/getPartition:getPartition":
                    return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
                default:
                    throw new Error(`unexpected provider call ${args.token}`);
            }
        },
    };
}

/** The project and stack the mocks run as. */
export const MOCK_PROJECT = "trailwatch-test";
export const MOCK_STACK = "test";

/**
 * Installs fresh mocks and returns the recorder they report to. Call it before
 * constructing any resource of the test.
 */
export function installMocks(options: { readonly preview?: boolean } = {}): Recorder {
    const recorder = new Recorder();
    void pulumi.runtime.setMocks(awsMocks(recorder, options), MOCK_PROJECT, MOCK_STACK, options.preview ?? false);
    return recorder;
}

/** Resolves an Input (value, promise or Output) to its value. */
export function valueOf<T>(input: pulumi.Input<T>): Promise<T> {
    return new Promise<T>((resolve) => {
        pulumi.output(input).apply((value) => {
            resolve(value as T);
            return value;
        });
    });
}

/** The resources an `UnauthorizedApiCallsAlarm` exposes, as far as settling needs them. */
interface Children {
    readonly urn: pulumi.Output<string>;
    readonly metricFilter: pulumi.Resource;
    readonly alarm: pulumi.Resource;
    readonly topic: pulumi.Resource | undefined;
    readonly topicPolicy: pulumi.Resource | undefined;
    readonly kmsKey: pulumi.Resource | undefined;
    readonly subscriptions: readonly pulumi.Resource[];
}

/** Waits until the component and every child it exposes are registered with the mock monitor. */
export async function settle(component: Children): Promise<void> {
    const children = [component.metricFilter, component.alarm, component.topic, component.topicPolicy, component.kmsKey, ...component.subscriptions];
    await Promise.all([valueOf(component.urn), ...children.filter((c) => c !== undefined).map((c) => valueOf(c.urn))]);
}

/** The resources a `CisMonitoringAlarms` exposes, as far as settling needs them. */
interface CatalogChildren {
    readonly urn: pulumi.Output<string>;
    readonly metricFilters: Record<string, pulumi.Resource>;
    readonly alarms: Record<string, pulumi.Resource>;
    readonly topic: pulumi.Resource | undefined;
    readonly topicPolicy: pulumi.Resource | undefined;
    readonly kmsKey: pulumi.Resource | undefined;
    readonly subscriptions: readonly pulumi.Resource[];
}

/** Waits until a `CisMonitoringAlarms` and every child it exposes are registered with the mock monitor. */
export async function settleAll(component: CatalogChildren): Promise<void> {
    const children = [
        ...Object.values(component.metricFilters),
        ...Object.values(component.alarms),
        component.topic,
        component.topicPolicy,
        component.kmsKey,
        ...component.subscriptions,
    ];
    await Promise.all([valueOf(component.urn), ...children.filter((c) => c !== undefined).map((c) => valueOf(c.urn))]);
}

/** The registered resource state the mock monitor keeps, per URN. */
interface MockMonitorView {
    getRegisteredResources(): Map<string, { urn: string; state: unknown }>;
}

/**
 * The outputs the component passed to `registerOutputs`, as the mock monitor
 * received them. Polls briefly, because output registration is asynchronous.
 */
export async function registeredOutputs(component: { readonly urn: pulumi.Output<string> }): Promise<Record<string, unknown>> {
    const urn = await valueOf(component.urn);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorView;
    for (let attempt = 0; attempt < 200; attempt++) {
        const state = monitor.getRegisteredResources().get(urn)?.state as { toJavaScript?: () => Record<string, unknown> } | undefined;
        // Before registerOutputs the state is the serialized registration; afterwards it is a protobuf Struct.
        if (state !== undefined && typeof state.toJavaScript === "function") {
            return pulumi.runtime.deserializeProperties(state as Parameters<typeof pulumi.runtime.deserializeProperties>[0]);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail(`registerOutputs was never called for ${urn}`);
}

/** Runs `body` while collecting what Pulumi logs as warnings (without an engine, `pulumi.log.warn` writes to console.warn). */
export async function captureWarnings(body: () => Promise<void> | void): Promise<string[]> {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
        warnings.push(args.map(String).join(" "));
    };
    try {
        await body();
    } finally {
        console.warn = original;
    }
    return warnings;
}

/** Parses a policy document given to a resource as a JSON string. */
export interface PolicyStatementJson {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal: unknown;
    readonly Action: string | string[];
    readonly Resource: string | string[];
    readonly Condition?: Record<string, Record<string, string>>;
}

/** Returns the statements of a policy document in JSON text, keyed by Sid. */
export function statementsBySid(policyJson: string): Map<string, PolicyStatementJson> {
    const document = JSON.parse(policyJson) as { Version: string; Statement: PolicyStatementJson[] };
    assert.equal(document.Version, "2012-10-17");
    return new Map(document.Statement.map((s) => [s.Sid, s]));
}
