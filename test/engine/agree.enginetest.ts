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
import { inPool } from "./pool";
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
    const engine = new Map<string, EngineVerdict>();
    let check: CheckVerdict[] = [];

    before(async function () {
        // Every process, two at a time: the engine's runs, then check's.
        const runs = await inPool<EngineVerdict | CheckVerdict>([
            ...stackExports.map((e) => () => analyzeWith({ file: e.file }, packs, work.env)),
            ...pairs.map((p) => () => checkInProcess(p.export.file, p.configFile)),
        ]);
        stackExports.forEach((e, i) => engine.set(e.file, runs[i] as EngineVerdict));
        check = runs.slice(stackExports.length) as CheckVerdict[];
    });

    it(`covers the corpus: ${stackExports.length} exports under ${CONFIGS.length} configs`, () => {
        assert.ok(stackExports.length >= 80, `${stackExports.length} exports`);
        // Both sides found violations somewhere and passed somewhere: a corpus that never fails proves nothing.
        const verdicts = [...engine.values()];
        assert.ok(verdicts.some((e) => e.code !== 0) && verdicts.some((e) => e.code === 0));
    });

    for (const [i, p] of pairs.entries()) {
        it(`${p.export.name}, ${p.config}`, () => {
            // The findings of this config's copy of the pack; the verdict is this copy's mandatory findings.
            const all = engine.get(p.export.file)!;
            const violations = all.violations.filter((v) => v.packVersion === p.version).map(({ packVersion: _, ...v }) => v);
            const mandatory = violations.some((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate");
            assert.ok(all.code === 0 || all.violations.some((v) => v.enforcementLevel === "mandatory"), `the engine failed:\n${all.stderr}`);
            assertAgree({ ...all, violations, code: mandatory ? 1 : 0 }, check[i]!, `${p.export.name} (${p.config})`, p.export.file);
        });
    }
});
