/**
 * Reads the monitoring chain of one account, read-only, following it the
 * way the CIS audit procedure does: the trails visible from the start
 * regions (multi-region trails homed elsewhere included, through their
 * shadow copies), each trail's status and selectors in its home region, the
 * metric filters on its log group and the alarms on their metrics in the
 * group's region, the topics those alarms notify and their subscriptions,
 * and Security Hub in each trail's home region. Independent reads run
 * concurrently under the API's bound; every list is paged to the end.
 */
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, type Trail } from "@aws-sdk/client-cloudtrail";
import { type MetricAlarm, paginateDescribeAlarms } from "@aws-sdk/client-cloudwatch";
import { type MetricFilter, paginateDescribeMetricFilters } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeHubCommand } from "@aws-sdk/client-securityhub";
import { GetTopicAttributesCommand, type Subscription, paginateListSubscriptionsByTopic } from "@aws-sdk/client-sns";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsApi } from "./aws-api";
import { classify } from "./aws-errors";
import type { AccountSnapshot, Blind, Regional, TopicRead, TrailRead } from "./snapshot";

/** Where to start. */
export interface ReadOptions {
    /** Regions whose trails are listed (the first also answers GetCallerIdentity). */
    readonly regions: readonly string[];
    /** The regions came from --all-regions: one that is not enabled is skipped, not fatal. */
    readonly allRegions: boolean;
}

/** The parts of an ARN the audit follows by. */
interface ArnParts {
    readonly partition: string;
    readonly service: string;
    readonly region: string;
    readonly account: string;
    readonly resource: string;
}

/** Splits an ARN; undefined for anything else. */
export function parseArn(arn: string | undefined): ArnParts | undefined {
    const parts = arn?.split(":") ?? [];
    if (parts.length < 6 || parts[0] !== "arn") {
        return undefined;
    }
    return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(":") };
}

/** The log group a trail delivers to: `arn:aws:logs:<region>:<account>:log-group:<name>:*`. */
export function logGroupOf(trail: Trail): { region: string; account: string; name: string } | undefined {
    const arn = parseArn(trail.CloudWatchLogsLogGroupArn);
    const match = arn === undefined ? null : /^log-group:([^:*]+)(?::\*)?$/.exec(arn.resource);
    return arn === undefined || match === null ? undefined : { region: arn.region, account: arn.account, name: match[1]! };
}

/** A trail as messages name it. */
function trailSubject(trail: Trail): string {
    return `trail "${trail.Name ?? trail.TrailARN ?? "?"}"`;
}

/** Whether an alarm reads the metric `namespace/name`, directly or through a metric query. */
export function alarmWatches(alarm: MetricAlarm, metrics: ReadonlySet<string>): boolean {
    if (alarm.Namespace !== undefined && alarm.MetricName !== undefined && metrics.has(`${alarm.Namespace}/${alarm.MetricName}`)) {
        return true;
    }
    return (alarm.Metrics ?? []).some((q) => {
        const m = q.MetricStat?.Metric;
        return m?.Namespace !== undefined && m.MetricName !== undefined && metrics.has(`${m.Namespace}/${m.MetricName}`);
    });
}

/** SNS's marker, in place of an ARN, for a subscription not yet confirmed (ListSubscriptionsByTopic). */
const PENDING = "PendingConfirmation";

