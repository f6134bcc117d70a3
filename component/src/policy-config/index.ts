/** Policy pack config validation, shared by the pack, `trailwatch check` and `trailwatch audit`. */
export { ALL_POLICIES_KEY, POLICY_NAME_ALIASES } from "./aliases";
export { editDistance, nearestName } from "./nearest";
export {
    POLICY_ENFORCEMENT_LEVELS,
    policyConfigProblems,
    resolvePolicyAliases,
    type ConfigurablePolicy,
    type PolicyConfigDocument,
} from "./strict";
