/**
 * The organisation's own policy: CloudWatch Logs groups keep their events
 * for at least a year (0, "never expire", counts as keeping them).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";

/** Fewest days a log group may keep its events. */
const MIN_RETENTION_DAYS = 365;

/** Log groups keep a year of events, so an investigation can look back that far. */
export const logGroupsKeepAYear: ResourceValidationPolicy = {
    name: "acme-log-groups-keep-a-year",
    description: `CloudWatch Logs groups keep their events for at least ${MIN_RETENTION_DAYS} days.`,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== "aws:cloudwatch/logGroup:LogGroup") {
            return;
        }
        const days: unknown = args.props.retentionInDays;
        if (typeof days === "number" && days !== 0 && days < MIN_RETENTION_DAYS) {
            reportViolation(`log group "${args.name}" keeps events for ${days} days; set retentionInDays to ${MIN_RETENTION_DAYS} or more.`);
        }
    },
};
