/**
 * `check --write-export`: the state written reads back as the same resource
 * graph, and carries what `pulumi stack import` verifies (the magic cookie,
 * a secrets provider when there are secrets). test/engine/programs.enginetest.ts
 * imports every program's export into the real engine.
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as StackExportModule from "../../component/src/check/stack-export";
import { fixture, loadCheck, runCli } from "./helpers";

const { readStackExport } = loadCheck<typeof StackExportModule>("stack-export");

interface Written {
    deployment: { manifest: { magic: string; version: string }; secrets_providers?: { type: string }; resources: { urn: string; provider?: string; id?: string }[] };
}

describe("check: --write-export", function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-write-export-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes a program's update-mode state that reads back as the graph check judged, with the same verdict", async () => {
        const file = path.join(dir, "literal-arns.json");
        const program = fixture("programs", "literal-arns");
        const run = await runCli(["check", program, "--mode", "update", "--stack", "broken", "--format", "json", "--write-export", file]);
        assert.ok(run.code === 0 || run.code === 1, run.stderr);
        const written = JSON.parse(fs.readFileSync(file, "utf8")) as Written;
        const { manifest } = written.deployment;
        assert.equal(manifest.magic, createHash("sha256").update(manifest.version).digest("hex"), "the cookie pulumi stack import verifies");
        const urns = new Set<string>();
        for (const r of written.deployment.resources) {
            // Every provider reference names a provider written before the resource, as the engine verifies.
            if (r.provider !== undefined) {
                const [providerUrn, id] = [r.provider.slice(0, r.provider.lastIndexOf("::")), r.provider.slice(r.provider.lastIndexOf("::") + 2)];
                assert.ok(urns.has(providerUrn), `${r.urn}: provider ${providerUrn} not written before it`);
                assert.equal(written.deployment.resources.find((p) => p.urn === providerUrn)!.id, id);
            }
            urns.add(r.urn);
        }
        assert.ok(readStackExport(file).resources.length === written.deployment.resources.length);
        const again = await runCli(["check", file, "--format", "json"]);
        const verdict = (r: typeof run) => (JSON.parse(r.stdout) as { violations: { policy: string; enforcementLevel: string; urn: string }[] }).violations.map((v) => `${v.policy} ${v.enforcementLevel} ${v.urn}`).sort();
        assert.equal(again.code, run.code);
        assert.deepEqual(verdict(again), verdict(run));
    });

    it("names a passphrase secrets provider when the state holds secrets", async () => {
        const file = path.join(dir, "probe.json");
        const run = await runCli(["check", fixture("programs", "probe"), "--mode", "update", "--format", "json", "--write-export", file]);
        assert.ok(run.code === 0 || run.code === 1, run.stderr);
        assert.equal((JSON.parse(fs.readFileSync(file, "utf8")) as Written).deployment.secrets_providers?.type, "passphrase");
    });

    it("refuses a preview or a stack export with one line, exit 2", async () => {
        for (const args of [[fixture("programs", "probe")], [fixture("exports", "compliant-plaintext.json")]]) {
            const run = await runCli(["check", ...args, "--write-export", path.join(dir, "x.json")]);
            assert.equal(run.code, 2);
            assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
            assert.match(run.stderr, /--write-export/);
        }
    });
});
