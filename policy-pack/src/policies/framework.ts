/** The compliance framework every policy in the pack belongs to, as Pulumi Cloud displays it. */
import type { PolicyComplianceFramework } from "@pulumi/policy";
import { CIS_4_1 } from "trailwatch/engine";

// The control data names the benchmark with its version ("... v5.0"); Pulumi Cloud wants them apart.
const [, benchmarkName = CIS_4_1.benchmark, benchmarkVersion = ""] = /^(.*) v(\d[\d.]*)$/.exec(CIS_4_1.benchmark) ?? [];

/** CIS AWS Foundations Benchmark v5.0, control 4.1. */
export const CIS_FRAMEWORK: PolicyComplianceFramework = {
    name: benchmarkName,
    version: benchmarkVersion,
    reference: CIS_4_1.control,
    specification: CIS_4_1.title,
};
