/**
 * The order and wording the Pulumi CLI uses for policy violations
 * (pkg/backend/display/progress.go and diff.go, pulumi/pulumi v3.259.0),
 * shared by every report format.
 */
import type { Violation } from "../session";

const ENFORCEMENT_RANK: Record<string, number> = { remediate: 0, mandatory: 1, advisory: 2, disabled: 3 };
const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Sorted by enforcement level, severity, policy name, then URN, as the CLI's "Policies:" section sorts them. */
export function sortViolations(violations: readonly Violation[]): Violation[] {
    const rank = (v: Violation) => [
        ENFORCEMENT_RANK[v.enforcementLevel] ?? 99,
        v.severity === undefined ? 4 : (SEVERITY_RANK[v.severity] ?? 99),
    ];
    return [...violations].sort((a, b) => {
        const [ea, sa] = rank(a);
        const [eb, sb] = rank(b);
        return ea! - eb! || sa! - sb! || compare(a.policy, b.policy) || compare(a.urn, b.urn);
    });
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** The type token of the resource a URN names (the last `$`-separated segment of its type chain). */
export function urnType(urn: string): string {
    return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

/**
 * A type token as the CLI displays it: `aws:cloudtrail/trail:Trail` becomes
 * `aws:cloudtrail:Trail` when the module's last segment is the type name in
 * camel case (tokens.Type.DisplayName).
 */
export function displayType(type: string): string {
    const parts = type.split(":");
    if (parts.length !== 3 || parts[2] === "") {
        return type;
    }
    const [pkg, module, name] = parts as [string, string, string];
    const slash = module.lastIndexOf("/");
    if (slash < 0 || module.slice(slash + 1) !== name.charAt(0).toLowerCase() + name.slice(1)) {
        return type;
    }
    return `${pkg}:${module.slice(0, slash)}:${name}`;
}

/** Violations at each level that counts toward the verdict. */
export function countLevels(violations: readonly Violation[]): { mandatory: number; advisory: number } {
    return {
        mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
        advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
    };
}
