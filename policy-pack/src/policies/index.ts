/**
 * The pack's policies as plain objects, separate from the `PolicyPack`
 * construction (which starts a server) so tests and offline drivers can
 * import and call them.
 */
import type { Policies } from "@pulumi/policy";
import { alarmFiresOnOneCall } from "./alarm";
import { filterCoversUnauthorizedCalls } from "./filter";
import { unauthorizedApiCallsMonitored } from "./stack";

export { ALARM_POLICY_NAME, alarmFiresOnOneCall, validateAlarmFiresOnOneCall } from "./alarm";
export { FILTER_POLICY_NAME, filterCoversUnauthorizedCalls, validateFilterCoversUnauthorizedCalls } from "./filter";
export { STACK_POLICY_NAME, unauthorizedApiCallsMonitored, validateUnauthorizedApiCallsMonitored } from "./stack";

/** The name the pack is served and published under; stable, other tools assert it. */
export const PACK_NAME = "trailwatch-cis-aws-4-1";

/** Every policy of the pack, stack policy first. */
export const policies: Policies = [unauthorizedApiCallsMonitored, filterCoversUnauthorizedCalls, alarmFiresOnOneCall];
