/**
 * How the pack reports a finding: its message alone, never the policy's
 * description in front of it.
 *
 * `@pulumi/policy` turns the string form of `reportViolation` into the
 * policy's description, a newline and the message; `pulumi preview`,
 * Pulumi Cloud and `trailwatch check` all show the description beside the
 * finding anyway, so every finding repeated it. The object form (accepted
 * since 1.20; its public type still lists only the string form, so the form
 * is isolated here) reaches the engine as its `message` alone, and may carry
 * its own `enforcementLevel`: an undecidable preview or a topic managed in
 * another stack is worth saying without failing the gate.
 */
import type { ReportViolation } from "@pulumi/policy";

/** A violation in the SDK's object form. */
interface ViolationObject {
    readonly message: string;
    readonly urn?: string;
    readonly enforcementLevel?: "advisory";
}

type ObjectReport = (violation: ViolationObject) => void;

/** A `report` that sends string findings as their message alone (no description in front). */
export function findingsOnly(report: ReportViolation): ReportViolation {
    return ((violation: unknown, urn?: string) =>
        typeof violation === "string"
            ? (report as unknown as ObjectReport)({ message: violation, urn })
            : (report as (v: unknown, u?: string) => void)(violation, urn)) as ReportViolation;
}

/** Reports `message` as advisory, whatever the policy's enforcement level, in the shape of the policy's other findings. */
export function reportAdvisory(report: ReportViolation, message: string, urn?: string): void {
    (report as unknown as ObjectReport)({ message, urn, enforcementLevel: "advisory" });
}
