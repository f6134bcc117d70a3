/**
 * Violation wording. Every message starts with the trail and log group,
 * then the broken link of the control's chain (the control named by number
 * and title) and why, then "Fix: " with the `trailwatch` component call that
 * supplies the missing parts. Values a program marked secret are never printed.
 */
import type { ChainLink, ChainSubject, Verdict } from "./chain";
import { groupLabel } from "./links";
import { CIS_4_1, controlRange, type MonitoringControl } from "trailwatch/engine";
import { controlLabel, whatItCounts } from "./controls";
import { COMPONENT, MULTI_COMPONENT, type ComponentToken } from "./tokens";

/** Each link by its place in the chain, as the CIS audit procedure walks it. */
function linkTitle(link: ChainLink, control: MonitoringControl): string {
    switch (link) {
        case "trail":
            return "link 1 of 5, the trail (multi-region, logging, management events read and write)";
        case "delivery":
            return "link 2 of 5, delivery to CloudWatch Logs";
        case "filters":
            return `link 3 of 5, the metric filters of ${controlLabel(control)}`;
        case "alarm":
            return "link 4 of 5, the alarm (on the filters' metric, firing on one event)";
        case "notification":
            return "link 5 of 5, the notification (an SNS topic with a subscriber)";
    }
}

/** `Trail "main" → log group "cloudtrail"`, or the external group alone. */
export function subjectLabel(subject: ChainSubject): string {
    const group = subject.group ? `log group "${groupLabel(subject.group)}"` : "no known log group";
    return subject.trail ? `Trail "${subject.trail.label}" → ${group}` : `External log group "${subject.group ? groupLabel(subject.group) : "?"}"`;
}

/** A CloudTrail record on one line, for "it misses this record". */
export function recordLabel(record: Readonly<Record<string, unknown>>): string {
    return JSON.stringify(record);
}

/** What a fix must know about the stack besides the chain: names already taken. */
export interface FixContext {
    /** Logical names already used in the stack (components included). */
    readonly takenNames: ReadonlySet<string>;
    /** The control the message is about; CIS 4.1 when unset. */
    readonly control?: MonitoringControl;
    /** The `CisMonitoringAlarms` already watching a chain's log group, if any: its fix edits that component. */
    readonly componentOn?: (subject: ChainSubject) => string | undefined;
    /**
     * The catalog controls (by number, in order) with no filter of their own
     * on a chain's log group: a fix that adds a component names all of them,
     * so every control's message suggests the same call and pasting it once
     * repairs them all.
     */
    readonly unmonitoredOn?: (subject: ChainSubject) => readonly string[];
}

/** A context for a stack with no component yet. */
export const EMPTY_CONTEXT: FixContext = { takenNames: new Set() };

/** The control of a context. */
function controlOf(context: FixContext): MonitoringControl {
    return context.control ?? CIS_4_1;
}

/**
 * The component a fix suggests: 4.1's own component for 4.1 (what the pack
 * always suggested), the multi-control component for every other control.
 */
function componentFor(control: MonitoringControl): ComponentToken {
    return control.id === CIS_4_1.id ? COMPONENT : MULTI_COMPONENT;
}

/** The argument that selects the control on the multi-control component; none for 4.1's own. */
function controlArgument(control: MonitoringControl): string {
    return componentFor(control) === COMPONENT ? "" : `controls: [${JSON.stringify(control.control)}], `;
}

/** The subscription every suggested component call carries: link 5 needs a subscriber. */
const SUBSCRIPTION_ARGUMENT = 'subscriptions: [{ protocol: "email", endpoint: "security@example.com" }]';

/** The first name from `base` not taken in the stack, so a pasted fix creates no duplicate URN. */
function freeName(base: string, taken: ReadonlySet<string>): string {
    if (!taken.has(base)) {
        return base;
    }
    let n = 2;
    while (taken.has(`${base}-${n}`)) {
        n += 1;
    }
    return `${base}-${n}`;
}

/** The first component name not taken in the stack, so a pasted fix creates no duplicate URN. */
export function freeComponentName(context: FixContext): string {
    return freeName(componentFor(controlOf(context)).defaultName, context.takenNames);
}

/** The controls a component call for this chain provisions: every unmonitored one when this control is among them. */
function callControls(subject: ChainSubject | undefined, context: FixContext): readonly string[] {
    const own = controlOf(context).control;
    const all = subject === undefined ? undefined : context.unmonitoredOn?.(subject);
    return all !== undefined && all.includes(own) ? all : [own];
}

/**
 * The component arguments that name the log group: the resource itself when
 * the stack manages it (never its auto-generated physical name), else the
 * trail, else the configured name; and the group's region when the stack
 * names it (the component does not read it from the group).
 */
