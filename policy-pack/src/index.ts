/**
 * The trailwatch policy pack: CIS AWS Foundations Benchmark v5.0 section 4
 * (4.1 "ensure unauthorized API calls are monitored", mandatory; 4.2–4.16,
 * advisory unless configured) for Pulumi CrossGuard.
 *
 * Constructing the `PolicyPack` starts the analyzer server the Pulumi CLI
 * talks to, so this module does nothing else; the policies live in
 * `./policies`. At runtime the pack loads only `@pulumi/policy` and
 * `trailwatch/engine` (never `@pulumi/aws`), which keeps its start fast.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";
import { enforceStrictPolicyConfig } from "./strict-config";

// A typo in the config must fail the preview, not switch a check off (see ./strict-config).
enforceStrictPolicyConfig(PACK_NAME, policies);

new PolicyPack(PACK_NAME, {
    displayName: "trailwatch: CIS AWS 4.1-4.16, monitoring controls",
    description:
        "Checks that unauthorized AWS API calls (CIS 4.1), and the events of every other section-4 control, are recorded, counted, " +
        "alarmed on the first event and notified, end to end, also in preview; and that Security Hub is enabled (4.16).",
    provider: "aws",
    tags: ["cis", "aws", "cloudtrail", "cloudwatch"],
    policies,
});
