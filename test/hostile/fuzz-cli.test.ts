/**
 * Fuzzing both CLI commands as a user runs them (the real binary): `check`
 * on generated and byte-mutated stack exports, `pattern check` on generated
 * pattern text, `pattern test` on generated log files. Fixed seeds, bounded
 * counts (each run spawns processes). Property: exit 0, 1 or 2 and nothing
 * else; exit 2 is one line naming the cause; never a stack trace; the same
 * input gives the same result.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import type * as Engine from "../../component/src/engine";
import { ownErrorLines, runCli, type CliRun } from "../check/helpers";
import { DEFAULT_PROVIDER, urnOf, type FixtureResource } from "../policy/harness";
import { PACK_DIR, REPO, buildGraph, graphSpec, tempDir, withinBound } from "./generators";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require(path.join(REPO, "component", "dist", "engine")) as typeof Engine;

const SEED = 4711;

/** A stack export (deployment v3) holding these resources, as `pulumi stack export --show-secrets` writes it. */
function toExport(resources: readonly FixtureResource[]): unknown {
    const stackUrn = "urn:pulumi:dev::trailwatch-test::pulumi:pulumi:Stack::trailwatch-test-dev";
    const providerUrn = urnOf("pulumi:providers:aws", DEFAULT_PROVIDER.name);
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-23T00:00:00Z", magic: "", version: "v3.248.0" },
            resources: [
                { urn: stackUrn, type: "pulumi:pulumi:Stack", custom: false },
                { urn: providerUrn, type: "pulumi:providers:aws", custom: true, id: "p1", inputs: DEFAULT_PROVIDER.props, outputs: DEFAULT_PROVIDER.props },
                ...resources.map((r) => ({
                    urn: urnOf(r.type, r.name),
                    type: r.type,
                    custom: true,
                    id: `id-${r.name}`,
                    inputs: r.props,
                    outputs: r.props,
                    parent: stackUrn,
                    provider: `${providerUrn}::p1`,
                    dependencies: [...new Set(Object.values(r.propertyDependencies ?? {}).flat())],
                    propertyDependencies: r.propertyDependencies ?? {},
                })),
            ],
        },
    };
}

/** The invariants every run must keep. */
function assertWellBehaved(run: CliRun, what: string): void {
    const all = `${what}\nexit ${run.code}\nstdout:\n${run.stdout.slice(0, 1500)}\nstderr:\n${run.stderr.slice(0, 1500)}`;
    assert.ok(run.code === 0 || run.code === 1 || run.code === 2, `exit code: ${all}`);
    assert.ok(!/^\s+at\s/m.test(run.stdout + run.stderr), `no stack trace: ${all}`);
    if (run.code === 2 && run.stdout === "") {
        assert.equal(ownErrorLines(run.stderr).length, 1, `one line naming the cause: ${all}`);
    }
}

/** What must be the same when the same input runs twice. */
function outcome(run: CliRun): { code: number | null; stdout: string } {
    return { code: run.code, stdout: run.stdout };
}

