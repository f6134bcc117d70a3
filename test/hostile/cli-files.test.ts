/**
 * `trailwatch check` and `trailwatch pattern` on inputs users get wrong:
 * malformed and missing files, odd directories, programs that throw or do
 * not compile, packs that fail, invalid config. Each must exit 2 with one
 * line naming the cause: never a stack trace, never exit 0.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { ownErrorLines, runCli, tempProject, type CliRun } from "../check/helpers";
import { PACK_DIR, hugeString, tempDir, withinBound } from "./generators";

/** A minimal valid stack export with one resource carrying `inputs`. */
function exportWith(inputs: unknown): unknown {
    return {
        version: 3,
        deployment: {
            resources: [
                { urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", type: "pulumi:pulumi:Stack" },
                { urn: "urn:pulumi:dev::p::aws:sns/topic:Topic::t", type: "aws:sns/topic:Topic", custom: true, inputs, outputs: inputs },
            ],
        },
    };
}

/** Exit 2, one own line on stderr naming the cause, nothing on stdout, no stack trace. */
function assertCannotRun(run: CliRun, cause: RegExp, what: string): void {
    const all = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    assert.equal(run.code, 2, `${what}: exit code\n${all}`);
    assert.ok(!/^\s+at\s/m.test(run.stdout + run.stderr), `${what}: no stack trace\n${all}`);
    const lines = ownErrorLines(run.stderr);
    assert.equal(lines.length, 1, `${what}: exactly one line of its own on stderr\n${all}`);
    assert.match(lines[0]!, /^trailwatch: /, `${what}\n${all}`);
    assert.match(lines[0]!, cause, `${what}\n${all}`);
    assert.equal(run.stdout, "", `${what}: nothing on stdout`);
}

const check = (input: string, ...extra: string[]) => withinBound(runCli(["check", input, "--policy-pack", PACK_DIR, ...extra]), `trailwatch check ${input}`);

describe("hostile: trailwatch check on bad input", function () {
    this.timeout(180_000);
    const scratch = tempDir();
    after(() => scratch.remove());
    const file = (name: string, content: string | Buffer) => {
        const p = path.join(scratch.dir, name);
        fs.writeFileSync(p, content);
        return p;
    };

    describe("malformed stack export files", () => {
        const cases: ReadonlyArray<readonly [string, string | Buffer, RegExp]> = [
            ["empty.json", "", /empty\.json.*(not a JSON|empty)/],
            ["truncated.json", JSON.stringify(exportWith({ name: "t" })).slice(0, 57), /truncated\.json.*not a JSON/],
            ["binary.json", Buffer.from([0, 1, 2, 255, 254, 0, 10]), /binary\.json/],
            ["gzip-truncated.json.gz", gzipSync(Buffer.from(JSON.stringify(exportWith({})))).subarray(0, 20), /gzip-truncated\.json\.gz/],
            ["array.json", "[]", /array\.json.*not a stack export/],
            ["string.json", '"stack"', /string\.json.*not a stack export/],
            ["null.json", "null", /null\.json.*not a stack export/],
            ["number.json", "3", /number\.json.*not a stack export/],
            ["no-version.json", JSON.stringify({ deployment: { resources: [] } }), /no-version\.json.*version/],
            ["deployment-list.json", JSON.stringify({ version: 3, deployment: [] }), /deployment-list\.json.*deployment/],
            ["resources-string.json", JSON.stringify({ version: 3, deployment: { resources: "all" } }), /resources-string\.json.*not a list/],
            ["resources-number.json", JSON.stringify({ version: 3, deployment: { resources: 7 } }), /resources-number\.json.*not a list/],
            ["resource-null.json", JSON.stringify({ version: 3, deployment: { resources: [null] } }), /resource-null\.json.*resources\[0\]/],
            ["urn-number.json", JSON.stringify({ version: 3, deployment: { resources: [{ urn: 5, type: "t" }] } }), /urn-number\.json.*urn/],
            ["inputs-string.json", JSON.stringify(exportWith("name=t")), /inputs-string\.json.*inputs/],
            ["secret-not-json.json", JSON.stringify(exportWith({ p: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: "{oops" } })), /secret-not-json\.json.*secret/],
            ["bom.json", `\u0000${JSON.stringify(exportWith({}))}`, /bom\.json/],
        ];
        for (const [name, content, cause] of cases) {
            it(`${name}: exit 2 naming the file and the cause`, async () => {
                assertCannotRun(await check(file(name, content)), cause, name);
            });
        }

        it("a property nested 5,000 levels deep: exit 2 naming the resource and the property", async () => {
            const shallow = JSON.stringify(exportWith({ policy: "DEEP" }));
            const deep = `${'{"a":'.repeat(5000)}"bottom"${"}".repeat(5000)}`;
            const run = await check(file("deep.json", shallow.split('"DEEP"').join(deep)));
            assertCannotRun(run, /property "policy" nests more than 500 levels deep, deeper than a policy pack can decode/, "deep property");
        });

        it("a missing file and a path under a file: exit 2 naming the path", async () => {
            assertCannotRun(await check(path.join(scratch.dir, "no-such.json")), /no-such\.json does not exist/, "missing file");
            const plain = file("plain.txt", "x");
            assertCannotRun(await check(path.join(plain, "inside.json")), /inside\.json/, "path under a file");
        });
    });

    describe("program directories", () => {
        const programCases: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
            ["no Pulumi.yaml", { "index.js": "" }, /has no Pulumi\.yaml/],
            ["an empty Pulumi.yaml", { "Pulumi.yaml": "", "index.js": "" }, /Pulumi\.yaml/],
            ["Pulumi.yaml that is not YAML", { "Pulumi.yaml": "name: [unclosed\nruntime: {", "index.js": "" }, /Pulumi\.yaml/],
            ["Pulumi.yaml without a runtime", { "Pulumi.yaml": "name: x\n", "index.js": "" }, /runtime/],
            ["a main that does not exist", { "Pulumi.yaml": "name: x\nruntime: nodejs\nmain: nowhere.js\n" }, /nowhere|main|cannot find|not exist/i],
            ["a program that throws a string", { "Pulumi.yaml": "name: x\nruntime: nodejs\n", "index.js": 'throw "plain string thrown";\n' }, /the program threw "plain string thrown"/],
            ["a program that throws null", { "Pulumi.yaml": "name: x\nruntime: nodejs\n", "index.js": "throw null;\n" }, /the program threw null/],
            [
                "a program with an unhandled rejection",
                { "Pulumi.yaml": "name: x\nruntime: nodejs\n", "index.js": 'Promise.reject(new Error("rejected in the program"));\n' },
                /rejected in the program/,
            ],
            [
                "a program whose exported promise never settles",
                { "Pulumi.yaml": "name: x\nruntime: nodejs\n", "index.js": "module.exports = new Promise(() => {});\n" },
                /program .*(exited|never|pending|settle)/,
            ],
            [
                "a program that calls process.exit(0) before its resources are registered",
                {
                    "Pulumi.yaml": "name: x\nruntime: nodejs\n",
                    "index.js": 'const aws = require("@pulumi/aws");\nnew aws.sns.Topic("t");\nprocess.exit(0);\n',
                },
                // The cause, not the last line of the SDK's multi-line notice ("…debug information about the leaked promises.").
                /program .*(process\.exit|exited|still active|pending)/,
            ],
            ["a JavaScript syntax error", { "Pulumi.yaml": "name: x\nruntime: nodejs\n", "index.js": "const = ;\n" }, /the program failed|SyntaxError|syntax/i],
        ];
        for (const [name, files, cause] of programCases) {
            it(`${name}: exit 2 naming the cause`, async () => {
                const dir = name === "no Pulumi.yaml" ? tempDir().dir : tempProject({});
                for (const [f, text] of Object.entries(files)) {
                    fs.writeFileSync(path.join(dir, f), text);
                }
                assertCannotRun(await check(dir), cause, name);
            });
        }
    });

    describe("policy packs that fail", () => {
        const packCases: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
            ["a pack directory that is a file", {}, /policy pack/],
            ["a pack without its dependencies", { "PulumiPolicy.yaml": "runtime: nodejs\n", "package.json": "{}", "index.js": "" }, /cannot find @pulumi\/pulumi|failed to start/],
            [
                "a pack that throws a non-Error at start",
                { "PulumiPolicy.yaml": "runtime: nodejs\n", "package.json": '{"name":"p","version":"0.0.1","main":"index.js"}', "index.js": "throw 42;\n" },
                /failed to start/,
            ],
            [
                "a pack whose stack policy throws",
                {
                    "PulumiPolicy.yaml": "runtime: nodejs\n",
                    "package.json": '{"name":"p","version":"0.0.1","main":"index.js"}',
                    "index.js":
                        'const { PolicyPack } = require("@pulumi/policy");\n' +
                        'new PolicyPack("throws", { policies: [{ name: "boom", description: "d", enforcementLevel: "mandatory",\n' +
                        '  validateStack: () => { throw new TypeError("cannot read properties of undefined (reading \'x\')"); } }] });\n',
                },
                /policy pack in .* failed in AnalyzeStack: .*boom.*cannot read properties/,
            ],
            [
                "a pack that exits 0 in the middle of the run",
                {
                    "PulumiPolicy.yaml": "runtime: nodejs\n",
                    "package.json": '{"name":"p","version":"0.0.1","main":"index.js"}',
                    "index.js":
                        'const { PolicyPack } = require("@pulumi/policy");\n' +
                        'new PolicyPack("quits", { policies: [{ name: "quit", description: "d", enforcementLevel: "mandatory",\n' +
                        "  validateStack: () => process.exit(0) }] });\n",
                },
                /policy pack in .* stopped during AnalyzeStack/,
            ],
        ];
        const exportFile = () => file("valid.json", JSON.stringify(exportWith({ name: "t" })));
        for (const [name, files, cause] of packCases) {
            it(`${name}: exit 2 naming the pack`, async () => {
                let packDir: string;
                if (name === "a pack directory that is a file") {
                    packDir = file("pack-file", "not a directory");
                } else if (name === "a pack without its dependencies") {
                    packDir = fs.mkdtempSync(path.join(scratch.dir, "pack-"));
                    for (const [f, text] of Object.entries(files)) {
                        fs.writeFileSync(path.join(packDir, f), text);
                    }
                } else {
                    packDir = tempProject(files);
                }
                const run = await withinBound(runCli(["check", exportFile(), "--policy-pack", packDir]), name);
                assertCannotRun(run, cause, name);
            });
        }
    });

    describe("invalid config", () => {
        const configCases: ReadonlyArray<readonly [string, string | Buffer, RegExp]> = [
            ["config-list.json", "[]", /config-list\.json/],
            ["config-null.json", "null", /config-null\.json/],
            ["config-binary.json", Buffer.from([0x1f, 0x8b, 0, 0]), /config-binary\.json/],
            ["config-level.json", JSON.stringify({ "cis-aws-4-1-unauthorized-api-calls-monitored": "sometimes" }), /sometimes|enforcement|invalid/],
            ["config-type.json", JSON.stringify({ "cis-aws-4-1-unauthorized-api-calls-monitored": { requireTrail: "yes" } }), /requireTrail/],
            ["config-records.json", JSON.stringify({ "cis-aws-4-1-unauthorized-api-calls-monitored": { excludedRecords: "all" } }), /excludedRecords/],
        ];
        for (const [name, content, cause] of configCases) {
            it(`${name}: exit 2 naming the cause`, async () => {
                const input = file("valid.json", JSON.stringify(exportWith({ name: "t" })));
                assertCannotRun(await check(input, "--config", file(name, content)), cause, name);
            });
        }
    });
});

