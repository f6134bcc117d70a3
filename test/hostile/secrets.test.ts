/**
 * Secret values never reach the user: not in any report format, not in a
 * pack log line, not in a violation message, including values that get
 * there through string interpolation of a property (quoted, JSON-escaped,
 * inspected). Each secret carries a marker that survives any escaping, so a
 * leak in any form is found.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { chain } from "../policy/stacks";
import { FIXTURES, checkEveryFormat, runCli, tempProject, type CliRun } from "../check/helpers";
import { PACK_DIR, messagesOf, startPack, tempDir, withinBound } from "./generators";
import { replaceStrings, type Json } from "../support/json";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A plaintext secret as `pulumi stack export --show-secrets` writes it. */
function plaintextSecret(value: unknown): Record<string, string> {
    return { [SIG]: SECRET_SIG, plaintext: JSON.stringify(value) };
}

interface ExportResource {
    type: string;
    inputs?: Record<string, Json>;
    outputs?: Record<string, Json>;
}

/** Every marker that shows up anywhere in a run's output, with the text around it. */
function leaks(run: CliRun, markers: readonly string[]): string[] {
    const text = run.stdout + run.stderr;
    return markers.filter((m) => text.includes(m)).map((m) => {
        const at = text.indexOf(m);
        return `${m}: …${text.slice(Math.max(0, at - 200), at + 100)}…`;
    });
}

