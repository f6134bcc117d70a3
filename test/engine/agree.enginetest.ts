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
import { CONFIGS, assertAgree, checkInProcess, configFiles, type CheckVerdict } from "./agree";
import { corpus, type CorpusExport } from "./corpus";
import { pool } from "./pool";
import { HOST_VERSION, INSTALLED_PACK, PULUMI_VERSION, analyzeWith, scratch, taggedPackCopies, type EngineVerdict } from "./pulumi";

describe(`engine: pulumi policy analyze (CLI ${PULUMI_VERSION}, pulumi-language-nodejs ${HOST_VERSION}) and trailwatch check agree on every export`, function () {
    this.timeout(2_400_000);
    const work = scratch();
    after(() => work.remove());
    const stackExports: CorpusExport[] = corpus(work.dir);
    const files = configFiles(work.dir);
    // One engine run per export carries the pack three times, one copy per config, told apart by version;
    // the default config is `{}` there (the engine takes a config for every pack or for none), none for check.
    const empty = path.join(work.dir, "config-default.json");
    fs.writeFileSync(empty, "{}");
    const copies = taggedPackCopies(INSTALLED_PACK, CONFIGS.map((_, i) => `config${i}`), work.dir);
    const packs = copies.map((c, i) => ({ dir: c.dir, config: files[i] ?? empty }));
    const pairs = stackExports.flatMap((e) => CONFIGS.map((c, i) => ({ export: e, config: c.name, configFile: files[i], version: copies[i]!.version })));
    // Every process through one queue, two at a time, each export's engine run and then its checks, so
    // each test waits only for its own runs and the first results come while the rest still run.
    let engine: Map<string, Promise<EngineVerdict>> | undefined;
    let check: Array<Promise<CheckVerdict>> = [];
    const started = () => {
        if (engine === undefined) {
            const queue = pool();
            engine = new Map();
            // A failure surfaces in the test that awaits it, not as an unhandled rejection before.
            const queued = <T>(job: () => Promise<T>) => {
                const promise = queue(job);
                promise.catch(() => undefined);
                return promise;
            };
            for (const e of stackExports) {
                engine.set(e.file, queued(() => analyzeWith({ file: e.file }, packs, work.env)));
                for (const p of pairs.filter((q) => q.export === e)) {
                    check[pairs.indexOf(p)] = queued(() => checkInProcess(p.export.file, p.configFile));
                }
            }
            check = [...check];
        }
        return { engine, check };
    };

    it(`covers the corpus: ${stackExports.length} exports under ${CONFIGS.length} configs`, () => {
        assert.ok(stackExports.length >= 80, `${stackExports.length} exports`);
        started();
    });

    for (const [i, p] of pairs.entries()) {
        it(`${p.export.name}, ${p.config}`, async () => {
            const runs = started();
            // The findings of this config's copy of the pack; the verdict is this copy's mandatory findings.
            const all = await runs.engine.get(p.export.file)!;
            const checked = await runs.check[i]!;
            const violations = all.violations.filter((v) => v.packVersion === p.version).map(({ packVersion: _, ...v }) => v);
            const mandatory = violations.some((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate");
            assert.ok(all.code === 0 || all.violations.some((v) => v.enforcementLevel === "mandatory"), `the engine failed:\n${all.stderr}`);
            assertAgree({ ...all, violations, code: mandatory ? 1 : 0 }, checked, `${p.export.name} (${p.config})`, p.export.file);
        });
    }
});