describe("hostile: fuzzing the command line", function () {
    this.timeout(300_000);
    const scratch = tempDir();
    after(() => scratch.remove());

    it("trailwatch check on 4 generated stack exports and 4 byte-mutated ones: well-behaved and repeatable", async () => {
        const specs = fc.sample(graphSpec(), { seed: SEED, numRuns: 4 });
        const files: string[] = [];
        specs.forEach((spec, i) => {
            const file = path.join(scratch.dir, `graph-${i}.json`);
            fs.writeFileSync(file, JSON.stringify(toExport(buildGraph(spec))));
            files.push(file);
        });
        const cuts = fc.sample(fc.tuple(fc.nat(), fc.nat(255), fc.constantFrom("truncate", "flip", "insert")), { seed: SEED + 1, numRuns: 4 });
        cuts.forEach(([at, byte, how], i) => {
            const bytes = fs.readFileSync(files[i % files.length]!);
            const offset = at % bytes.length;
            const mutated =
                how === "truncate"
                    ? bytes.subarray(0, offset)
                    : how === "flip"
                      ? Buffer.concat([bytes.subarray(0, offset), Buffer.from([byte]), bytes.subarray(offset + 1)])
                      : Buffer.concat([bytes.subarray(0, offset), Buffer.from([byte, byte]), bytes.subarray(offset)]);
            const file = path.join(scratch.dir, `mutated-${i}.json`);
            fs.writeFileSync(file, mutated);
            files.push(file);
        });
        for (const file of files) {
            const args = ["check", file, "--policy-pack", PACK_DIR, "--format", "json"];
            const first = await withinBound(runCli(args), `check ${file}`);
            assertWellBehaved(first, path.basename(file));
            if (first.code !== 2) {
                JSON.parse(first.stdout);
            }
            const second = await withinBound(runCli(args), `check ${file} again`);
            assert.deepEqual(outcome(second), outcome(first), `same result for ${path.basename(file)}`);
        }
    });

    it("trailwatch pattern check on 16 generated patterns: exit code agrees with its JSON and the engine, and repeats", async () => {
        const token = fc.constantFrom(
            "{", "}", "(", ")", " ", "$.errorCode", "$.eventName", "$.a[0].b", "=", "!=", "&&", "||", "NOT EXISTS", "IS NULL",
            '"*UnauthorizedOperation"', '"AccessDenied*"', '"x"', "*", "%Access.*%", "[", "]", ",", "...", "?", "-", "\"", "\\", "1e309", "😀", "\u202e",
        );
        const pattern = fc.oneof(
            fc.array(token, { maxLength: 25 }).map((ts) => ts.join("")),
            fc.string({ unit: "grapheme", maxLength: 60 }),
            fc.constantFrom(engine.CIS_V5_PATTERN).chain((p) => fc.nat(p.length).map((n) => p.slice(0, n) + p.slice(n + 1))),
        );
        const samples = fc.sample(pattern, { seed: SEED + 2, numRuns: 16 });
        for (const text of samples) {
            const args = ["pattern", "check", "--json", "--", text];
            const first = runPattern(args);
            assertWellBehaved(first, `pattern ${JSON.stringify(text)}`);
            const json = JSON.parse(first.stdout) as Engine.PatternAssessment;
            assert.equal(first.code, !json.valid ? 2 : json.covers === true ? 0 : 1, `exit code matches the JSON for ${JSON.stringify(text)}`);
            const expected = { control: engine.CIS_4_1.id, ...engine.assessPattern(text) };
            assert.deepEqual(JSON.parse(JSON.stringify(expected)), json, `the CLI says what the engine says for ${JSON.stringify(text)}`);
            assert.deepEqual(outcome(runPattern(args)), outcome(first), `same result for ${JSON.stringify(text)}`);
        }
    });

    it("trailwatch pattern test on 6 generated log files: counts every record, repeats", async () => {
        const record = fc.record({
            eventSource: fc.constantFrom("ec2.amazonaws.com", "s3.amazonaws.com", "\u0000"),
            eventName: fc.string({ unit: "binary", maxLength: 10 }),
            errorCode: fc.option(fc.constantFrom("AccessDenied", "Client.UnauthorizedOperation", "ThrottlingException", "\ud800"), { nil: undefined }),
            extra: fc.jsonValue({ maxDepth: 3 }),
        });
        const files = fc.sample(fc.tuple(fc.array(record, { minLength: 1, maxLength: 20 }), fc.constantFrom("cloudtrail", "jsonl")), { seed: SEED + 3, numRuns: 6 });
        for (const [i, [records, layout]] of files.entries()) {
            const file = path.join(scratch.dir, `log-${i}.json`);
            fs.writeFileSync(file, layout === "cloudtrail" ? JSON.stringify({ Records: records }) : records.map((r) => JSON.stringify(r)).join("\n"));
            const args = ["pattern", "test", engine.CIS_V5_PATTERN, file, "--json"];
            const first = runPattern(args);
            assertWellBehaved(first, `pattern test ${file}`);
            assert.equal(first.code, 0, first.stderr);
            const report = JSON.parse(first.stdout) as { events: number; matches: number };
            assert.equal(report.events, records.length, "every record is one event");
            const parsed = engine.parsePattern(engine.CIS_V5_PATTERN);
            assert.ok(parsed.ok);
            const expected = records.filter((r) => engine.matchesEvent(parsed.pattern, JSON.stringify(r))).length;
            assert.equal(report.matches, expected, "matches what the engine matches");
            assert.deepEqual(outcome(runPattern(args)), outcome(first), "same result twice");
        }
    });
});

/** Runs a `trailwatch pattern` command synchronously (no pack involved); the 60 s timeout is the hang detector. */
function runPattern(args: readonly string[]): CliRun {
    const result = spawnSync(process.execPath, [path.join(REPO, "component", "bin", "trailwatch.js"), ...args], {
        cwd: REPO,
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
        timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
