/**
 * The stack policy of one metric-filter control (CIS AWS Foundations
 * Benchmark v5.0 4.1–4.15), end to end, the way an auditor checks it. Every
 * control's policy is this one, made from its catalog entry.
 */
import type { StackValidationArgs, StackValidationPolicy, ReportViolation } from "@pulumi/policy";
import { CIS_4_1, MONITORING_CONTROLS, type MonitoringControl, type VerdictRecord } from "trailwatch/engine";
import { isFilterFor, type ChainSubject, type Verdict } from "../chain";
import { filterReadsGroup, type LogGroupRef } from "../links";
import { controlLabel, defaultEnforcement, stackPolicyName, whatItCounts } from "../controls";
import { stackConfigSchema, readStackConfig, type StackConfig } from "../config";
import { StackGraph } from "../graph";
import { GraphMemo } from "../graph-memo";
import {
    excludedEverythingMessage,
    failureMessage,
    noTrailMessage,
    noteMessage,
    securityHubMessage,
    undecidedMessage,
    type FixContext,
} from "../messages";
import { findingsOnly, reportAdvisory } from "../report";
import { exclusionsTuneOutEverything, securityHubAccepts } from "../rules/pattern";
import { sharingDecode } from "../shared-decode";
import { frameworkOf } from "./framework";
import { recordingReport, verdictRecord, writeVerdictRecords } from "../verdict-log";
import { existingComponentOn, withComponentEdit } from "./component-edits";
import { reportedEarlier } from "./shared-notes";
import { verdictsOf } from "./verdicts";

/** What a control's policy checks; every finding is reported after it, advisory or not. */
function descriptionOf(control: MonitoringControl): string {
    return (
        "A multi-region CloudTrail trail records management events to a CloudWatch Logs group whose metric filters together " +
        `count all ${whatItCounts(control)}, alarmed on the first event and notified to an SNS subscriber (${control.benchmark}, ${control.control}).`
    );
}

/** What the checks of one control's policy share. */
interface Check {
    readonly control: MonitoringControl;
    /** The policy's description (findings never repeat it). */
    readonly description: string;
}

/** The name other tools and configs refer to the CIS 4.1 stack policy by. */
export const STACK_POLICY_NAME = stackPolicyName(CIS_4_1);

/** The resource a verdict is reported on: the trail, else the managed log group, else the stack. */
function urnOf(verdict: Verdict): string | undefined {
    return verdict.subject.trail?.resource.urn ?? verdict.subject.group?.node?.resource.urn;
}

/** Reports what a passing chain still wants said: notes (once per pack), and the Security Hub option. */
function reportPass(
    verdict: Extract<Verdict, { status: "pass" }>,
    config: StackConfig,
    context: FixContext,
    report: ReportViolation,
    check: Check,
    graph: StackGraph,
): void {
    for (const note of verdict.notes.filter((n) => !reportedEarlier(n, check.control, graph))) {
        reportAdvisory(report, noteMessage(verdict.subject, note), urnOf(verdict));
    }
    const accepted = verdict.filters.some((f) => f.pattern.state === "known" && securityHubAccepts(f.pattern.value, check.control));
    // A control Security Hub has no check for (4.15) has no string to match.
    if (config.securityHubCompatible && check.control.securityHub !== undefined && !accepted) {
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
            reportAdvisory(report, failureMessage(verdict, context), urnOf(verdict));
        }
    } else if (verdict.status === "undecided") {
        if (config.undecidedVerdict === "enforce") {
            report(undecidedMessage(verdict, context), urnOf(verdict));
        } else {
            reportAdvisory(report, undecidedMessage(verdict, context), urnOf(verdict));
        }
    }
}

/**
 * The stack passes when at least one chain completes: a trail in the stack,
 * or a configured log group whose trail lives in another stack. The other
 * chains are then irrelevant (a data-events trail need not deliver to
 * CloudWatch Logs). Otherwise every chain's verdict is reported; failures
 * block only when no chain is undecided. Hands `check` a record of every
 * verdict with what was reported for it.
 */
function reportVerdicts(
    verdicts: readonly Verdict[],
    config: StackConfig,
    context: FixContext,
    report: ReportViolation,
    check: Check,
    graph: StackGraph,
): void {
    const recording = recordingReport(report);
    const records: VerdictRecord[] = [];
    const record = (verdict: Verdict) =>
        records.push(
            verdictRecord(check.control.control, stackPolicyName(check.control), verdict, recording.taken(), urnOf(verdict), context.componentOn?.(verdict.subject)),
        );
    const passing = verdicts.find((v): v is Extract<Verdict, { status: "pass" }> => v.status === "pass");
    if (passing !== undefined) {
        reportPass(passing, config, context, recording.report, check, graph);
        record(passing);
        // The other chains were judged but are not reported: the control holds on the passing one.
        verdicts.filter((v) => v !== passing).forEach(record);
    } else {
        // With undecided chains reported as failures, every failure blocks too.
        const definite = config.undecidedVerdict === "enforce" || verdicts.every((v) => v.status === "fail");
        verdicts.forEach((v) => {
            reportProblem(v, config, context, recording.report, definite);
            record(v);
        });
    }
    writeVerdictRecords(records);
}

