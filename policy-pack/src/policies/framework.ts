/** The compliance framework a policy belongs to, as Pulumi Cloud displays it. */
import type { PolicyComplianceFramework } from "@pulumi/policy";
import { CIS_4_1, type CatalogEntry } from "trailwatch/engine";

/** CIS AWS Foundations Benchmark, `control`'s number and title. */
export function frameworkOf(control: CatalogEntry): PolicyComplianceFramework {
    // The control data names the benchmark with its version ("... v5.0"); Pulumi Cloud wants them apart.
    const [, name = control.benchmark, version = ""] = /^(.*) v(\d[\d.]*)$/.exec(control.benchmark) ?? [];
    return { name, version, reference: control.control, specification: control.title };
}

/** CIS AWS Foundations Benchmark v5.0, control 4.1 (the resource policies'). */
export const CIS_FRAMEWORK: PolicyComplianceFramework = frameworkOf(CIS_4_1);
