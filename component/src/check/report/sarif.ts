/**
 * The SARIF 2.1.0 report, for code-scanning uploads. Each policy is a rule
 * (from GetAnalyzerInfo), each violation a result: `error` for mandatory,
 * `warning` for advisory, located logically by the resource URN and
 * physically at the checked input (the program's Pulumi.yaml or the export
 * file), since code-scanning services need a file to attach results to.
 */
import type * as sarif from "sarif";
import type { CheckResult } from "../run";
import { urnName } from "../model";
import { jsonReport } from "./json";
import { sortViolations, urnType } from "./order";

/** Where results are attached. */
export interface SarifOptions {
    /** The checked file, relative to the repository root (forward slashes). */
    readonly artifactUri: string;
    /** trailwatch's version, for the tool driver. */
    readonly toolVersion: string;
}

const LEVELS: Record<string, sarif.ReportingConfiguration.level> = {
    mandatory: "error",
    remediate: "error",
    advisory: "warning",
    disabled: "none",
};

/** The CIS control a trailwatch policy name carries (`cis-aws-4-10-…` → `4.10`), as rule properties. */
function controlProperties(policy: string): { cisControls?: string[]; tags?: string[] } {
    const match = /^cis-aws-(\d+)-(\d+)-/.exec(policy);
    if (match === null) {
        return {};
    }
    const control = `${match[1]}.${match[2]}`;
    return { cisControls: [control], tags: ["CIS", `CIS ${control}`] };
}

/** Builds the SARIF log. */
export function sarifLog(result: CheckResult, options: SarifOptions): sarif.Log {
    const rules: sarif.ReportingDescriptor[] = result.pack.policies.map((p) => ({
        id: p.name,
        name: p.displayName || p.name,
        shortDescription: { text: p.description || p.name },
        ...(p.remediationSteps ? { help: { text: p.remediationSteps } } : {}),
        ...(p.url ? { helpUri: p.url } : {}),
        defaultConfiguration: { level: LEVELS[p.enforcementLevel] ?? "warning", enabled: p.enforcementLevel !== "disabled" },
        properties: {
            enforcementLevel: p.enforcementLevel,
            policyType: p.type,
            ...(p.severity ? { severity: p.severity } : {}),
            ...controlProperties(p.name),
        },
    }));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const results: sarif.Result[] = sortViolations(result.violations).map((v) => ({
        ruleId: v.policy,
        ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
        level: LEVELS[v.enforcementLevel] ?? "warning",
        message: { text: v.message },
        locations: [
            {
                physicalLocation: { artifactLocation: { uri: options.artifactUri }, region: { startLine: 1 } },
                logicalLocations: [{ name: urnName(v.urn), fullyQualifiedName: v.urn, kind: "resource" }],
            },
        ],
        properties: { enforcementLevel: v.enforcementLevel, resourceType: urnType(v.urn) },
    }));
    return {
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: { name: "trailwatch", version: options.toolVersion, rules },
                    extensions: [{ name: result.pack.name, version: result.pack.version }],
                },
                results,
                // The matrix as the JSON report carries it: a property bag, so SARIF consumers ignore what they do not read.
                properties: { mode: result.mode, ...matrixProperty(result) },
            },
        ],
    };
}

/** Renders the SARIF log as text, ending with a newline. */
export function renderSarif(result: CheckResult, options: SarifOptions): string {
    return `${JSON.stringify(sarifLog(result, options), null, 2)}\n`;
}

function matrixProperty(result: CheckResult): { matrix?: unknown } {
    const { matrix } = jsonReport(result);
    return matrix === undefined ? {} : { matrix };
}
