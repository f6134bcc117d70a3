/**
 * Fixes that edit the trailwatch component already in the stack rather than
 * adding another beside it: turn a control on in the `CisMonitoringAlarms`
 * watching the log group, or drop the custom pattern a component was given
 * when its filters miss records.
 */
import type { MonitoringControl } from "trailwatch/engine";
import { isFilterFor, type ChainSubject, type Verdict } from "../chain";
import type { StackGraph } from "../graph";
import { filterReadsGroup } from "../links";
import { COMPONENT, MULTI_COMPONENT } from "../tokens";

/**
 * The `CisMonitoringAlarms` already watching the chain's log group (the
 * parent of a metric filter that reads it), so a fix edits that component
 * rather than adding a second one.
 */
export function existingComponentOn(subject: ChainSubject, graph: StackGraph): string | undefined {
    const group = subject.group;
    if (group === undefined) {
        return undefined;
    }
    for (const filter of graph.filters) {
        const parent = (filter.resource as { parent?: { type: string; name: string } }).parent;
        if (parent?.type === MULTI_COMPONENT.type && filterReadsGroup(filter, group, graph).status === "yes") {
            return parent.name;
        }
    }
    return undefined;
}

/** The trailwatch component a resource is a child of, if any. */
function trailwatchParent(node: { resource: unknown }): { type: string; name: string } | undefined {
    const parent = (node.resource as { parent?: { type: string; name: string } }).parent;
    return parent?.type === COMPONENT.type || parent?.type === MULTI_COMPONENT.type ? parent : undefined;
}

/**
 * For filters that miss records of the control, all made by one trailwatch
 * component from a custom pattern: the edit of that component (drop the
 * custom pattern, whose default is the CIS text), not a second component
 * beside it. Undefined when a filter is hand-made or the fix is already
 * specific.
 */
function patternEdit(verdict: Verdict, graph: StackGraph, control: MonitoringControl): string | undefined {
    const group = verdict.subject.group;
    if (verdict.status !== "fail" || verdict.link !== "filters" || verdict.missed === undefined || verdict.fix !== undefined || group === undefined) {
        return undefined;
    }
    const own = graph.filters.filter(
        (f) => f.pattern.state === "known" && isFilterFor(f.pattern.value, control) && filterReadsGroup(f, group, graph).status === "yes",
    );
    const parents = own.map((f) => trailwatchParent(f));
    const parent = parents[0];
    // One component made every such filter: a hand-made one, or two components, keep the general fix.
    if (parent === undefined || parents.some((p) => p?.type !== parent.type || p.name !== parent.name)) {
        return undefined;
    }
    const tuning = `; to tune out records on purpose, list them in excludedRecords of the policy instead of narrowing the pattern.`;
    return parent.type === COMPONENT.type
        ? `on the ${COMPONENT.className} "${parent.name}", drop the custom \`pattern\` (its default is the CIS pattern, FilterPatterns.cisV5)${tuning}`
        : `on the ${MULTI_COMPONENT.className} "${parent.name}", drop \`pattern\` from its overrides[${JSON.stringify(control.control)}] ` +
              `(the default is the CIS pattern of ${control.control})${tuning}`;
}

/** The verdict with the edit of the component that made its filters, when that is the fix (see patternEdit). */
export function withComponentEdit(verdict: Verdict, graph: StackGraph, control: MonitoringControl): Verdict {
    const fix = patternEdit(verdict, graph, control);
    return fix === undefined || verdict.status !== "fail" ? verdict : { ...verdict, fix };
}
