/**
 * Smoke test of the compiled pack, started the way the Pulumi CLI starts a
 * Node.js policy pack: `run-policy-pack <engine address> <pack directory>`
 * with the pack directory as working directory. The test plays the engine
 * (a minimal Engine service that accepts logs) and the CLI (an Analyzer
 * client reading the port from the pack's stdout).
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ALARM_POLICY_NAME, FILTER_POLICY_NAME, PACK_NAME, STACK_POLICY_NAME } from "trailwatch-policy-pack/dist/policies";
import { CIS_4_1, CIS_CONTROLS } from "trailwatch/engine";
import { stackPolicyName } from "trailwatch-policy-pack/dist/controls";
import { stackRequest, toAnalysis } from "./harness";
import { chain } from "./stacks";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PACK_DIR = path.join(ROOT, "policy-pack");

/** A stand-in for the engine's gRPC service: the pack only ever logs to it. */
async function startEngine(): Promise<{ address: string; stop: () => void }> {
    const server = new grpc.Server();
    const engine: Partial<enginerpc.IEngineServer> = {
        log: (_call, callback) => callback(null, new Empty()),
    };
    server.addService(enginerpc.EngineService, engine as enginerpc.IEngineServer);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/** Starts the pack as the CLI does and resolves with the port it prints. */
function startPack(engineAddress: string): Promise<{ child: ChildProcess; port: number }> {
    const runner = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    const child = spawn(process.execPath, [runner, engineAddress, PACK_DIR], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdout?.on("data", (d: Buffer) => {
            stdout += d.toString();
            const port = /^(\d+)\s*$/m.exec(stdout);
            if (port) {
                resolve({ child, port: Number(port[1]) });
            }
        });
        child.on("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
    });
}

function unary<Req, Res>(
    method: (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown,
    request: Req,
): Promise<Res> {
    return new Promise((resolve, reject) => method(request, (error, response) => (error ? reject(error) : resolve(response))));
}

describe("the compiled pack, run as the Pulumi CLI runs it", function () {
    this.timeout(60_000);
    let engine: { address: string; stop: () => void };
    let pack: { child: ChildProcess; port: number };
    let client: analyzerrpc.AnalyzerClient;

    before(async () => {
        engine = await startEngine();
        pack = await startPack(engine.address);
        client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        pack?.child.kill();
        engine?.stop();
    });

    it("serves the pack under its stable name: the three CIS 4.1 policies, then one stack policy per other control, advisory", async () => {
        const info = await unary<Empty, analyzerpb.AnalyzerInfo>((request, callback) => client.getAnalyzerInfo(request, callback), new Empty());
        assert.equal(info.getName(), PACK_NAME);
        assert.equal(info.getName(), "trailwatch-cis-aws-section-4");
        assert.equal(info.getVersion(), "0.1.0");
        const policies = info.getPoliciesList().map((p) => [p.getName(), p.getPolicyType(), p.getEnforcementlevel(), p.hasConfigschema()]);
        assert.deepEqual(policies, [
            [STACK_POLICY_NAME, analyzerpb.PolicyType.POLICY_TYPE_STACK, analyzerpb.EnforcementLevel.MANDATORY, true],
            [FILTER_POLICY_NAME, analyzerpb.PolicyType.POLICY_TYPE_RESOURCE, analyzerpb.EnforcementLevel.ADVISORY, true],
            [ALARM_POLICY_NAME, analyzerpb.PolicyType.POLICY_TYPE_RESOURCE, analyzerpb.EnforcementLevel.ADVISORY, false],
            ...CIS_CONTROLS.filter((c) => c.id !== CIS_4_1.id).map((c) => [
                stackPolicyName(c),
                analyzerpb.PolicyType.POLICY_TYPE_STACK,
                analyzerpb.EnforcementLevel.ADVISORY,
                true,
            ]),
        ]);
    });

    it("decides a preview of a brand-new compliant stack: no 4.1 violation, not skipped; the other controls only advise", async () => {
        const analysis = toAnalysis(await unary<analyzerpb.AnalyzeStackRequest, analyzerpb.AnalyzeResponse>((r, callback) => client.analyzeStack(r, callback), stackRequest(chain({ mode: "preview" }))));
        assert.deepEqual(analysis.diagnostics.filter((d) => d.policy.startsWith("cis-aws-4-1-") || d.level !== "advisory"), []);
        assert.deepEqual(analysis.notApplicable, []);
    });

    it("fails a preview whose topic has no subscriber, at the mandatory level", async () => {
        const request = stackRequest(chain({ mode: "preview", omit: ["subscription"] }));
        const analysis = toAnalysis(await unary<analyzerpb.AnalyzeStackRequest, analyzerpb.AnalyzeResponse>((r, callback) => client.analyzeStack(r, callback), request));
        assert.deepEqual(analysis.diagnostics.filter((d) => d.level === "mandatory").map((d) => [d.policy, d.level]), [[STACK_POLICY_NAME, "mandatory"]]);
        assert.match(analysis.diagnostics.find((d) => d.level === "mandatory")!.message, /topic "security-alerts" has no subscription/);
    });
});

describe("the pack's runtime dependencies", () => {
    it("loads neither @pulumi/aws nor the trailwatch component", () => {
        const probe = `
            require(${JSON.stringify(path.join(PACK_DIR, "dist", "policies"))});
            const loaded = Object.keys(require.cache);
            console.log(JSON.stringify({
                aws: loaded.filter((f) => f.includes("@pulumi/aws")).length,
                component: loaded.filter((f) => /component[\\/\\\\]dist[\\/\\\\]component/.test(f)).length,
                engine: loaded.filter((f) => /component[\\/\\\\]dist[\\/\\\\]engine/.test(f)).length,
            }));`;
        const result = spawnSync(process.execPath, ["-e", probe], { cwd: PACK_DIR, encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout), { aws: 0, component: 0, engine: 1 });
    });
});
