/**
 * End to end: every example and every stack-export fixture through the real
 * trailwatch policy pack process, via the `trailwatch check` binary, in both
 * modes. Verdicts and the broken link each message names are asserted; the
 * exact wording belongs to the pack's own tests.
 */
import * as assert from "node:assert/strict";
import { type CliRun, fixture, runCli, sharedCheck } from "./helpers";

interface Report {
    readonly mode: string;
    readonly violations: readonly { policy: string; enforcementLevel: string; message: string; urn: string }[];
    readonly summary: { mandatory: number; advisory: number; resources: number };
}

const CHAIN_POLICY = "cis-aws-4-1-unauthorized-api-calls-monitored";
const TRAIL = (project: string, stack: string, name: string) =>
    `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack$aws:cloudtrail/trail:Trail::${name}`;

/** What each example must produce: a pass, or a mandatory chain violation on its trail naming the broken link. */
const EXAMPLES: readonly { name: string; project: string; broken?: { trail: string; link: RegExp } }[] = [
    { name: "baseline", project: "trailwatch-baseline" },
    { name: "all-controls", project: "trailwatch-all-controls" },
    { name: "existing-topic", project: "trailwatch-existing-topic" },
    { name: "non-compliant", project: "trailwatch-non-compliant", broken: { trail: "unmonitored-events", link: /no metric filter reads the log group/ } },
    { name: "weak-pattern", project: "trailwatch-weak-pattern", broken: { trail: "weakly-monitored-events", link: /metric filters.*miss some unauthorized API calls/ } },
    { name: "alarm-never-fires", project: "trailwatch-alarm-never-fires", broken: { trail: "loosely-monitored-events", link: /alarm.*below its threshold 5/ } },
];

function report(run: CliRun): Report {
    assert.ok(run.code === 0 || run.code === 1, `check could not run (exit ${run.code}): ${run.stderr}`);
    return JSON.parse(run.stdout) as Report;
}

/** The verdict a report carries, independent of message wording. */
function verdict(r: Report): string[] {
    return r.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn}`).sort();
}

/**
 * The verdict without the stack and project names and auto-name suffixes,
 * which differ between a program's mock run and an export of a deployed
 * stack: each violation's level, policy, resource type and logical name,
 * and the link of the chain it names.
 */
function stackIndependentVerdict(r: Report): string[] {
    return r.violations
        .map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn.split("::").slice(2).join("::")} ${/broken at link \d/.exec(v.message)?.[0] ?? ""}`)
        .sort();
}

describe("check: end to end with the trailwatch policy pack", function () {
    this.timeout(60_000);
    const runs = new Map<string, CliRun>();

    before(async function () {
        // One pack start per example and mode; run in sequence to keep the shared machine responsive.
        this.timeout(600_000);
        for (const example of EXAMPLES) {
            for (const mode of ["preview", "update"]) {
                runs.set(`${example.name}/${mode}`, await sharedCheck(["check", `examples/${example.name}`, "--mode", mode, "--format", "json"]));
            }
            const recorded = fixture("exports", "recorded", `${example.name}.json`);
            runs.set(`${example.name}/export`, await sharedCheck(["check", recorded, "--format", "json"]));
        }
    });

    for (const example of EXAMPLES) {
        for (const mode of ["preview", "update"] as const) {
            const title = example.broken ? `fails ${example.name} in ${mode}, naming the broken link` : `passes ${example.name} in ${mode}`;
            it(title, () => {
                const run = runs.get(`${example.name}/${mode}`)!;
                const r = report(run);
                assert.equal(r.mode, mode);
                const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory");
                if (example.broken === undefined) {
                    assert.equal(run.code, 0, JSON.stringify(mandatory, null, 2));
                    assert.deepEqual(mandatory, []);
                } else {
                    assert.equal(run.code, 1);
                    const chain = mandatory.find((v) => v.policy === CHAIN_POLICY);
                    assert.ok(chain, `no ${CHAIN_POLICY} violation: ${JSON.stringify(r.violations, null, 2)}`);
                    assert.equal(chain.urn, TRAIL(example.project, "dev", example.broken.trail));
                    assert.match(chain.message, example.broken.link);
                }
            });
        }

        it(`gives ${example.name} in update mode the verdict of its export in the provider's recorded shape`, () => {
            const update = report(runs.get(`${example.name}/update`)!);
            const exported = report(runs.get(`${example.name}/export`)!);
            assert.equal(exported.mode, "export");
            assert.deepEqual(stackIndependentVerdict(update), stackIndependentVerdict(exported));
            assert.equal(runs.get(`${example.name}/update`)!.code, runs.get(`${example.name}/export`)!.code);
        });

        it(`gives ${example.name} a definite verdict in preview, the same as in update`, () => {
            const preview = report(runs.get(`${example.name}/preview`)!);
            const update = report(runs.get(`${example.name}/update`)!);
            for (const v of preview.violations) {
                assert.doesNotMatch(v.message, /during preview/, `${v.policy} deferred in preview`);
            }
            assert.deepEqual(
                verdict(preview).filter((v) => v.startsWith("mandatory")),
                verdict(update).filter((v) => v.startsWith("mandatory")),
            );
        });
    }

    describe("stack exports", () => {
        it("passes a compliant chain whose subscriber endpoint is ciphertext", async () => {
            const run = await runCli(["check", fixture("exports", "compliant-ciphertext.json"), "--format", "json"]);
            assert.equal(run.code, 0, run.stdout + run.stderr);
            const r = report(run);
            assert.equal(r.mode, "export");
            assert.equal(r.summary.mandatory, 0);
            assert.equal(r.summary.resources, 15);
        });

        it("passes a compliant chain exported with --show-secrets, never printing the secret", async () => {
            for (const format of ["human", "json", "sarif", "markdown", "html"]) {
                const run = await sharedCheck(["check", fixture("exports", "compliant-plaintext.json"), "--format", format]);
                assert.equal(run.code, 0, run.stdout + run.stderr);
                assert.ok(!(run.stdout + run.stderr).includes("security@example.com"), `secret printed in ${format}`);
            }
        });

        it("fails a chain whose alarm never fires (a plaintext secret on the alarm)", async () => {
            const run = await runCli(["check", fixture("exports", "broken-alarm-plaintext.json"), "--format", "json"]);
            assert.equal(run.code, 1);
            const chain = report(run).violations.find((v) => v.policy === CHAIN_POLICY && v.enforcementLevel === "mandatory");
            assert.equal(chain?.urn, TRAIL("trailwatch-alarm-never-fires", "prod", "loosely-monitored-events"));
            assert.match(chain!.message, /alarm.*below its threshold 5/);
            assert.ok(!run.stdout.includes("Unauthorized API calls (CIS 4.1)."), "secret alarm description printed");
        });

        it("fails a chain without a metric filter (a ciphertext secret on the delivery role)", async () => {
            const run = await runCli(["check", fixture("exports", "broken-no-filter.json"), "--verbose"]);
            assert.equal(run.code, 1);
            assert.match(run.stdout, /^ {2}4\.1 +✓ held +✓ held +✗ BROKEN +· unreached +· unreached +mandatory$/m, "the matrix first");
            assert.match(run.stdout, /❌ trailwatch-cis-aws-section-4@v\d+\.\d+\.\d+ \(local: component\/policy-pack\)/);
            assert.match(run.stdout, /- \[mandatory\].* {2}cis-aws-4-1-unauthorized-api-calls-monitored {2}\(aws:cloudtrail:Trail: unmonitored-events\)/);
            assert.match(run.stdout, /no metric filter reads the log group/);
        });
    });
});
