/**
 * Exports from programs: `trailwatch check <program> --mode update
 * --write-export X` for every Node.js example and program fixture (each
 * stack file it has), then `pulumi stack import` of X into a file-backend
 * stack (the engine verifies provider references, parents, dependencies and
 * URNs) and `pulumi policy analyze --stack`: the engine and check agree, with
 * the default config and `{"all": "mandatory"}`.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { CONFIGS, assertAgree, checkJson, configFiles, type CheckVerdict } from "./agree";
import { inPool } from "./pool";
import { INSTALLED_PACK, REPO, analyzeWith, pulumi, scratch, taggedPackCopies, type EngineVerdict, type Run } from "./pulumi";

/** A program and one of its stacks. */
interface ProgramStack {
    readonly dir: string;
    readonly project: string;
    readonly stack: string;
}

/** Node.js programs `check` can run: examples and program fixtures with an entry file, each stack they configure ("dev" always). */
function programStacks(): ProgramStack[] {
    const roots = [path.join(REPO, "examples"), path.join(REPO, "test", "check", "fixtures", "programs")];
    const found: ProgramStack[] = [];
    for (const root of roots) {
        for (const name of fs.readdirSync(root).sort()) {
            const dir = path.join(root, name);
            const projectFile = path.join(dir, "Pulumi.yaml");
            if (!fs.existsSync(projectFile) || !["index.ts", "index.js"].some((f) => fs.existsSync(path.join(dir, f)))) {
                continue;
            }
            const project = YAML.parse(fs.readFileSync(projectFile, "utf8")) as { name: string; runtime: string | { name: string } };
            const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime.name;
            if (runtime !== "nodejs" || name === "throws") {
                continue; // `throws` is the fixture of a program that fails: nothing to export
            }
            const stacks = new Set(["dev"]);
            for (const f of fs.readdirSync(dir)) {
                const m = /^Pulumi\.(.+)\.yaml$/.exec(f);
                if (m !== null) {
                    stacks.add(m[1]!);
                }
            }
            found.push(...[...stacks].map((stack) => ({ dir, project: project.name, stack })));
        }
    }
    return found;
}

/** Fails with the run's output unless it exited 0. */
function ok(run: Run, what: string): void {
    assert.equal(run.code, 0, `${what} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
}

describe("engine: update-mode exports of every program import cleanly and get check's verdict from pulumi policy analyze --stack", function () {
    this.timeout(2_400_000);
    const work = scratch();
    after(() => work.remove());
    const programs = programStacks();
    const configs = CONFIGS.slice(0, 2);
    const files = configFiles(work.dir).slice(0, 2);
    // One engine run carries the pack once per config (see agree.enginetest.ts); `{}` is the default there.
    const empty = path.join(work.dir, "config-default.json");
    fs.writeFileSync(empty, "{}");
    const copies = taggedPackCopies(INSTALLED_PACK, configs.map((_, i) => `config${i}`), work.dir);
    const packs = copies.map((c, i) => ({ dir: c.dir, config: files[i] ?? empty }));
    const results: Array<{ check: CheckVerdict[]; imported: Run; engine: EngineVerdict[]; file: string }> = [];

    before(async function () {
        const done = await inPool(
            programs.map((p, i) => async () => {
                const rel = path.relative(REPO, p.dir);
                const file = path.join(work.dir, `program-${i}.json`);
                const check = [await checkJson(rel, files[0], ["--mode", "update", "--stack", p.stack, "--write-export", file])];
                // A project directory of the same name, as `pulumi stack import` needs one (the program never runs).
                const project = path.join(work.dir, `project-${i}`);
                fs.mkdirSync(project);
                fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: ${p.project}\nruntime: nodejs\n`);
                const init = await pulumi(["stack", "init", p.stack], work.env, project);
                ok(init, `pulumi stack init ${p.stack}`);
                const imported = await pulumi(["stack", "import", "--file", file, "--stack", p.stack], work.env, project);
                const engine: EngineVerdict[] = [];
                if (imported.code === 0) {
                    const all = await analyzeWith({ stack: p.stack, cwd: project }, packs, work.env);
                    assert.ok(all.code === 0 || all.violations.some((v) => v.enforcementLevel === "mandatory"), `the engine failed on ${rel}:\n${all.stderr}`);
                    for (const copy of copies) {
                        const violations = all.violations.filter((v) => v.packVersion === copy.version).map(({ packVersion: _, ...v }) => v);
                        engine.push({ ...all, violations, code: violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0 });
                    }
                }
                for (const config of files.slice(1)) {
                    check.push(await checkJson(rel, config, ["--mode", "update", "--stack", p.stack]));
                }
                return { check, imported, engine, file };
            }),
        );
        results.push(...done);
    });

    it(`covers every Node.js example and program fixture: ${programs.length} program stacks`, () => {
        for (const example of ["baseline", "non-compliant", "all-controls", "weak-pattern", "alarm-never-fires", "existing-topic"]) {
            assert.ok(programs.some((p) => p.dir === path.join(REPO, "examples", example)), example);
        }
    });

    for (const [i, p] of programs.entries()) {
        const name = `${path.relative(REPO, p.dir)} (stack ${p.stack})`;
        it(`${name}: the export imports, and the engine agrees under ${configs.map((c) => c.name).join(" and ")}`, () => {
            const r = results[i]!;
            ok(r.imported, `pulumi stack import of ${name}`);
            for (const [k, c] of configs.entries()) {
                assertAgree(r.engine[k]!, r.check[k]!, `${name} (${c.name})`, r.file);
            }
        });
    }
});
