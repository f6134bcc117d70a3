/**
 * One decode of an AnalyzeStack request for every control's stack policy
 * (policy-pack/src/shared-decode.ts): the fast path and the fallback (each
 * policy decoding for itself, as `@pulumi/policy` does without it) must give
 * the same verdicts on every stack export of the corpus, in-process through
 * `@pulumi/policy`'s own handler and through the real pack process with a
 * policy config file; and the start-up probe must turn the fast path off for
 * a handler that does not behave as it relies on.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { StackValidationPolicy } from "@pulumi/policy";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import * as structpb from "google-protobuf/google/protobuf/struct_pb";
import type * as PoliciesModule from "trailwatch-policy-pack/dist/policies";
import type * as SharedDecodeModule from "trailwatch-policy-pack/dist/shared-decode";
import type * as SessionModule from "../../component/src/check/session";
import type * as StackExportModule from "../../component/src/check/stack-export";
import { loadCheck, runCli } from "../check/helpers";
import { toAnalysis, type Analysis } from "./harness";

/* eslint-disable @typescript-eslint/no-require-imports */
const { policies, controlPolicies, PACK_NAME } = require("trailwatch-policy-pack/dist/policies") as typeof PoliciesModule;
const shared = require("trailwatch-policy-pack/dist/shared-decode") as typeof SharedDecodeModule;
const server = require("@pulumi/policy/server") as { makeAnalyzeStackRpcFun: SharedDecodeModule.StackHandlerFactory };
const POLICY_VERSION = (require("@pulumi/policy/package.json") as { version: string }).version;
/* eslint-enable @typescript-eslint/no-require-imports */
const { readStackExport } = loadCheck<typeof StackExportModule>("stack-export");
const { analyzeStackRequest } = loadCheck<typeof SessionModule>("session");

const EXPORTS = path.resolve(__dirname, "..", "..", "..", "test", "check", "fixtures", "exports");

/** Every stack export of the corpus, relative to the exports folder. */
const CORPUS: readonly string[] = [
    ...fs.readdirSync(EXPORTS).filter((f) => f.endsWith(".json")),
    ...fs.readdirSync(path.join(EXPORTS, "recorded")).filter((f) => f.endsWith(".json")).map((f) => path.join("recorded", f)),
];

/** The pack's policies through `@pulumi/policy`'s AnalyzeStack handler, as the pack serves them. */
function analyzeExport(file: string): Promise<Analysis> {
    const request = analyzeStackRequest(readStackExport(path.join(EXPORTS, file)));
    const handler = server.makeAnalyzeStackRpcFun(PACK_NAME, "0.1.0", "advisory", [...policies]);
    return new Promise((resolve, reject) => {
        void handler({ request }, (error, response) =>
            error || !response ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(toAnalysis(response as analyzerpb.AnalyzeResponse)),
        );
    });
}

describe("policy pack: one decode of the request for every control's stack policy", () => {
    after(() => shared.setSharedDecode(true));

    it(`the start-up probe finds @pulumi/policy ${POLICY_VERSION} behaving as the fast path needs`, async () => {
        assert.equal(await shared.sharedDecodeMode(), "on");
    });

    it(`every stack export of the corpus (${CORPUS.length}): the fast path and the fallback report the same violations and not-applicables`, async () => {
        assert.ok(CORPUS.length >= 10, `the corpus is ${CORPUS.length} exports`);
        let decided = 0;
        for (const file of CORPUS) {
            assert.equal(await shared.setSharedDecode(false), "off");
            const before = shared.sharedDecodeSkips();
            const fallback = await analyzeExport(file);
            assert.equal(shared.sharedDecodeSkips(), before, `${file}: the fallback skipped a decode`);
            assert.equal(await shared.setSharedDecode(true), "on");
            const fast = await analyzeExport(file);
            // Every stack policy but the first ran on the first one's decode.
            assert.equal(shared.sharedDecodeSkips() - before, controlPolicies.length - 1, `${file}: decodes skipped`);
            assert.deepEqual(fast, fallback, file);
            decided += fast.diagnostics.length + fast.notApplicable.length;
        }
        // The corpus exercises verdicts, not only silence.
        assert.ok(decided > 0);
    });

    it("through the real pack process with a policy config file ({all: mandatory}, one policy disabled, one advisory): the same report either way", async function () {
        this.timeout(120_000);
        const [first, second, third] = controlPolicies;
        const config = { all: "mandatory", [first!.name]: "disabled", [second!.name]: { enforcementLevel: "advisory" } };
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-shared-decode-")), "policy-config.json");
        fs.writeFileSync(file, JSON.stringify(config));
        const args = ["check", path.join("test", "check", "fixtures", "exports", "recorded", "non-compliant.json"), "--format", "json", "--config", file];
        const [fast, fallback] = await Promise.all([runCli(args), runCli(args, { TRAILWATCH_SHARED_DECODE: "off" })]);
        assert.equal(fast.code, 1, fast.stderr);
        assert.equal(fallback.code, fast.code, fallback.stderr);
        assert.equal(fast.stdout, fallback.stdout);
        const report = JSON.parse(fast.stdout) as { violations: { policy: string; enforcementLevel: string }[] };
        const levels = new Map(report.violations.map((v) => [v.policy, v.enforcementLevel]));
        assert.equal(levels.has(first!.name), false, "the disabled policy reported");
        assert.equal(levels.get(second!.name), "advisory");
        assert.equal(levels.get(third!.name), "mandatory");
    });

    describe("the start-up probe", () => {
        const messages = analyzerpb as unknown as Parameters<typeof shared.probeSharedDecode>[1];

        it("accepts @pulumi/policy's own handler", async () => {
            assert.equal(await shared.probeSharedDecode(server.makeAnalyzeStackRpcFun, messages, structpb.Struct), true);
        });

        it("turns the fast path off for a handler that reads every policy's type filter before decoding (no policy is handed another's resources)", async () => {
            // A hypothetical @pulumi/policy that reads every type filter first, then decodes the request per policy.
            const typesFirst: SharedDecodeModule.StackHandlerFactory = (_pack, _version, _level, list) => async (call, callback) => {
                const stackPolicies = list as StackValidationPolicy[];
                stackPolicies.forEach((p) => void (p.validateStack as { __pulumiType?: string }).__pulumiType);
                const reported: string[] = [];
                for (const p of stackPolicies) {
                    const resources = [];
                    for (const r of (call.request as analyzerpb.AnalyzeStackRequest).getResourcesList()) {
                        resources.push({ type: r.getType(), urn: r.getUrn(), name: r.getName(), props: r.getProperties()?.toJavaScript() ?? {} });
                    }
                    const args = { resources, getConfig: () => ({}), notApplicable: () => undefined, stackTags: new Map() };
                    await p.validateStack(args as unknown as Parameters<typeof p.validateStack>[0], () => reported.push(p.name));
                }
                callback(null, { getDiagnosticsList: () => reported.map((name) => ({ getPolicyname: () => name })) });
            };
            assert.equal(await shared.probeSharedDecode(typesFirst, messages, structpb.Struct), false);
        });

        it("turns the fast path off for a handler that never reads the type filter", async () => {
            const hidden: SharedDecodeModule.StackHandlerFactory = (pack, version, level, list) =>
                server.makeAnalyzeStackRpcFun(
                    pack,
                    version,
                    level,
                    (list as StackValidationPolicy[]).map((p): StackValidationPolicy => ({ ...p, validateStack: (args, report) => p.validateStack(args, report) })),
                );
            assert.equal(await shared.probeSharedDecode(hidden, messages, structpb.Struct), false);
        });
    });
});
