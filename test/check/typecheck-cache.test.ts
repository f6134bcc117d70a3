/**
 * `TRAILWATCH_TYPECHECK_CACHE`: `check` reuses a program's type-checked
 * compilation only while everything the compiler consulted is unchanged, so
 * the cache never changes a verdict. A change to a compiled file, or to a
 * file the compiler only read for its types (never loaded at run time), must
 * bring the type error back; a program failing at run time after a cached
 * compilation is still reported at its TypeScript line.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROBE_PACK, ownErrorLines, runCli, tempProject } from "./helpers";

const FILES = {
    "Pulumi.yaml": "name: cached\nruntime: nodejs\n",
    // Stack `fail` makes the program throw at run time, after a clean type-check.
    "Pulumi.fail.yaml": "config:\n  cached:fail: \"true\"\n",
    "index.ts": [
        'import * as pulumi from "@pulumi/pulumi";',
        'import { label } from "./lib";',
        'import type { Limit } from "./shape";',
        "",
        "const limit: Limit = 3;",
        'if (new pulumi.Config().getBoolean("fail")) {',
        '    throw new Error("asked to fail");',
        "}",
        "export const out = `${label}-${limit}`;",
        "",
    ].join("\n"),
    "lib.ts": 'export const label: string = "a";\n',
    // Only read by the compiler: the import above is type-only, so Node never loads it.
    "shape.ts": "export type Limit = number;\n",
};

describe("check's type-check cache (TRAILWATCH_TYPECHECK_CACHE)", function () {
    this.timeout(180_000);
    let cache: string;
    let dir: string;
    const check = (stack = "dev") => runCli(["check", dir, "--stack", stack, "--policy-pack", PROBE_PACK], { TRAILWATCH_TYPECHECK_CACHE: cache });
    /** The entry file and its inode: a run that used the entry leaves it as it was; one that type-checked rewrites it. */
    const entry = () => {
        const files = fs.readdirSync(cache).filter((f) => f.endsWith(".json"));
        assert.equal(files.length, 1, `one entry for one program: ${files.join(", ")}`);
        return `${files[0]}:${fs.statSync(path.join(cache, files[0]!)).ino}`;
    };

    beforeEach(function () {
        cache = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-typecheck-cache-"));
        dir = tempProject(FILES);
    });

    afterEach(function () {
        fs.rmSync(cache, { recursive: true, force: true });
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("a second run of an unchanged program uses the entry and reports the same", async () => {
        const first = await check();
        assert.equal(first.code, 0, first.stderr);
        const written = entry();
        const second = await check();
        assert.equal(second.code, 0, second.stderr);
        assert.equal(entry(), written, "the second run type-checked again instead of using the entry");
        assert.equal(second.stdout, first.stdout);
    });

    it("a type error in a compiled file, made after the entry was written, fails the run as without the cache", async () => {
        assert.equal((await check()).code, 0);
        fs.writeFileSync(path.join(dir, "lib.ts"), "export const label: string = 1;\n");
        const run = await check();
        assert.equal(run.code, 2, run.stderr + run.stdout);
        assert.match(ownErrorLines(run.stderr)[0]!, /TypeScript error in .*: lib\.ts\(1,14\): error TS2322: Type 'number' is not assignable to type 'string'/);
    });

    it("a change to a file the compiler only read for its types brings the type error back", async () => {
        assert.equal((await check()).code, 0);
        fs.writeFileSync(path.join(dir, "shape.ts"), "export type Limit = string;\n");
        const run = await check();
        assert.equal(run.code, 2, run.stderr + run.stdout);
        assert.match(ownErrorLines(run.stderr)[0]!, /TypeScript error in .*: index\.ts\(5,7\): error TS2322: Type 'number' is not assignable to type 'string'/);
    });

    it("a type error is never cached: the run after a failing one type-checks and fails again", async () => {
        fs.writeFileSync(path.join(dir, "lib.ts"), "export const label: string = 1;\n");
        assert.equal((await check()).code, 2);
        assert.deepEqual(fs.readdirSync(cache), []);
        const again = await check();
        assert.equal(again.code, 2, again.stderr);
        assert.match(ownErrorLines(again.stderr)[0]!, /error TS2322/);
    });

    it("a run-time failure after a cached compilation names the TypeScript line, as ts-node's source maps do", async () => {
        assert.equal((await check()).code, 0);
        const written = entry();
        const run = await check("fail");
        assert.equal(entry(), written, "the failing run did not use the entry");
        assert.equal(run.code, 2, run.stderr + run.stdout);
        assert.match(ownErrorLines(run.stderr)[0]!, /the program failed: asked to fail \(.*index\.ts:7\)/);
    });
});
