/**
 * An organisation's own policy pack: trailwatch's CIS AWS 4.1–4.16 policies
 * (4.1 mandatory, the others advisory unless configured), composed from
 * `trailwatch/policies`, next to a policy of its own. One `PolicyPack` per
 * process is all `@pulumi/policy` allows, so this is how the controls join an
 * existing pack. Run it with
 * `trailwatch check <program> --policy-pack examples/org-policy-pack` or
 * `pulumi preview --policy-pack examples/org-policy-pack`.
 */
import { PolicyPack } from "@pulumi/policy";
import { cisAwsPolicies, enforceStrictPolicyConfig } from "trailwatch/policies";
import { logGroupsKeepAYear } from "./log-retention";

const policies = [...cisAwsPolicies, logGroupsKeepAYear];

// Refuse a config naming a policy or key this pack does not have, instead of ignoring it.
enforceStrictPolicyConfig("acme-aws", policies);

new PolicyPack("acme-aws", {
    description: "Acme's AWS rules: CIS AWS 4.1-4.16 from trailwatch, and a year of log retention.",
    policies,
});
