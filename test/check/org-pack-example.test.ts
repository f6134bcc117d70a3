/**
 * examples/org-policy-pack installs as a user would copy it: its `trailwatch`
 * dependency is a `file:` path to this repository's package (the package is
 * not on the registry yet), which a copy rewrites to wherever the package is
 * (its README says how). The installed copy serves its pack, with the strict
 * config check at Configure, even though `trailwatch` is then a symlink with
 * its own `@pulumi/policy` next to the copy's.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type * as AnalyzerProcessModule from "../../component/src/check/analyzer-process";
import type * as EngineServiceModule from "../../component/src/check/engine-service";
import type * as PackLogModule from "../../component/src/check/pack-log";
import { REPO, loadCheck } from "./helpers";

const { startAnalyzer } = loadCheck<typeof AnalyzerProcessModule>("analyzer-process");
const { startEngineService } = loadCheck<typeof EngineServiceModule>("engine-service");
const { PackLog } = loadCheck<typeof PackLogModule>("pack-log");

const EXAMPLE = path.join(REPO, "examples", "org-policy-pack");

describe("examples/org-policy-pack, copied and installed", function () {
    this.timeout(300_000);

    it("depends on trailwatch by a file: path to the package, whose version it is", () => {
        const spec = (JSON.parse(fs.readFileSync(path.join(EXAMPLE, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies.trailwatch!;
        assert.match(spec, /^file:/);
        const target = JSON.parse(fs.readFileSync(path.join(EXAMPLE, spec.slice("file:".length), "package.json"), "utf8")) as { name: string };
        assert.equal(target.name, "trailwatch");
        assert.match(fs.readFileSync(path.join(EXAMPLE, "README.md"), "utf8"), /npm pack/);
    });

    it("installs outside the repository and refuses an unknown policy at Configure", async () => {
        const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-org-pack-")), "org-policy-pack");
        fs.cpSync(EXAMPLE, copy, { recursive: true, filter: (src) => !src.includes("node_modules") });
        const manifest = path.join(copy, "package.json");
        // What the README tells a copy to do: point the dependency at the package (here, this repository's).
        fs.writeFileSync(manifest, fs.readFileSync(manifest, "utf8").replace(/"file:[^"]*"/, JSON.stringify(`file:${path.join(REPO, "component")}`)));
        const install = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: copy, encoding: "utf8" });
        assert.equal(install.status, 0, install.stderr);

        const log = new PackLog();
        const engine = await startEngineService(log);
        try {
            const pack = await startAnalyzer(copy, engine.address, { variables: {} }, log);
            try {
                const req = new analyzerproto.ConfigureAnalyzerRequest();
                req.getPolicyconfigMap().set(
                    "acme-log-groups-keep-a-yeer",
                    new analyzerproto.PolicyConfig().setEnforcementlevel(analyzerproto.EnforcementLevel.MANDATORY).setProperties(Struct.fromJavaScript({})),
                );
                await assert.rejects(
                    new Promise<void>((resolve, reject) => pack.client.configure(req, (err) => (err ? reject(err) : resolve()))),
                    /unknown policy "acme-log-groups-keep-a-yeer"; did you mean "acme-log-groups-keep-a-year"\?/,
                );
            } finally {
                await pack.close();
            }
        } finally {
            await engine.close();
        }
    });
});