function groupArguments(subject: ChainSubject): string {
    const group = subject.group;
    const source = group?.node
        ? `logGroup /* the aws.cloudwatch.LogGroup "${group.node.label}" */`
        : subject.trail
          ? `trail /* the aws.cloudtrail.Trail "${subject.trail.label}" */`
          : group && group.name.state === "known" && !group.name.secret
            ? `logGroupName: ${JSON.stringify(group.name.value)}`
            : "logGroupName: /* the log group */";
    const named = group && group.region !== "any" && group.region.kind === "named" ? group.region.name : undefined;
    const region = named === undefined ? "" : `, region: ${JSON.stringify(named)}`;
    return `${source}${region}`;
}

/** The component call with these log-group arguments, subscriber included, for `controls` (this control's alone by default). */
function componentCallWith(groupArgs: string, context: FixContext, extra = "", controls?: readonly string[]): string {
    const control = controlOf(context);
    const several = controls !== undefined && (controls.length > 1 || controls[0] !== control.control);
    if (!several) {
        return (
            `new ${componentFor(control).className}(${JSON.stringify(freeComponentName(context))}, ` +
            `{ ${groupArgs}${extra}, ${controlArgument(control)}${SUBSCRIPTION_ARGUMENT} }) from the trailwatch package`
        );
    }
    // Several controls: one CisMonitoringAlarms for all of them, named as the multi-control component is.
    const name = freeName(MULTI_COMPONENT.defaultName, context.takenNames);
    return (
        `new ${MULTI_COMPONENT.className}(${JSON.stringify(name)}, ` +
        `{ ${groupArgs}${extra}, controls: ${JSON.stringify(controls)}, ${SUBSCRIPTION_ARGUMENT} }) from the trailwatch package`
    );
}

/** The component call that supplies the chain from the log group on, subscriber included. */
function componentCall(subject: ChainSubject, context: FixContext, extra = ""): string {
    return componentCallWith(groupArguments(subject), context, extra, callControls(subject, context));
}

/** The fix for a broken link. */
export function fixFor(link: ChainLink, subject: ChainSubject, context: FixContext = EMPTY_CONTEXT): string {
    const trail = `aws.cloudtrail.Trail "${subject.trail?.label ?? "?"}"`;
    const alarm = controlOf(context).alarm;
    switch (link) {
        case "trail":
            return `on ${trail} set isMultiRegionTrail: true, leave enableLogging on and record all management events (no event selectors, or readWriteType "All" with includeManagementEvents: true).`;
        case "delivery":
            return (
                `on ${trail} set cloudWatchLogsGroupArn: pulumi.interpolate\`\${logGroup.arn}:*\` (the ARN of the aws.cloudwatch.LogGroup it delivers to, followed by ":*") ` +
                "and cloudWatchLogsRoleArn (a role CloudTrail assumes to write to it); " +
                `then add ${componentCallWith("logGroup /* that aws.cloudwatch.LogGroup */", context)}.`
            );
        case "filters": {
            const existing = context.componentOn?.(subject);
            if (existing !== undefined) {
                return enableOn(existing, controlOf(context).control);
            }
            return `add ${componentCall(subject, context)}; it creates the metric filter, the alarm, an SNS topic and the subscription.`;
        }
        case "alarm":
            return (
                `make an alarm on the filters' metric fire on one event (statistic "${alarm.statistic}", ` +
                `comparisonOperator "${alarm.comparisonOperator}", threshold ${alarm.threshold}, ` +
                `datapointsToAlarm ${alarm.datapointsToAlarm}, actions enabled), or add ${componentCall(subject, context)}, which sets exactly that.`
            );
        case "notification":
            return `subscribe someone to the alarm's SNS topic (an aws.sns.TopicSubscription with protocol "email"), or add ${componentCall(subject, context)}.`;
    }
}

/** The edit that turns a control on in a `CisMonitoringAlarms` already on the log group. */
export function enableOn(component: string, control: string): string {
    return (
        `on the CisMonitoringAlarms "${component}" that already watches this log group, turn ${control} on: ` +
        `remove \`enabled: false\` from its overrides[${JSON.stringify(control)}], or add ${JSON.stringify(control)} to its \`controls\`.`
    );
}

/**
 * The message for a control the stack has no filter for on this log group
 * (it never asked for it there): one line with the finding and the one call
 * that monitors every such control, the same in each of their messages, so
 * fifteen advisories read as one fix. The policy still reports its own
 * finding at its own level: a mandatory 4.5 still fails the preview.
 */
function unmonitoredMessage(verdict: Extract<Verdict, { status: "fail" }>, context: FixContext): string {
    const controls = callControls(verdict.subject, context);
    const several = controls.length > 1;
    return (
        `${subjectLabel(verdict.subject)}: broken at link 3 of 5, the metric filters of CIS ${controlOf(context).control}: ${verdict.why}` +
        `${several ? ` (likewise ${controlRange(controls)})` : ""}. ` +
        `Fix: add ${componentCall(verdict.subject, context)}${several ? ", one call for all of them" : ""}; or set this policy's level to "disabled".`
    );
}

