/**
 * The CIS 4.1 chain as `@pulumi/aws` v6 and v7 record it after `pulumi up`
 * (shapes.ts), and every way each link breaks, as the resources of a stack
 * export and as the AnalyzeStack request a preview of that existing stack
 * sends (unchanged resources are analysed with their recorded outputs).
 */
import { CIS_4_1, CIS_V5_PATTERN } from "trailwatch/engine";
import { COMPONENT, TYPES } from "trailwatch-policy-pack/dist/tokens";
import { urnOf, type FixtureProvider, type FixtureResource } from "../harness";
import { ROLES, ROLE_TYPES, type Role } from "../stacks";
import { NESTED_ZEROS, RELEASE, recordedInputs, recordedOutputs, type ProviderVersion } from "./shapes";

export type { Role };

/** The stack's own region and the one "elsewhere" cases move resources to. */
export const HOME = "us-east-1";
export const ELSEWHERE = "eu-west-1";

/** The account the recorded ARNs name. */
export const ACCOUNT = "210987654321";

/** Stack and project of the recorded stack. */
export const STACK = { stack: "prod", project: "recorded-chain" };

/** A resource of the recorded stack. */
export interface RecordedResource {
    readonly role: Role | "extra";
    readonly type: string;
    readonly name: string;
    readonly id: string;
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
    /** Region of its provider (v6), or of the resource itself (v7). */
    readonly region: string;
    /** Per input property, the URNs of the resources it was computed from ([] for none, as the engine records). */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** Parent URN; the stack when undefined. */
    readonly parent?: string;
    /** A component resource (no provider, no id). */
    readonly component?: boolean;
}

/** How one case changes the compliant chain. */
export interface CaseSpec {
    /** Attribute values per role, merged over the compliant ones; `undefined` leaves the attribute to its zero value. */
    readonly set?: Partial<Record<Role, Record<string, unknown>>>;
    /** Roles left out. */
    readonly omit?: readonly Role[];
    /** Roles placed in ELSEWHERE: v7 through `region`, v6 through a provider for that region. */
    readonly elsewhere?: readonly Role[];
    /** More resources (a second filter, a component), built from the chain's names. */
    readonly extra?: (chain: ChainNames) => readonly ExtraResource[];
}

/** What `extra` resources may refer to. */
export interface ChainNames {
    readonly urn: (type: string, name: string, parent?: string) => string;
    readonly groupName: string;
    readonly topicArn: string;
}

/** An extra resource, before it is given its recorded shape. */
export interface ExtraResource {
    readonly type: string;
    readonly name: string;
    readonly set: Record<string, unknown>;
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly parent?: string;
    readonly component?: boolean;
}

/** The URN of `name` of `type` in the recorded stack, under `parent` (a URN) when given. */
export function recordedUrn(type: string, name: string, parent?: string): string {
    const parentType = parent === undefined ? "pulumi:pulumi:Stack" : `${parent.split("::")[2]}`;
    return `urn:pulumi:${STACK.stack}::${STACK.project}::${parentType}$${type}::${name}`;
}

/** Logical names of the chain's resources. */
export const NAMES: Readonly<Record<Role, string>> = {
    trail: "management-events",
    logGroup: "management-events-logs",
    filter: "unauthorized-calls",
    alarm: "unauthorized-calls-alarm",
    topic: "security-alerts",
    subscription: "security-team",
};

const TYPE_OF = ROLE_TYPES;

/** The CIS remediation's alarm settings (the component's defaults). */
function cisAlarm(): Record<string, unknown> {
    return {
        statistic: CIS_4_1.alarm.statistic,
        period: CIS_4_1.alarm.period,
        comparisonOperator: CIS_4_1.alarm.comparisonOperator,
        threshold: CIS_4_1.alarm.threshold,
        evaluationPeriods: CIS_4_1.alarm.evaluationPeriods,
        datapointsToAlarm: CIS_4_1.alarm.datapointsToAlarm,
        treatMissingData: CIS_4_1.alarm.treatMissingData,
    };
}

