/**
 * Fuzzing the real pack over gRPC: resource graphs generated from the CIS
 * 4.1 chain by mutation (hostile values, missing links, unrelated
 * resources), with a fixed seed and a bounded count so it runs in CI.
 * Property: every call answers (no gRPC error, no hang), the pack stays up
 * and prints no crash, and the same input gets the same verdict.
 */
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { STACK_POLICY_NAME } from "trailwatch-policy-pack/dist/policies";
import { secret, toAnalysis } from "../policy/harness";
import { chain } from "../policy/stacks";
import { type PackHarness, buildGraph, graphSpec, hostileValue, startPack } from "./generators";

/** The fixed seed: a failure reproduces with the same seed and the path fast-check prints. */
const SEED = 20261123;
/** Bounded so the whole run stays well under a minute on a busy machine. */
const RUNS = 150;

/** True for `true` and a secret holding `true`: the values that make a trail multi-region. */
function isTrue(value: unknown): boolean {
    return value === true || JSON.stringify(value) === JSON.stringify(secret(true));
}

describe("hostile: fuzzing the pack over gRPC", function () {
    this.timeout(180_000);
    let pack: PackHarness;

    before(async function () {
        pack = await startPack();
    });

    after(async function () {
        await pack?.close();
    });

    it(`${RUNS} generated graphs: a verdict for each, the same one twice, never a pass without a multi-region trail, and the pack stays up`, async () => {
        await fc.assert(
            fc.asyncProperty(graphSpec(), async (spec) => {
                const resources = buildGraph(spec);
                const first = toAnalysis(await pack.analyzeStack(resources));
                const second = toAnalysis(await pack.analyzeStack(resources));
                assert.deepEqual(second, first, "same input, same verdict");
                for (const d of first.diagnostics) {
                    assert.ok(d.message.trim() !== "", "every diagnostic says something");
                    assert.ok(d.level === "advisory" || d.level === "mandatory", `level ${d.level}`);
                }
                // A chain whose only trail is not multi-region never passes, whatever else was generated.
                const multiRegion = spec.mutations.filter((m) => m.role === "trail" && m.property === "isMultiRegionTrail").pop();
                const onlyTrail = !spec.omit.includes("trail") && !spec.extras.some((x) => x.type === TYPES.trail);
                if (multiRegion !== undefined && onlyTrail && !isTrue(multiRegion.value)) {
                    const verdict = first.diagnostics.filter((d) => d.policy === STACK_POLICY_NAME);
                    assert.ok(verdict.length > 0, `isMultiRegionTrail = ${JSON.stringify(multiRegion.value)?.slice(0, 80)} passed`);
                }
                // The resource policies, on the resources they judge.
                for (const r of resources.filter((x) => x.type === TYPES.metricFilter || x.type === TYPES.metricAlarm)) {
                    const once = toAnalysis(await pack.analyze(r));
                    assert.deepEqual(toAnalysis(await pack.analyze(r)), once, `same verdict for ${r.type} ${r.name}`);
                }
            }),
            { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
        await pack.assertHealthy();
    });

    it("100 generated values for each link's key property: anything but the compliant value never passes", async () => {
        const keys = [
            ["trail", "isMultiRegionTrail"],
            ["filter", "pattern"],
            ["alarm", "threshold"],
            ["alarm", "alarmActions"],
        ] as const;
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...keys), hostileValue(), fc.constantFrom("preview" as const, "update" as const), async ([role, property], value, mode) => {
                const compliant = chain({ mode })
                    .find((r) => r.name.startsWith(role === "trail" ? "main" : role === "filter" ? "unauthorized-calls" : "unauthorized-calls-alarm"))!
                    .props[property];
                fc.pre(JSON.stringify(value) !== JSON.stringify(compliant) && JSON.stringify(value) !== JSON.stringify(secret(compliant)));
                // Values that CloudWatch reads the same way as the compliant one are not hostile.
                fc.pre(!(property === "pattern" && typeof value === "string" && value.trim().replace(/\s+/g, " ") === String(compliant).replace(/\s+/g, " ")));
                fc.pre(!(property === "pattern" && typeof value === "string" && value.trim() === ""));
                fc.pre(!(property === "threshold" && typeof value === "number" && value <= 1));
                const response = await pack.analyzeStack(chain({ mode, props: { [role]: { [property]: value } } }));
                const verdict = toAnalysis(response).diagnostics.filter((d) => d.policy === STACK_POLICY_NAME);
                assert.ok(verdict.length > 0, `${role}.${property} = ${JSON.stringify(value)?.slice(0, 100)} passed (${mode})`);
            }),
            { seed: SEED + 1, numRuns: 100, endOnFailure: true },
        );
        await pack.assertHealthy();
    });
});
