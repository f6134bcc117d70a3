/**
 * The verdict for one chain: a trail (or a configured external log group)
 * through to a subscriber. It passes when the metric filters on the group
 * whose metrics are alarmed by alarms that fire on one event and notify
 * someone together cover the control's intent (CIS 4.1, 4.2, ...). It fails with the first broken
 * link, or is undecided, naming exactly what a preview does not know.
 */
import type { MonitoringControl, RecordShape } from "trailwatch/engine";
import type { StackGraph } from "./graph";
import { GraphMemo } from "./graph-memo";
import { alarmsOn, crossRegionDelivery, deliveryOf, filterReadsGroup, notification, type Delivery, type LogGroupRef } from "./links";
import type { MetricFilterNode, TrailNode } from "./model";
import { YES, allOf, anyOf, no, type No, type Outcome } from "./outcome";
import { firesOnOneEvent } from "./rules/alarm";
import { eventContribution } from "./rules/metric";
import { coverageOf } from "./rules/pattern";
import { trailRecordsManagementEvents } from "./rules/trail";
import { shown } from "./resources";
import { whatItCounts } from "./controls";

/** The links of the chain, in the order the CIS audit procedure checks them. */
export type ChainLink = "trail" | "delivery" | "filters" | "alarm" | "notification";

/** What a verdict is about. */
export interface ChainSubject {
    /** The trail the chain starts at; absent for a configured external log group. */
    readonly trail?: TrailNode;
    /** The log group, once known. */
    readonly group?: LogGroupRef;
}

/** The outcome of one chain. */
export type Verdict =
    | {
          readonly status: "pass";
          readonly subject: ChainSubject;
          /** The filters that complete the chain. */
          readonly filters: readonly MetricFilterNode[];
          /** Advisories (topics managed elsewhere). */
          readonly notes: readonly string[];
      }
    | {
          readonly status: "fail";
          readonly subject: ChainSubject;
          /** The first broken link. */
          readonly link: ChainLink;
          /** Why it is broken. */
          readonly why: string;
          /** For a coverage gap: a CloudTrail record no counted filter matches. */
          readonly missed?: Readonly<Record<string, unknown>>;
          /** The fix for this cause, when it is more specific than the link's usual one. */
          readonly fix?: string;
          /** No filter on the log group is this control's at all (not a gap in one): the stack never asked for it here. */
          readonly unmonitored?: true;
      }
    | {
          readonly status: "undecided";
          readonly subject: ChainSubject;
          /** Each value the verdict waits on. */
          readonly unknowns: readonly string[];
          /** The first link whose answer waits on them (for a report's matrix). */
          readonly link?: ChainLink;
          /**
           * For a chain no update can decide (a log group in another region than
           * its trail): what to change. Absent when the values are merely unknown
           * during a preview and the update decides them.
           */
          readonly fix?: string;
      };

/** What evaluation needs besides the graph. */
export interface ChainOptions {
    /** The control whose intent the filters must cover. */
    readonly control: MonitoringControl;
    /** Record shapes allowed to be missed on top of the control's own. */
    readonly excludedRecords: readonly RecordShape[];
}

/** Everything known about one filter on the group. */
interface FilterAssessment {
    readonly filter: MetricFilterNode;
    /** Reads the group. */
    readonly reads: Outcome;
    /** Counts each event. */
    readonly counts: Outcome;
    /** Some alarm watches its metric. */
    readonly watched: Outcome;
    /** Some watching alarm fires on one event. */
    readonly fires: Outcome;
    /** Some such alarm notifies someone. */
    readonly notifies: Outcome;
    /** All of the above. */
    readonly effective: Outcome;
    /** Advisories from the alarms that complete its chain. */
    readonly notes: readonly string[];
}

function assess(filter: MetricFilterNode, group: LogGroupRef, graph: StackGraph): FilterAssessment {
    const reads = filterReadsGroup(filter, group, graph);
    const contribution = eventContribution(filter);
    const counts: Outcome = contribution.status === "yes" ? YES : contribution;
    const watches = alarmsOn(filter, graph);
    const notes: string[] = [];
    const fireOutcomes = watches.map((w) =>
        contribution.status === "yes"
            ? allOf([() => w.link, () => about(`alarm "${w.alarm.label}"`, firesOnOneEvent(w.alarm, w.stat, contribution))])
            : counts,
    );
    const notifyOutcomes = watches.map((w, i) => {
        const n = notification(w.alarm, graph);
        const complete = allOf([() => fireOutcomes[i], () => n.outcome]);
        // Advisories matter only for alarms that complete the chain.
        if (complete.status === "yes") {
            notes.push(...n.notes);
        }
        return complete;
    });
    const metric = `${shown(filter.metricNamespace)}/${shown(filter.metricName)}`;
    const watched = anyOf(
        watches.map((w) => w.link),
        `no alarm watches metric ${metric}, which metric filter "${filter.label}" publishes`,
    );
    const fires = anyOf(fireOutcomes, `no alarm on metric ${metric} fires on a single event`);
    const notifies = anyOf(notifyOutcomes, `no alarm on metric ${metric} notifies anyone`);
    const effective = allOf([() => reads, () => counts, () => watched, () => fires, () => notifies]);
    return { filter, reads, counts, watched, fires, notifies, effective, notes };
}

