/**
 * The launch path users take, under the real engine: the packed trailwatch
 * package installed into a project shaped like `pulumi new aws-typescript`
 * (test/package/project.ts), where `pulumi policy analyze --policy-pack
 * node_modules/trailwatch/policy-pack` loads the pack through the Node.js
 * language host, and examples/org-policy-pack (TypeScript, composing
 * trailwatch's policies with its own) loaded from its own directory. Both
 * agree with `npx trailwatch check` there, and the engine prints nothing from
 * either pack.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiNewFiles } from "../package/project";
import { assertAgree, assertQuiet, type CheckVerdict } from "./agree";
import { REPO, analyze, scratch, type Finding } from "./pulumi";

/** Runs a command as a user's shell would, without the `npm_*` variables of `npm run`. */
function run(command: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "INIT_CWD"));
    const r = spawnSync(command, args, { cwd, env: { ...env, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok<T extends { status: number | null; stdout: string; stderr: string }>(r: T, what: string): T {
    assert.equal(r.status, 0, `${what} failed (${r.status}):\n${(r.stderr + r.stdout).slice(-3000)}`);
    return r;
}

/** The version of a package the repository installed, as the package test pins it. */
function installed(name: string): string {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string };
    return name === "@pulumi/pulumi" ? version : `^${version}`;
}

/** `npx trailwatch check <file> --format json` in the project, with its installed pack or another. */
function npxCheck(app: string, file: string, pack?: string): CheckVerdict {
    const r = run("npx", ["trailwatch", "check", file, "--format", "json", ...(pack === undefined ? [] : ["--policy-pack", pack])], app);
    assert.ok(r.status === 0 || r.status === 1, `npx trailwatch check could not run (${r.status}): ${r.stderr}`);
    return { code: r.status, violations: (JSON.parse(r.stdout) as { violations: Finding[] }).violations, stderr: r.stderr };
}

describe("engine: the launch path users take, from a project that installed trailwatch", function () {
    this.timeout(2_400_000);
    const work = scratch();
    let app: string;
    const EXPORTS = ["non-compliant", "baseline", "alarm-never-fires"].map((n) => path.join(REPO, "test", "check", "fixtures", "exports", "recorded", `${n}.json`));

    before(function () {
        app = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-engine-app-"))), "app");
        const packed = ok(run("npm", ["pack", "--json", "--pack-destination", path.dirname(app)], path.join(REPO, "component")), "npm pack");
        const tarball = path.join(path.dirname(app), (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
        const files = pulumiNewFiles("app", Object.fromEntries(["@pulumi/pulumi", "@pulumi/aws", "typescript", "@types/node"].map((n) => [n, installed(n)])));
        for (const [name, text] of Object.entries({ ...files, "index.ts": "export {};\n" })) {
            fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
            fs.writeFileSync(path.join(app, name), text);
        }
        const install = ["install", "--prefer-offline", "--no-audit", "--no-fund"];
        ok(run("npm", install, app), "npm install (the new project)");
        ok(run("npm", [...install, tarball], app), "npm install trailwatch");
        fs.cpSync(path.join(REPO, "examples", "org-policy-pack"), path.join(app, "org-policy-pack"), { recursive: true });
    });
    after(() => {
        work.remove();
        if (app !== undefined) {
            fs.rmSync(path.dirname(app), { recursive: true, force: true });
        }
    });

    for (const file of EXPORTS) {
        const name = path.basename(file, ".json");
        it(`${name}: node_modules/trailwatch/policy-pack under the engine agrees with npx trailwatch check`, async function () {
            const engine = await analyze({ file }, "node_modules/trailwatch/policy-pack", undefined, work.env, app);
            assertAgree(engine, npxCheck(app, file), `${name} (installed pack)`, file);
        });

        it(`${name}: examples/org-policy-pack from its own directory agrees with npx trailwatch check --policy-pack`, async function () {
            const engine = await analyze({ file }, "org-policy-pack", undefined, work.env, app);
            assertQuiet(engine, `${name} (org pack)`);
            assertAgree(engine, npxCheck(app, file, "org-policy-pack"), `${name} (org pack)`, file);
        });
    }
});
