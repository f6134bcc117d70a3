import type { ServiceControl } from "./types";

/**
 * CIS AWS Foundations Benchmark v5.0, control 4.16: "Ensure AWS Security Hub
 * is enabled". Not a metric filter: the pack checks that the stack manages a
 * Security Hub account in the trail's region (or that config declares it
 * managed elsewhere). Title and rationale from prowler-cloud/prowler
 * `compliance/aws/cis_5.0_aws.json`; v6.0/v7.0 number it 5.16.
 */
export const CIS_4_16: ServiceControl = {
    kind: "service",
    id: "cis-aws-4.16-security-hub-enabled",
    benchmark: "CIS AWS Foundations Benchmark v5.0",
    control: "4.16",
    controlV6: "5.16",
    title: "Ensure AWS Security Hub is enabled",
    rationale:
        "AWS Security Hub provides you with a comprehensive view of your security state in AWS and helps you check your environment against security industry standards and best practices, " +
        "enabling you to quickly assess the security posture across your AWS accounts.",
    resourceType: "aws:securityhub/account:Account",
    defaultEnforcement: "advisory",
    sourceNotes: ["Title and rationale: prowler cis_5.0_aws.json, requirement 4.16 (check securityhub_enabled)."],
};
