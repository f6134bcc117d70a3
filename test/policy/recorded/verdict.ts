/**
 * Asserting a recorded case's verdict on the stack policy's diagnostics,
 * however they were obtained (an AnalyzeStack response, a `trailwatch
 * check` JSON report).
 */
import * as assert from "node:assert/strict";
import type { Expected } from "./cases";

/** One stack-policy diagnostic. */
export interface Finding {
    readonly level: string;
    readonly message: string;
}

/** Fails unless `findings` (the stack policy's only) are the verdict `expected`. */
export function assertVerdict(expected: Expected, findings: readonly Finding[]): void {
    const shown = JSON.stringify(findings, null, 1);
    const mandatory = findings.filter((f) => f.level === "mandatory");
    switch (expected.kind) {
        case "pass":
            assert.deepEqual(findings, [], `expected a pass, got ${shown}`);
            return;
        case "advisory":
            assert.equal(mandatory.length, 0, `expected no mandatory violation, got ${shown}`);
            assert.equal(findings.length, 1, shown);
            assert.match(findings[0].message, expected.says);
            return;
        case "violation":
            assert.equal(mandatory.length, 1, `expected one mandatory violation, got ${shown}`);
            assert.match(mandatory[0].message, new RegExp(`broken at link ${expected.link} of 5`));
            assert.match(mandatory[0].message, expected.says);
            assert.match(mandatory[0].message, / Fix: \S/);
            return;
    }
}
