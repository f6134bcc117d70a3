/**
 * What the pack was configured with, as `Configure` delivered it: every
 * policy's level and properties. A policy sees only its own config through
 * `@pulumi/policy`; the pack's stack policies also need to know which of
 * their siblings run, and how, so that a finding several of them would
 * repeat (a subscription pending confirmation on a topic they share) is
 * reported once, by one deterministic policy.
 *
 * Known only in a pack that installed the strict config check
 * (./strict-config), which records here; elsewhere (an organisation's pack
 * without it, a test calling a policy directly) {@link siblingPolicy}
 * answers "unknown" and every policy reports its own findings, as before.
 */

/** A policy's configured level and properties. */
export interface ConfiguredPolicy {
    readonly enforcementLevel: string;
    readonly properties: Readonly<Record<string, unknown>>;
}

let declared: ReadonlyMap<string, string> | undefined;
let configured: ReadonlyMap<string, ConfiguredPolicy> | undefined;

/** Records the pack's policies and their declared levels (before any `Configure`). */
export function recordPackPolicies(policies: readonly { readonly name: string; readonly enforcementLevel?: string }[]): void {
    declared = new Map(policies.map((p) => [p.name, p.enforcementLevel ?? "advisory"]));
}

/** Records a `Configure` request's document: policy name to `{ enforcementLevel, ...properties }`. */
export function recordPackConfig(document: Readonly<Record<string, Readonly<Record<string, unknown>>>>): void {
    configured = new Map(
        Object.entries(document).map(([name, { enforcementLevel, ...properties }]) => [
            name,
            { enforcementLevel: typeof enforcementLevel === "string" ? enforcementLevel : "", properties },
        ]),
    );
}

/**
 * How a policy of this pack runs: "absent" when the pack does not have it,
 * "unknown" when the pack's policies were never recorded, else its level
 * (configured, or declared when `Configure` did not name it, as
 * `@pulumi/policy` chooses) and properties.
 */
export function siblingPolicy(name: string): ConfiguredPolicy | "absent" | "unknown" {
    if (declared === undefined) {
        return "unknown";
    }
    const level = declared.get(name);
    if (level === undefined) {
        return "absent";
    }
    const entry = configured?.get(name);
    return {
        enforcementLevel: entry?.enforcementLevel || level,
        properties: entry?.properties ?? {},
    };
}

/** Forgets what was recorded (tests that install and drop a pack's config). */
export function resetPackConfig(): void {
    declared = undefined;
    configured = undefined;
}
