/**
 * The published package, used as a user uses it: `npm pack` the
 * `trailwatch` package, install the tarball into a fresh project outside
 * the repository shaped like `pulumi new aws-typescript` creates it
 * (`@pulumi/pulumi`, `@pulumi/aws`, `typescript`, `@types/node`; no
 * ts-node), and there run the component under Pulumi's mocks, `npx
 * trailwatch check .` with the pack the package carries, that pack started
 * as the Pulumi CLI starts it, and examples/org-policy-pack. Then the pack
 * staged for `pulumi policy publish` is packed, unpacked and installed the
 * way an enforcing Pulumi CLI installs a published pack.
 *
 * Run by `npm run test:package` (and so by `.ci/run`), not by `npm test`:
 * it installs from the npm registry (the npm cache makes that quick when
 * the repository's own `npm ci` filled it). `TRAILWATCH_KEEP_PACKAGE_TEST=1`
 * keeps the temporary project for a look; `TRAILWATCH_PACKAGE_TEST_LATEST=1`
 * installs the registry's latest SDKs instead of the repository's.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as AnalyzerProcessModule from "../../component/src/check/analyzer-process";
import type * as EngineServiceModule from "../../component/src/check/engine-service";
import type * as PackLogModule from "../../component/src/check/pack-log";
import type * as SessionModule from "../../component/src/check/session";
import { policies } from "trailwatch-policy-pack/dist/policies";
import { compliantProgram, mockedComponentScript, nonCompliantProgram, pulumiNewFiles } from "./project";

const REPO = path.resolve(__dirname, "..", "..", "..");
const dist = (m: string) => path.join(REPO, "component", "dist", "check", m);
/* eslint-disable @typescript-eslint/no-require-imports */
const { startAnalyzer } = require(dist("analyzer-process")) as typeof AnalyzerProcessModule;
const { startEngineService } = require(dist("engine-service")) as typeof EngineServiceModule;
const { PackLog } = require(dist("pack-log")) as typeof PackLogModule;
const { describePack } = require(dist("session")) as typeof SessionModule;
const { version } = require(path.join(REPO, "component", "package.json")) as { version: string };
/* eslint-enable @typescript-eslint/no-require-imports */

interface Run {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly millis: number;
}

/** Runs a command as a user's shell would: without the `npm_*` variables `npm run` sets for the repository. */
function run(command: string, args: readonly string[], cwd: string): Run {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "INIT_CWD"));
    const started = Date.now();
    const result = spawnSync(command, args, { cwd, env: { ...env, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, millis: Date.now() - started };
}

function ok(result: Run, what: string): Run {
    assert.equal(result.status, 0, `${what} failed (${result.status}):\n${(result.stderr + result.stdout).slice(-3000)}`);
    return result;
}

const npmInstall = ["install", "--prefer-offline", "--no-audit", "--no-fund"];

/**
 * The new project's dependency on a package: the version the repository itself installed (the SDK it
 * develops against, which runs on this Node.js), `^` for all but the SDK, which the repository pins; with
 * `TRAILWATCH_PACKAGE_TEST_LATEST=1`, the registry's `latest` of each (TypeScript: the latest 5.x), as
 * `pulumi new` would pick today.
 */
function dependencySpec(name: string): string {
    if (process.env.TRAILWATCH_PACKAGE_TEST_LATEST !== undefined) {
        // The template keeps TypeScript at 5: TypeScript 6 refuses its `moduleResolution: "node"`.
        return name === "typescript" ? "^5" : "latest";
    }
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string };
    return name === "@pulumi/pulumi" ? version : `^${version}`;
}

function write(dir: string, files: Readonly<Record<string, string>>): void {
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
}

/** Starts a pack directory the way the Pulumi CLI does and returns what GetAnalyzerInfo says. */
async function analyzerInfo(packDir: string): Promise<SessionModule.PackDescription> {
    const log = new PackLog();
    const engine = await startEngineService(log);
    try {
        const pack = await startAnalyzer(packDir, engine.address, { variables: {} }, log);
        try {
            return await describePack(pack);
        } finally {
            await pack.close();
        }
    } finally {
        await engine.close();
    }
}

// Every policy the pack's source defines (4.1's three, then one stack policy per further catalog control),
// the installed copies must serve exactly these (the analyzer does not keep the pack's order).
const CIS_POLICIES = policies.map((p) => p.name);

