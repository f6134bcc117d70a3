/**
 * `trailwatch check` as a user runs it: the real binary, exit codes, the
 * three report formats, and one line on stderr for every way it cannot run.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Log } from "sarif";
import { PROBE_PACK, REPO, fixture, ownErrorLines, runCli, tempProject } from "./helpers";

const PROGRAM = fixture("programs", "probe");

/** Runs a check that must not run: exit 2, one line naming the cause, no stack trace. */
async function cannotRun(args: readonly string[], cause: RegExp): Promise<void> {
    const run = await runCli(args);
    assert.equal(run.code, 2, `exit code for ${args.join(" ")}; stderr: ${run.stderr}`);
    assert.equal(run.stdout, "", "nothing on stdout");
    const lines = ownErrorLines(run.stderr);
    assert.match(lines[0] ?? "", cause);
    assert.ok(!/^\s+at /m.test(run.stderr), `no stack trace:\n${run.stderr}`);
}

/**
 * Runs the real binary with stdout on `stdout` (a file such as /dev/full, or
 * a pipe closed before the binary writes) instead of a pipe the test reads:
 * its exit code and stderr.
 */
function runWithStdout(args: readonly string[], stdout: string): Promise<{ code: number | null; stderr: string }> {
    const fd = stdout === "closed" ? "pipe" : fs.openSync(stdout, "w");
    const child = spawn(process.execPath, [path.join(REPO, "component", "bin", "trailwatch.js"), ...args], { cwd: REPO, stdio: ["ignore", fd, "pipe"] });
    if (fd === "pipe") {
        child.stdout!.destroy();
    } else {
        fs.closeSync(fd);
    }
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stderr }));
    });
}