/** Reads the account. Fails with the one-line error of the first read that cannot be done. */
export async function readAccount(api: AwsApi, options: ReadOptions): Promise<AccountSnapshot> {
    const home = options.regions[0]!;
    const identity = await api.call("sts", "GetCallerIdentity", home, (c) => c.send(new GetCallerIdentityCommand({})));
    api.credentialsChecked = true;
    const accountId = identity.Account ?? "";
    const callerArn = identity.Arn ?? "";
    const partition = parseArn(callerArn)?.partition ?? "aws";
    const blind: Blind[] = [];

    // 1. Trails seen from each start region; a multi-region trail appears in every region as a shadow copy.
    const skippedRegions: { region: string; why: string }[] = [];
    const listed = await Promise.all(
        options.regions.map((region) =>
            api.call("cloudtrail", "DescribeTrails", region, async (c) => {
                try {
                    return (await c.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
                } catch (err) {
                    if (options.allRegions && classify(err) === "region-not-enabled") {
                        skippedRegions.push({ region, why: "not enabled for this account (it refuses the credentials)" });
                        return [];
                    }
                    throw err;
                }
            }),
        ),
    );
    const byArn = new Map<string, Trail>();
    for (const trail of listed.flat()) {
        // A shadow copy describes the same trail (same ARN, same HomeRegion); the first listed stands for it.
        const key = trail.TrailARN ?? `${trail.HomeRegion}/${trail.Name}`;
        if (!byArn.has(key)) {
            byArn.set(key, trail);
        }
    }

    // 2. Each trail this account can follow: status and selectors in its home region.
    const followable = [...byArn.values()].filter((trail) => {
        const owner = parseArn(trail.TrailARN)?.account;
        if (owner !== undefined && owner !== accountId) {
            blind.push({
                about: "trail",
                subject: trailSubject(trail),
                why:
                    `an organization trail of account ${owner}, seen from member account ${accountId}: its logging status, selectors, ` +
                    `log group, filters and alarms are in account ${owner} and cannot be read from here`,
                auditAccount: owner,
            });
            return false;
        }
        const group = logGroupOf(trail);
        if (group !== undefined && group.account !== accountId) {
            blind.push({
                about: "trail",
                subject: trailSubject(trail),
                why: `it delivers to log group "${group.name}" in account ${group.account}, whose metric filters and alarms cannot be read from account ${accountId}`,
                auditAccount: group.account,
            });
            return false;
        }
        return true;
    });
    const trails = await Promise.all(followable.map((trail) => readTrail(api, trail)));

    // 3. Filters on each delivered-to log group, in the group's region.
    const groups = new Map<string, { region: string; name: string }>();
    for (const { trail } of trails) {
        const group = logGroupOf(trail);
        if (group !== undefined) {
            groups.set(`${group.region}/${group.name}`, group);
        }
    }
    const filters: Regional<MetricFilter>[] = (
        await Promise.all([...groups.values()].map((g) => readFilters(api, g.region, g.name)))
    ).flat();

    // 4. Alarms on the filters' metrics, in each region that has filters.
    const metricsByRegion = new Map<string, Set<string>>();
    for (const { region, item } of filters) {
        for (const t of item.metricTransformations ?? []) {
            const set = metricsByRegion.get(region) ?? new Set<string>();
            set.add(`${t.metricNamespace}/${t.metricName}`);
            metricsByRegion.set(region, set);
        }
    }
    const alarms: Regional<MetricAlarm>[] = (
        await Promise.all([...metricsByRegion].map(([region, metrics]) => readAlarms(api, region, metrics)))
    ).flat();

    // 5. The topics those alarms notify: in this account, their subscriptions; in another, said.
    const topicArns = new Set<string>();
    for (const { item } of alarms) {
        for (const action of item.AlarmActions ?? []) {
            const arn = parseArn(action);
            if (arn?.service !== "sns") {
                continue;
            }
            if (arn.account !== accountId) {
                blind.push({
                    about: "alarm",
                    subject: `alarm "${item.AlarmName}"`,
                    why: `it notifies SNS topic ${action} in account ${arn.account}, whose subscriptions cannot be listed from account ${accountId}`,
                    auditAccount: arn.account,
                });
                continue;
            }
            topicArns.add(action);
        }
    }
    const topics = await Promise.all([...topicArns].map((arn) => readTopic(api, arn)));

    // 6. Security Hub in each followed trail's home region.
    const homeRegions = [...new Set(trails.map((t) => t.trail.HomeRegion ?? parseArn(t.trail.TrailARN)?.region ?? home))];
    const hubs = await Promise.all(homeRegions.map((region) => readHub(api, region)));

    return {
        accountId,
        callerArn,
        partition,
        regions: options.regions.filter((r) => !skippedRegions.some((s) => s.region === r)),
        skippedRegions,
        trails,
        filters,
        alarms,
        topics,
        securityHubs: hubs.flatMap((h) => (h === undefined ? [] : [h])),
        blind,
    };
}

async function readTrail(api: AwsApi, trail: Trail): Promise<TrailRead> {
    const region = trail.HomeRegion ?? parseArn(trail.TrailARN)?.region ?? "";
    const name = trail.TrailARN ?? trail.Name;
    const [status, selectors] = await Promise.all([
        api.call("cloudtrail", "GetTrailStatus", region, (c) => c.send(new GetTrailStatusCommand({ Name: name }))),
        api.call("cloudtrail", "GetEventSelectors", region, (c) => c.send(new GetEventSelectorsCommand({ TrailName: name }))),
    ]);
    return {
        trail,
        isLogging: status.IsLogging === true,
        ...(selectors.EventSelectors === undefined ? {} : { eventSelectors: selectors.EventSelectors }),
        ...(selectors.AdvancedEventSelectors === undefined ? {} : { advancedEventSelectors: selectors.AdvancedEventSelectors }),
    };
}

async function readFilters(api: AwsApi, region: string, logGroupName: string): Promise<Regional<MetricFilter>[]> {
    return api.call("logs", "DescribeMetricFilters", region, async (client) => {
        const found: Regional<MetricFilter>[] = [];
        try {
            for await (const page of paginateDescribeMetricFilters({ client }, { logGroupName })) {
                found.push(...(page.metricFilters ?? []).map((item) => ({ region, item })));
            }
        } catch (err) {
            // A deleted log group has no filters: the chain then breaks at the filters link, as it should.
            if ((err as { name?: string }).name === "ResourceNotFoundException") {
                return [];
            }
            throw err;
        }
        return found;
    });
}

async function readAlarms(api: AwsApi, region: string, metrics: ReadonlySet<string>): Promise<Regional<MetricAlarm>[]> {
    return api.call("cloudwatch", "DescribeAlarms", region, async (client) => {
        const found: Regional<MetricAlarm>[] = [];
        for await (const page of paginateDescribeAlarms({ client }, { AlarmTypes: ["MetricAlarm"], MaxRecords: 100 })) {
            found.push(...(page.MetricAlarms ?? []).filter((a) => alarmWatches(a, metrics)).map((item) => ({ region, item })));
        }
        return found;
    });
}

async function readTopic(api: AwsApi, arn: string): Promise<TopicRead> {
    const region = parseArn(arn)?.region ?? "";
    const attributes = await api.call("sns", "GetTopicAttributes", region, async (c) => {
        try {
            return (await c.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
        } catch (err) {
            if (isNotFound(err)) {
                return undefined;
            }
            throw err;
        }
    });
    if (attributes === undefined) {
        return { arn, region, confirmed: [], pending: [] };
    }
    const subscriptions = await api.call("sns", "ListSubscriptionsByTopic", region, async (client) => {
        const found: Subscription[] = [];
        for await (const page of paginateListSubscriptionsByTopic({ client }, { TopicArn: arn })) {
            found.push(...(page.Subscriptions ?? []));
        }
        return found;
    });
    return {
        arn,
        region,
        attributes,
        confirmed: subscriptions.filter((s) => s.SubscriptionArn !== undefined && s.SubscriptionArn.startsWith("arn:")),
        pending: subscriptions.filter((s) => s.SubscriptionArn === PENDING),
    };
}

async function readHub(api: AwsApi, region: string): Promise<Regional<{ hubArn: string }> | undefined> {
    return api.call("securityhub", "DescribeHub", region, async (c) => {
        try {
            const hub = await c.send(new DescribeHubCommand({}));
            return { region, item: { hubArn: hub.HubArn ?? "" } };
        } catch (err) {
            // "Account is not subscribed to AWS Security Hub": not enabled in that region.
            if ((err as { name?: string }).name === "InvalidAccessException" || isNotFound(err)) {
                return undefined;
            }
            throw err;
        }
    });
}

function isNotFound(err: unknown): boolean {
    const name = (err as { name?: string }).name ?? "";
    return name === "NotFoundException" || name === "NotFound" || name === "ResourceNotFoundException";
}
