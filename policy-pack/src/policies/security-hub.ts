/**
 * The stack policy of CIS AWS v5.0 4.16, "Ensure AWS Security Hub is
 * enabled": not a metric filter, so no chain. The stack passes when it
 * manages a Security Hub account (the catalog entry's resource type) in the
 * home region of one of its trails, or when config declares Security Hub
 * managed elsewhere. Advisory unless configured otherwise.
 */
import type { PolicyConfigSchema, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { CIS_4_16, type ServiceControl, type VerdictRecord } from "trailwatch/engine";
import { ConfigError, rejectUnknownKeys } from "../config";
import { controlLabel, defaultEnforcement, stackPolicyName } from "../controls";
import { readTrail, type ResourceLike } from "../model";
import { regionOf, sameRegion, type Region } from "../regions";
import { findingsOnly, reportAdvisory } from "../report";
import { sharingDecode } from "../shared-decode";
import { recordingReport, writeVerdictRecords } from "../verdict-log";
import { TYPES } from "../tokens";
import { frameworkOf } from "./framework";

/** Config schema of the Security Hub policy. */
export const SECURITY_HUB_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: {
        managedElsewhere: {
            type: "boolean",
            description:
                "Security Hub is enabled in the trails' regions outside this stack (another stack, the console, or an organization's " +
                "delegated administrator): pass without an aws.securityhub.Account here.",
            default: false,
        },
        requireTrail: {
            type: "boolean",
            description: "Fail stacks that contain no CloudTrail trail, instead of treating them as out of scope.",
            default: false,
        },
    },
};

/** What the Security Hub policy reads from its configuration. */
export interface SecurityHubConfig {
    /** Security Hub is enabled outside the stack. */
    readonly managedElsewhere: boolean;
    /** Fail stacks without a trail. */
    readonly requireTrail: boolean;
}

/** Reads the Security Hub policy's configuration, with schema defaults for what is unset. */
export function readSecurityHubConfig(raw: object): SecurityHubConfig {
    const bag = raw as Record<string, unknown>;
    rejectUnknownKeys(bag, SECURITY_HUB_CONFIG_SCHEMA);
    const read = (key: keyof SecurityHubConfig): boolean => {
        const value = bag[key] ?? (SECURITY_HUB_CONFIG_SCHEMA.properties[key] as { default: boolean }).default;
        if (typeof value !== "boolean") {
            throw new ConfigError(key, "expected a boolean");
        }
        return value;
    };
    return { managedElsewhere: read("managedElsewhere"), requireTrail: read("requireTrail") };
}

function regionText(region: Region): string {
    return region.kind === "named" ? region.name : "its provider's region";
}

const DESCRIPTION =
    `The stack enables AWS Security Hub (an aws.securityhub.Account) in the home region of its CloudTrail trail, ` +
    `or config declares it managed elsewhere (${CIS_4_16.benchmark}, ${CIS_4_16.control}).`;

/** The fix every finding ends with. */
function fixText(region: Region): string {
    const where = region.kind === "named" ? ` in ${region.name} (region: "${region.name}", or an aws.Provider for it)` : " with the trail's provider";
    return (
        `add new aws.securityhub.Account("security-hub", {})${where}; or, if Security Hub is enabled outside this stack, ` +
        `set "managedElsewhere": true in the config of ${stackPolicyName(CIS_4_16)}.`
    );
}

/** Validates one stack against CIS 4.16. */
function validateSecurityHub(control: ServiceControl, args: StackValidationArgs, report: ReportViolation): void {
    const config = readSecurityHubConfig(args.getConfig<object>());
    if (config.managedElsewhere) {
        return;
    }
    const trails = args.resources.filter((r) => r.type === TYPES.trail).map(readTrail);
    if (trails.length === 0) {
        if (config.requireTrail) {
            report(
                `No CloudTrail trail in this stack, and requireTrail is set: ${controlLabel(control)} has no region to check. ` +
                    `Fix: add a multi-region aws.cloudtrail.Trail, and ${fixText({ kind: "unknown", why: "" })}`,
            );
            return;
        }
        args.notApplicable(`the stack has no CloudTrail trail, whose region ${controlLabel(control)} is checked in (set requireTrail to check it anyway)`);
    }
    const accounts: ResourceLike[] = args.resources.filter((r) => r.type === control.resourceType);
    const outcomes = trails.map((trail) => ({ trail, found: accounts.map((a) => sameRegion(regionOf(a), trail.region)) }));
    if (outcomes.some((o) => o.found.some((f) => f.status === "yes"))) {
        return;
    }
    const elsewhere = accounts.map((a) => regionText(regionOf(a)));
    const seen = elsewhere.length > 0 ? ` (the stack's aws.securityhub.Account is in ${[...new Set(elsewhere)].join(", ")})` : "";
    for (const { trail, found } of outcomes) {
        const unknown = found.flatMap((f) => (f.status === "unknown" ? [f.why] : []));
        const subject = `Trail "${trail.label}" (home region ${regionText(trail.region)})`;
        if (unknown.length > 0) {
            const message = `${subject}: ${controlLabel(control)} cannot be decided in this preview: ${[...new Set(unknown)].join("; ")}. Fix: ${fixText(trail.region)}`;
            reportAdvisory(report, message, trail.resource.urn);
        } else {
            report(`${subject}: ${controlLabel(control)}: no aws.securityhub.Account in its region${seen}. Fix: ${fixText(trail.region)}`, trail.resource.urn);
        }
    }
}

/** CIS 4.16: Security Hub is enabled where the stack's trail records. */
export function securityHubPolicy(control: ServiceControl): StackValidationPolicy {
    return {
        name: stackPolicyName(control),
        displayName: `CIS ${control.control}: ${control.title.replace(/^Ensure /, "")}`,
        description: DESCRIPTION,
        enforcementLevel: defaultEnforcement(control),
        severity: "medium",
        framework: frameworkOf(control),
        tags: ["cis", "securityhub"],
        remediationSteps: `Add new aws.securityhub.Account("security-hub", {}) in the trail's region. ${control.rationale}`,
        configSchema: SECURITY_HUB_CONFIG_SCHEMA,
        // One decode of the request serves every control's policy (see shared-decode).
        validateStack: sharingDecode((args, report) => {
            const recording = recordingReport(findingsOnly(report));
            let status: VerdictRecord["status"] = "not-applicable";
            try {
                validateSecurityHub(control, args, recording.report);
                status = "pass";
            } finally {
                // notApplicable throws; every other way out has a verdict: held unless something was reported.
                const messages = recording.taken();
                writeVerdictRecords([
                    { control: control.control, policy: stackPolicyName(control), status: messages.length > 0 ? "fail" : status, messages },
                ]);
            }
        }),
    };
}

/** CIS 4.16 as the pack serves it. */
export const securityHubEnabled: StackValidationPolicy = securityHubPolicy(CIS_4_16);
