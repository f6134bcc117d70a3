/**
 * Names a policy pack config may use besides the policies' own: old policy
 * names, kept working after a rename. One table, read by the pack (at
 * `Configure`), `trailwatch check` and `trailwatch audit` alike.
 *
 * To rename a policy: add `"<old name>": "<new name>"` here. A config that
 * names the old policy then configures the new one, exactly as before; a
 * config naming both merges them, the old name's keys over the new one's.
 * (No policy has been renamed yet: the table is empty, not missing.)
 */
export const POLICY_NAME_ALIASES: Readonly<Record<string, string>> = Object.freeze({});

/** The config key that sets every policy's enforcement level (the engine's `applyConfig`). */
export const ALL_POLICIES_KEY = "all";
