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
import { CONFIGS, assertAgree, checkJson, configFiles, type CheckVerdict } from "./agree";
import { corpus, type CorpusExport } from "./corpus";
import { inPool } from "./pool";
import { HOST_VERSION, INSTALLED_PACK, PULUMI_VERSION, analyze, scratch, type EngineVerdict } from "./pulumi";

describe(`engine: pulumi policy analyze (CLI ${PULUMI_VERSION}, pulumi-language-nodejs ${HOST_VERSION}) and trailwatch check agree on every export`, function () {
    this.timeout(900_000);
    const work = scratch();
    after(() => work.remove());
    const stackExports: CorpusExport[] = corpus(work.dir);
    const files = configFiles(work.dir);
    const pairs = stackExports.flatMap((e) => CONFIGS.map((c, i) => ({ export: e, config: c.name, configFile: files[i] })));
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

    it(`covers the corpus: ${stackExports.length} exports under ${CONFIGS.length} configs`, () => {
        assert.ok(stackExports.length >= 90, `${stackExports.length} exports`);
        // Both sides found violations somewhere and passed somewhere: a corpus that never fails proves nothing.
        assert.ok(engine.some((e) => e.code !== 0) && engine.some((e) => e.code === 0));
    });

    for (const [i, p] of pairs.entries()) {
        it(`${p.export.name}, ${p.config}`, () => assertAgree(engine[i]!, check[i]!, `${p.export.name} (${p.config})`, p.export.file));
    }
});
