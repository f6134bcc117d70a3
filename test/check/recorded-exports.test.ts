/**
 * Provider-recorded state as `pulumi stack export` writes it (v6 and v7),
 * every recorded case, through the `trailwatch check <export.json>` binary
 * and the real trailwatch policy pack process: the same verdicts a preview
 * of the existing stack gets (test/policy/recorded-state.test.ts).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { STACK_POLICY_NAME, unauthorizedApiCallsMonitored } from "trailwatch-policy-pack/dist/policies";
import { CASES } from "../policy/recorded/cases";
import { VERSIONS } from "../policy/recorded/shapes";
import { asStackExport, recordedStack } from "../policy/recorded/stacks";
import { assertVerdict } from "../policy/recorded/verdict";
import { runCli } from "./helpers";

interface Report {
    readonly mode: string;
    readonly violations: readonly { policy: string; enforcementLevel: string; message: string }[];
}

describe("check: provider-recorded stack exports through the trailwatch pack", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-recorded-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function check(document: object, name: string): Promise<{ code: number | null; report: Report }> {
        const file = path.join(dir, `${name}.json`);
        fs.writeFileSync(file, JSON.stringify(document, null, 2));
        const run = await runCli(["check", file, "--format", "json"]);
        assert.ok(run.code === 0 || run.code === 1, `check could not run (exit ${run.code}): ${run.stderr}`);
        return { code: run.code, report: JSON.parse(run.stdout) as Report };
    }

    it("reads property dependencies recorded as null, as Pulumi 3.92 wrote them", async () => {
        const broken = CASES.find((c) => c.name === "a filter on another log group")!;
        for (const [spec, code] of [[{}, 0], [broken, 1]] as const) {
            const { code: exit, report } = await check(asStackExport("v6", recordedStack("v6", spec), true), `null-deps-${code}`);
            assert.equal(exit, code, JSON.stringify(report.violations));
        }
    });

    for (const version of VERSIONS) {
        describe(`@pulumi/aws ${version} exports`, () => {
            for (const [index, c] of CASES.entries()) {
                it(`${c.expected.kind === "violation" ? `breaks link ${c.expected.link}` : c.expected.kind}: ${c.name}`, async () => {
                    const { code, report } = await check(asStackExport(version, recordedStack(version, c)), `${version}-${index}`);
                    assert.equal(report.mode, "export");
                    assert.equal(code, c.expected.kind === "violation" ? 1 : 0, "exit code follows the mandatory verdict");
                    const mine = report.violations.filter((v) => v.policy === STACK_POLICY_NAME);
                    // Mandatory and advisory findings share one shape: the finding alone, never the policy's description again.
                    for (const v of mine) {
                        assert.ok(!v.message.includes(unauthorizedApiCallsMonitored.description), v.message);
                    }
                    const findings = mine.map((v) => ({ level: v.enforcementLevel, message: v.message.slice(v.message.indexOf("\n") + 1) }));
                    assertVerdict(c.expected, findings);
                });
            }
        });
    }
});