/** The message for a failed chain. */
export function failureMessage(verdict: Extract<Verdict, { status: "fail" }>, context: FixContext = EMPTY_CONTEXT): string {
    if (verdict.unmonitored === true && verdict.fix === undefined && context.componentOn?.(verdict.subject) === undefined) {
        return unmonitoredMessage(verdict, context);
    }
    // A missed record explains a pattern gap; past link 3 it would only distract from the broken link.
    const missed = verdict.link === "filters" && verdict.missed ? verdict.missed : undefined;
    const missedText = missed ? ` Missed record: ${recordLabel(missed)}.` : "";
    // Filters exist but miss records: adding more monitoring is not the first fix, correcting the pattern is.
    const fix =
        verdict.fix ?? (missed ? patternFix(verdict.subject, context) : fixFor(verdict.link, verdict.subject, context));
    return `${subjectLabel(verdict.subject)}: broken at ${linkTitle(verdict.link, controlOf(context))}: ${verdict.why}.${missedText} Fix: ${fix}`;
}

/** The fix when the filters exist but together miss records of the control. */
function patternFix(subject: ChainSubject, context: FixContext): string {
    return (
        `use the CIS pattern of ${controlLabel(controlOf(context))} (the default of the trailwatch component) or extend the filters' patterns so the missed record matches; ` +
        "an exclusion such as $.field != \"x\" also drops every record without that field, so test the field's absence too, " +
        "or list the records you deliberately tune out in excludedRecords. " +
        `Or add ${componentCall(subject, context)}.`
    );
}

/** The fix for values a preview does not know yet: the update decides them. */
const PREVIEW_UNKNOWN_FIX =
    "compute these values from resources in this stack (or literals) so a preview knows them; " +
    "otherwise the stack policy decides the chain again once they are known (pulumi up).";

/**
 * The message for an undecided chain. Values unknown during a preview are
 * decided by the update, and the message says "in this preview"; a chain no
 * update decides (a log group in another region than its trail, in a new
 * stack or a deployed one alike) says what to change instead.
 */
export function undecidedMessage(verdict: Extract<Verdict, { status: "undecided" }>, context: FixContext = EMPTY_CONTEXT): string {
    const head = `${subjectLabel(verdict.subject)}: ${controlLabel(controlOf(context))} cannot be decided`;
    if (verdict.fix === undefined) {
        return `${head} in this preview: ${verdict.unknowns.join("; ")}. Fix: ${PREVIEW_UNKNOWN_FIX}`;
    }
    // The cross-region delivery is one of the unknowns; any other is a value the update decides.
    const more = verdict.unknowns.length > 1 ? `; for the other values, ${PREVIEW_UNKNOWN_FIX}` : ".";
    return `${head}: ${verdict.unknowns.join("; ")}. Fix: ${verdict.fix}${more}`;
}

/**
 * The advisory for a passing chain that relies on something outside the
 * stack, in the shape of every other message: subject, finding, "Fix: ".
 */
export function noteMessage(subject: ChainSubject, note: string): string {
    return `${subjectLabel(subject)}: passes, with an advisory: ${note}.`;
}

/** The message for a passing chain whose patterns Security Hub CloudWatch.2 would still report as failed. */
export function securityHubMessage(subject: ChainSubject, context: FixContext = EMPTY_CONTEXT): string {
    const control = controlOf(context);
    const check = control.securityHub?.control ?? "its check";
    const text = control.patterns["cisV1_2"] === undefined ? "the pattern" : "the CIS v1.2 pattern";
    // 4.1's component takes the preset as `pattern`; the multi-control one per control, as an override.
    const preset =
        componentFor(control) === COMPONENT
            ? ", pattern: FilterPatterns.cisV1_2"
            : `, overrides: { ${JSON.stringify(control.control)}: { patternPreset: "securityHub" } }`;
    return (
        `${subjectLabel(subject)}: covers ${whatItCounts(control)}, but no filter on the chain has exactly ${text} ` +
        `that AWS Security Hub ${check} compares against (an exact string comparison), so Security Hub will report the control as failed. ` +
        `Fix: add ${componentCallWith(groupArguments(subject), context, preset)}.`
    );
}

/** The message for a stack without a trail when one is required. */
export function noTrailMessage(context: FixContext = EMPTY_CONTEXT): string {
    return (
        `No CloudTrail trail in this stack, and requireTrail is set: nothing records API calls for CIS ${controlOf(context).control}. ` +
        "Fix: add a multi-region aws.cloudtrail.Trail that delivers to an aws.cloudwatch.LogGroup, and " +
        `${componentCallWith("logGroup", context)}; ` +
        "or, if the trail lives in another stack, list its log group in externalLogGroups."
    );
}

/** The message for exclusions that leave no record of the control to monitor. */
export function excludedEverythingMessage(control: MonitoringControl = CIS_4_1): string {
    return (
        `The excludedRecords config tunes out all ${whatItCounts(control)} (${controlLabel(control)}), so no filter would need to catch anything and the control ` +
        "would pass unmonitored. Fix: narrow each excluded record shape to the noise you mean (e.g. eventSource, eventName and " +
        "userIdentity.invokedBy together), never a shape that matches every errorCode or every record."
    );
}
