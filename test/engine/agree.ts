/**
 * What "the engine and `trailwatch check` agree" means: the same verdict and
 * the same (policy, enforcement level, URN, message) violations; and the
 * three policy configs every comparison runs under.
 */
import * as assert from "node:assert/strict";
import { runCli } from "../check/helpers";
import * as fs from "node:fs";
import * as path from "node:path";
import type { jsonReport as JsonReport } from "../../component/src/check/report/json";
import type { runCheck as RunCheck } from "../../component/src/check/run";
import type { makeScrubber as MakeScrubber } from "../../component/src/check/scrub";
import type { readStackExport as ReadStackExport } from "../../component/src/check/stack-export";
import type { secretPlaintexts as SecretPlaintexts } from "../../component/src/check/wire";
import { INSTALLED_PACK, REPO, type EngineVerdict, type Finding } from "./pulumi";

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

/**
 * `trailwatch check <export> --format json` without the command line around
 * it: the same runCheck and JSON report the CLI renders, the exit code as the
 * CLI sets it. Saves a Node.js start per check (hundreds in the corpus); the
 * CLI itself is what the program and launch suites run.
 */
export async function checkInProcess(file: string, configFile: string | undefined): Promise<CheckVerdict> {
    const { runCheck } = checkModule<{ runCheck: typeof RunCheck }>("run");
    const { jsonReport } = checkModule<{ jsonReport: typeof JsonReport }>(path.join("report", "json"));
    const logs: string[] = [];
    const result = await runCheck({ input: file, mode: "preview", packDir: INSTALLED_PACK, configFile, onLog: (e) => logs.push(`${e.severity}: ${e.message}`) });
    const report = jsonReport(result);
    return { code: report.summary.mandatory > 0 ? 1 : 0, violations: report.violations, stderr: logs.join("\n") };
}

/** A module of check's engine, compiled (the package exports only its entry points). */
function checkModule<T>(name: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(REPO, "component", "dist", "check", name)) as T;
}

/**
 * The engine's findings with the export's secret plaintexts masked as check
 * masks them: the engine prints a pack's message as it is, check never
 * prints a secret (README, "trailwatch check"), a deliberate difference.
 */
export function maskedAsCheck(engine: EngineVerdict, exportFile: string): EngineVerdict {
    const { readStackExport } = checkModule<{ readStackExport: typeof ReadStackExport }>("stack-export");
    const { secretPlaintexts } = checkModule<{ secretPlaintexts: typeof SecretPlaintexts }>("wire");
    const { makeScrubber } = checkModule<{ makeScrubber: typeof MakeScrubber }>("scrub");
    const secrets = new Set<string>();
    for (const r of readStackExport(exportFile).resources) {
        secretPlaintexts(r.inputs, secrets);
        secretPlaintexts(r.outputs, secrets);
    }
    const scrub = makeScrubber(secrets);
    return { ...engine, violations: engine.violations.map((v) => ({ ...v, message: scrub(v.message) })) };
}

/**
 * Asserts the engine's and check's answers are the same, verdict and
 * violations, the engine's messages masked as check masks secrets.
 */
export function assertAgree(unmasked: EngineVerdict, check: CheckVerdict, what: string, exportFile: string): void {
    const engine = maskedAsCheck(unmasked, exportFile);
    const engineMandatory = engine.violations.some((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate");
    // The engine exits non-zero for a mandatory violation and for nothing else that may happen here.
    assert.equal(engine.code !== 0, engineMandatory, `${what}: the engine exited ${engine.code} (summary ${engine.result}):\n${engine.stderr}`);
    assert.deepEqual(sorted(check.violations), sorted(engine.violations), `${what}: check's violations (actual) differ from the engine's (expected)`);
    assert.equal(check.code === 1, engineMandatory, `${what}: check's verdict (exit ${check.code}) differs from the engine's`);
    assertQuiet(unmasked, what);
}

/** The engine's own stderr lines a run here may print; anything else came from the pack. */
const ENGINE_LINES = [/^warning: could not decrypt secrets in .+; analyzing with secret values redacted$/, /^error: one or more mandatory policy violations were found$/];

/** Our pack adds nothing to what the engine prints: no diagnostics, no stderr lines, no stack traces. */
export function assertQuiet(engine: EngineVerdict, what: string): void {
    const noise = engine.stderr.split("\n").filter((l) => l.trim() !== "" && !ENGINE_LINES.some((re) => re.test(l)));
    assert.deepEqual([...engine.diagnostics, ...noise], [], `${what}: the engine printed more than its own lines`);
}

/** Writes the configs that have a file into `dir`; undefined for the default config. */
export function configFiles(dir: string): Array<string | undefined> {
    return CONFIGS.map((c, i) => {
        if (c.config === undefined) {
            return undefined;
        }
        const file = path.join(dir, `config-${i}.json`);
        fs.writeFileSync(file, JSON.stringify(c.config));
        return file;
    });
}
