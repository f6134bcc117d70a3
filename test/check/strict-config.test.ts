/**
 * A typo in the policy config fails closed: unknown policy names, unknown
 * keys and wrong types are refused with one line naming the bad key and the
 * nearest valid one, by `trailwatch check` (before anything starts) and by
 * the pack itself at Configure (where `pulumi preview --policy-pack` sends
 * the config), through one validation module.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { POLICY_NAME_ALIASES, policyConfigProblems, resolvePolicyAliases } from "trailwatch/engine";
import { policies } from "trailwatch-policy-pack/dist/policies";
import type * as AnalyzerProcessModule from "../../component/src/check/analyzer-process";
import type * as EngineServiceModule from "../../component/src/check/engine-service";
import type * as PackLogModule from "../../component/src/check/pack-log";
import { REPO, loadCheck, ownErrorLines, runCli } from "./helpers";

const { startAnalyzer } = loadCheck<typeof AnalyzerProcessModule>("analyzer-process");
const { startEngineService } = loadCheck<typeof EngineServiceModule>("engine-service");
const { PackLog } = loadCheck<typeof PackLogModule>("pack-log");

const STACK = "cis-aws-4-1-unauthorized-api-calls-monitored";
const FILTER = "cis-aws-4-1-filter-covers-unauthorized-calls";
const PACK_DIR = path.join(REPO, "component", "policy-pack");

/** The pack's policies as the validation sees them (name and schema), straight from its source. */
const TARGETS = policies.map((p) => ({ name: p.name, configSchema: p.configSchema }));

/**
 * A stack with no trail, in the shape `pulumi stack export` writes (the
 * stack resource of test/check/fixtures/exports/broken-no-filter.json): the
 * verdict then turns on `requireTrail`, so a config typo that drops it
 * changes exit 1 into exit 0.
 */
function noTrailExport(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-strict-config-"));
    const file = path.join(dir, "no-trail.json");
    const stack = "urn:pulumi:prod::no-trail::pulumi:pulumi:Stack::no-trail-prod";
    fs.writeFileSync(
        file,
        JSON.stringify({
            version: 3,
            deployment: {
                manifest: { time: "2026-11-20T10:00:05.123456Z", magic: "", version: "v3.259.0" },
                resources: [{ urn: stack, custom: false, type: "pulumi:pulumi:Stack", outputs: {} }],
            },
        }),
    );
    return file;
}

function writeConfig(config: unknown): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-strict-config-")), "policy-config.json");
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

/** The configs of the field test, each of which exited 0 on a stack without a trail. */
const TYPOS: readonly { config: Record<string, unknown>; names: RegExp }[] = [
    { config: { [STACK]: { requiredTrail: true } }, names: /unknown key "requiredTrail"; did you mean "requireTrail"\?/ },
    { config: { All: "mandatory", [STACK]: { requireTrail: true } }, names: /unknown policy "All"; did you mean "all"\?/ },
    {
        config: { "cis-aws-4-1-unauthorised-api-calls-monitored": { requireTrail: true } },
        names: /unknown policy "cis-aws-4-1-unauthorised-api-calls-monitored"; did you mean "cis-aws-4-1-unauthorized-api-calls-monitored"\?/,
    },
    { config: { [STACK]: { enforcmentLevel: "advisory", requireTrail: true } }, names: /unknown key "enforcmentLevel"; did you mean "enforcementLevel"\?/ },
    { config: { "cis-aws-9-9-no-such-control": "mandatory", [STACK]: { requireTrail: true } }, names: /unknown policy "cis-aws-9-9-no-such-control"; did you mean/ },
    { config: { [STACK]: { requireTrail: "true" } }, names: /requireTrail: Invalid type\. Expected: boolean, given: string/ },
];