/** The attributes a compliant chain has set (by the program or by AWS), per role, in `region`s. */
function compliant(regionOf: (role: Role) => string): Record<Role, Record<string, unknown>> {
    const r = regionOf;
    // Physical names carry the auto-name suffixes Pulumi adds.
    const groupName = "management-events-logs-4f2a1c9";
    const groupArn = `arn:aws:logs:${r("logGroup")}:${ACCOUNT}:log-group:${groupName}`;
    const topicName = "security-alerts-7b1d2e4";
    const topicArn = `arn:aws:sns:${r("topic")}:${ACCOUNT}:${topicName}`;
    const alarmName = "unauthorized-calls-alarm-0c9e8f1";
    const filterName = "unauthorized-calls-3a6b5d2";
    return {
        trail: {
            arn: `arn:aws:cloudtrail:${r("trail")}:${ACCOUNT}:trail/management-events`,
            name: "management-events",
            homeRegion: r("trail"),
            s3BucketName: "management-events-bucket-5e4d3c2",
            isMultiRegionTrail: true,
            cloudWatchLogsGroupArn: `${groupArn}:*`,
            cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/management-events-to-logs-1a2b3c4`,
        },
        logGroup: { arn: groupArn, name: groupName, retentionInDays: 365 },
        filter: {
            name: filterName,
            logGroupName: groupName,
            pattern: CIS_V5_PATTERN,
            metricTransformation: {
                ...NESTED_ZEROS.metricTransformation,
                name: CIS_4_1.metric.name,
                namespace: CIS_4_1.metric.namespace,
                value: CIS_4_1.metric.value,
            },
        },
        alarm: {
            arn: `arn:aws:cloudwatch:${r("alarm")}:${ACCOUNT}:alarm:${alarmName}`,
            name: alarmName,
            metricName: CIS_4_1.metric.name,
            namespace: CIS_4_1.metric.namespace,
            ...cisAlarm(),
            alarmActions: [topicArn],
        },
        topic: {
            arn: topicArn,
            name: topicName,
            owner: ACCOUNT,
            policy: JSON.stringify({ Version: "2008-10-17", Id: "__default_policy_ID", Statement: [] }),
        },
        subscription: {
            arn: `${topicArn}:5f0c2a7e-4b1d-4e8a-9c3f-2d6e8a1b7c90`,
            topic: topicArn,
            protocol: "email",
            endpoint: "security@example.com",
            ownerId: ACCOUNT,
            confirmationWasAuthenticated: false,
            pendingConfirmation: false,
        },
    };
}

const DEPENDENCIES: Readonly<Partial<Record<Role, Record<string, Role[]>>>> = {
    trail: { cloudWatchLogsGroupArn: ["logGroup"], cloudWatchLogsRoleArn: [], isMultiRegionTrail: [], name: [], s3BucketName: [] },
    logGroup: { retentionInDays: [] },
    filter: { logGroupName: ["logGroup"], metricTransformation: [], pattern: [] },
    alarm: { alarmActions: ["topic"], comparisonOperator: [], evaluationPeriods: [], metricName: [], namespace: [] },
    topic: {},
    subscription: { endpoint: [], protocol: [], topic: ["topic"] },
};

/** What the program set (inputs) for a role: the set attributes minus those only AWS reports. */
const COMPUTED = new Set(["arn", "homeRegion", "owner", "ownerId", "confirmationWasAuthenticated", "pendingConfirmation", "policy"]);

/** The resources of one case, in recorded shape. */
export function recordedStack(version: ProviderVersion, spec: CaseSpec = {}): RecordedResource[] {
    const regionOf = (role: Role): string => ((spec.elsewhere ?? []).includes(role) ? ELSEWHERE : HOME);
    const base = compliant(regionOf);
    const urnOfRole = (role: Role): string => recordedUrn(TYPE_OF[role], NAMES[role]);
    const resources: RecordedResource[] = ROLES.filter((role) => !(spec.omit ?? []).includes(role)).map((role) => {
        const merged = Object.fromEntries(
            Object.entries({ ...base[role], ...(spec.set?.[role] ?? {}) }).filter(([, v]) => v !== undefined),
        );
        const type = TYPE_OF[role];
        const id = String(merged.arn !== undefined && (role === "topic" || role === "subscription" || role === "trail") ? merged.arn : merged.name);
        const inputs = Object.fromEntries(Object.entries(merged).filter(([k]) => !COMPUTED.has(k)));
        const deps = Object.fromEntries(
            Object.entries(DEPENDENCIES[role] ?? {})
                .filter(([k]) => k in inputs)
                .map(([k, roles]) => [k, roles.filter((d) => !(spec.omit ?? []).includes(d)).map(urnOfRole)]),
        );
        return {
            role,
            type,
            name: NAMES[role],
            id,
            inputs: recordedInputs(type, version, inputs),
            outputs: recordedOutputs(type, version, { id, ...merged }, regionOf(role)),
            region: regionOf(role),
            propertyDependencies: deps,
        };
    });
    const names: ChainNames = {
        urn: recordedUrn,
        groupName: String(base.logGroup.name),
        topicArn: String(base.topic.arn),
    };
    for (const extra of spec.extra?.(names) ?? []) {
        const id = String(extra.set.arn ?? extra.set.name ?? extra.name);
        resources.push({
            role: "extra",
            type: extra.type,
            name: extra.name,
            id,
            inputs: extra.component ? extra.set : recordedInputs(extra.type, version, extra.set),
            outputs: extra.component ? extra.set : recordedOutputs(extra.type, version, { id, ...extra.set }, HOME),
            region: HOME,
            propertyDependencies: extra.propertyDependencies ?? {},
            parent: extra.parent,
            component: extra.component,
        });
    }
    return resources;
}

/** The default provider's name for a version, as the engine names it. */
function providerFor(version: ProviderVersion, region: string): FixtureProvider {
    const release = RELEASE[version];
    // v6 places resources in another region only through an explicit provider; v7 through `region`.
    return region === HOME || version === "v7"
        ? { name: `default_${release.replace(/\./g, "_")}`, props: { region: HOME, version: release } }
        : { name: region, props: { region, version: release } };
}

/** The URN of a resource as recorded. */
export function urnOfRecorded(resource: RecordedResource): string {
    return recordedUrn(resource.type, resource.name, resource.parent);
}

/**
 * The resources as the engine reports them in a preview of this existing
 * stack: recorded outputs, every value known, with providers and property
 * dependencies.
 */
export function asPreviewOfExisting(version: ProviderVersion, resources: readonly RecordedResource[]): FixtureResource[] {
    // The harness names resources by type and name; dependencies follow it.
    const renamed = new Map(resources.map((r) => [urnOfRecorded(r), urnOf(r.type, r.name)]));
    const rename = (urn: string) => renamed.get(urn) ?? urn;
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        props: r.outputs,
        provider: r.component ? null : providerFor(version, r.region),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map(rename)])),
        ...(r.parent === undefined ? {} : { parent: rename(r.parent) }),
    }));
}

/**
 * A `pulumi stack export` (deployment version 3) of the stack, written the way Pulumi 3.x writes it. Pulumi
 * 3.169 records "no dependency" as `[]`, 3.92 as `null` (`nullDependencies`).
 */
export function asStackExport(version: ProviderVersion, resources: readonly RecordedResource[], nullDependencies = false): object {
    const stackUrn = `urn:pulumi:${STACK.stack}::${STACK.project}::pulumi:pulumi:Stack::${STACK.project}-${STACK.stack}`;
    const providers = new Map<string, FixtureProvider>();
    resources.filter((r) => !r.component).forEach((r) => {
        const p = providerFor(version, r.region);
        providers.set(p.name, p);
    });
    const providerId = (name: string) => `0c6e2b8a-${name.length.toString(16).padStart(4, "0")}-4d1e-9a7b-3f5c2e1d0a9b`;
    const providerUrn = (name: string) => `urn:pulumi:${STACK.stack}::${STACK.project}::pulumi:providers:aws::${name}`;
    const time = "2026-11-30T09:00:00.000000Z";
    return {
        version: 3,
        deployment: {
            manifest: { time, magic: "0".repeat(64), version: "v3.169.0" },
            secrets_providers: { type: "passphrase", state: { salt: "v1:AAAAAAAAAAA=:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==" } },
            resources: [
                { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", created: time, modified: time },
                ...[...providers.values()].map((p) => ({
                    urn: providerUrn(p.name),
                    custom: true,
                    id: providerId(p.name),
                    type: "pulumi:providers:aws",
                    inputs: p.props,
                    outputs: p.props,
                    created: time,
                    modified: time,
                })),
                ...resources.map((r) => {
                    const provider = providerFor(version, r.region);
                    const dependencies = [...new Set(Object.values(r.propertyDependencies).flat())];
                    return {
                        urn: urnOfRecorded(r),
                        custom: !r.component,
                        ...(r.component ? {} : { id: r.id }),
                        type: r.type,
                        inputs: r.inputs,
                        outputs: r.outputs,
                        parent: r.parent ?? stackUrn,
                        ...(r.component ? {} : { provider: `${providerUrn(provider.name)}::${providerId(provider.name)}` }),
                        ...(dependencies.length > 0 ? { dependencies } : {}),
                        propertyDependencies: Object.fromEntries(
                            Object.entries(r.propertyDependencies).map(([k, urns]) => [k, nullDependencies && urns.length === 0 ? null : urns]),
                        ),
                        created: time,
                        modified: time,
                    };
                }),
            ],
        },
    };
}

/** The component resources `new UnauthorizedApiCallsAlarm(name, { logGroup, region, subscriptions })` records. */
export function componentResources(name: string, region: string, chain: ChainNames): ExtraResource[] {
    const parent = recordedUrn(COMPONENT.type, name);
    const topicName = `${name}-topic-9e8d7c6`;
    const topicArn = `arn:aws:sns:${region}:${ACCOUNT}:${topicName}`;
    const metricName = CIS_4_1.metric.name;
    return [
        { type: COMPONENT.type, name, set: {}, component: true },
        {
            type: TYPES.metricFilter,
            name: `${name}-filter`,
            parent,
            set: {
                name: `${name}-filter-2b3c4d5`,
                logGroupName: chain.groupName,
                pattern: CIS_V5_PATTERN,
                metricTransformation: { ...NESTED_ZEROS.metricTransformation, name: metricName, namespace: `${CIS_4_1.metric.namespace}/${name}`, value: "1" },
            },
        },
        {
            type: TYPES.metricAlarm,
            name: `${name}-alarm`,
            parent,
            set: {
                arn: `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}-alarm-6f5e4d3`,
                name: `${name}-alarm-6f5e4d3`,
                metricName,
                namespace: `${CIS_4_1.metric.namespace}/${name}`,
                ...cisAlarm(),
                alarmActions: [topicArn],
            },
        },
        { type: TYPES.topic, name: `${name}-topic`, parent, set: { arn: topicArn, name: topicName, owner: ACCOUNT } },
        {
            type: TYPES.topicSubscription,
            name: `${name}-subscription-0`,
            parent,
            set: { arn: `${topicArn}:0b1c2d3e`, topic: topicArn, protocol: "email", endpoint: "security@example.com", pendingConfirmation: false },
        },
    ];
}
