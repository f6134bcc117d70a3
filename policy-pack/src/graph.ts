/**
 * The stack as a graph of chain nodes: every trail, log group, metric
 * filter, alarm, topic, subscription and KMS key read once, indexed by URN, plus the
 * property dependencies the engine reports, which are how resources link
 * while their ARNs are still unknown.
 */
import {
    readAlarm,
    readKmsAlias,
    readKmsKey,
    readKmsKeyPolicy,
    readLogGroup,
    readMetricFilter,
    readSubscription,
    readTopic,
    readTrail,
    type AlarmNode,
    type KmsAliasNode,
    type KmsKeyNode,
    type KmsKeyPolicyNode,
    type LogGroupNode,
    type MetricFilterNode,
    type Node,
    type ResourceLike,
    type SubscriptionNode,
    type TopicNode,
    type TrailNode,
} from "./model";
import { TYPES } from "./tokens";

const graphs = new WeakMap<readonly ResourceLike[], StackGraph>();

/** The chain's resources in one stack. */
export class StackGraph {
    /** Trails. */
    readonly trails: readonly TrailNode[];
    /** Log groups. */
    readonly logGroups: readonly LogGroupNode[];
    /** Log metric filters. */
    readonly filters: readonly MetricFilterNode[];
    /** Metric alarms. */
    readonly alarms: readonly AlarmNode[];
    /** SNS topics. */
    readonly topics: readonly TopicNode[];
    /** SNS topic subscriptions. */
    readonly subscriptions: readonly SubscriptionNode[];
    /** The logical names of every resource in the stack (fixes suggest a name none has). */
    readonly names: ReadonlySet<string>;
    /** KMS keys, aliases and separately managed key policies (a topic's encryption). */
    readonly kmsKeys: readonly KmsKeyNode[];
    readonly kmsAliases: readonly KmsAliasNode[];
    readonly kmsKeyPolicies: readonly KmsKeyPolicyNode[];
    private readonly byUrn = new Map<string, Node>();

    /**
     * The graph of `resources`, read once per list: every control's policy
     * handed the same decoded list (see shared-decode) shares one graph.
     */
    static of(resources: readonly ResourceLike[]): StackGraph {
        let graph = graphs.get(resources);
        if (graph === undefined) {
            graph = new StackGraph(resources);
            graphs.set(resources, graph);
        }
        return graph;
    }

    /** Reads every chain resource of `resources`; other resources are ignored. */
    constructor(resources: readonly ResourceLike[]) {
        const of = <N extends Node>(type: string, read: (r: ResourceLike) => N): N[] => {
            const nodes = resources.filter((r) => r.type === type).map(read);
            nodes.forEach((n) => this.byUrn.set(n.resource.urn, n));
            return nodes;
        };
        this.trails = of(TYPES.trail, readTrail);
        this.logGroups = of(TYPES.logGroup, readLogGroup);
        this.filters = of(TYPES.metricFilter, readMetricFilter);
        this.alarms = of(TYPES.metricAlarm, readAlarm);
        this.topics = of(TYPES.topic, readTopic);
        this.subscriptions = of(TYPES.topicSubscription, readSubscription);
        this.names = new Set(resources.map((r) => r.name));
        this.kmsKeys = of(TYPES.kmsKey, readKmsKey);
        this.kmsAliases = of(TYPES.kmsAlias, readKmsAlias);
        this.kmsKeyPolicies = of(TYPES.kmsKeyPolicy, readKmsKeyPolicy);
    }

    /**
     * The chain nodes that `node`'s `property` was computed from, by the
     * engine's property dependencies. These are known in preview even when
     * the value itself is not.
     */
    dependenciesOf(node: Node, property: string): readonly Node[] {
        const dependencies = node.resource.propertyDependencies?.[property] ?? [];
        return dependencies.flatMap((d) => {
            const found = this.byUrn.get(d.urn);
            return found ? [found] : [];
        });
    }

    /** Whether `node` is a node of the given type token. */
    static isType<N extends Node>(node: Node, type: string): node is N {
        return node.resource.type === type;
    }
}
