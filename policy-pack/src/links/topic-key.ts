/**
 * Link 5, the topic's encryption: a CloudWatch alarm publishes to an
 * encrypted topic only if CloudWatch may use the topic's KMS key. What that
 * takes is the catalog's knowledge (`trailwatch/engine` topic-encryption,
 * which the component's validation and key policy use too); this module
 * finds the topic's key in the stack and reads its policy.
 */
import {
    AWS_MANAGED_SNS_KEY_PROBLEM,
    TOPIC_KEY_FIX,
    cloudWatchKeyAccess,
    isAwsManagedSnsKey,
} from "trailwatch/engine";
import { StackGraph } from "../graph";
import type { KmsAliasNode, KmsKeyNode, Node, TopicNode } from "../model";
import { YES, no, unknown, type Outcome } from "../outcome";
import type { Field } from "../resources";
import { TYPES } from "../tokens";

/** A key, or what the topic names instead when no declared key answers. */
type Resolved = { readonly key: KmsKeyNode } | { readonly unresolved: string };

function equalsKnown(field: Field<string>, value: string): boolean {
    return field.state === "known" && field.value === value;
}

/** The declared key `id` names: by key id or ARN, or by an alias's name or ARN. */
function keyNamed(id: string, graph: StackGraph): KmsKeyNode | undefined {
    const direct = graph.kmsKeys.find((k) => equalsKnown(k.keyId, id) || equalsKnown(k.arn, id));
    if (direct !== undefined) return direct;
    const alias = graph.kmsAliases.find((a) => equalsKnown(a.name, id) || equalsKnown(a.arn, id));
    return alias === undefined ? undefined : aliasTarget(alias, graph);
}

function aliasTarget(alias: KmsAliasNode, graph: StackGraph): KmsKeyNode | undefined {
    const target = alias.targetKeyId;
    if (target.state === "known") {
        const key = graph.kmsKeys.find((k) => equalsKnown(k.keyId, target.value) || equalsKnown(k.arn, target.value));
        if (key !== undefined) return key;
    }
    return graph.dependenciesOf(alias, "targetKeyId").find((n): n is KmsKeyNode => StackGraph.isType<KmsKeyNode>(n, TYPES.kmsKey));
}

/** The key a topic's `kmsMasterKeyId` was computed from, by the engine's property dependencies. */
function keyDependency(topic: TopicNode, graph: StackGraph): KmsKeyNode | undefined {
    for (const node of graph.dependenciesOf(topic, "kmsMasterKeyId") as readonly Node[]) {
        if (StackGraph.isType<KmsKeyNode>(node, TYPES.kmsKey)) return node;
        if (StackGraph.isType<KmsAliasNode>(node, TYPES.kmsAlias)) {
            const key = aliasTarget(node, graph);
            if (key !== undefined) return key;
        }
    }
    return undefined;
}

/** The key policy in force: a separately managed `aws.kms.KeyPolicy` for the key wins over the key's own. */
function policyOf(key: KmsKeyNode, graph: StackGraph): Field<string> {
    const managed = graph.kmsKeyPolicies.find(
        (p) =>
            (p.keyId.state === "known" && (equalsKnown(key.keyId, p.keyId.value) || equalsKnown(key.arn, p.keyId.value))) ||
            graph.dependenciesOf(p, "keyId").includes(key),
    );
    return managed?.policy ?? key.policy;
}

/** Whether CloudWatch may use `key`, from its policy. */
function keyUsable(topic: TopicNode, key: KmsKeyNode, graph: StackGraph): Outcome {
    const policy = policyOf(key, graph);
    const named = `topic "${topic.label}" is encrypted with KMS key "${key.label}"`;
    if (policy.state === "unknown") {
        return unknown(`the key policy of KMS key "${key.label}", which encrypts topic "${topic.label}", is unknown during preview`);
    }
    // A key created without a policy gets KMS's default key policy, which grants only the account's IAM principals
    // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html), not CloudWatch.
    const access = policy.state === "absent" ? "denied" : cloudWatchKeyAccess(policy.value);
    switch (access) {
        case "allowed":
            return YES;
        case "denied":
            return no(
                `${named}, whose key policy does not let cloudwatch.amazonaws.com use it, so the alarm cannot publish to the topic`,
                `add a statement to the key policy of "${key.label}" that allows cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*, or ${TOPIC_KEY_FIX}.`,
            );
        case "undecidable":
            return unknown(
                `${named}, whose key policy does not show whether cloudwatch.amazonaws.com may use it (a NotPrincipal, NotAction or conditional Deny statement, or text that is not JSON), so whether the alarm can publish to the topic is undecidable`,
            );
    }
}

/**
 * Whether CloudWatch alarms can publish to `topic`, judged by its
 * encryption: unencrypted, or a declared key whose policy lets CloudWatch
 * use it, is yes; the AWS managed SNS key, or a declared key whose policy
 * visibly does not, is no; a key the stack does not declare (or cannot yet
 * show) is unknown, never yes.
 */
export function topicKeyUsable(topic: TopicNode, graph: StackGraph): Outcome {
    const id = topic.kmsMasterKeyId;
    if (id.state === "absent") {
        return YES;
    }
    let resolved: Resolved;
    if (id.state === "known") {
        const shown = id.secret ? "[secret]" : id.value;
        if (isAwsManagedSnsKey(id.value)) {
            return no(
                `topic "${topic.label}" is encrypted with the AWS managed SNS key (${shown}); ${AWS_MANAGED_SNS_KEY_PROBLEM}`,
                `set kmsMasterKeyId of topic "${topic.label}" to a customer managed key: ${TOPIC_KEY_FIX} ` +
                    "(trailwatch's components create one with createKmsKey: true).",
            );
        }
        const key = keyNamed(id.value, graph) ?? keyDependency(topic, graph);
        resolved = key !== undefined ? { key } : { unresolved: shown };
    } else {
        const key = keyDependency(topic, graph);
        resolved = key !== undefined ? { key } : { unresolved: "a value unknown during preview" };
    }
    if ("key" in resolved) {
        return keyUsable(topic, resolved.key, graph);
    }
    return unknown(
        `topic "${topic.label}" is encrypted with KMS key ${resolved.unresolved}, which is not declared in this stack, so whether its key policy lets ` +
            "CloudWatch alarms publish to the topic is undecidable (declare the key here, or check that its policy allows cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*)",
    );
}
