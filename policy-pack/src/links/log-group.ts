/**
 * Links 2 and 3: the log group a trail delivers to, and whether a metric
 * filter reads it. Followed by value (the ARN, names) when known, else
 * through the engine's property dependencies (in a preview,
 * `${logGroup.arn}:*` is unknown but computed from the log group's URN).
 */
import { parseLogGroupArn } from "../arns";
import { StackGraph } from "../graph";
import type { LogGroupNode, MetricFilterNode, TrailNode } from "../model";
import { YES, allOf, no, unknown, type No, type Outcome, type Unknown } from "../outcome";
import { moveToRegionFix, namedRegion, sameRegion, type Region } from "../regions";
import { known, type Field } from "../resources";
import { TYPES } from "../tokens";

/** The log group a chain runs through; it may be managed in this stack or elsewhere. */
export interface LogGroupRef {
    /** Its physical name. */
    readonly name: Field<string>;
    /** Its region, or "any" for a configured external group without one. */
    readonly region: Region | "any";
    /** The log group resource, when this stack manages it. */
    readonly node?: LogGroupNode;
    /** The trail that delivers to it, when the chain starts at one. */
    readonly trail?: TrailNode;
}

/** Where a trail delivers, or why it does not (yet). */
export type Delivery = { readonly status: "yes"; readonly group: LogGroupRef } | No | Unknown;

function groupFromNode(node: LogGroupNode, trail: TrailNode): LogGroupRef {
    return { name: node.name, region: node.region, node, trail };
}

/**
 * A trail delivering to a log group in another region is undecidable, not a
 * pass: AWS documents that a multi-Region trail's S3 bucket "does not have to
 * be in the trail's home Region"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/aggregating_logs_top_level.html)
 * and says no such thing of its CloudWatch Logs log group; CreateTrail asks
 * only for "a log group that exists in your account"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html),
 * and the console offers only the trail's region's log groups. A chain that
 * otherwise passes is then undecided: an advisory (or, with undecidedVerdict:
 * enforce, a block) saying so, with the fix that needs no undocumented
 * behaviour; a chain broken further on stays broken.
 */
export function crossRegionDelivery(trail: TrailNode, group: LogGroupRef): (Unknown & { readonly fix: string }) | undefined {
    if (group.region === "any" || sameRegion(trail.region, group.region).status !== "no") {
        return undefined;
    }
    const where = (r: Region): string => (r.kind === "named" ? r.name : "its provider's region");
    // No update decides this, so the fix is the change that needs no undocumented behaviour, not "wait for pulumi up".
    return {
        ...unknown(
            `trail "${trail.label}" (in ${where(trail.region)}) delivers to log group ${groupLabel(group)} in ${where(group.region)}; ` +
                "AWS documents that a trail's S3 bucket may be in another Region but not its CloudWatch Logs log group, so delivery there " +
                "cannot be confirmed",
        ),
        fix:
            `put the log group in ${where(trail.region)}, the trail's home Region, with its metric filters, alarms and topic`,
    };
}

/** Audit step 2: the CloudWatch Logs group the trail delivers to. */
export function deliveryOf(trail: TrailNode, graph: StackGraph): Delivery {
    const arn = trail.logGroupArn;
    if (arn.state === "absent") {
        return no("it does not deliver to CloudWatch Logs (cloudWatchLogsGroupArn is not set)");
    }
    if (arn.state === "known") {
        const parsed = parseLogGroupArn(arn.value);
        const shownArn = arn.secret ? "[secret]" : JSON.stringify(arn.value);
        if (parsed === undefined) {
            return no(`its cloudWatchLogsGroupArn ${shownArn} is not a CloudWatch Logs log group ARN`);
        }
        // CloudTrail takes the ARN of the group's streams (`...:log-group:name:*`) and rejects the bare group ARN at deploy time.
        if (!arn.value.endsWith(":*")) {
            const fix =
                `on aws.cloudtrail.Trail "${trail.label}" append ":*" to cloudWatchLogsGroupArn: ` +
                "cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*` (the ARN of the group's log streams, which CloudTrail writes to).";
            return no(
                `its cloudWatchLogsGroupArn ${shownArn} lacks the trailing ":*" CloudTrail requires (CreateTrail and UpdateTrail reject it ` +
                    "with InvalidCloudWatchLogsLogGroupArnException), so the trail cannot deliver",
                fix,
            );
        }
        const region = namedRegion(parsed.region);
        const node = graph.logGroups.find(
            (g) =>
                (g.arn.state === "known" && g.arn.value === arn.value.replace(/:\*$/, "")) ||
                (g.name.state === "known" && g.name.value === parsed.name && sameRegion(g.region, region).status === "yes"),
        );
        return { status: "yes", group: { name: known(parsed.name, arn.secret), region, node, trail } };
    }
    const groups = graph.dependenciesOf(trail, "cloudWatchLogsGroupArn").filter((n): n is LogGroupNode =>
        StackGraph.isType<LogGroupNode>(n, TYPES.logGroup),
    );
    if (groups.length === 1) {
        return { status: "yes", group: groupFromNode(groups[0], trail) };
    }
    return unknown(
        groups.length === 0
            ? `cloudWatchLogsGroupArn of trail "${trail.label}" is unknown during preview and is not computed from a log group in this stack`
            : `cloudWatchLogsGroupArn of trail "${trail.label}" is unknown during preview and is computed from ${groups.length} log groups`,
    );
}

/** Human name of a log group, never printing a secret. */
export function groupLabel(group: LogGroupRef): string {
    if (group.name.state === "known") {
        return group.name.secret ? "[secret]" : group.name.value;
    }
    return group.node ? group.node.label : "(unknown)";
}

/** The filter reads the log group (same name, same region). */
export function filterReadsGroup(filter: MetricFilterNode, group: LogGroupRef, graph: StackGraph): Outcome {
    const region = (): Outcome => {
        if (group.region === "any") {
            return YES;
        }
        const same = sameRegion(filter.region, group.region);
        if (same.status !== "no") {
            return same;
        }
        // A metric filter reads only a log group in its own region.
        const why = `it reads a log group of that name in another region: ${same.why}`;
        const fix = moveToRegionFix(`metric filter "${filter.label}"`, group.region, "a metric filter reads only log groups in its own region");
        return no(why, fix);
    };
    const name = (): Outcome => {
        const own = filter.logGroupName;
        if (own.state === "known" && group.name.state === "known") {
            const other = own.secret ? "another log group" : `log group ${JSON.stringify(own.value)}`;
            return own.value === group.name.value ? YES : no(`it reads ${other}`);
        }
        if (own.state === "absent") {
            return no("it names no log group");
        }
        // A value not known yet is followed through the resources it is computed from.
        const sources = graph.dependenciesOf(filter, "logGroupName");
        const sourceGroups = sources.filter((n) => n.resource.type === TYPES.logGroup);
        if (group.node !== undefined && sourceGroups.includes(group.node)) {
            return YES;
        }
        // The component, given a trail, reads the group name off the trail's ARN.
        if (group.trail !== undefined && sourceGroups.length === 0 && sources.includes(group.trail)) {
            return YES;
        }
        if (own.state === "unknown") {
            return sourceGroups.length > 0
                ? no("its log group name is computed from another log group")
                : unknown(`logGroupName of metric filter "${filter.label}" is unknown during preview`);
        }
        return unknown(`the name of log group "${groupLabel(group)}" is unknown during preview`);
    };
    return allOf([name, region]);
}