/**
 * The catalog controls with no filter of their own reading the chain's log
 * group (by what the patterns name: cheap, and only for wording a fix).
 */
function unmonitoredOn(subject: ChainSubject, graph: StackGraph): readonly string[] {
    const group = subject.group;
    if (group === undefined) {
        return [];
    }
    // The same for every control's policy (and asked twice per message): once per graph and group.
    return unmonitored.get(graph, group, () => {
        const reading = graph.filters.filter((f) => f.pattern.state === "known" && filterReadsGroup(f, group, graph).status === "yes");
        return MONITORING_CONTROLS.filter((c) => !reading.some((f) => f.pattern.state === "known" && isFilterFor(f.pattern.value, c))).map((c) => c.control);
    });
}

const unmonitored = new GraphMemo<LogGroupRef, readonly string[]>();

/** Validates one stack against `check`'s control. */
function validateControl(check: Check, args: StackValidationArgs, report: ReportViolation): void {
    const { control } = check;
    const config = readStackConfig(args.getConfig<object>());
    if (exclusionsTuneOutEverything(config.excludedRecords, control)) {
        const message = excludedEverythingMessage(control);
        report(message);
        writeVerdictRecords([{ control: control.control, policy: stackPolicyName(control), status: "fail", link: "filters", why: "excludedRecords", messages: [message] }]);
        return;
    }
    const graph = StackGraph.of(args.resources);
    // Fixes suggest a component name no resource in the stack has (a component of that name would be a duplicate
    // URN; any other resource of that name a confusing one).
    const context: FixContext = {
        takenNames: graph.names,
        control,
        componentOn: (subject) => existingComponentOn(subject, graph),
        unmonitoredOn: (subject) => unmonitoredOn(subject, graph),
    };
    if (graph.trails.length === 0 && config.externalLogGroups.length === 0) {
        if (config.requireTrail) {
            const message = noTrailMessage(context);
            report(message);
            writeVerdictRecords([{ control: control.control, policy: stackPolicyName(control), status: "fail", link: "trail", why: "no trail", messages: [message] }]);
            return;
        }
        writeVerdictRecords([{ control: control.control, policy: stackPolicyName(control), status: "not-applicable", why: "no trail", messages: [] }]);
        args.notApplicable(
            `the stack has no CloudTrail trail, so nothing records ${controlLabel(control)} (set requireTrail, or externalLogGroups, to check it anyway)`,
        );
    }
    const verdicts = verdictsOf(control, graph, config).map((v) => withComponentEdit(v, graph, control));
    reportVerdicts(verdicts, config, context, report, check, graph);
}

/** The remediation a control's policy shows in Pulumi Cloud: the component call, then why the control exists. */
function remediationOf(control: MonitoringControl): string {
    const call =
        control.id === CIS_4_1.id
            ? 'new UnauthorizedApiCallsAlarm("unauthorized-api-calls", { trail })'
            : `new CisMonitoringAlarms("cis-monitoring", { trail, controls: [${JSON.stringify(control.control)}] })`;
    return `Add ${call} from the trailwatch package, with at least one subscription. ${control.rationale}`;
}

/**
 * The stack policy of a metric-filter control: trail → log group → filters
 * covering the control's intent → alarm on one event → topic → subscriber.
 * Named after the control, mandatory for 4.1 and advisory for the others
 * unless configured otherwise.
 */
export function monitoringPolicy(control: MonitoringControl): StackValidationPolicy {
    const check: Check = { control, description: descriptionOf(control) };
    return {
        name: stackPolicyName(control),
        displayName: `CIS ${control.control}: ${control.title.replace(/^Ensure /, "")}`,
        description: check.description,
        enforcementLevel: defaultEnforcement(control),
        severity: "medium",
        framework: frameworkOf(control),
        tags: ["cis", "cloudtrail", "cloudwatch", "monitoring"],
        remediationSteps: remediationOf(control),
        configSchema: stackConfigSchema(control),
        // One decode of the request serves every control's policy (see shared-decode).
        validateStack: sharingDecode((args, report) => validateControl(check, args, findingsOnly(report))),
    };
}

/** CIS 4.1, end to end: trail → log group → filters → alarm → topic → subscriber. */
export const unauthorizedApiCallsMonitored: StackValidationPolicy = monitoringPolicy(CIS_4_1);

/** Validates one stack against CIS 4.1. Exported for tests and for offline drivers. */
export const validateUnauthorizedApiCallsMonitored = unauthorizedApiCallsMonitored.validateStack;