describe("the packed trailwatch package in a fresh `pulumi new aws-typescript` project", function () {
    this.timeout(600_000);
    let work: string;
    let app: string;
    let tarball: string;

    before(function () {
        work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-package-")));
        assert.ok(path.relative(REPO, work).startsWith(".."), `${work} must be outside the repository`);
        const packed = ok(run("npm", ["pack", "--json", "--pack-destination", work], path.join(REPO, "component")), "npm pack");
        tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

        app = path.join(work, "app");
        write(app, {
            ...pulumiNewFiles("app", {
                "@pulumi/pulumi": dependencySpec("@pulumi/pulumi"),
                "@pulumi/aws": dependencySpec("@pulumi/aws"),
                typescript: dependencySpec("typescript"),
                "@types/node": dependencySpec("@types/node"),
            }),
            "index.ts": compliantProgram,
            "non-compliant/Pulumi.yaml": "name: non-compliant\nruntime: nodejs\n",
            "non-compliant/index.ts": nonCompliantProgram,
            "mocked-component.js": mockedComponentScript,
        });
        // What `pulumi new aws-typescript` runs after writing the project, then what a user adds.
        const base = ok(run("npm", npmInstall, app), "npm install (the new project)");
        const ours = ok(run("npm", [...npmInstall, tarball], app), "npm install trailwatch");
        console.log(`      npm install: the new project ${(base.millis / 1000).toFixed(1)} s, then trailwatch ${(ours.millis / 1000).toFixed(1)} s`);
    });

    after(function () {
        if (work !== undefined && process.env.TRAILWATCH_KEEP_PACKAGE_TEST === undefined) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("installs without ts-node, with the policy pack inside the package and nothing to install in it", function () {
        const modules = path.join(app, "node_modules");
        assert.equal(fs.existsSync(path.join(modules, "ts-node")), false, "the project must not have ts-node");
        const packDir = path.join(modules, "trailwatch", "policy-pack");
        for (const file of ["PulumiPolicy.yaml", "package.json", "dist/index.js", "dist/library.js", "dist/library.d.ts"]) {
            assert.ok(fs.existsSync(path.join(packDir, file)), `the package lacks policy-pack/${file}`);
        }
        assert.equal(fs.existsSync(path.join(packDir, "node_modules")), false);
        // npm installed @pulumi/policy as the package's peer, once, next to the project's @pulumi/pulumi.
        assert.ok(fs.existsSync(path.join(modules, "@pulumi", "policy", "package.json")));
    });

    it("runs a program that uses the component under Pulumi's mocks", function () {
        const result = ok(run("node", ["mocked-component.js"], app), "the mocked component");
        const seen = JSON.parse(result.stdout.trim().split("\n").pop()!) as { types: string[]; pattern: string };
        for (const type of ["trailwatch:index:UnauthorizedApiCallsAlarm", "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:sns/topic:Topic", "aws:sns/topicSubscription:TopicSubscription"]) {
            assert.ok(seen.types.includes(type), `no ${type} among ${seen.types.join(", ")}`);
        }
        assert.match(seen.pattern, /\$\.errorCode\s*=\s*"\*UnauthorizedOperation"/);
    });

    it("`npx trailwatch check .` passes the compliant program with the package's own pack (exit 0)", function () {
        const result = run("npx", ["trailwatch", "check", ".", "--format", "json"], app);
        assert.equal(result.status, 0, result.stderr + result.stdout);
        const report = JSON.parse(result.stdout) as { pack: { name: string; version: string }; violations: unknown[] };
        assert.deepEqual(report.pack, { name: "trailwatch-cis-aws-section-4", version });
    });

    it("`npx trailwatch check .` fails the non-compliant program (exit 1), naming the stack policy", function () {
        const result = run("npx", ["trailwatch", "check", ".", "--verbose"], path.join(app, "non-compliant"));
        assert.equal(result.status, 1, result.stderr + result.stdout);
        // The matrix first (4.1 broken at its filters, mandatory), then with --verbose every violation in full.
        assert.match(result.stdout, /^ {2}4\.1 +✓ held +✓ held +✗ BROKEN .*mandatory$/m);
        assert.match(result.stdout, /\[mandatory\].*cis-aws-4-1-unauthorized-api-calls-monitored/);
        assert.match(result.stdout, /broken at link 3 of 5/);
    });

    it("starts node_modules/trailwatch/policy-pack as the Pulumi CLI does (run-policy-pack) and gets its analyzer info", async function () {
        const info = await analyzerInfo(path.join(app, "node_modules", "trailwatch", "policy-pack"));
        assert.equal(info.name, "trailwatch-cis-aws-section-4");
        assert.equal(info.version, version);
        assert.deepEqual(info.policies.map((p) => p.name).sort(), [...CIS_POLICIES].sort());
    });

    describe("examples/org-policy-pack, copied into the project", function () {
        let orgPack: string;
        before(function () {
            orgPack = path.join(app, "org-policy-pack");
            fs.cpSync(path.join(REPO, "examples", "org-policy-pack"), orgPack, { recursive: true });
        });

        it("carries every trailwatch policy and its own", async function () {
            const info = await analyzerInfo(orgPack);
            assert.equal(info.name, "acme-aws");
            assert.deepEqual(info.policies.map((p) => p.name).sort(), [...CIS_POLICIES, "acme-log-groups-keep-a-year"].sort());
        });

        it("type-checks under its own tsconfig and under the pulumi templates' `moduleResolution: node`", function () {
            ok(run("npx", ["tsc", "-p", "org-policy-pack", "--noEmit"], app), "tsc (Node16)");
            ok(run("npx", ["tsc", "-p", "org-policy-pack", "--noEmit", "--module", "commonjs", "--moduleResolution", "node"], app), "tsc (node)");
        });

        it("passes the compliant program (exit 0)", function () {
            const result = run("npx", ["trailwatch", "check", ".", "--policy-pack", "org-policy-pack", "--verbose"], app);
            assert.equal(result.status, 0, result.stderr + result.stdout);
            assert.match(result.stdout, /acme-aws@v1\.0\.0/);
        });

        it("fails the non-compliant program on both its CIS 4.1 and its own policy (exit 1)", function () {
            const result = run("npx", ["trailwatch", "check", ".", "--policy-pack", "../org-policy-pack", "--format", "json"], path.join(app, "non-compliant"));
            assert.equal(result.status, 1, result.stderr + result.stdout);
            const policies = (JSON.parse(result.stdout) as { violations: { policy: string; enforcementLevel: string }[] }).violations
                .filter((v) => v.enforcementLevel === "mandatory")
                .map((v) => v.policy);
            assert.deepEqual([...new Set(policies)].sort(), ["acme-log-groups-keep-a-year", "cis-aws-4-1-unauthorized-api-calls-monitored"]);
        });
    });

    it("stages a pack for `pulumi policy publish` that installs and starts as an enforcing Pulumi CLI installs it", async function () {
        const staged = path.join(work, "publish");
        ok(run("node", [path.join(REPO, "scripts", "stage-policy-pack.mjs"), staged, "--prefer-offline"], REPO), "stage-policy-pack");
        const manifest = JSON.parse(fs.readFileSync(path.join(staged, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        for (const [name, range] of Object.entries(manifest.dependencies)) {
            assert.ok(name === "trailwatch" ? range.startsWith("file:") && fs.existsSync(path.join(staged, range.slice(5))) : /^\^\d+\.\d+\.\d+$/.test(range), `${name}: ${range}`);
        }
        // `pulumi policy publish` starts the pack where it is, then packs the directory with npm; an
        // enforcing CLI unpacks it and runs npm install there.
        assert.equal((await analyzerInfo(staged)).version, version);
        const packed = ok(run("npm", ["pack", "--json", "--pack-destination", work], staged), "npm pack (the staged pack)");
        const installed = path.join(work, "installed-pack");
        fs.mkdirSync(installed);
        ok(run("tar", ["-xzf", path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename), "-C", installed, "--strip-components=1"], work), "tar");
        ok(run("npm", npmInstall, installed), "npm install (the published pack)");
        const info = await analyzerInfo(installed);
        assert.equal(info.name, "trailwatch-cis-aws-section-4");
        assert.equal(info.version, version);
        assert.deepEqual(info.policies.map((p) => p.name).sort(), [...CIS_POLICIES].sort());
    });
});
