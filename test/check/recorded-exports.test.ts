/**
 * Provider-recorded state as `pulumi stack export` writes it (v6 and v7),
 * every recorded case, read as `trailwatch check <export.json>` reads it and
 * judged by the real trailwatch policy pack process over gRPC in the session
 * `check` runs: the same verdicts a preview of the existing stack gets
 * (test/policy/recorded-state.test.ts). The cases share one started pack (a
 * session configures it afresh; only verdicts are asserted); the binary
 * itself runs on the null-dependencies exports.
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
import type * as AnalyzerProcessModule from "../../component/src/check/analyzer-process";
import type * as EngineServiceModule from "../../component/src/check/engine-service";
import type * as PackLogModule from "../../component/src/check/pack-log";
import type * as SessionModule from "../../component/src/check/session";
import type * as StackExportModule from "../../component/src/check/stack-export";
import { REPO, loadCheck, runCli } from "./helpers";

const { startAnalyzer } = loadCheck<typeof AnalyzerProcessModule>("analyzer-process");
const { startEngineService } = loadCheck<typeof EngineServiceModule>("engine-service");
const { PackLog } = loadCheck<typeof PackLogModule>("pack-log");
const { runSession } = loadCheck<typeof SessionModule>("session");
const { parseStackExport } = loadCheck<typeof StackExportModule>("stack-export");

interface Report {
    readonly mode: string;
    readonly violations: readonly { policy: string; enforcementLevel: string; message: string }[];
}

describe("check: provider-recorded stack exports through the trailwatch pack", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-recorded-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Through the binary, as a user runs it. */
    async function checkBinary(document: object, name: string): Promise<{ code: number | null; report: Report }> {
        const file = path.join(dir, `${name}.json`);
        fs.writeFileSync(file, JSON.stringify(document, null, 2));
        const run = await runCli(["check", file, "--format", "json"]);
        assert.ok(run.code === 0 || run.code === 1, `check could not run (exit ${run.code}): ${run.stderr}`);
        return { code: run.code, report: JSON.parse(run.stdout) as Report };
    }

    // The pack `trailwatch check` runs by default (the package's copy), started once for the cases.
    let shared: { pack: AnalyzerProcessModule.AnalyzerProcess; engine: EngineServiceModule.EngineServer } | undefined;
    before(async () => {
        const log = new PackLog();
        const engine = await startEngineService(log);
        const pack = await startAnalyzer(path.join(REPO, "component", "policy-pack"), engine.address, { variables: { PULUMI_NODEJS_ENGINE: engine.address } }, log);
        shared = { pack, engine };
    });
    after(async () => {
        await shared?.pack.close();
        await shared?.engine.close();
    });

    /** The export as `check` reads it, through `check`'s session with the started pack; exit code as `check` sets it. */
    async function check(document: object): Promise<{ code: number; report: Report }> {
        const graph = parseStackExport(JSON.parse(JSON.stringify(document)));
        const session = await runSession(shared!.pack, shared!.engine.address, graph, undefined, undefined);
        const code = session.violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
        return { code, report: { mode: graph.mode, violations: session.violations } };
    }

    it("reads property dependencies recorded as null, as Pulumi 3.92 wrote them", async () => {
        const broken = CASES.find((c) => c.name === "a filter on another log group")!;
        for (const [spec, code] of [[{}, 0], [broken, 1]] as const) {
            const { code: exit, report } = await checkBinary(asStackExport("v6", recordedStack("v6", spec), true), `null-deps-${code}`);
            assert.equal(exit, code, JSON.stringify(report.violations));
        }
    });

    for (const version of VERSIONS) {
        describe(`@pulumi/aws ${version} exports`, () => {
            for (const c of CASES) {
                it(`${c.expected.kind === "violation" ? `breaks link ${c.expected.link}` : c.expected.kind}: ${c.name}`, async () => {
                    const { code, report } = await check(asStackExport(version, recordedStack(version, c)));
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
