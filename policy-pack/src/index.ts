/**
 * The trailwatch policy pack: CIS AWS Foundations Benchmark v5.0 control 4.1
 * ("ensure unauthorized API calls are monitored") for Pulumi CrossGuard.
 *
 * Constructing the `PolicyPack` starts the analyzer server the Pulumi CLI
 * talks to, so this module does nothing else; the policies live in
 * `./policies`. At runtime the pack loads only `@pulumi/policy` and
 * `trailwatch/engine` (never `@pulumi/aws`), which keeps its start fast.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, {
    displayName: "trailwatch: CIS AWS 4.1, unauthorized API calls monitored",
    description: "Checks that unauthorized AWS API calls are recorded, counted, alarmed on the first call and notified, end to end, also in preview.",
    provider: "aws",
    tags: ["cis", "aws", "cloudtrail", "cloudwatch"],
    policies,
});