describe("check: the command line", function () {
    this.timeout(60_000);

    describe("exit 2: the check cannot run", () => {
        it("rejects an unknown flag", () => cannotRun(["check", PROGRAM, "--bogus"], /unknown option '--bogus'/));
        it("rejects a bad --mode", () => cannotRun(["check", PROGRAM, "--mode", "apply"], /argument 'apply' is invalid.*preview, update/));
        it("rejects a bad --format", () => cannotRun(["check", PROGRAM, "--format", "xml"], /argument 'xml' is invalid.*human, json, sarif, markdown, html/));
        it("rejects a missing input", () => cannotRun(["check"], /missing required argument 'input'/));

        it("names a path that does not exist", () =>
            cannotRun(["check", "no/such/stack.json", "--policy-pack", PROBE_PACK], /^trailwatch: .*no\/such\/stack\.json does not exist/));

        it("names a directory without Pulumi.yaml", () =>
            cannotRun(["check", fixture("programs", "no-project"), "--policy-pack", PROBE_PACK], /programs\/no-project has no Pulumi\.yaml/));

        it("names a program whose runtime is not nodejs", () =>
            cannotRun(["check", fixture("programs", "python"), "--policy-pack", PROBE_PACK], /python\/Pulumi\.yaml: runtime "python" is not supported \(check runs nodejs programs\); instead run `pulumi stack export > stack\.json` and `trailwatch check stack\.json`, or `pulumi preview --policy-pack node_modules\/trailwatch\/policy-pack`$/));

        it("names a program that throws, with the file and line", () =>
            cannotRun(
                ["check", fixture("programs", "throws"), "--policy-pack", PROBE_PACK],
                /^trailwatch: the program failed: probe program cannot find its settings \(.*programs\/throws\/index\.js:4\)$/,
            ));

        it("names a TypeScript program with a syntax error", () => {
            const dir = tempProject({
                "Pulumi.yaml": "name: broken\nruntime: nodejs\n",
                // @pulumi/pulumi, not @pulumi/aws: the error is the same, without type-checking against 3,000 declaration files.
                "index.ts": 'import * as pulumi from "@pulumi/pulumi";\n\nconst group = new pulumi.ComponentResource("acme:index:Group" "broken");\n',
            });
            return cannotRun(["check", dir, "--policy-pack", PROBE_PACK], new RegExp(`TypeScript error in ${dir}: index\\.ts\\(3,63\\): error TS1005`));
        });

        it("names a stack export that is not JSON", () =>
            cannotRun(["check", fixture("config", "not-json.json"), "--policy-pack", PROBE_PACK], /not-json\.json is not a JSON stack export/));

        it("names a stack export of another version", () => {
            const dir = tempProject({ "old.json": JSON.stringify({ version: 2, deployment: { resources: [] } }) });
            return cannotRun(["check", path.join(dir, "old.json"), "--policy-pack", PROBE_PACK], /old\.json: unsupported deployment version 2/);
        });

        it("names a stack export whose resources are not a list", () => {
            const dir = tempProject({ "odd.json": JSON.stringify({ version: 3, deployment: { resources: { a: 1 } } }) });
            return cannotRun(["check", path.join(dir, "odd.json"), "--policy-pack", PROBE_PACK], /odd\.json: deployment\.resources is not a list/);
        });

        it("names a config file that does not exist", () =>
            cannotRun(["check", PROGRAM, "--policy-pack", PROBE_PACK, "--config", "nope.json"], /cannot read policy config .*nope\.json: no such file/));

        it("names a config file that is not JSON", () =>
            cannotRun(
                ["check", PROGRAM, "--policy-pack", PROBE_PACK, "--config", fixture("config", "not-json.json")],
                /policy config .*not-json\.json is not valid JSON/,
            ));

        describe("a bad --output, refused before the check runs, writing nothing", () => {
            const input = fixture("exports", "broken-no-filter.json");
            const cases: readonly [string, (dir: string) => string[], RegExp][] = [
                ["no format", (dir) => ["--output", path.join(dir, "r.sarif")], /--output .*r\.sarif: expected <format>=<file>, e\.g\. --output sarif=trailwatch\.sarif$/],
                ["an unknown format", (dir) => ["--output", `xml=${path.join(dir, "r.xml")}`], /--output xml=.*: unknown format "xml"; use one of human, json, sarif, markdown, html$/],
                ["the input itself", () => ["--output", `sarif=${input}`], /broken-no-filter\.json is already the input, the config, the export or another --output/],
                [
                    "one file twice",
                    (dir) => ["--output", `json=${path.join(dir, "r")}`, "--output", `sarif=${path.join(dir, "r")}`],
                    /--output sarif=.*: .* is already the input, the config, the export or another --output; give this report a file of its own$/,
                ],
                ["a link to the input", (dir) => (fs.symlinkSync(path.resolve(REPO, input), path.join(dir, "link.json")), ["--output", `json=${path.join(dir, "link.json")}`]), /link\.json is already the input/],
                ["a directory", (dir) => ["--output", `json=${dir}`], /--output json=.*: .* is a directory; name a file$/],
                [
                    "a directory that does not exist",
                    (dir) => ["--output", `json=${path.join(dir, "nope", "r.json")}`],
                    /directory .*nope does not exist; create it or name a file in an existing directory$/,
                ],
            ];
            for (const [what, extra, cause] of cases) {
                it(what, async () => {
                    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-output-"));
                    const before = fs.readFileSync(input);
                    await cannotRun(["check", input, "--policy-pack", "no/such/pack", ...extra(dir)], cause);
                    assert.deepEqual(fs.readdirSync(dir).filter((f) => f !== "link.json"), [], "no report written");
                    assert.deepEqual(fs.readFileSync(input), before, "the input untouched");
                    fs.rmSync(dir, { recursive: true });
                });
            }

            it("a file of the program being checked", async () => {
                const program = tempProject({ "Pulumi.yaml": "name: kept\nruntime: nodejs\n", "index.js": "// the program\n" });
                for (const name of ["index.js", "Pulumi.yaml"]) {
                    await cannotRun(
                        ["check", program, "--policy-pack", "no/such/pack", "--output", `json=${path.join(program, name)}`],
                        new RegExp(`${name.replace(".", "\\.")} is a file of the program being checked; name a report file$`),
                    );
                }
                assert.equal(fs.readFileSync(path.join(program, "index.js"), "utf8"), "// the program\n");
                fs.rmSync(program, { recursive: true });
            });
        });

        it("a stdout that cannot be written (a full disk): exit 2 and one line, not a crash that reads as exit 1", async () => {
            const run = await runWithStdout(["check", fixture("exports", "broken-no-filter.json")], "/dev/full");
            assert.equal(ownErrorLines(run.stderr).join("\n"), "trailwatch: cannot write the output: ENOSPC");
            assert.equal(run.code, 2);
        });

        it("names a config file that fails the pack's schema", () =>
            cannotRun(
                ["check", fixture("exports", "broken-no-filter.json"), "--policy-pack", PROBE_PACK, "--config", fixture("config", "schema-violation.json")],
                /invalid policy config for "trailwatch-probe" \(.*schema-violation\.json\): probe-resource: label: Invalid type/,
            ));

        it("names a pack directory that does not exist", () =>
            cannotRun(["check", fixture("exports", "broken-no-filter.json"), "--policy-pack", "no/such/pack"], /policy pack directory .*no\/such\/pack does not exist/));

        it("names a pack whose dependencies are not installed", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-pack-"));
            fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "no-deps", "main": "index.js" }');
            fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
            return cannotRun(
                ["check", fixture("exports", "broken-no-filter.json"), "--policy-pack", dir],
                /cannot find @pulumi\/pulumi from the policy pack in .*: its dependencies are not installed; run npm install there/,
            );
        });

        it("names a directory that is not a policy pack", () =>
            cannotRun(
                ["check", fixture("exports", "broken-no-filter.json"), "--policy-pack", fixture("programs", "probe")],
                /programs\/probe is not a policy pack: it has no PulumiPolicy\.yaml/,
            ));

        it("names a pack that fails to start, with its last stderr line", () =>
            cannotRun(
                ["check", fixture("exports", "broken-no-filter.json"), "--policy-pack", fixture("packs", "crash-on-start")],
                /policy pack in .*packs\/crash-on-start failed to start: .*probe pack refuses to start: missing policy data/,
            ));

        it("names a pack that dies mid-run, with its last stderr line", () =>
            cannotRun(
                ["check", fixture("exports", "broken-no-filter.json"), "--policy-pack", fixture("packs", "dies-mid-run")],
                /policy pack in .*packs\/dies-mid-run stopped during Analyze\(urn:pulumi:.*\): probe pack out of memory while analyzing/,
            ));
    });

    describe("a reader that closes stdout early (| head)", () => {
        /** The real binary with its stdout closed before it writes: every write fails with EPIPE. */
        const closedStdout = (args: readonly string[]) => runWithStdout(args, "closed");

        it("help: exit 0 and nothing on stderr", async () => {
            const run = await closedStdout(["pattern", "check", "--help"]);
            assert.equal(run.stderr, "");
            assert.equal(run.code, 0);
        });

        it("a check with a mandatory violation still exits 1, without a stack trace", async () => {
            const run = await closedStdout(["check", fixture("exports", "broken-no-filter.json"), "--format", "json"]);
            assert.doesNotMatch(run.stderr, /EPIPE|^\s+at /m);
            assert.equal(run.code, 1);
        });
    });

    describe("reports and verdicts", () => {
        it("prints the CLI's Policies: section and exits 1 on a mandatory violation", async () => {
            const run = await runCli(["check", PROGRAM, "--stack", "ci", "--mode", "update", "--policy-pack", PROBE_PACK]);
            assert.equal(run.code, 1);
            const lines = run.stdout.split("\n");
            assert.equal(lines[0], "Policies:");
            assert.equal(lines[1], `    ❌ trailwatch-probe@v0.0.2 (local: ${PROBE_PACK})`);
            assert.equal(lines[2], "        - [mandatory] [severity: high]  trail-forbidden  (aws:cloudtrail:Trail: main)");
            assert.equal(lines[3], "          Trails are forbidden in probe stacks.");
            assert.match(lines[4]!, /^ {10}trail main-[0-9a-f]{7} has ARN arn:aws:cloudtrail:us-west-2:/);
            assert.ok(!run.stdout.includes("\u001b["), "no colour when stdout is not a terminal");
            assert.match(run.stdout, /\nfailed: 1 mandatory violation, 2 advisory violations, 8 resources analyzed \(update\)\n$/);
            assert.match(run.stderr, /^policy pack info: probe saw 8 resources$/m);
            assert.ok(!(run.stdout + run.stderr).includes("probe-secret-kms-key-4711"));
        });

        it("--output writes the same check's report in each format, as --format prints it", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-output-"));
            const run = (stdout: string, files: readonly string[], tag: string) =>
                runCli(["check", PROGRAM, "--stack", "ci", "--mode", "update", "--policy-pack", PROBE_PACK, "--format", stdout, ...outputs(files, tag)]);
            const outputs = (files: readonly string[], tag: string) => files.flatMap((f) => ["--output", `${f}=${path.join(dir, `${tag}.${f}`)}`]);
            // Two checks, each printing one format and writing the other four: every file is what the other printed or wrote.
            const a = await run("human", ["json", "sarif", "markdown", "html"], "a");
            const b = await run("sarif", ["human", "json", "markdown", "html"], "b");
            assert.equal(a.code, 1, a.stderr);
            assert.equal(b.code, 1, b.stderr);
            const file = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");
            assert.equal(file("b.human"), a.stdout, "--output human= is what --format human prints");
            assert.equal(file("a.sarif"), b.stdout, "--output sarif= is what --format sarif prints");
            for (const format of ["json", "markdown", "html"]) {
                assert.equal(file(`a.${format}`), file(`b.${format}`), format);
            }
            assert.deepEqual((JSON.parse(file("a.json")) as { summary: unknown }).summary, { mandatory: 1, advisory: 2, resources: 8 });
            assert.equal((JSON.parse(b.stdout) as Log).version, "2.1.0");
            assert.match(file("a.markdown"), /^## trailwatch check: ❌ failed\n/);
            assert.match(file("a.html"), /^<!doctype html>/i);
            assert.ok(!a.stdout.includes("\u001b["), "no colour in a file, nor on a stdout that is not a terminal");
            fs.rmSync(dir, { recursive: true });
        });

        it("prints the stable JSON schema and exits 0 when only advisories remain", async () => {
            const run = await runCli(["check", PROGRAM, "--stack", "ci", "--format", "json", "--policy-pack", PROBE_PACK]);
            assert.equal(run.code, 0, run.stderr);
            const report = JSON.parse(run.stdout) as Record<string, unknown>;
            assert.deepEqual(Object.keys(report), ["pack", "mode", "violations", "summary"]);
            assert.deepEqual(report.pack, { name: "trailwatch-probe", version: "0.0.2" });
            assert.equal(report.mode, "preview");
            assert.deepEqual(report.summary, { mandatory: 0, advisory: 3, resources: 8 });
            for (const v of report.violations as Record<string, unknown>[]) {
                assert.deepEqual(Object.keys(v), ["policy", "enforcementLevel", "message", "urn"]);
            }
            assert.ok(!(run.stdout + run.stderr).includes("probe-secret-kms-key-4711"));
        });

        it("prints SARIF 2.1.0 with the pack's policies as rules", async () => {
            const run = await runCli(["check", PROGRAM, "--stack", "ci", "--mode", "update", "--format", "sarif", "--policy-pack", PROBE_PACK]);
            assert.equal(run.code, 1);
            const log = JSON.parse(run.stdout) as Log;
            assert.equal(log.version, "2.1.0");
            const sarifRun = log.runs[0]!;
            assert.deepEqual(
                sarifRun.tool.driver.rules!.map((r) => [r.id, r.defaultConfiguration?.level]),
                [
                    ["probe-resource", "warning"],
                    ["probe-stack", "warning"],
                    ["trail-forbidden", "error"],
                ],
            );
            const error = sarifRun.results!.find((r) => r.ruleId === "trail-forbidden")!;
            assert.equal(error.level, "error");
            assert.equal(sarifRun.tool.driver.rules![error.ruleIndex!]!.id, "trail-forbidden");
            const location = error.locations![0]!;
            assert.equal(location.physicalLocation!.artifactLocation!.uri, "test/check/fixtures/programs/probe/Pulumi.yaml");
            assert.deepEqual(location.logicalLocations![0], {
                name: "main",
                fullyQualifiedName: "urn:pulumi:ci::probe::pulumi:pulumi:Stack$aws:cloudtrail/trail:Trail::main",
                kind: "resource",
            });
            assert.ok(!(run.stdout + run.stderr).includes("probe-secret-kms-key-4711"));
        });

        it("runs TypeScript programs", async () => {
            const dir = tempProject({
                "Pulumi.yaml": "name: typed\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
                "index.ts": [
                    'import * as aws from "@pulumi/aws";',
                    "",
                    "interface Names { readonly trail: string }",
                    'const names: Names = { trail: "typed-trail" };',
                    'export const trail = new aws.cloudtrail.Trail(names.trail, { s3BucketName: "typed-bucket" }).name;',
                    "",
                ].join("\n"),
            });
            const run = await runCli(["check", dir, "--mode", "update", "--format", "json", "--policy-pack", PROBE_PACK]);
            assert.equal(run.code, 1, run.stderr);
            const report = JSON.parse(run.stdout) as { violations: { policy: string; urn: string }[] };
            assert.deepEqual(
                report.violations.filter((v) => v.policy === "trail-forbidden").map((v) => v.urn),
                ["urn:pulumi:dev::typed::pulumi:pulumi:Stack$aws:cloudtrail/trail:Trail::typed-trail"],
            );
        });
    });
});

