/**
 * Provider-recorded state (`@pulumi/aws` v6 and v7, as `pulumi stack export`
 * and every preview of an existing stack carry it) through the real pack
 * process over gRPC: each case gets its verdict, and adding the provider's
 * zero values for unset attributes never changes one.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { STACK_POLICY_NAME } from "trailwatch-policy-pack/dist/policies";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { toAnalysis, type FixtureResource } from "./harness";
import { CASES } from "./recorded/cases";
import { NESTED_ZEROS, VERSIONS, zeroValues } from "./recorded/shapes";
import { asPreviewOfExisting, recordedStack } from "./recorded/stacks";
import { assertVerdict, type Finding } from "./recorded/verdict";
import { MODES, chain } from "./stacks";
import { startPack, type PackHarness } from "../hostile/generators";

function findings(response: Parameters<typeof toAnalysis>[0]): Finding[] {
    return toAnalysis(response)
        .diagnostics.filter((d) => d.policy === STACK_POLICY_NAME)
        .map((d) => ({ level: d.level, message: d.message.slice(d.message.indexOf("\n") + 1) }));
}

/** What a verdict is, independent of wording: levels and the broken link. */
function verdictKey(fs: readonly Finding[]): string[] {
    return fs.map((f) => `${f.level} ${/broken at link (\d)/.exec(f.message)?.[1] ?? (/cannot be decided/.test(f.message) ? "undecided" : "note")}`).sort();
}

describe("recorded provider state through the real pack", function () {
    this.timeout(120_000);
    let pack: PackHarness;

    before(async function () {
        this.timeout(120_000);
        pack = await startPack();
    });

    after(async () => {
        await pack.assertHealthy();
        await pack.close();
    });

    for (const version of VERSIONS) {
        describe(`@pulumi/aws ${version} state, as a preview of the existing stack sends it`, () => {
            for (const c of CASES) {
                it(`${c.expected.kind === "violation" ? `breaks link ${c.expected.link}` : c.expected.kind === "pass" ? "passes" : "passes with an advisory"}: ${c.name}`, async () => {
                    const resources = asPreviewOfExisting(version, recordedStack(version, c));
                    assertVerdict(c.expected, findings(await pack.analyzeStack(resources)));
                });
            }
        });
    }

    it("records v6 state without, and v7 state with, a per-resource region", () => {
        const [v6, v7] = VERSIONS.map((v) => recordedStack(v).find((r) => r.type === TYPES.metricAlarm)!);
        assert.ok(!("region" in v6.outputs));
        assert.equal(v7.outputs.region, "us-east-1");
        assert.equal(v7.outputs.__meta, '{"schema_version":"1"}');
        assert.equal(v7.outputs.datapointsToAlarm, 1);
        assert.equal(recordedStack("v7", { set: { alarm: { datapointsToAlarm: undefined } } }).find((r) => r.type === TYPES.metricAlarm)!.outputs.datapointsToAlarm, 0);
    });

    /**
     * Adds, to each resource, the provider's zero values for a random subset
     * of the attributes it leaves unset (and `__defaults`/`__meta`), as state
     * written by either provider version would hold them.
     */
    function withZeros(resources: readonly FixtureResource[], picks: readonly boolean[], version: "v6" | "v7"): FixtureResource[] {
        let i = 0;
        const pick = () => picks[i++ % picks.length];
        return resources.map((r) => {
            let zeros: Record<string, unknown> = {};
            try {
                zeros = zeroValues(r.type, version, r.props);
            } catch {
                return r;
            }
            const added = Object.fromEntries(Object.entries(zeros).filter(() => pick()));
            // A nested single block gets its own zeros.
            const t = r.props.metricTransformation;
            const nested =
                t !== null && typeof t === "object" && !Array.isArray(t) && pick()
                    ? { metricTransformation: { ...NESTED_ZEROS.metricTransformation, ...(t as object), ...("unit" in (t as object) ? {} : { unit: "None" }) } }
                    : {};
            const meta = pick() ? { __meta: '{"schema_version":"1"}', __defaults: [] } : {};
            return { ...r, props: { ...meta, ...added, ...r.props, ...nested } };
        });
    }

    it("never changes a verdict when the provider's zero values for unset attributes are added (property)", async function () {
        this.timeout(600_000);
        // Every hand-shaped chain of test/policy/stacks.ts, in both modes, and every recorded case.
        const bases: FixtureResource[][] = [
            ...MODES.flatMap((mode) => [
                chain({ mode }),
                chain({ mode, omit: ["subscription"] }),
                chain({ mode, props: { alarm: { evaluationPeriods: 3 } } }),
                chain({ mode, props: { alarm: { datapointsToAlarm: undefined } } }),
                chain({ mode, props: { trail: { cloudWatchLogsGroupArn: undefined } } }),
                chain({ mode, props: { alarm: { statistic: undefined, extendedStatistic: "p99" } } }),
            ]),
            ...VERSIONS.flatMap((v) => CASES.map((c) => asPreviewOfExisting(v, recordedStack(v, c)))),
        ];
        const before = await Promise.all(bases.map(async (b) => verdictKey(findings(await pack.analyzeStack(b)))));
        await fc.assert(
            fc.asyncProperty(
                fc.integer({ min: 0, max: bases.length - 1 }),
                fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
                fc.constantFrom(...VERSIONS),
                async (index, picks, version) => {
                    const after = verdictKey(findings(await pack.analyzeStack(withZeros(bases[index], picks, version))));
                    assert.deepEqual(after, before[index], `base ${index}`);
                },
            ),
            { numRuns: 150, seed: 1010 },
        );
    });
});
