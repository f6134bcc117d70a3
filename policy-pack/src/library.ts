/**
 * `trailwatch/policies`: the pack's policies as a library, for an
 * organisation's own `new PolicyPack(...)` next to its other policies
 * (`@pulumi/policy` allows one `PolicyPack` per process, so a second pack
 * cannot simply be added). Importing this module starts no server; it does
 * install the pack's one-decode view of `AnalyzeStack` requests in the
 * process (./shared-decode), which leaves other policies untouched.
 *
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { cisAwsPolicies } from "trailwatch/policies";
 * new PolicyPack("acme-aws", { policies: [...cisAwsPolicies, myOwnPolicy] });
 * ```
 *
 * Each policy keeps its name, default enforcement level and config schema, so
 * a `--policy-pack-config` file written for the trailwatch pack configures the
 * same policies here.
 */
import type { Policies } from "@pulumi/policy";
import { cis41Policies, policies } from "./policies";

export {
    ALARM_POLICY_NAME,
    FILTER_POLICY_NAME,
    LEGACY_PACK_NAMES,
    PACK_NAME,
    SECURITY_HUB_CONFIG_SCHEMA,
    STACK_POLICY_NAME,
    alarmFiresOnOneCall,
    controlPolicies,
    filterCoversUnauthorizedCalls,
    monitoringPolicy,
    securityHubEnabled,
    unauthorizedApiCallsMonitored,
} from "./policies";
export { stackPolicyName } from "./controls";
export { PolicyConfigRejected, enforceStrictPolicyConfig } from "./strict-config";
export { FILTER_CONFIG_SCHEMA, STACK_CONFIG_SCHEMA, type ExternalLogGroup, type FilterConfig, type StackConfig } from "./config";

/**
 * Every policy of the pack (CIS 4.1's three first, then one stack policy per
 * control 4.2–4.16, advisory unless configured), ready to spread into a
 * `PolicyPack`'s `policies`.
 */
export const cisAwsPolicies: Policies = policies;

/** The three CIS 4.1 policies (stack policy first), as before the other controls were added. */
export const cisAws41Policies: Policies = cis41Policies;
