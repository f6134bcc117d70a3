/* global console, process */
// Stages the policy pack for `pulumi policy publish` in build/policy-pack-publish (or the directory given;
// further arguments go to its `npm install`, e.g. --prefer-offline). `pulumi policy publish` first starts the
// pack there (for its name, version and policies), so the stage installs its dependencies; then it packs the
// directory with npm, and every CLI that enforces the pack unpacks it and runs `npm install` there, so each
// dependency must install without this repository (pulumi/pulumi, pkg/backend/httpstate/policypack.go:
// Publish, installRequiredPolicy). The dependencies are published packages (@pulumi/policy, @pulumi/pulumi)
// and trailwatch itself, which travels inside the pack as the tarball `npm pack` makes of it (a `file:`
// dependency), so a pack published from a clean clone installs whether or not this trailwatch version is on
// the registry. Run after `npm run build`.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const component = path.join(root, "component");
const embedded = path.join(component, "policy-pack");
const out = path.resolve(process.argv[2] ?? path.join(root, "build", "policy-pack-publish"));

if (!fs.existsSync(path.join(embedded, "dist", "index.js"))) {
    console.error("stage-policy-pack: component/policy-pack is missing; run npm run build first");
    process.exit(2);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", out], { cwd: component, encoding: "utf8", shell: process.platform === "win32" });
if (packed.status !== 0) {
    console.error(`stage-policy-pack: npm pack of the trailwatch package failed: ${packed.stderr.trim().split("\n").pop()}`);
    process.exit(2);
}
const tarball = JSON.parse(packed.stdout)[0].filename;

for (const file of ["PulumiPolicy.yaml", "README.md", "dist"]) {
    fs.cpSync(path.join(embedded, file), path.join(out, file), { recursive: true });
}
const pack = JSON.parse(fs.readFileSync(path.join(embedded, "package.json"), "utf8"));
const manifest = {
    ...pack,
    files: ["dist", "PulumiPolicy.yaml", "README.md", tarball],
    dependencies: { ...pack.dependencies, trailwatch: `file:${tarball}` },
};
fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(manifest, null, 4)}\n`);

const installed = spawnSync("npm", ["install", "--no-audit", "--no-fund", ...process.argv.slice(3)], { cwd: out, encoding: "utf8", shell: process.platform === "win32" });
if (installed.status !== 0) {
    console.error(`stage-policy-pack: npm install in ${out} failed: ${installed.stderr.trim().split("\n").pop()}`);
    process.exit(2);
}
console.log(`staged the policy pack in ${path.relative(process.cwd(), out) || "."}; publish it with: cd ${path.relative(process.cwd(), out)} && pulumi policy publish <org>`);
