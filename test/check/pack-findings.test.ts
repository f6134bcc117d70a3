/**
 * What the pack itself reports (so also `pulumi preview` and Pulumi Cloud),
 * through `trailwatch check` and the real pack process, whose Configure call
 * carries the policy config as the engine's does: a control the stack never
 * asked for is one line with the one call that monitors every such control;
 * a subscription pending confirmation is one note per topic, said by the
 * first control that runs and reaches it; a component's custom pattern that
 * misses records is fixed on that component.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MONITORING_CONTROLS, findControl } from "trailwatch/engine";
import { stackPolicyName } from "trailwatch-policy-pack/dist/controls";
import { configFile, copyExample, runCli, sharedCheck, type CliRun } from "./helpers";

interface Finding {
    readonly policy: string;
    readonly enforcementLevel: string;
    readonly message: string;
}

/** A control's stack policy, by number. */
const POLICY = (control: string) => stackPolicyName(findControl(control)!);

function findings(run: CliRun): Finding[] {
    assert.ok(run.code === 0 || run.code === 1, `check could not run (exit ${run.code}): ${run.stderr}`);
    return (JSON.parse(run.stdout) as { violations: Finding[] }).violations;
}

const OTHERS = MONITORING_CONTROLS.map((c) => c.control).filter((c) => c !== "4.1");
const PENDING = /pendingConfirmation: true/;

describe("check: what the pack reports, once and short", function () {
    this.timeout(300_000);

    it("examples/baseline in update: each of 4.2–4.15 is one short line with the same single call for all of them", async () => {
        const all = findings(await sharedCheck(["check", "examples/baseline", "--mode", "update", "--format", "json"]));
        const unmonitored = all.filter((f) => OTHERS.some((c) => f.policy === POLICY(c)));
        assert.equal(unmonitored.length, OTHERS.length);
        const fixes = new Set<string>();
        for (const f of unmonitored) {
            assert.equal(f.enforcementLevel, "advisory");
            assert.match(f.message, /: broken at link 3 of 5, the metric filters of CIS 4\.\d+: no metric filter on the log group counts [^.]+ \(likewise 4\.2–4\.15\)\. Fix: add new CisMonitoringAlarms\(/);
            assert.match(f.message, /or set this policy's level to "disabled"\.$/);
            // No other control's filter, pattern or title: what the policy's description and display name already say is not repeated.
            assert.doesNotMatch(f.message, /unauthorized-api-calls-filter|pattern|"Ensure /, f.message);
            // The finding before the fix is one short sentence after the subject (it was 200–250 characters, with the title and the filter count).
            const finding = f.message.slice(f.message.indexOf(": broken"), f.message.indexOf(" Fix: "));
            assert.ok(finding.length < 200, `${finding.length} characters: ${finding}`);
            fixes.add(f.message.slice(f.message.indexOf(" Fix: ")));
        }
        assert.equal(fixes.size, 1, [...fixes].join("\n"));
        assert.match([...fixes][0]!, /controls: \["4\.2","4\.3","4\.4","4\.5","4\.6","4\.7","4\.8","4\.9","4\.10","4\.11","4\.12","4\.13","4\.14","4\.15"\]/);
    });

    it("examples/baseline with 4.5 mandatory: 4.5's own finding, at its own level, still fails the check", async () => {
        const run = await runCli(["check", "examples/baseline", "--mode", "update", "--format", "json", "--config", configFile({ [POLICY("4.5")]: "mandatory" })]);
        assert.equal(run.code, 1, run.stdout);
        const mandatory = findings(run).filter((f) => f.enforcementLevel === "mandatory");
        assert.deepEqual(mandatory.map((f) => f.policy), [POLICY("4.5")]);
        assert.match(mandatory[0]!.message, /the metric filters of CIS 4\.5: .*\(likewise 4\.2–4\.15\)/);
    });

    const pendingCases: readonly { name: string; config?: object; from: string; level: string }[] = [
        { name: "the default config", from: "4.1", level: "advisory" },
        { name: '{"all": "mandatory"}', config: { all: "mandatory" }, from: "4.1", level: "advisory" },
        { name: "4.1 disabled", config: { [POLICY("4.1")]: "disabled" }, from: "4.2", level: "advisory" },
        { name: "4.1 and 4.2 disabled", config: { [POLICY("4.1")]: "disabled", [POLICY("4.2")]: { enforcementLevel: "disabled" } }, from: "4.3", level: "advisory" },
    ];
    for (const c of pendingCases) {
        it(`examples/all-controls in update, ${c.name}: the pending subscription of the shared topic is one note, from ${c.from}`, async () => {
            const args = ["check", "examples/all-controls", "--mode", "update", "--format", "json"];
            const run = c.config === undefined ? await sharedCheck(args) : await runCli([...args, "--config", configFile(c.config)]);
            const pending = findings(run).filter((f) =>
                PENDING.test(f.message),
            );
            assert.deepEqual(
                pending.map((f) => [f.policy, f.enforcementLevel]),
                [[POLICY(c.from), c.level]],
                JSON.stringify(pending, null, 1),
            );
            assert.match(pending[0]!.message, /every subscription of topic "cis-monitoring-topic" is recorded as pendingConfirmation: true/);
        });
    }

    it("examples/weak-pattern: 4.1's fix drops the component's custom pattern, and applying it makes 4.1 pass", async () => {
        const before = findings(await sharedCheck(["check", "examples/weak-pattern", "--mode", "preview", "--format", "json"]));
        const own = before.find((f) => f.policy === POLICY("4.1"))!;
        assert.match(own.message, /Fix: on the UnauthorizedApiCallsAlarm "unauthorized-api-calls", drop the custom `pattern` \(its default is the CIS pattern/);
        assert.doesNotMatch(own.message, /new (UnauthorizedApiCallsAlarm|CisMonitoringAlarms)\(/, "no second component beside the one already there");
        // The first screen says the same edit, and its component call is for the controls that have no filter (not 4.1).
        const human = await sharedCheck(["check", "examples/weak-pattern"]);
        const text = human.stdout.replace(/\n +\/\/ /g, " ");
        assert.match(text, /4\.1: on the UnauthorizedApiCallsAlarm "unauthorized-api-calls", drop the custom `pattern`/);
        assert.match(human.stdout, /controls: \["4\.2", "4\.3"/);
        assert.doesNotMatch(human.stdout, /controls: \["4\.1"/);
        // The edit, applied to a copy: the component without its `pattern` argument.
        const dir = copyExample("weak-pattern");
        const program = path.join(dir, "index.ts");
        const source = fs.readFileSync(program, "utf8");
        assert.match(source, /^ {4}pattern,\n/m);
        fs.writeFileSync(program, source.replace(/^ {4}pattern,\n/m, ""));
        const after = await runCli(["check", dir, "--format", "json"]);
        assert.equal(after.code, 0, after.stdout + after.stderr);
        assert.deepEqual(findings(after).filter((f) => f.policy === POLICY("4.1")), []);
    });
});
