/**
 * The real Pulumi engine and `trailwatch check` agree on every stack export of
 * the corpus (corpus.ts): `pulumi policy analyze --file X --policy-pack
 * node_modules/trailwatch/policy-pack --json` and `trailwatch check X --format
 * json` give the same verdict and the same (policy, enforcement level, URN,
 * message) violations, with no config, `{"all": "mandatory"}` and a
 * per-policy config. Where they differed, check was fixed (the engine is the
 * reference); the case stays here.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../check/helpers";
import { corpus, type CorpusExport } from "./corpus";
import { inPool } from "./pool";
import { HOST_VERSION, INSTALLED_PACK, PULUMI_VERSION, analyze, scratch, type EngineVerdict, type Finding } from "./pulumi";

/** The three configs, as `--policy-pack-config` files. */
export const CONFIGS: ReadonlyArray<{ readonly name: string; readonly config?: object }> = [
    { name: "default config" },
    { name: '{"all": "mandatory"}', config: { all: "mandatory" } },
    {
        name: "per-policy config",
        // policy-pack/README.md's configuration example, and one policy disabled.
        config: {
            "cis-aws-4-1-unauthorized-api-calls-monitored": {
                enforcementLevel: "mandatory",
                excludedRecords: [{ eventSource: "s3.amazonaws.com", eventName: "GetObject", "userIdentity.invokedBy": "cloudfront.amazonaws.com" }],
                externalLogGroups: [{ name: "org-trail", region: "us-east-1" }],
            },
            "cis-aws-4-1-filter-covers-unauthorized-calls": {
                excludedRecords: [{ eventSource: "s3.amazonaws.com", eventName: "GetObject", "userIdentity.invokedBy": "cloudfront.amazonaws.com" }],
            },
            "cis-aws-4-1-alarm-fires-on-one-call": "mandatory",
            "cis-aws-4-16-security-hub-enabled": "disabled",
        },
    },
];

/** What `trailwatch check --format json` reported. */
export interface CheckVerdict {
    readonly code: number | null;
    readonly violations: readonly Finding[];
    readonly stderr: string;
}

/** Runs `trailwatch check <input> --format json` with the installed pack. */
export async function checkJson(input: string, configFile: string | undefined, extra: readonly string[] = []): Promise<CheckVerdict> {
    const args = ["check", input, "--format", "json", "--policy-pack", INSTALLED_PACK, ...extra];
    if (configFile !== undefined) {
        args.push("--config", configFile);
    }
    const run = await runCli(args);
    assert.ok(run.code === 0 || run.code === 1, `trailwatch check could not run (exit ${run.code}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { violations: Finding[] };
    return { code: run.code, violations: report.violations, stderr: run.stderr };
}

/** Findings in one order, for comparison. */
export function sorted(findings: readonly Finding[]): Finding[] {
    const key = (f: Finding) => JSON.stringify([f.policy, f.urn, f.enforcementLevel, f.message]);
    return findings.map((f) => ({ policy: f.policy, enforcementLevel: f.enforcementLevel, urn: f.urn, message: f.message })).sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

/** Asserts the engine's and check's answers are the same, verdict and violations. */
export function assertAgree(engine: EngineVerdict, check: CheckVerdict, what: string): void {
    const engineMandatory = engine.violations.some((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate");
    // The engine exits non-zero for a mandatory violation and for nothing else that may happen here.
    assert.equal(engine.code !== 0, engineMandatory, `${what}: the engine exited ${engine.code} (summary ${engine.result}):\n${engine.stderr}`);
    assert.deepEqual(sorted(check.violations), sorted(engine.violations), `${what}: check's violations (actual) differ from the engine's (expected)`);
    assert.equal(check.code === 1, engineMandatory, `${what}: check's verdict (exit ${check.code}) differs from the engine's`);
}

describe(`engine: pulumi policy analyze (CLI ${PULUMI_VERSION}, pulumi-language-nodejs ${HOST_VERSION}) and trailwatch check agree on every export`, function () {
    this.timeout(900_000);
    const work = scratch();
    after(() => work.remove());
    const exports: CorpusExport[] = corpus(work.dir);
    const configFiles = CONFIGS.map((c, i) => {
        if (c.config === undefined) {
            return undefined;
        }
        const file = path.join(work.dir, `config-${i}.json`);
        fs.writeFileSync(file, JSON.stringify(c.config));
        return file;
    });
    const pairs = exports.flatMap((e) => CONFIGS.map((c, i) => ({ export: e, config: c.name, configFile: configFiles[i] })));
    let engine: EngineVerdict[] = [];
    let check: CheckVerdict[] = [];

    before(async function () {
        // Every process, two at a time: the engine's runs, then check's.
        const results = await inPool<EngineVerdict | CheckVerdict>([
            ...pairs.map((p) => () => analyze({ file: p.export.file }, INSTALLED_PACK, p.configFile, work.env)),
            ...pairs.map((p) => () => checkJson(p.export.file, p.configFile)),
        ]);
        engine = results.slice(0, pairs.length) as EngineVerdict[];
        check = results.slice(pairs.length) as CheckVerdict[];
    });

    it(`covers the corpus: ${exports.length} exports under ${CONFIGS.length} configs`, () => {
        assert.ok(exports.length >= 90, `${exports.length} exports`);
        // Both sides found violations somewhere and passed somewhere: a corpus that never fails proves nothing.
        assert.ok(engine.some((e) => e.code !== 0) && engine.some((e) => e.code === 0));
    });

    for (const [i, p] of pairs.entries()) {
        it(`${p.export.name}, ${p.config}`, () => assertAgree(engine[i]!, check[i]!, `${p.export.name} (${p.config})`));
    }
});
