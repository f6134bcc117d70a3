/**
 * Resource policy for early, local feedback on one metric filter: a filter
 * that reads like unauthorized-call monitoring must cover the CIS 4.1 intent
 * (and, on request, be the exact pattern Security Hub accepts). The stack
 * policy is what guarantees the control; this one points at the filter.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { CIS_V1_2_PATTERN } from "trailwatch/engine";
import { FILTER_CONFIG_SCHEMA, readFilterConfig } from "../config";
import { recordLabel } from "../messages";
import { readMetricFilter } from "../model";
import { eventContribution } from "../rules/metric";
import { coverageOf, looksLikeUnauthorizedCallsPattern, securityHubAccepts } from "../rules/pattern";
import { TYPES } from "../tokens";
import { findingsOnly } from "../report";
import { CIS_FRAMEWORK } from "./framework";

/** The name other tools and configs refer to the filter policy by. */
export const FILTER_POLICY_NAME = "cis-aws-4-1-filter-covers-unauthorized-calls";

/** Validates one metric filter. Exported for tests and for offline drivers. */
export function validateFilterCoversUnauthorizedCalls(args: ResourceValidationArgs, report: ReportViolation): void {
    if (args.type !== TYPES.metricFilter) {
        return;
    }
    const config = readFilterConfig(args.getConfig<object>());
    const filter = readMetricFilter(args);
    const group = filter.logGroupName.state === "known" && !filter.logGroupName.secret ? ` on log group "${filter.logGroupName.value}"` : "";
    const subject = `Metric filter "${filter.label}"${group}`;
    if (filter.pattern.state === "unknown") {
        args.notApplicable(`the pattern of metric filter "${filter.label}" is unknown during preview; the stack policy decides coverage once it is known`);
    }
    if (filter.pattern.state === "absent") {
        // Missing, null, or not a string: nothing to judge, and that must be said, not passed over.
        args.notApplicable(`the pattern of metric filter "${filter.label}" is missing or not a string; CloudWatch Logs requires a string pattern`);
    }
    if (filter.pattern.state !== "known" || !looksLikeUnauthorizedCallsPattern(filter.pattern.value)) {
        return;
    }
    const coverage = coverageOf([filter.pattern.value], config.excludedRecords);
    for (const invalid of coverage.invalid) {
        report(`${subject}: CloudWatch Logs will reject its pattern: ${invalid.message} at column ${invalid.column}.`);
    }
    if (coverage.invalid.length === 0 && !coverage.covers) {
        const missed = coverage.missed ? ` Missed record: ${recordLabel(coverage.missed)}.` : "";
        report(
            `${subject}: looks like unauthorized-API-call monitoring but does not cover it: its pattern misses some unauthorized calls.${missed} ` +
                'Fix: set pattern: FilterPatterns.cisV5 (import { FilterPatterns } from "trailwatch"; the CIS pattern, the default of its UnauthorizedApiCallsAlarm), ' +
                'or list the records you deliberately tune out in the policy\'s "excludedRecords".',
        );
    }
    const contribution = eventContribution(filter);
    if (contribution.status === "no") {
        report(`${subject}: cannot count unauthorized calls: ${contribution.why}. Fix: set metricTransformation.value "1" on it, without dimensions.`);
    }
    if (config.securityHubCompatible && !securityHubAccepts(filter.pattern.value)) {
        report(
            `${subject}: AWS Security Hub CloudWatch.2 compares the pattern with the exact CIS v1.2 string ${JSON.stringify(CIS_V1_2_PATTERN)} and will report it as failed. ` +
                "Fix: pattern: FilterPatterns.cisV1_2 on the trailwatch component.",
        );
    }
}

/** A filter that looks like unauthorized-call monitoring covers the CIS 4.1 intent. */
export const filterCoversUnauthorizedCalls: ResourceValidationPolicy = {
    name: FILTER_POLICY_NAME,
    displayName: "CIS 4.1: metric filter covers unauthorized API calls",
    description:
        "A CloudWatch Logs metric filter that tests errorCode for unauthorized calls matches every unauthorized API call " +
        "(apart from the noise CIS allows and any excludedRecords), and counts each one.",
    enforcementLevel: "advisory",
    severity: "medium",
    framework: CIS_FRAMEWORK,
    tags: ["cis", "cloudwatch", "metric-filter"],
    configSchema: FILTER_CONFIG_SCHEMA,
    validateResource: (args, report) => validateFilterCoversUnauthorizedCalls(args, findingsOnly(report)),
};
