/**
 * An organisation's own policy pack: trailwatch's CIS AWS 4.1 policies,
 * composed from `trailwatch/policies`, next to a policy of its own. One
 * `PolicyPack` per process is all `@pulumi/policy` allows, so this is how
 * CIS 4.1 joins an existing pack. Run it with
 * `trailwatch check <program> --policy-pack examples/org-policy-pack` or
 * `pulumi preview --policy-pack examples/org-policy-pack`.
 */
import { PolicyPack } from "@pulumi/policy";
import { cisAws41Policies } from "trailwatch/policies";
import { logGroupsKeepAYear } from "./log-retention";

new PolicyPack("acme-aws", {
    description: "Acme's AWS rules: CIS AWS 4.1 from trailwatch, and a year of log retention.",
    policies: [...cisAws41Policies, logGroupsKeepAYear],
});
