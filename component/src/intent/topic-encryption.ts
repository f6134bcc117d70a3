/**
 * What an encrypted SNS topic needs so a CloudWatch alarm can publish to it,
 * in one place: the component refuses a key that cannot work and writes the
 * key policy of the key it creates from this; the pack's notification link
 * judges a stack's topic by it.
 *
 * Sources: AWS Knowledge Center, "How do I configure a CloudWatch alarm with
 * an encrypted Amazon SNS topic?" (https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns):
 * with the AWS managed key `alias/aws/sns` the alarm action fails ("CloudWatch
 * Alarms does not have authorization to access the SNS topic encryption
 * key"), because that key's policy does not let CloudWatch call kms:Decrypt
 * and kms:GenerateDataKey and an AWS managed key's policy cannot be changed;
 * a customer managed key's policy must grant cloudwatch.amazonaws.com both.
 * Amazon SNS Developer Guide, "Enable compatibility between event sources
 * from AWS services and encrypted topics"
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 */

/** The AWS managed SNS key, by alias name. */
export const AWS_MANAGED_SNS_KEY_ALIAS = "alias/aws/sns";

/** The service principal CloudWatch alarms publish as. */
export const CLOUDWATCH_SERVICE_PRINCIPAL = "cloudwatch.amazonaws.com";

/** The KMS actions CloudWatch needs on an SNS topic's key to publish to the topic. */
export const CLOUDWATCH_TOPIC_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey*"] as const;

/** Why the AWS managed SNS key cannot work, as messages say it. */
export const AWS_MANAGED_SNS_KEY_PROBLEM =
    "CloudWatch alarms cannot publish to a topic encrypted with it, because its key policy cannot be changed to let CloudWatch use it";

/** The fix for a topic key CloudWatch cannot use. */
export const TOPIC_KEY_FIX =
    `use a customer managed key whose key policy allows ${CLOUDWATCH_SERVICE_PRINCIPAL} ${CLOUDWATCH_TOPIC_KEY_ACTIONS.join(" and ")}`;

/** True for `alias/aws/sns` in any of the forms SNS accepts (alias name or alias ARN). */
export function isAwsManagedSnsKey(keyId: string): boolean {
    return keyId === AWS_MANAGED_SNS_KEY_ALIAS || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\/aws\/sns$/.test(keyId);
}

/** Whether a key policy lets CloudWatch use the key for a topic: as far as the policy text shows. */
export type CloudWatchKeyAccess = "allowed" | "denied" | "undecidable";

/** The API calls CloudWatch makes with the key when it publishes (what {@link CLOUDWATCH_TOPIC_KEY_ACTIONS} grant). */
const CALLS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

function list(value: unknown): unknown[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** IAM action patterns are case-insensitive globs (`*`, `?`). */
function actionMatches(pattern: unknown, call: string): boolean {
    if (typeof pattern !== "string") return false;
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return regex.test(call);
}

/** Whether a statement's Principal names CloudWatch (or everyone). */
function namesCloudWatch(principal: unknown): boolean {
    if (principal === "*") return true;
    if (typeof principal !== "object" || principal === null) return false;
    const p = principal as Record<string, unknown>;
    return list(p.Service).includes(CLOUDWATCH_SERVICE_PRINCIPAL) || list(p.AWS).includes("*");
}

/**
 * Reads a KMS key policy (the JSON text, as the key's `policy` records it)
 * the way IAM evaluates it for `cloudwatch.amazonaws.com` calling
 * kms:Decrypt and kms:GenerateDataKey: allowed when Allow statements cover
 * both and no Deny covers either; denied when a Deny without conditions
 * covers one, or nothing allows both and nothing could (IAM denies by
 * default: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * A statement whose reach the text cannot settle (NotPrincipal, NotAction, a
 * conditional Deny) or a policy that does not parse makes it undecidable.
 * Conditions on an Allow (e.g. `aws:SourceAccount`, as the component's own
 * key policy has) are taken to hold.
 */
export function cloudWatchKeyAccess(policyText: string): CloudWatchKeyAccess {
    let document: unknown;
    try {
        document = JSON.parse(policyText);
    } catch {
        return "undecidable";
    }
    if (typeof document !== "object" || document === null) return "undecidable";
    const allowed = new Set<string>();
    let unclear = false;
    for (const raw of list((document as Record<string, unknown>).Statement)) {
        if (typeof raw !== "object" || raw === null) return "undecidable";
        const s = raw as Record<string, unknown>;
        if (s.NotPrincipal !== undefined || s.NotAction !== undefined) {
            unclear = true;
            continue;
        }
        if (!namesCloudWatch(s.Principal)) continue;
        const calls = CALLS.filter((call) => list(s.Action).some((a) => actionMatches(a, call)));
        if (calls.length === 0) continue;
        if (s.Effect === "Deny") {
            if (s.Condition === undefined) return "denied";
            unclear = true;
        } else if (s.Effect === "Allow") {
            calls.forEach((c) => allowed.add(c));
        }
    }
    if (unclear) return "undecidable";
    return CALLS.every((c) => allowed.has(c)) ? "allowed" : "denied";
}
