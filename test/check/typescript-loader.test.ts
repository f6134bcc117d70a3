/**
 * How `trailwatch check` runs a TypeScript program, chosen as the Pulumi
 * language host chooses: the project's ts-node, else the ts-node
 * `@pulumi/pulumi` vendors, else the project's compiler. The packaged test
 * (test/package) runs a real program through the vendored ts-node; here each
 * choice, and the compiler fallback's behaviour, in isolation.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as LoaderModule from "../../component/src/check/typescript-loader";
import { REPO } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chooseTypeScriptLoader } = require(path.join(REPO, "component", "dist", "check", "typescript-loader")) as typeof LoaderModule;

const SDK = path.join(REPO, "node_modules", "@pulumi", "pulumi");

describe("TypeScript programs without the project's ts-node", function () {
    let scratch: string;
    let program: string;
    /** A program whose project has TypeScript (linked to the repository's) but no ts-node. */
    let programWithTypeScript: string;
    /** An `@pulumi/pulumi` directory that vendors nothing, as a future SDK might. */
    let bareSdk: string;

    before(function () {
        scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-ts-")));
        program = path.join(scratch, "program");
        bareSdk = path.join(scratch, "bare-sdk");
        fs.mkdirSync(path.join(program, "node_modules"), { recursive: true });
        fs.mkdirSync(bareSdk);
        // Made up front: Node caches a package.json it did not find, so it cannot appear mid-test.
        programWithTypeScript = path.join(scratch, "program-with-typescript");
        fs.mkdirSync(path.join(programWithTypeScript, "node_modules"), { recursive: true });
        fs.symlinkSync(path.join(REPO, "node_modules", "typescript"), path.join(programWithTypeScript, "node_modules", "typescript"));
    });

    after(function () {
        fs.rmSync(scratch, { recursive: true, force: true });
    });

    it("uses the project's ts-node and TypeScript when it has them", function () {
        const loader = chooseTypeScriptLoader(path.join(REPO, "examples", "baseline"), SDK);
        assert.equal(loader.kind, "project-ts-node");
        assert.equal(loader.compiler, require.resolve("typescript", { paths: [REPO] }));
    });

    it("without them, uses what @pulumi/pulumi vendors: ts-node 7.0.1 with TypeScript 3.8.3", function () {
        const loader = chooseTypeScriptLoader(program, SDK);
        assert.deepEqual(loader, {
            kind: "vendored-ts-node",
            tsNode: path.join(SDK, "vendor", "ts-node@7.0.1", "index.js"),
            compiler: path.join(SDK, "vendor", "typescript@3.8.3", "typescript.js"),
        });
    });

    it("prefers the project's TypeScript to the vendored one, as the language host does", function () {
        const loader = chooseTypeScriptLoader(programWithTypeScript, SDK);
        assert.equal(loader.kind, "vendored-ts-node");
        assert.equal(fs.realpathSync(loader.compiler), fs.realpathSync(require.resolve("typescript", { paths: [REPO] })));
    });

    it("when the SDK vendors nothing, transpiles with the project's compiler", function () {
        const loader = chooseTypeScriptLoader(programWithTypeScript, bareSdk);
        assert.equal(loader.kind, "compiler");
        assert.equal(fs.realpathSync(loader.compiler), fs.realpathSync(require.resolve("typescript", { paths: [REPO] })));
    });

    it("with no TypeScript anywhere, says what to add", function () {
        assert.throws(() => chooseTypeScriptLoader(program, bareSdk), /no typescript found; add typescript to its devDependencies/);
    });

    describe("the compiler fallback", function () {
        /** Registers the compiler hook in a fresh Node process and requires `file`. */
        function requireWithCompiler(dir: string, file: string): ReturnType<typeof spawnSync> {
            const script = `
                const loader = require(${JSON.stringify(path.join(REPO, "component", "dist", "check", "typescript-loader"))});
                loader.registerCompilerHook(require("typescript"), ${JSON.stringify(path.join(dir, "tsconfig.json"))});
                try { console.log(JSON.stringify(require(${JSON.stringify(path.join(dir, file))}))); }
                catch (err) { console.log(JSON.stringify({ name: err.name, diagnosticText: err.diagnosticText })); }`;
            return spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8", env: { ...process.env, NODE_PATH: path.join(REPO, "node_modules") } });
        }

        it("runs TypeScript, honouring the tsconfig's emit options", function () {
            const dir = path.join(scratch, "compiled");
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { esModuleInterop: true, module: "nodenext" } }));
            fs.writeFileSync(path.join(dir, "helper.ts"), "export default function twice(n: number): number { return 2 * n; }\n");
            fs.writeFileSync(path.join(dir, "index.ts"), 'import twice from "./helper";\ninterface Out { value: number }\nconst out: Out = { value: twice(21) };\nexport = out;\n');
            const run = requireWithCompiler(dir, "index.ts");
            assert.equal(run.status, 0, String(run.stderr));
            assert.deepEqual(JSON.parse(String(run.stdout)), { value: 42 });
        });

        it("fails a syntax error the way ts-node does, so the check names the file, line and column", function () {
            const dir = path.join(scratch, "broken");
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "tsconfig.json"), "{}");
            fs.writeFileSync(path.join(dir, "index.ts"), "const ok = 1;\nconst broken = ;\n");
            const run = requireWithCompiler(dir, "index.ts");
            assert.deepEqual(JSON.parse(String(run.stdout)), { name: "TSError", diagnosticText: "index.ts(2,16): error TS1109: Expression expected." });
        });
    });
});
