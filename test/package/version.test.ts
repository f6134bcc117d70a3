/**
 * One version number for the package and the pack it carries: the
 * `trailwatch` package, the policy pack (`policy-pack/package.json`, whose
 * version `@pulumi/policy` serves and `pulumi policy publish` publishes
 * under), the pack's dependency on trailwatch, and the copy the build puts
 * in the package. `scripts/assemble-policy-pack.mjs` refuses to build when
 * they differ; this test says so in `npm test` too.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..", "..");

interface Manifest {
    readonly version: string;
    readonly dependencies?: Readonly<Record<string, string>>;
    readonly peerDependencies?: Readonly<Record<string, string>>;
    readonly files?: readonly string[];
}

const read = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(REPO, ...parts), "utf8")) as Manifest;

describe("package and policy pack versions", function () {
    const pkg = read("component", "package.json");
    const pack = read("policy-pack", "package.json");

    it("the pack has the package's version and depends on exactly that trailwatch", function () {
        assert.equal(pack.version, pkg.version);
        assert.equal(pack.dependencies?.trailwatch, pkg.version);
    });

    it("the pack copied into the package is the current one", function () {
        const embedded = read("component", "policy-pack", "package.json");
        assert.equal(embedded.version, pkg.version);
        assert.deepEqual(embedded.dependencies, pack.dependencies);
        assert.ok(pkg.files?.includes("policy-pack"), "the package's files must include policy-pack");
    });

    it("depends only on published packages with real ranges", function () {
        for (const [name, range] of Object.entries({ ...pack.dependencies, ...pkg.dependencies, ...pkg.peerDependencies })) {
            assert.match(range, /^\^?\d+\.\d+\.\d+$/, `${name}: ${range}`);
        }
    });
});
