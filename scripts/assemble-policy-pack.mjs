/* global console, process */
// Copies the compiled policy pack into the `trailwatch` package (component/policy-pack), so one
// `npm install trailwatch` carries a ready pack directory: `trailwatch check` uses it by default and
// `pulumi preview --policy-pack node_modules/trailwatch/policy-pack` runs it as-is. Inside an install
// its imports (`@pulumi/policy`, `trailwatch/engine`) resolve upwards from node_modules/trailwatch,
// so it needs no node_modules of its own. Runs after `tsc -b`; refuses to build when the package and
// the pack disagree on their version, which they share.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "policy-pack");
const target = path.join(root, "component", "policy-pack");

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const pkg = readJson(path.join(root, "component", "package.json"));
const pack = readJson(path.join(source, "package.json"));

const problems = [];
if (pack.version !== pkg.version) {
    problems.push(`policy-pack/package.json has version ${pack.version}, component/package.json ${pkg.version}`);
}
if (pack.dependencies?.trailwatch !== pkg.version) {
    problems.push(`policy-pack/package.json depends on trailwatch ${pack.dependencies?.trailwatch}, expected exactly ${pkg.version}`);
}
if (problems.length > 0) {
    console.error(`assemble-policy-pack: the package and its policy pack share one version: ${problems.join("; ")}`);
    process.exit(2);
}
if (!fs.existsSync(path.join(source, "dist", "index.js"))) {
    console.error("assemble-policy-pack: policy-pack/dist/index.js is missing; run tsc -b first");
    process.exit(2);
}

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
for (const file of ["PulumiPolicy.yaml", "README.md"]) {
    fs.copyFileSync(path.join(source, file), path.join(target, file));
}
// Compiled JavaScript and declarations (for `trailwatch/policies`); source maps point at sources not shipped.
// Hard links where the file system allows: `tsc -b` rewrites its outputs in place, so a development build
// that skips this script still runs the current pack (a module added since then is missing until it runs).
linkTree(path.join(source, "dist"), path.join(target, "dist"));
const manifest = {
    name: pack.name,
    version: pack.version,
    description: pack.description,
    license: pack.license,
    private: true,
    main: pack.main,
    dependencies: pack.dependencies,
};
fs.writeFileSync(path.join(target, "package.json"), `${JSON.stringify(manifest, null, 4)}\n`);

function linkTree(from, to) {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
        const [src, dst] = [path.join(from, entry.name), path.join(to, entry.name)];
        if (entry.isDirectory()) {
            linkTree(src, dst);
        } else if (/\.(js|d\.ts)$/.test(entry.name)) {
            try {
                fs.linkSync(src, dst);
            } catch {
                fs.copyFileSync(src, dst);
            }
        }
    }
}