describe("hostile: secrets never reach the output", function () {
    this.timeout(180_000);
    const scratch = tempDir();
    after(() => scratch.remove());

    describe("the real pack, through trailwatch check on a --show-secrets export", () => {
        const GROUP = "management-events-events-aad1ecf";
        const variants: ReadonlyArray<readonly [string, string, string]> = [
            ["a plain secret log group name", "grp-S3CRETMARKA/prod.audit#1", "S3CRETMARKA"],
            ["a secret log group name with quotes, a backslash and a control character", 'grp-S3CRETMARKB-"q"\\b\u0001', "S3CRETMARKB"],
            ["a secret log group name with non-ASCII text", "grp-S3CRETMARKC-überwachung-監視", "S3CRETMARKC"],
        ];
        for (const [name, secretName, marker] of variants) {
            it(`${name}, in a broken chain whose violation names the group: masked in every format`, async () => {
                const original = JSON.parse(fs.readFileSync(path.join(FIXTURES, "exports", "compliant-plaintext.json"), "utf8")) as Json;
                const exported = replaceStrings(original, GROUP, secretName) as unknown as { deployment: { resources: ExportResource[] } };
                for (const r of exported.deployment.resources) {
                    if (r.type === "aws:cloudwatch/logGroup:LogGroup") {
                        r.inputs!.name = plaintextSecret(secretName);
                        r.outputs!.name = plaintextSecret(secretName);
                    }
                    if (r.type === "aws:cloudwatch/metricAlarm:MetricAlarm") {
                        // An alarm that never fires on one call: the stack policy names the group and the fix.
                        r.inputs!.threshold = 5;
                        r.outputs!.threshold = 5;
                    }
                }
                const file = path.join(scratch.dir, `export-${variants.findIndex((v) => v[2] === marker)}.json`);
                fs.writeFileSync(file, JSON.stringify(exported));
                const runs = await checkEveryFormat(["check", file, "--policy-pack", PACK_DIR], `${file}.report`, (a) => withinBound(runCli(a), "check in every format"));
                for (const [format, run] of runs) {
                    assert.equal(run.code, 1, `a mandatory violation was found (${format}):\n${run.stderr}`);
                    assert.match(run.stdout, /\[secret\]/, `the message named the group, masked (${format})`);
                    assert.deepEqual(leaks(run, [marker]), [], `secret leaked in --format ${format}`);
                }
            });
        }
    });

    describe("a pack that echoes what it sees, through trailwatch check", () => {
        const markers = ["S3CRETMARKD", "S3CRETMARKE", "S3CRETMARKF"];
        const echoPack = () =>
            tempProject({
                "PulumiPolicy.yaml": "runtime: nodejs\n",
                "package.json": JSON.stringify({ name: "echo", version: "0.0.1", main: "index.js" }),
                "index.js": [
                    'const util = require("node:util");',
                    'const pulumi = require("@pulumi/pulumi");',
                    'const { PolicyPack } = require("@pulumi/policy");',
                    'new PolicyPack("echo", { policies: [',
                    '  { name: "echo-resource", description: "echoes", enforcementLevel: "mandatory",',
                    "    validateResource: (args, report) => {",
                    '      if (args.type !== "aws:sns/topic:Topic") return;',
                    "      const p = args.props;",
                    "      console.log(`stdout ${p.name} ${JSON.stringify(p)}`);",
                    "      console.error(`stderr ${util.inspect(p, { depth: 5 })}`);",
                    "      pulumi.log.warn(`log ${p.name} ${JSON.stringify(p.policy)}`);",
                    "      report(`interpolated ${p.name}; json ${JSON.stringify(p)}; inspected ${util.inspect(p)}; string ${String(p.policy && p.policy.k)}`);",
                    "    } },",
                    '  { name: "echo-stack", description: "echoes", enforcementLevel: "advisory",',
                    "    validateStack: (args, report) => {",
                    '      const t = args.resources.find((r) => r.type === "aws:sns/topic:Topic");',
                    "      report(`stack sees ${JSON.stringify(t.props)}`);",
                    "    } },",
                    "] });",
                    "",
                ].join("\n"),
            });

        it("masks secrets the pack prints raw, JSON-escaped or inspected, in reports, log lines and errors", async () => {
            const exported: { version: number; deployment: { resources: Record<string, unknown>[] } } = {
                version: 3,
                deployment: {
                    resources: [
                        { urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", type: "pulumi:pulumi:Stack" },
                        {
                            urn: "urn:pulumi:dev::p::aws:sns/topic:Topic::t",
                            type: "aws:sns/topic:Topic",
                            custom: true,
                            inputs: {
                                name: plaintextSecret('topic-S3CRETMARKD-"quoted"\\'),
                                policy: plaintextSecret({ k: "value S3CRETMARKE\nsecond line" }),
                                displayName: plaintextSecret("it's S3CRETMARKF"),
                            },
                        },
                    ],
                },
            };
            exported.deployment.resources[1]!.outputs = exported.deployment.resources[1]!.inputs;
            const file = path.join(scratch.dir, "echo.json");
            fs.writeFileSync(file, JSON.stringify(exported));
            const pack = echoPack();
            const runs = await checkEveryFormat(["check", file, "--policy-pack", pack], `${file}.report`, (a) => withinBound(runCli(a), "check in every format"));
            for (const [format, run] of runs) {
                assert.equal(run.code, 1, `the echo pack reported (${format}):\n${run.stderr}`);
                assert.deepEqual(leaks(run, markers), [], `secret leaked in --format ${format}`);
            }
        });
    });

    describe("the real pack over gRPC", () => {
        it("never prints an output listed in additionalSecretOutputs, even in a failing chain", async () => {
            const pack = await startPack();
            try {
                const resources = chain({
                    mode: "update",
                    props: { trail: { name: "trail-S3CRETMARKG" }, alarm: { threshold: 5, name: "alarm-S3CRETMARKH" }, topic: { name: "topic-S3CRETMARKI" } },
                }).map((r) => ({ ...r, secretOutputs: ["name"] }));
                const response = await pack.analyzeStack(resources);
                const messages = messagesOf(response);
                assert.ok(messages.length > 0, "the broken chain is reported");
                for (const marker of ["S3CRETMARKG", "S3CRETMARKH", "S3CRETMARKI"]) {
                    assert.deepEqual(
                        messages.filter((m) => m.includes(marker)),
                        [],
                        `${marker} (an additionalSecretOutputs value) leaked`,
                    );
                }
                await pack.assertHealthy();
            } finally {
                await pack.close();
            }
        });
    });
});
