/**
 * Test stacks: the complete CIS 4.1 chain as the engine reports it after an
 * update (every value known) and in a preview of a brand-new stack (ARNs
 * unknown, links only through property dependencies), with knobs to break
 * each link.
 */
import { CIS_4_1, CIS_V5_PATTERN } from "trailwatch/engine";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { UNKNOWN, urnOf, type FixtureResource } from "./harness";

/** Preview of a new stack, or the state after the update. */
export type Mode = "preview" | "update";

/** The six links of a chain, by role. */
export type Role = "trail" | "logGroup" | "filter" | "alarm" | "topic" | "subscription";

/** How to build a chain. */
export interface ChainSpec {
    /** Preview or update. */
    readonly mode: Mode;
    /** Property overrides per role (merged over the compliant props). */
    readonly props?: Partial<Record<Role, Record<string, unknown>>>;
    /** Roles to leave out. */
    readonly omit?: readonly Role[];
    /** Suffix for logical names, so one stack can hold two chains. */
    readonly suffix?: string;
}

const ACCOUNT = "111122223333";

/** The chain's roles, in chain order. */
export const ROLES: readonly Role[] = ["trail", "logGroup", "filter", "alarm", "topic", "subscription"];

/** The type token of each role. */
export const ROLE_TYPES: Readonly<Record<Role, string>> = {
    trail: TYPES.trail,
    logGroup: TYPES.logGroup,
    filter: TYPES.metricFilter,
    alarm: TYPES.metricAlarm,
    topic: TYPES.topic,
    subscription: TYPES.topicSubscription,
};

/** The resources of one chain. */
export function chain(spec: ChainSpec): FixtureResource[] {
    const s = spec.suffix ?? "";
    const preview = spec.mode === "preview";
    const names = {
        trail: `main${s}`,
        logGroup: `cloudtrail${s}`,
        filter: `unauthorized-calls${s}`,
        alarm: `unauthorized-calls-alarm${s}`,
        topic: `security-alerts${s}`,
        subscription: `security-team${s}`,
    };
    const urn = {
        logGroup: urnOf(TYPES.logGroup, names.logGroup),
        topic: urnOf(TYPES.topic, names.topic),
    };
    const groupName = `cloudtrail-logs${s}`;
    // CloudWatch identifies a metric by namespace and name: chains in one stack get their own.
    const metricName = `${CIS_4_1.metric.name}${s}`;
    const groupArn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${groupName}`;
    const topicName = `security-alerts${s}`;
    const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:${topicName}`;
    const props: Record<Role, Record<string, unknown>> = {
        trail: {
            name: `main-trail${s}`,
            isMultiRegionTrail: true,
            enableLogging: true,
            includeGlobalServiceEvents: true,
            eventSelectors: [],
            advancedEventSelectors: [],
            cloudWatchLogsGroupArn: preview ? UNKNOWN : `${groupArn}:*`,
            cloudWatchLogsRoleArn: preview ? UNKNOWN : `arn:aws:iam::${ACCOUNT}:role/cloudtrail-to-logs`,
            region: "us-east-1",
            arn: preview ? UNKNOWN : `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main-trail${s}`,
        },
        logGroup: { name: groupName, retentionInDays: 365, region: "us-east-1", arn: preview ? UNKNOWN : groupArn },
        filter: {
            name: `unauthorized-api-calls${s}`,
            logGroupName: groupName,
            pattern: CIS_V5_PATTERN,
            metricTransformation: { name: metricName, namespace: CIS_4_1.metric.namespace, value: CIS_4_1.metric.value },
            region: "us-east-1",
        },
        alarm: {
            name: `unauthorized-api-calls${s}`,
            metricName,
            namespace: CIS_4_1.metric.namespace,
            statistic: CIS_4_1.alarm.statistic,
            period: CIS_4_1.alarm.period,
            comparisonOperator: CIS_4_1.alarm.comparisonOperator,
            threshold: CIS_4_1.alarm.threshold,
            evaluationPeriods: CIS_4_1.alarm.evaluationPeriods,
            treatMissingData: CIS_4_1.alarm.treatMissingData,
            actionsEnabled: true,
            // The bridged provider plans a set with an unknown element as wholly unknown.
            alarmActions: preview ? UNKNOWN : [topicArn],
            region: "us-east-1",
        },
        topic: { name: topicName, region: "us-east-1", arn: preview ? UNKNOWN : topicArn },
        subscription: {
            topic: preview ? UNKNOWN : topicArn,
            protocol: "email",
            endpoint: "security@example.com",
            region: "us-east-1",
        },
    };
    const dependencies: Partial<Record<Role, Record<string, string[]>>> = {
        trail: { cloudWatchLogsGroupArn: [urn.logGroup] },
        filter: { logGroupName: [urn.logGroup] },
        alarm: { alarmActions: [urn.topic] },
        subscription: { topic: [urn.topic] },
    };
    return ROLES
        .filter((role) => !(spec.omit ?? []).includes(role))
        .map((role) => ({
            type: ROLE_TYPES[role],
            name: names[role],
            props: dropUndefined({ ...props[role], ...(spec.props?.[role] ?? {}) }),
            propertyDependencies: dependencies[role] ?? {},
        }));
}

/** Lets overrides remove a property by setting it to undefined. */
function dropUndefined(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

/** Both modes, for tests that must hold in preview and after the update. */
export const MODES: readonly Mode[] = ["preview", "update"];