/**
 * What no control changes, read once per graph: each trail's delivery (so
 * its log group is one object), and each log group's filter assessments.
 * Every control's policy evaluates the same shared graph (see graph.ts).
 */
const deliveries = new GraphMemo<TrailNode, Delivery>();
const assessments = new GraphMemo<LogGroupRef, readonly FilterAssessment[]>();

/** Prefixes a "no" with what it is about. */
function about(subject: string, outcome: Outcome): Outcome {
    return outcome.status === "no" ? no(`${subject}: ${outcome.why}`, outcome.fix) : outcome;
}

/** The `fix` property of a failed verdict, from a "no" that has one. */
function withFix(outcome: No): { fix?: string } {
    return outcome.fix === undefined ? {} : { fix: outcome.fix };
}

/** The specific fix of the first "no" that has one. */
function fixOf(outcomes: readonly Outcome[]): string | undefined {
    return outcomes.flatMap((o) => (o.status === "no" && o.fix !== undefined ? [o.fix] : []))[0];
}

/** A filter's pattern as a message shows it. */
function shownPattern(filter: MetricFilterNode): string {
    return filter.pattern.state === "known" && !filter.pattern.secret ? JSON.stringify(filter.pattern.value) : "[secret]";
}

function patternOf(a: FilterAssessment): string | undefined {
    return a.filter.pattern.state === "known" ? a.filter.pattern.value : undefined;
}

function whyOf(outcome: Outcome): string {
    return outcome.status === "yes" ? "" : outcome.why;
}

/** Whether a pattern's text names one of the values the control's intent requires (a cheap pre-selection, never a verdict). */
function namesIntent(pattern: string, control: MonitoringControl): boolean {
    return control.intent.mustMatch.some((c) => "anyOf" in c && c.anyOf.some((glob) => glob.split("*").some((part) => part.length > 2 && pattern.includes(part))));
}

/**
 * Whether a pattern reads as a filter for this control: it names a value of
 * every clause of the intent (4.15's event source and one of its event names),
 * so a message never presents another control's filter (4.4's CreatePolicy)
 * as this control's. Wording only, never a verdict.
 */
export function isFilterFor(pattern: string, control: MonitoringControl): boolean {
    const clauses = distinctiveClauses(control);
    return clauses.length > 0 && clauses.every((c) => c.anyOf.some((glob) => namesGlob(pattern, glob)));
}

type AnyOfClause = { readonly field: string; readonly anyOf: readonly string[] };

/** Whether a pattern's text names a glob's literal part. */
function namesGlob(pattern: string, glob: string): boolean {
    return glob.split("*").some((part) => part.length > 2 && pattern.includes(part));
}

const DISTINCTIVE = new WeakMap<MonitoringControl, readonly AnyOfClause[]>();

/** The intent's clauses the control's own catalog pattern names (4.15: its event source and names; 4.4: its names). */
function distinctiveClauses(control: MonitoringControl): readonly AnyOfClause[] {
    let clauses = DISTINCTIVE.get(control);
    if (clauses === undefined) {
        const reference = Object.values(control.patterns).find((p): p is string => typeof p === "string") ?? "";
        const all = control.intent.mustMatch.filter((c): c is AnyOfClause => "anyOf" in c);
        clauses = all.filter((c) => c.anyOf.some((glob) => namesGlob(reference, glob)));
        DISTINCTIVE.set(control, clauses);
    }
    return clauses;
}

/** The fields a control's intent tests, as JSON selectors: `$.errorCode` for 4.1. */
function testedFields(control: MonitoringControl): string {
    return [...new Set(control.intent.mustMatch.map((c) => `$.${c.field}`))].join(" and ");
}

/**
 * Staged diagnosis of a definite failure: relax the chain link by link and
 * report the first stage at which the surviving filters stop covering the
 * intent. Coverage only grows with more patterns, so this names the first
 * broken link.
 */