describe("hostile: trailwatch pattern on bad input", function () {
    this.timeout(120_000);
    const scratch = tempDir();
    after(() => scratch.remove());

    /** Exit 2 with the cause named on the first line of stdout or stderr, and no stack trace. */
    function assertPatternRejected(run: CliRun, cause: RegExp, what: string): void {
        const all = `stdout:\n${run.stdout.slice(0, 2000)}\nstderr:\n${run.stderr.slice(0, 2000)}`;
        assert.equal(run.code, 2, `${what}: exit code\n${all}`);
        assert.ok(!/^\s+at\s/m.test(run.stdout + run.stderr), `${what}: no stack trace\n${all}`);
        const first = (run.stderr.trim() === "" ? run.stdout : run.stderr).split("\n")[0]!;
        assert.match(first, cause, `${what}\n${all}`);
    }

    const nestedCis = (depth: number) => `{ ${"(".repeat(depth)}$.errorCode = "AccessDenied*"${")".repeat(depth)} }`;
    const patternCases: ReadonlyArray<readonly [string, string, RegExp]> = [
        ["1,025 characters", `{ $.errorCode = "${"A".repeat(1025 - 20)}" }`, /invalid pattern.*1,?024|invalid pattern/],
        ["a 100 kB pattern (argv allows 128 kB per argument)", `{ $.errorCode = "${hugeString(100 * 1024)}" }`, /invalid pattern/],
        ["5,000 nested parentheses", nestedCis(5000), /invalid pattern/],
        ["300 nested parentheses", nestedCis(300), /invalid pattern/],
        ["unbalanced parentheses", "{ ((($.errorCode = \"x\") }", /invalid pattern/],
        ["a lone surrogate and an ANSI escape", "{ $.errorCode = \u001b[2J\ud800 }", /invalid pattern/],
    ];
    for (const [name, pattern, cause] of patternCases) {
        it(`pattern check, ${name}: exit 2 naming the cause`, async () => {
            const run = await withinBound(runCli(["pattern", "check", "--", pattern]), name);
            assertPatternRejected(run, cause, name);
            assert.ok(!run.stdout.includes("\u001b["), "the pattern's escape sequences are not echoed to the terminal");
        });
    }

    it("pattern test: a missing file, a directory and a truncated gzip exit 2 naming them", async () => {
        const missing = await withinBound(runCli(["pattern", "test", "{ $.errorCode = \"AccessDenied*\" }", path.join(scratch.dir, "gone.json")]), "missing");
        assertPatternRejected(missing, /gone\.json/, "missing file");

        const truncated = path.join(scratch.dir, "trail.json.gz");
        fs.writeFileSync(truncated, gzipSync(Buffer.from(JSON.stringify({ Records: [{ errorCode: "AccessDenied" }] }))).subarray(0, 15));
        const run = await withinBound(runCli(["pattern", "test", "{ $.errorCode = \"AccessDenied*\" }", truncated]), "truncated gzip");
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stdout + run.stderr, /trail\.json\.gz/);
        assert.ok(!/^\s+at\s/m.test(run.stdout + run.stderr));

        const dir = await withinBound(runCli(["pattern", "test", "{ $.errorCode = \"AccessDenied*\" }", scratch.dir]), "directory");
        assert.equal(dir.code, 2, dir.stderr);
        assert.ok(!/^\s+at\s/m.test(dir.stdout + dir.stderr));
    });

    it("pattern test: a binary file exits 2 (nothing readable); a CloudTrail file cut mid-record counts what it read and warns once", async () => {
        const binary = path.join(scratch.dir, "core.bin");
        fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0xff]));
        const bin = await withinBound(runCli(["pattern", "test", "{ $.errorCode = \"AccessDenied*\" }", binary, "--json"]), "binary");
        assert.equal(bin.code, 2, bin.stderr);
        assert.ok(!/^\s+at\s/m.test(bin.stdout + bin.stderr));
        const report = JSON.parse(bin.stdout) as { events: number; unreadable: { file: string; reason: string }[] };
        assert.equal(report.events, 0);
        assert.match(report.unreadable[0]!.file, /core\.bin/);

        const cut = path.join(scratch.dir, "cut.json");
        const records = [{ errorCode: "AccessDenied" }, { errorCode: "Client.UnauthorizedOperation" }, { errorCode: "AccessDenied", eventName: "Cut" }];
        const text = JSON.stringify({ Records: records });
        fs.writeFileSync(cut, text.slice(0, text.indexOf('"Cut"')));
        const run = await withinBound(runCli(["pattern", "test", "{ $.errorCode = \"AccessDenied*\" }", cut, "--json"]), "cut");
        assert.equal(run.code, 0, run.stderr);
        assert.ok(!/^\s+at\s/m.test(run.stdout + run.stderr));
        const partial = JSON.parse(run.stdout) as { events: number; matches: number; unreadableCount: number };
        assert.deepEqual([partial.events, partial.matches, partial.unreadableCount], [2, 1, 1]);
        assert.equal(run.stderr.trim().split("\n").length, 1, `one warning line:\n${run.stderr}`);
    });

    it("pattern test: an invalid pattern exits 2 before reading any file", async () => {
        const run = await withinBound(runCli(["pattern", "test", nestedCis(5000), path.join(scratch.dir, "gone.json")]), "invalid");
        assertPatternRejected(run, /invalid pattern|pattern/, "invalid pattern");
    });
});
