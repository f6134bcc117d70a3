/**
 * `trailwatch/policies`: the CIS 4.1 policies as a library, for an
 * organisation's own `new PolicyPack(...)` next to its other policies
 * (`@pulumi/policy` allows one `PolicyPack` per process, so a second pack
 * cannot simply be added). Importing this module starts no server.
 *
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { cisAws41Policies } from "trailwatch/policies";
 * new PolicyPack("acme-aws", { policies: [...cisAws41Policies, myOwnPolicy] });
 * ```
 *
 * Each policy keeps its name and config schema, so a `--policy-pack-config`
 * file written for the trailwatch pack configures the same policies here.
 */
import type { Policies } from "@pulumi/policy";
import { policies } from "./policies";

export {
    ALARM_POLICY_NAME,
    FILTER_POLICY_NAME,
    PACK_NAME,
    STACK_POLICY_NAME,
    alarmFiresOnOneCall,
    filterCoversUnauthorizedCalls,
    unauthorizedApiCallsMonitored,
} from "./policies";
export { FILTER_CONFIG_SCHEMA, STACK_CONFIG_SCHEMA, type ExternalLogGroup, type FilterConfig, type StackConfig } from "./config";

/** The three CIS 4.1 policies (stack policy first), ready to spread into a `PolicyPack`'s `policies`. */
export const cisAws41Policies: Policies = policies;