function diagnose(subject: ChainSubject, assessed: readonly FilterAssessment[], options: ChainOptions): Verdict {
    const candidates = assessed.filter((a) => a.reads.status !== "no");
    if (candidates.length === 0) {
        // Filters on a group of that name in another region are what breaks the link: name them, and the regions.
        const elsewhere = assessed.filter((a) => a.reads.status === "no" && a.reads.fix !== undefined);
        if (elsewhere.length > 0) {
            const why = elsewhere.map((a) => `metric filter "${a.filter.label}": ${whyOf(a.reads)}`).join("; ");
            return { status: "fail", subject, link: "filters", why, fix: fixOf(elsewhere.map((a) => a.reads)) };
        }
        // Say what this control's filters read instead (a few; another control's filter is not this one's).
        const own = assessed.filter((a) => isFilterFor(patternOf(a) ?? "", options.control));
        const others = own.slice(0, 3).map((a) => `metric filter "${a.filter.label}": ${whyOf(a.reads)}`);
        const more = own.length > 3 ? `; and ${own.length - 3} more` : "";
        const seen = others.length > 0 ? ` (${others.join("; ")}${more})` : "";
        return {
            status: "fail",
            subject,
            link: "filters",
            why: `no metric filter reads the log group in its region${seen}`,
            ...(own.length === 0 ? { unmonitored: true as const } : {}),
        };
    }
    const stages: readonly { link: ChainLink; keep: (a: FilterAssessment) => Outcome }[] = [
        { link: "filters", keep: () => ({ status: "yes" }) },
        { link: "filters", keep: (a) => a.counts },
        { link: "alarm", keep: (a) => a.watched },
        { link: "alarm", keep: (a) => a.fires },
        { link: "notification", keep: (a) => a.notifies },
    ];
    let surviving = candidates;
    for (const [index, stage] of stages.entries()) {
        const dropped = surviving.filter((a) => stage.keep(a).status === "no");
        const kept = surviving.filter((a) => stage.keep(a).status !== "no");
        const withText = kept.filter((a) => patternOf(a) !== undefined);
        const coverage = coverageOf(
            withText.map((a) => patternOf(a) ?? ""),
            options.excludedRecords,
            options.control,
        );
        if (!coverage.covers) {
            // Filters for other controls on the group are not this control's: when none names its values, it is unmonitored.
            if (index === 0 && !withText.some((a) => isFilterFor(patternOf(a) ?? "", options.control)) && coverage.invalid.length === 0) {
                return {
                    status: "fail",
                    subject,
                    link: "filters",
                    why: `no metric filter on the log group counts ${whatItCounts(options.control)}`,
                    unmonitored: true,
                };
            }
            if (index === 0) {
                const invalid = coverage.invalid.map(
                    (i) => `the pattern of metric filter "${withText[i.index].filter.label}" is invalid (${i.message} at column ${i.column})`,
                );
                // Without a counterexample the engine could not prove coverage (e.g. term or regex patterns): say that, not "miss".
                // Name the filters that break the link, with their patterns (never a secret one).
                const which = withText.filter((a) => isFilterFor(patternOf(a) ?? "", options.control)).map((a) => `metric filter "${a.filter.label}" (pattern ${shownPattern(a.filter)})`).join(", ");
                const what = whatItCounts(options.control);
                const gap = coverage.missed
                    ? `${which}: together they miss some ${what}`
                    : `${which}: together they are not proven to catch all ${what} ` +
                      `(${coverage.notes.join(" ") || "the pattern engine cannot analyse them field by field"}); ` +
                      `use JSON patterns on ${testedFields(options.control)}`;
                return { status: "fail", subject, link: "filters", why: [...invalid, gap].join("; "), missed: coverage.missed ?? undefined };
            }
            const reasons = dropped.map((a) => `metric filter "${a.filter.label}": ${whyOf(stage.keep(a))}`);
            const fix = fixOf(dropped.map((a) => stage.keep(a)));
            return {
                status: "fail",
                subject,
                link: stage.link,
                why: reasons.length > 0 ? reasons.join("; ") : `the remaining filters miss some ${whatItCounts(options.control)}`,
                missed: coverage.missed ?? undefined,
                ...(fix === undefined ? {} : { fix }),
            };
        }
        surviving = kept;
    }
    // Unreachable for a definite failure; kept total for the type checker.
    return { status: "fail", subject, link: "filters", why: `the metric filters on the log group do not cover ${whatItCounts(options.control)}` };
}

