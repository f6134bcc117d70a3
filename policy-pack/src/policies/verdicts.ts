/**
 * Every chain's verdict for one control on a stack: each trail's chain and
 * each configured external log group's, computed once per graph and config,
 * since other controls' policies ask for them too (see ./shared-notes).
 */
import type { MonitoringControl } from "trailwatch/engine";
import { evaluateGroup, evaluateTrail, type ChainOptions, type Verdict } from "../chain";
import type { ExternalLogGroup, StackConfig } from "../config";
import type { StackGraph } from "../graph";
import { GraphMemo } from "../graph-memo";
import { namedRegion } from "../regions";
import { known } from "../resources";

/** The chain of a configured external log group: links 3 to 5 only. */
function evaluateExternal(external: ExternalLogGroup, graph: StackGraph, options: ChainOptions): Verdict {
    const region = external.region === undefined ? ("any" as const) : namedRegion(external.region);
    return evaluateGroup({ group: { name: known(external.name), region } }, graph, options);
}


/** Every chain's verdict for a control on a graph, once per graph and config (every control's policy may ask). */
const verdictCache = new GraphMemo<string, readonly Verdict[]>();

export function verdictsOf(control: MonitoringControl, graph: StackGraph, config: StackConfig): readonly Verdict[] {
    const key = JSON.stringify([control.control, config.excludedRecords, config.externalLogGroups]);
    return verdictCache.get(graph, key, () => {
        const options: ChainOptions = { control, excludedRecords: config.excludedRecords };
        return [...graph.trails.map((t) => evaluateTrail(t, graph, options)), ...config.externalLogGroups.map((g) => evaluateExternal(g, graph, options))];
    });
}
