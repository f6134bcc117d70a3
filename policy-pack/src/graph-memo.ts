/**
 * An answer computed once per stack graph and key: every control's policy
 * asks the same questions of the same graph (a trail's delivery, a log
 * group's filters, a filter's alarms, a control's verdicts), and the answer
 * goes when the graph does.
 */
import type { StackGraph } from "./graph";

export class GraphMemo<K, V> {
    private readonly byGraph = new WeakMap<StackGraph, Map<K, V>>();

    /** The answer for `key` on `graph`, computed by `compute` the first time it is asked. */
    get(graph: StackGraph, key: K, compute: () => V): V {
        let byKey = this.byGraph.get(graph);
        if (byKey === undefined) {
            byKey = new Map();
            this.byGraph.set(graph, byKey);
        }
        let value = byKey.get(key);
        if (value === undefined) {
            value = compute();
            byKey.set(key, value);
        }
        return value;
    }
}
