/**
 * A note several controls' policies would each report on the same stack (a
 * topic whose subscriptions are all pending confirmation, shared by every
 * control of a `CisMonitoringAlarms`) is reported once: by the first control
 * in catalog order whose policy runs and reaches it. Which policies run, and
 * with what config, comes from the pack's `Configure` (../pack-config).
 */
import { MONITORING_CONTROLS, type MonitoringControl } from "trailwatch/engine";
import { readStackConfig, type StackConfig } from "../config";
import { stackPolicyName } from "../controls";
import type { StackGraph } from "../graph";
import { siblingPolicy } from "../pack-config";
import { exclusionsTuneOutEverything } from "../rules/pattern";
import { verdictsOf } from "./verdicts";

/**
 * The notes another control's policy reports on this graph (its first
 * passing chain's), or undefined when that is not known for certain: the
 * pack's config was not recorded, or the sibling's config does not read.
 */
function notesReportedBy(control: MonitoringControl, graph: StackGraph): readonly string[] | undefined {
    const sibling = siblingPolicy(stackPolicyName(control));
    if (sibling === "unknown") {
        return undefined;
    }
    if (sibling === "absent" || sibling.enforcementLevel === "disabled") {
        return [];
    }
    let config: StackConfig;
    try {
        config = readStackConfig(sibling.properties);
    } catch {
        return undefined;
    }
    if (exclusionsTuneOutEverything(config.excludedRecords, control)) {
        return [];
    }
    const passing = verdictsOf(control, graph, config).find((v) => v.status === "pass");
    return passing?.status === "pass" ? passing.notes : [];
}

/**
 * A note some earlier control's policy (catalog order) already reports on
 * this graph: said once, by the first control that runs and reaches it (a
 * subscription pending confirmation on the topic every control shares).
 * Only when the siblings are known for certain; otherwise every policy
 * reports its own notes.
 */
export function reportedEarlier(note: string, control: MonitoringControl, graph: StackGraph): boolean {
    for (const earlier of MONITORING_CONTROLS) {
        if (earlier.id === control.id) {
            return false;
        }
        const notes = notesReportedBy(earlier, graph);
        if (notes === undefined) {
            return false;
        }
        if (notes.includes(note)) {
            return true;
        }
    }
    return false;
}
