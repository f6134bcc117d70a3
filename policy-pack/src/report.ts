/**
 * Reporting a violation at a level other than the policy's own.
 *
 * One stack policy gives one verdict, but not every finding in it should
 * block: an undecidable preview or a topic managed in another stack is worth
 * saying without failing the gate. `@pulumi/policy` (since 1.20) accepts an
 * object in `reportViolation` carrying its own `enforcementLevel`; its public
 * type still lists only the string form, so the object form is isolated here.
 *
 * The string form reaches the engine as the policy's description, a newline
 * and the message; the object form as its `message` alone. An advisory is
 * given the same shape, so mandatory and advisory findings read alike in
 * every report (`pulumi preview`, `trailwatch check --format json`).
 */
import type { ReportViolation } from "@pulumi/policy";

/** A violation with its own enforcement level. */
interface ViolationWithLevel {
    readonly message: string;
    readonly urn?: string;
    readonly enforcementLevel: "advisory";
}

/** Reports `message` as advisory, whatever the policy's enforcement level, in the shape of the policy's other findings. */
export function reportAdvisory(report: ReportViolation, description: string, message: string, urn?: string): void {
    (report as unknown as (violation: ViolationWithLevel) => void)({ message: `${description}\n${message}`, urn, enforcementLevel: "advisory" });
}
