/**
 * The stack policy: CIS AWS Foundations Benchmark v5.0 control 4.1, end to
 * end, the way an auditor checks it.
 */
import type { StackValidationArgs, StackValidationPolicy, ReportViolation } from "@pulumi/policy";
import { CIS_4_1 } from "trailwatch/engine";
import { evaluateGroup, evaluateTrail, type ChainOptions, type Verdict } from "../chain";
import { STACK_CONFIG_SCHEMA, readStackConfig, type ExternalLogGroup, type StackConfig } from "../config";
import { StackGraph } from "../graph";
import { known } from "../resources";
import { namedRegion } from "../regions";
import {
    excludedEverythingMessage,
    failureMessage,
    noTrailMessage,
    noteMessage,
    securityHubMessage,
    undecidedMessage,
    type FixContext,
} from "../messages";
import { reportAdvisory } from "../report";
import { exclusionsTuneOutEverything, securityHubAccepts } from "../rules/pattern";
import { CIS_FRAMEWORK } from "./framework";

/** What the policy checks; every finding is reported after it, advisory or not. */
const DESCRIPTION =
    "A multi-region CloudTrail trail records management events to a CloudWatch Logs group whose metric filters together " +
    `count every unauthorized API call, alarmed on the first call and notified to an SNS subscriber (${CIS_4_1.benchmark}, ${CIS_4_1.control}).`;

/** The name other tools and configs refer to the stack policy by. */
export const STACK_POLICY_NAME = "cis-aws-4-1-unauthorized-api-calls-monitored";

/** The resource a verdict is reported on: the trail, else the managed log group, else the stack. */
function urnOf(verdict: Verdict): string | undefined {
    return verdict.subject.trail?.resource.urn ?? verdict.subject.group?.node?.resource.urn;
}

/** Reports what a passing chain still wants said: notes, and the Security Hub option. */
function reportPass(
    verdict: Extract<Verdict, { status: "pass" }>,
    config: StackConfig,
    context: FixContext,
    report: ReportViolation,
): void {
    for (const note of verdict.notes) {
        reportAdvisory(report, DESCRIPTION, noteMessage(verdict.subject, note), urnOf(verdict));
    }
    const accepted = verdict.filters.some((f) => f.pattern.state === "known" && securityHubAccepts(f.pattern.value));
    if (config.securityHubCompatible && !accepted) {
        report(securityHubMessage(verdict.subject, context), urnOf(verdict));
    }
}

/** Reports a verdict that is not a pass. */
function reportProblem(
    verdict: Verdict,
    config: StackConfig,
    context: FixContext,
    report: ReportViolation,
    definite: boolean,
): void {
    if (verdict.status === "fail") {
        // A failure next to an undecided chain is not yet a failure of the stack.
        if (definite) {
            report(failureMessage(verdict, context), urnOf(verdict));
        } else {
            reportAdvisory(report, DESCRIPTION, failureMessage(verdict, context), urnOf(verdict));
        }
    } else if (verdict.status === "undecided") {
        if (config.undecidedVerdict === "enforce") {
            report(undecidedMessage(verdict), urnOf(verdict));
        } else {
            reportAdvisory(report, DESCRIPTION, undecidedMessage(verdict), urnOf(verdict));
        }
    }
}

/**
 * The stack passes when at least one chain completes: a trail in the stack,
 * or a configured log group whose trail lives in another stack. The other
 * chains are then irrelevant (a data-events trail need not deliver to
 * CloudWatch Logs). Otherwise every chain's verdict is reported; failures
 * block only when no chain is undecided.
 */
function reportVerdicts(
    verdicts: readonly Verdict[],
    config: StackConfig,
    context: FixContext,
    report: ReportViolation,
): void {
    const passing = verdicts.find((v): v is Extract<Verdict, { status: "pass" }> => v.status === "pass");
    if (passing !== undefined) {
        reportPass(passing, config, context, report);
        return;
    }
    // With undecided chains reported as failures, every failure blocks too.
    const definite = config.undecidedVerdict === "enforce" || verdicts.every((v) => v.status === "fail");
    verdicts.forEach((v) => reportProblem(v, config, context, report, definite));
}

/** The chain of a configured external log group: links 3 to 5 only. */
function evaluateExternal(external: ExternalLogGroup, graph: StackGraph, options: ChainOptions): Verdict {
    const region = external.region === undefined ? ("any" as const) : namedRegion(external.region);
    return evaluateGroup({ group: { name: known(external.name), region } }, graph, options);
}

/** Validates one stack. Exported for tests and for offline drivers. */
export function validateUnauthorizedApiCallsMonitored(args: StackValidationArgs, report: ReportViolation): void {
    const config = readStackConfig(args.getConfig<object>());
    if (exclusionsTuneOutEverything(config.excludedRecords)) {
        report(excludedEverythingMessage());
        return;
    }
    const graph = new StackGraph(args.resources);
    // Fixes suggest a component name no resource in the stack has (a component of that name would be a duplicate
    // URN; any other resource of that name a confusing one).
    const context: FixContext = { takenNames: new Set(args.resources.map((r) => r.name)) };
    if (graph.trails.length === 0 && config.externalLogGroups.length === 0) {
        if (config.requireTrail) {
            report(noTrailMessage(context));
            return;
        }
        args.notApplicable("the stack has no CloudTrail trail (set requireTrail, or externalLogGroups, to check it anyway)");
    }
    const options: ChainOptions = { excludedRecords: config.excludedRecords };
    const verdicts = [
        ...graph.trails.map((t) => evaluateTrail(t, graph, options)),
        ...config.externalLogGroups.map((g) => evaluateExternal(g, graph, options)),
    ];
    reportVerdicts(verdicts, config, context, report);
}

/** CIS 4.1, end to end: trail → log group → filters → alarm → topic → subscriber. */
export const unauthorizedApiCallsMonitored: StackValidationPolicy = {
    name: STACK_POLICY_NAME,
    displayName: "CIS 4.1: unauthorized API calls are monitored",
    description: DESCRIPTION,
    enforcementLevel: "mandatory",
    severity: "medium",
    framework: CIS_FRAMEWORK,
    tags: ["cis", "cloudtrail", "cloudwatch", "monitoring"],
    remediationSteps:
        `Add new UnauthorizedApiCallsAlarm("unauthorized-api-calls", { trail }) from the trailwatch package, with at least one subscription. ${CIS_4_1.rationale}`,
    configSchema: STACK_CONFIG_SCHEMA,
    validateStack: validateUnauthorizedApiCallsMonitored,
};
