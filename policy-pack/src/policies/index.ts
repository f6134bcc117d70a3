/**
 * The pack's policies as plain objects, separate from the `PolicyPack`
 * construction (which starts a server) so tests and offline drivers can
 * import and call them. One stack policy per catalog control, made from its
 * entry: adding a control to the catalog adds its policy here.
 */
import type { Policies, StackValidationPolicy } from "@pulumi/policy";
import { CIS_4_1, CIS_CONTROLS, isMonitoringControl } from "trailwatch/engine";
import { alarmFiresOnOneCall } from "./alarm";
import { filterCoversUnauthorizedCalls } from "./filter";
import { securityHubPolicy } from "./security-hub";
import { monitoringPolicy, unauthorizedApiCallsMonitored } from "./stack";

export { ALARM_POLICY_NAME, alarmFiresOnOneCall, validateAlarmFiresOnOneCall } from "./alarm";
export { FILTER_POLICY_NAME, filterCoversUnauthorizedCalls, validateFilterCoversUnauthorizedCalls } from "./filter";
export { SECURITY_HUB_CONFIG_SCHEMA, securityHubEnabled, securityHubPolicy } from "./security-hub";
export { STACK_POLICY_NAME, monitoringPolicy, unauthorizedApiCallsMonitored, validateUnauthorizedApiCallsMonitored } from "./stack";

/** The name the pack is served and published under: it serves CIS AWS section 4 (4.1–4.16), not 4.1 alone. */
export const PACK_NAME = "trailwatch-cis-aws-section-4";

/**
 * The name the pack was published under while it served 4.1 alone. Policy
 * groups and configs that name it keep working until they move to
 * {@link PACK_NAME} (policy names, and so config files, did not change).
 */
export const LEGACY_PACK_NAMES: readonly string[] = ["trailwatch-cis-aws-4-1"];

/** One stack policy per catalog control, in benchmark order (4.1's is the one the pack always had). */
export const controlPolicies: readonly StackValidationPolicy[] = CIS_CONTROLS.map((control) =>
    isMonitoringControl(control)
        ? control.id === CIS_4_1.id
            ? unauthorizedApiCallsMonitored
            : monitoringPolicy(control)
        : securityHubPolicy(control),
);

/** The CIS 4.1 policies: its stack policy, then the metric filter and alarm resource policies. */
export const cis41Policies: Policies = [unauthorizedApiCallsMonitored, filterCoversUnauthorizedCalls, alarmFiresOnOneCall];

/** Every policy of the pack: the CIS 4.1 policies first (as before), then 4.2–4.16's stack policies. */
export const policies: Policies = [...cis41Policies, ...controlPolicies.filter((p) => p !== unauthorizedApiCallsMonitored)];
