/**
 * Every catalog control end to end: programs that provision CIS 4.1–4.15 with
 * `CisMonitoringAlarms` (examples/all-controls, and a fixture program that
 * leaves one control out by stack config) through `trailwatch check` and the
 * real pack process, with `{"all": "mandatory"}` as a policy config file.
 */
import * as assert from "node:assert/strict";
import { CIS_4_16, findControl } from "trailwatch/engine";
import { stackPolicyName } from "trailwatch-policy-pack/dist/controls";
import { configFile, fixture, runCli, type CliRun } from "./helpers";

interface Report {
    readonly violations: readonly { policy: string; enforcementLevel: string; message: string }[];
}

/** A control's stack policy, by number. */
const POLICY = (control: string) => stackPolicyName(findControl(control)!);

function mandatory(run: CliRun): string[] {
    assert.ok(run.code === 0 || run.code === 1, `check could not run (exit ${run.code}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as Report;
    return [...new Set(report.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy))].sort();
}

describe("check: every control end to end", function () {
    this.timeout(300_000);
    const ALL = configFile({ all: "mandatory" });

    for (const mode of ["preview", "update"]) {
        it(`examples/all-controls in ${mode}: with {"all": "mandatory"} only 4.16 fails (the example enables no Security Hub), and nothing once it is declared managed elsewhere`, async function () {
            const all = await runCli(["check", "examples/all-controls", "--mode", mode, "--format", "json", "--config", ALL]);
            assert.deepEqual(mandatory(all), [POLICY(CIS_4_16.control)], all.stdout);
            assert.equal(all.code, 1);
            const elsewhere = configFile({ all: "mandatory", [POLICY(CIS_4_16.control)]: { managedElsewhere: true } });
            const run = await runCli(["check", "examples/all-controls", "--mode", mode, "--format", "json", "--config", elsewhere]);
            assert.deepEqual(mandatory(run), [], run.stdout);
            assert.equal(run.code, 0);
        });
    }

    it("a program with every control and Security Hub passes with {\"all\": \"mandatory\"}", async function () {
        const run = await runCli(["check", fixture("programs", "all-controls-off"), "--mode", "update", "--format", "json", "--config", ALL]);
        assert.deepEqual(mandatory(run), [], run.stdout + run.stderr);
        assert.equal(run.code, 0);
    });

    for (const control of ["4.1", "4.3", "4.10", "4.15"]) {
        it(`leaving out ${control}'s filter and alarm fails exactly ${POLICY(control)}`, async function () {
            const stack = `no-${control.replace(".", "-")}`;
            const run = await runCli(["check", fixture("programs", "all-controls-off"), "--mode", "update", "--stack", stack, "--format", "json", "--config", ALL]);
            assert.deepEqual(mandatory(run), [POLICY(control)], run.stdout + run.stderr);
            assert.equal(run.code, 1);
            const message = (JSON.parse(run.stdout) as Report).violations.find((v) => v.enforcementLevel === "mandatory")!.message;
            assert.ok(message.includes(`CIS ${control} "${findControl(control)!.title}"`), message);
        });
    }
});