/** Audit steps 3 to 5 for one log group. */
export function evaluateGroup(subject: ChainSubject & { group: LogGroupRef }, graph: StackGraph, options: ChainOptions): Verdict {
    const assessed = assessments.get(graph, subject.group, () => graph.filters.map((f) => assess(f, subject.group, graph)));
    const definite = assessed.filter((a) => a.effective.status === "yes" && patternOf(a) !== undefined);
    // Coverage only grows with more patterns, so the filters that name the control's values passing is a pass:
    // deciding them first keeps a log group with every control's filter from asking the engine about all of them at once.
    const named = definite.filter((a) => namesIntent(patternOf(a) ?? "", options.control));
    const namedCover = () => coverageOf(named.map((a) => patternOf(a) ?? ""), options.excludedRecords, options.control).covers;
    if (named.length > 0 && named.length < definite.length && namedCover()) {
        return { status: "pass", subject, filters: named.map((a) => a.filter), notes: [...new Set(named.flatMap((a) => a.notes))] };
    }
    const coverage = coverageOf(
        definite.map((a) => patternOf(a) ?? ""),
        options.excludedRecords,
        options.control,
    );
    if (coverage.covers) {
        return {
            status: "pass",
            subject,
            filters: definite.map((a) => a.filter),
            // The engine's own notes (e.g. that a verdict holds under both
            // readings of && / || precedence) do not change a pass; only
            // facts outside the stack are worth an advisory.
            notes: [...new Set(definite.flatMap((a) => a.notes))],
        };
    }
    const maybe = assessed.filter((a) => a.effective.status === "unknown");
    const patternUnknown = assessed.filter(
        (a) => a.effective.status !== "no" && a.filter.pattern.state === "unknown",
    );
    const possible = [...definite, ...maybe].flatMap((a) => patternOf(a) ?? []);
    if (patternUnknown.length === 0 && (maybe.length === 0 || !coverageOf(possible, options.excludedRecords, options.control).covers)) {
        return diagnose(subject, assessed, options);
    }
    const unknowns = [
        ...patternUnknown.map((a) => `the pattern of metric filter "${a.filter.label}" is unknown during preview`),
        ...maybe.map((a) => whyOf(a.effective)),
    ];
    const link = patternUnknown.length > 0 ? "filters" : firstUnknownLink(maybe);
    return { status: "undecided", subject, unknowns: [...new Set(unknowns)], link };
}

/** The earliest link any of these filters' chains waits on. */
function firstUnknownLink(maybe: readonly FilterAssessment[]): ChainLink {
    const order: readonly [ChainLink, (a: FilterAssessment) => Outcome][] = [
        ["filters", (a) => allOf([() => a.reads, () => a.counts])],
        ["alarm", (a) => allOf([() => a.watched, () => a.fires])],
        ["notification", (a) => a.notifies],
    ];
    return order.find(([, outcome]) => maybe.some((a) => outcome(a).status === "unknown"))?.[0] ?? "filters";
}

/** Audit steps 1 to 5 for one trail. */
export function evaluateTrail(trail: TrailNode, graph: StackGraph, options: ChainOptions): Verdict {
    const delivery = deliveries.get(graph, trail, () => deliveryOf(trail, graph));
    // The group is named in every message about the trail, even when step 1 breaks.
    const subject: ChainSubject = delivery.status === "yes" ? { trail, group: delivery.group } : { trail };
    const recording = trailRecordsManagementEvents(trail);
    if (recording.status === "no") {
        return { status: "fail", subject, link: "trail", why: recording.why, ...withFix(recording) };
    }
    if (delivery.status === "no") {
        return { status: "fail", subject, link: "delivery", why: delivery.why, ...withFix(delivery) };
    }
    if (delivery.status === "unknown") {
        const unknowns = recording.status === "unknown" ? [recording.why, delivery.why] : [delivery.why];
        return { status: "undecided", subject, unknowns, link: recording.status === "unknown" ? "trail" : "delivery" };
    }
    const verdict = evaluateGroup({ trail, group: delivery.group }, graph, options);
    // Delivery to another region's log group is not documented: it keeps a chain from passing, not from failing.
    const crossRegion = crossRegionDelivery(trail, delivery.group);
    if (verdict.status === "fail" || (recording.status === "yes" && crossRegion === undefined)) {
        return verdict;
    }
    const unknowns = [
        ...(recording.status === "unknown" ? [recording.why] : []),
        ...(crossRegion === undefined ? [] : [crossRegion.why]),
        ...(verdict.status === "undecided" ? verdict.unknowns : []),
    ];
    // The first link, in chain order, that cannot be decided.
    const link = recording.status === "unknown" ? "trail" : "delivery";
    return { status: "undecided", subject, unknowns, link, ...(crossRegion === undefined ? {} : { fix: crossRegion.fix }) };
}
