/**
 * `trailwatch check` rejects what `pulumi preview` rejects, with one line
 * and exit 2, instead of passing a program the engine would never run:
 *
 * - two resources with the same URN: the engine's step generator fails the
 *   preview with diag 2001, "Duplicate resource URN '<urn>'; try giving it a
 *   unique name" (pulumi/pulumi pkg/resource/deploy/step_generator.go
 *   `generateURN`, sdk/go/common/diag/errors.go);
 * - a TypeScript type error: the Node.js language host runs ts-node, which
 *   type-checks unless `PULUMI_NODEJS_TRANSPILE_ONLY=true`, the tsconfig's
 *   `compilerOptions.noCheck`, or Pulumi.yaml's `typescript: false` says
 *   otherwise (sdk/nodejs/cmd/run/run.ts, cmd/pulumi-language-nodejs).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROBE_PACK, ownErrorLines, runCli, tempProject } from "./helpers";

/** A program whose only fault is a type error the field test met: retentionInDays as a string. */
const TYPE_ERROR_PROGRAM = [
    'import * as aws from "@pulumi/aws";',
    "",
    'export const group = new aws.cloudwatch.LogGroup("trail-logs", { retentionInDays: "365" }).name;',
    "",
].join("\n");

function pulumiYaml(options: string = ""): string {
    return `name: typed\nruntime:\n  name: nodejs\n${options === "" ? "" : `  options:\n${options}`}`;
}

describe("check rejects what the engine rejects", function () {
    this.timeout(180_000);

    it("two resources with the same type and name: exit 2, the engine's duplicate-URN error", async () => {
        const dir = tempProject({
            "Pulumi.yaml": "name: twice\nruntime: nodejs\n",
            "index.js": ['const aws = require("@pulumi/aws");', 'new aws.sns.Topic("alerts");', 'new aws.sns.Topic("alerts");', ""].join("\n"),
        });
        const run = await runCli(["check", dir, "--policy-pack", PROBE_PACK]);
        assert.equal(run.code, 2, run.stderr + run.stdout);
        const lines = ownErrorLines(run.stderr);
        assert.equal(lines.length, 1, run.stderr);
        assert.match(lines[0]!, /Duplicate resource URN 'urn:pulumi:dev::twice::pulumi:pulumi:Stack\$aws:sns\/topic:Topic::alerts'; try giving it a unique name/);
    });

    it("the same name under different parents is two URNs, and runs", async () => {
        const dir = tempProject({
            "Pulumi.yaml": "name: nested\nruntime: nodejs\n",
            "index.js": [
                'const pulumi = require("@pulumi/pulumi");',
                'const aws = require("@pulumi/aws");',
                'const a = new pulumi.ComponentResource("acme:index:Group", "a");',
                'const b = new pulumi.ComponentResource("acme:index:Other", "b");',
                'new aws.sns.Topic("alerts", {}, { parent: a });',
                'new aws.sns.Topic("alerts", {}, { parent: b });',
                "",
            ].join("\n"),
        });
        const run = await runCli(["check", dir, "--policy-pack", PROBE_PACK]);
        assert.notEqual(run.code, 2, run.stderr);
    });

    it("a TypeScript type error: exit 2 with the compiler's line, as ts-node fails the preview", async () => {
        const dir = tempProject({ "Pulumi.yaml": pulumiYaml(), "index.ts": TYPE_ERROR_PROGRAM });
        const run = await runCli(["check", dir, "--policy-pack", PROBE_PACK]);
        assert.equal(run.code, 2, run.stderr + run.stdout);
        const lines = ownErrorLines(run.stderr);
        assert.equal(lines.length, 1, run.stderr);
        assert.match(lines[0]!, /TypeScript error in .*: index\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type/);
    });

    describe("type-checking off, the ways the language host honours", () => {
        const cases: readonly { what: string; files: Record<string, string>; env?: NodeJS.ProcessEnv }[] = [
            { what: "PULUMI_NODEJS_TRANSPILE_ONLY=true", files: {}, env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } },
            { what: "compilerOptions.noCheck in tsconfig.json", files: { "tsconfig.json": JSON.stringify({ compilerOptions: { noCheck: true, strict: true } }) } },
            {
                what: "noCheck in the tsconfig the runtime option names",
                files: { "Pulumi.yaml": pulumiYaml("    tsconfig: tsconfig.pulumi.json\n"), "tsconfig.pulumi.json": JSON.stringify({ compilerOptions: { noCheck: true } }) },
            },
            { what: "runtime option typescript: false", files: { "Pulumi.yaml": pulumiYaml("    typescript: false\n") } },
        ];
        for (const { what, files, env } of cases) {
            it(`${what}: the program runs`, async () => {
                const dir = tempProject({ "Pulumi.yaml": pulumiYaml(), "index.ts": TYPE_ERROR_PROGRAM, ...files });
                const run = await runCli(["check", dir, "--mode", "update", "--format", "json", "--policy-pack", PROBE_PACK], env);
                assert.notEqual(run.code, 2, run.stderr);
                const report = JSON.parse(run.stdout) as { summary: { resources: number } };
                assert.ok(report.summary.resources > 1, run.stdout);
            });
        }

        it("PULUMI_NODEJS_TRANSPILE_ONLY set to anything but true type-checks", async () => {
            // Any type error shows it; one without @pulumi/aws spares type-checking against its 3,000 declaration files.
            const program = 'import * as pulumi from "@pulumi/pulumi";\n\nexport const retentionInDays: number = new pulumi.Config().get("retention") ?? "365";\n';
            const dir = tempProject({ "Pulumi.yaml": pulumiYaml(), "index.ts": program });
            const run = await runCli(["check", dir, "--policy-pack", PROBE_PACK], { PULUMI_NODEJS_TRANSPILE_ONLY: "1" });
            assert.equal(run.code, 2, run.stderr);
            assert.match(ownErrorLines(run.stderr)[0]!, /error TS2322/);
        });

        it("a tsconfig runtime option naming a missing file: exit 2, the host's words", async () => {
            const dir = tempProject({ "Pulumi.yaml": pulumiYaml("    tsconfig: missing.json\n"), "index.ts": TYPE_ERROR_PROGRAM });
            const run = await runCli(["check", dir, "--policy-pack", PROBE_PACK]);
            assert.equal(run.code, 2, run.stderr);
            assert.match(ownErrorLines(run.stderr)[0]!, /tsconfig path was set to missing\.json but the file was not found/);
            assert.ok(!fs.existsSync(path.join(dir, "missing.json")));
        });
    });
});