describe("strict policy config: one module, the same verdict in check and in the pack", () => {
    describe("policyConfigProblems (in process)", () => {
        for (const { config, names } of TYPOS) {
            it(`refuses ${JSON.stringify(config)}, naming the key and the nearest valid one`, () => {
                const problems = policyConfigProblems(TARGETS, config);
                assert.ok(problems.some((p) => names.test(p)), problems.join("\n"));
            });
        }

        it("accepts every documented form: all, levels, properties, nested external log groups", () => {
            const config = {
                all: "mandatory",
                [STACK]: { enforcementLevel: "advisory", requireTrail: true, externalLogGroups: [{ name: "trail-logs", region: "eu-west-1" }] },
                [FILTER]: { excludedRecords: [{ eventSource: "s3.amazonaws.com", eventName: "GetObject" }] },
                "cis-aws-4-16-security-hub-enabled": { managedElsewhere: true },
            };
            assert.deepEqual(policyConfigProblems(TARGETS, config), []);
        });

        it("names unknown keys inside a closed nested object, with the nearest", () => {
            const problems = policyConfigProblems(TARGETS, { [STACK]: { externalLogGroups: [{ name: "g", regoin: "eu-west-1" }] } });
            assert.deepEqual(problems, [`${STACK}.externalLogGroups[0]: unknown key "regoin"; did you mean "region"?`]);
        });

        it("refuses properties under all, which the engine would ignore", () => {
            assert.match(policyConfigProblems(TARGETS, { all: { requireTrail: true } }).join(), /all: unknown key "requireTrail"/);
        });

        it("renames an alias to the policy it names, its keys over the current name's", () => {
            const aliases = { "old-stack-policy": STACK };
            assert.deepEqual(policyConfigProblems(TARGETS, { "old-stack-policy": { requireTrail: true } }, aliases), []);
            assert.deepEqual(resolvePolicyAliases({ "old-stack-policy": { requireTrail: true }, [STACK]: { requireTrail: false, enforcementLevel: "advisory" } }, aliases), {
                [STACK]: { requireTrail: true, enforcementLevel: "advisory" },
            });
            // The table itself maps old names to policies the pack has.
            for (const [alias, current] of Object.entries(POLICY_NAME_ALIASES)) {
                assert.ok(TARGETS.some((t) => t.name === current), `alias ${alias} names ${current}, which the pack does not have`);
            }
        });
    });

    describe("a one-character change to a key or policy name (property)", () => {
        const byName = new Map(TARGETS.map((t) => [t.name, t]));
        /** A valid config: some policies, each a level or an object of some of its keys with valid values. */
        const configArb = fc
            .subarray([...byName.keys(), "all"], { minLength: 1, maxLength: 5 })
            .chain((names) =>
                fc.tuple(
                    ...names.map((name) => {
                        const properties = (byName.get(name)?.configSchema?.properties ?? {}) as Record<string, { type?: string; default?: unknown }>;
                        const keys = Object.keys(properties);
                        const level = fc.constantFrom("advisory", "mandatory", "disabled");
                        const entry =
                            keys.length === 0
                                ? level
                                : fc.oneof(
                                      level,
                                      fc.record(
                                          {
                                              enforcementLevel: level,
                                              ...Object.fromEntries(keys.map((k) => [k, fc.constant(validValue(k, properties[k]!))])),
                                          },
                                          { requiredKeys: [] },
                                      ),
                                  );
                        return entry.map((value) => [name, value] as const);
                    }),
                ),
            )
            .map((entries) => Object.fromEntries(entries) as Record<string, unknown>);

        /** One character inserted, deleted or replaced (the edits a typo makes). */
        const editArb = fc.record({ kind: fc.constantFrom("insert", "delete", "replace"), at: fc.nat(), char: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzA0-1_.") });

        function mutate(word: string, edit: { kind: string; at: number; char: string }): string {
            const i = edit.at % (word.length + (edit.kind === "insert" ? 1 : 0));
            if (edit.kind === "insert") return word.slice(0, i) + edit.char + word.slice(i);
            if (edit.kind === "delete") return word.slice(0, i) + word.slice(i + 1);
            return word.slice(0, i) + edit.char + word.slice(i + 1);
        }

        /** Every key path in a config a typo can hit: policy names, their keys, keys of nested closed objects. */
        function keyPaths(config: Record<string, unknown>): string[][] {
            const paths: string[][] = [];
            for (const [name, value] of Object.entries(config)) {
                paths.push([name]);
                if (typeof value === "object" && value !== null) {
                    for (const [key, item] of Object.entries(value)) {
                        paths.push([name, key]);
                        if (key === "externalLogGroups" && Array.isArray(item)) {
                            item.forEach((group: object, i) => Object.keys(group).forEach((k) => paths.push([name, key, String(i), k])));
                        }
                    }
                }
            }
            return paths;
        }

        function renameKey(config: Record<string, unknown>, keyPath: readonly string[], to: string): Record<string, unknown> {
            const copy = structuredClone(config);
            let parent: Record<string, unknown> = copy;
            for (const part of keyPath.slice(0, -1)) parent = parent[part] as Record<string, unknown>;
            const from = keyPath[keyPath.length - 1]!;
            const value = parent[from];
            delete parent[from];
            parent[to] = value;
            return copy;
        }

        // An alias one character from its policy's name, so the "same config" branch is exercised too.
        const aliases = { ...POLICY_NAME_ALIASES, "cis-aws-4-1-unauthorized-api-call-monitored": STACK };

        /** A generated config and its one-character mutant, as the property builds them (no alias table). */
        function mutantOf(config: Record<string, unknown>, pick: number, edit: { kind: string; at: number; char: string }): Record<string, unknown> | undefined {
            const paths = keyPaths(config);
            const keyPath = paths[pick % paths.length]!;
            const changed = mutate(keyPath[keyPath.length - 1]!, edit);
            return changed === keyPath[keyPath.length - 1] ? undefined : renameKey(config, keyPath, changed);
        }

        it("a few generated mutants, through the CLI: exit 2, one line each", async function () {
            this.timeout(180_000);
            const input = noTrailExport();
            const samples = fc
                .sample(fc.tuple(configArb, fc.nat(), editArb), { seed: 4117, numRuns: 40 })
                .map(([config, pick, edit]) => mutantOf(config, pick, edit))
                .filter((m): m is Record<string, unknown> => m !== undefined && policyConfigProblems(TARGETS, m).length > 0)
                .slice(0, 3);
            assert.equal(samples.length, 3);
            const runs = await Promise.all(samples.map((m) => runCli(["check", input, "--config", writeConfig(m)])));
            runs.forEach((run, i) => {
                assert.equal(run.code, 2, `${JSON.stringify(samples[i])}: ${run.stderr}${run.stdout}`);
                assert.equal(ownErrorLines(run.stderr).length, 1, run.stderr);
                assert.match(ownErrorLines(run.stderr)[0]!, /invalid policy config .*(unknown (key|policy) "[^"]*"; did you mean "[^"]+"\?)/);
            });
        });

        it("is refused, or is the same config (an alias), never a silent change", () => {
            fc.assert(
                fc.property(configArb, fc.nat(), editArb, (config, pick, edit) => {
                    assert.deepEqual(policyConfigProblems(TARGETS, config, aliases), [], "the generated config is valid");
                    const paths = keyPaths(config);
                    const keyPath = paths[pick % paths.length]!;
                    const changed = mutate(keyPath[keyPath.length - 1]!, edit);
                    fc.pre(changed !== keyPath[keyPath.length - 1]);
                    const mutant = renameKey(config, keyPath, changed);
                    const refused = policyConfigProblems(TARGETS, mutant, aliases).length > 0;
                    const same = JSON.stringify(sorted(resolvePolicyAliases(mutant, aliases))) === JSON.stringify(sorted(resolvePolicyAliases(config, aliases)));
                    assert.ok(refused || same, `${JSON.stringify(mutant)} is accepted and differs from ${JSON.stringify(config)}`);
                }),
                { seed: 17, numRuns: 2000 },
            );
        });
    });

    describe("through the CLI and the real pack", function () {
        this.timeout(180_000);
        const input = noTrailExport();

        it("check refuses each field-test typo with one line and exit 2 (a correct config fails the stack: exit 1)", async () => {
            const correct = await runCli(["check", input, "--config", writeConfig({ [STACK]: { requireTrail: true } })]);
            assert.equal(correct.code, 1, correct.stderr + correct.stdout);
            const runs = await Promise.all(TYPOS.slice(0, 4).map(({ config }) => runCli(["check", input, "--config", writeConfig(config)])));
            runs.forEach((run, i) => {
                assert.equal(run.code, 2, `${JSON.stringify(TYPOS[i]!.config)}: ${run.stderr}${run.stdout}`);
                const lines = ownErrorLines(run.stderr);
                assert.equal(lines.length, 1, run.stderr);
                assert.match(lines[0]!, TYPOS[i]!.names);
            });
        });

        it("the pack itself refuses at Configure what the engine passes on (unknown names and keys), and takes a valid config", async () => {
            const log = new PackLog();
            const engine = await startEngineService(log);
            try {
                const pack = await startAnalyzer(PACK_DIR, engine.address, { variables: {} }, log);
                try {
                    // What the engine's ReconcilePolicyPackConfig sends: the known policy's defaults and keys, an unknown name as given.
                    const request = (entries: Record<string, [analyzerproto.EnforcementLevel, Record<string, unknown>]>) => {
                        const req = new analyzerproto.ConfigureAnalyzerRequest();
                        for (const [name, [level, properties]] of Object.entries(entries)) {
                            req.getPolicyconfigMap().set(
                                name,
                                new analyzerproto.PolicyConfig().setEnforcementlevel(level).setProperties(Struct.fromJavaScript(properties as never)),
                            );
                        }
                        return req;
                    };
                    const configure = (req: analyzerproto.ConfigureAnalyzerRequest) =>
                        new Promise<void>((resolve, reject) => pack.client.configure(req, (err) => (err ? reject(err) : resolve())));
                    const MANDATORY = analyzerproto.EnforcementLevel.MANDATORY;
                    await assert.rejects(
                        configure(request({ [STACK]: [MANDATORY, { requireTrail: false }], "cis-aws-4-1-unauthorised-api-calls-monitored": [MANDATORY, {}] })),
                        (err: Error) => /unknown policy "cis-aws-4-1-unauthorised-api-calls-monitored"; did you mean "cis-aws-4-1-unauthorized-api-calls-monitored"\?/.test(err.message),
                    );
                    await assert.rejects(
                        configure(request({ [STACK]: [MANDATORY, { requireTrail: false, requiredTrail: true }] })),
                        (err: Error) => /unknown key "requiredTrail"; did you mean "requireTrail"\?/.test(err.message) && !err.message.includes("\n    at "),
                    );
                    await configure(request({ [STACK]: [MANDATORY, { requireTrail: true }], all: [MANDATORY, {}] }));
                } finally {
                    await pack.close();
                }
            } finally {
                await engine.close();
            }
        });
    });
});

/** A value the schema accepts for `key`: its default where it has one, else a small valid one. */
function validValue(key: string, schema: { type?: string; default?: unknown }): unknown {
    if (key === "externalLogGroups") return [{ name: "trail-logs", region: "eu-west-1" }];
    if (key === "excludedRecords") return [{ eventSource: "s3.amazonaws.com" }];
    if (schema.type === "boolean") return true;
    return schema.default;
}

function sorted(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sorted);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
    }
    return value;
}
