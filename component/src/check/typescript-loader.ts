/**
 * Makes a TypeScript program loadable in the mock host, choosing the way
 * the Pulumi Node.js language host does (`sdk/nodejs/tsutils.ts`,
 * `typeScriptRequireStrings`, in pulumi/pulumi): the project's `ts-node`,
 * else the `ts-node@7.0.1` that `@pulumi/pulumi` vendors under `vendor/`;
 * the project's `typescript`, else the vendored `typescript@3.8.3`. A
 * project created by `pulumi new aws-typescript` has no ts-node, so the
 * vendored one runs it. When the SDK vendors neither (older or newer
 * releases may not), the project's TypeScript compiler transpiles each file
 * on require.
 *
 * Type-checking follows the language host too, since `pulumi preview`
 * fails on a type error where it type-checks (sdk/nodejs/cmd/run/run.ts,
 * pulumi/pulumi): the Pulumi.yaml runtime option `typescript: false` turns
 * TypeScript support off (pulumi-language-nodejs `parseOptions`; the program
 * is then only transpiled here), `tsconfig` names the tsconfig file; ts-node's
 * `transpileOnly` is `PULUMI_NODEJS_TRANSPILE_ONLY === "true"` when that
 * variable is set, else the tsconfig's `compilerOptions.noCheck` (read
 * without `extends`, as the host reads it), else ts-node's own default
 * (which type-checks). Type-checking costs seconds with @pulumi/aws's
 * declarations; that is what the preview pays. Errors are reported as
 * ts-node reports them (`index.ts(3,7): error TS1005: ';' expected.`).
 * The compiler-only fallback (an SDK vendoring no ts-node, where the host
 * itself could not run TypeScript) transpiles without checking.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TYPECHECK_CACHE_VARIABLE, registerThroughCache } from "./typecheck-cache";

/** Which loader runs the program's TypeScript, and from where. */
export type TypeScriptLoader =
    | { readonly kind: "project-ts-node" | "vendored-ts-node"; readonly tsNode: string; readonly compiler: string }
    | { readonly kind: "compiler"; readonly compiler: string };

/** True when the program directory holds a TypeScript program. */
export function isTypeScriptProgram(programDir: string): boolean {
    return fs.existsSync(path.join(programDir, "tsconfig.json")) || fs.existsSync(path.join(programDir, "index.ts"));
}

/**
 * Chooses the loader for a program, given the directory of the program's
 * own `@pulumi/pulumi` (whose `vendor/` holds the fallbacks).
 */
export function chooseTypeScriptLoader(programDir: string, sdkDir: string): TypeScriptLoader {
    const vendor = path.join(sdkDir, "vendor");
    const projectCompiler = resolveFrom(programDir, "typescript");
    const vendoredCompiler = path.join(vendor, "typescript@3.8.3", "typescript.js");
    const compiler = projectCompiler ?? (fs.existsSync(vendoredCompiler) ? vendoredCompiler : undefined);
    const projectTsNode = resolveFrom(programDir, "ts-node");
    const vendoredTsNode = path.join(vendor, "ts-node@7.0.1", "index.js");
    if (compiler !== undefined && projectTsNode !== undefined) {
        return { kind: "project-ts-node", tsNode: projectTsNode, compiler };
    }
    if (compiler !== undefined && fs.existsSync(vendoredTsNode)) {
        return { kind: "vendored-ts-node", tsNode: vendoredTsNode, compiler };
    }
    if (projectCompiler !== undefined) {
        return { kind: "compiler", compiler: projectCompiler };
    }
    throw new Error(`cannot run the TypeScript program in ${programDir}: no typescript found; add typescript to its devDependencies`);
}

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
// ts-node and the compiler are loaded from the program's install, of whatever version it has.
type Loose = any;

/** The Pulumi.yaml runtime options of a nodejs project that concern TypeScript (pulumi-language-nodejs `parseOptions`). */
export interface TypeScriptRuntimeOptions {
    /** `typescript`: false turns the host's TypeScript support off. Default true. */
    readonly typescript: boolean;
    /** `tsconfig`: the tsconfig file, relative to the program directory. Default `tsconfig.json`. */
    readonly tsconfig?: string;
}

/**
 * ts-node's `transpileOnly` as the language host sets it (run.ts): the
 * `PULUMI_NODEJS_TRANSPILE_ONLY` variable when set, else the tsconfig's
 * `compilerOptions.noCheck`, else undefined (ts-node's default: type-check).
 */
export function hostTranspileOnly(ts: Loose, tsconfig: string, env: NodeJS.ProcessEnv = process.env): boolean | undefined {
    const fromEnv = env.PULUMI_NODEJS_TRANSPILE_ONLY;
    if (fromEnv) {
        return fromEnv === "true";
    }
    try {
        // tsutils.loadTypeScriptCompilerOptions: the file's own compilerOptions, errors ignored.
        const parsed = ts.parseConfigFileTextToJson(tsconfig, fs.readFileSync(tsconfig, "utf8")).config as { compilerOptions?: { noCheck?: boolean } };
        return parsed?.compilerOptions?.noCheck;
    } catch {
        return undefined;
    }
}

/** Registers the chosen loader in this process; returns which one it is. */
export function registerTypeScript(
    programDir: string,
    sdkDir: string,
    runtime: TypeScriptRuntimeOptions = { typescript: true },
    env: NodeJS.ProcessEnv = process.env,
): TypeScriptLoader["kind"] {
    const loader = chooseTypeScriptLoader(programDir, sdkDir);
    const tsconfig = path.resolve(programDir, runtime.tsconfig ?? "tsconfig.json");
    const hasTsconfig = fs.existsSync(tsconfig);
    if (runtime.tsconfig !== undefined && !hasTsconfig) {
        // The host's own words (run.ts).
        throw new Error(`tsconfig path was set to ${runtime.tsconfig} but the file was not found`);
    }
    if (loader.kind === "compiler") {
        registerCompilerHook(require(loader.compiler), hasTsconfig ? tsconfig : undefined);
        return loader.kind;
    }
    const ts = require(loader.compiler);
    const transpileOnly = runtime.typescript ? hostTranspileOnly(ts, tsconfig) : true;
    const options = {
        transpileOnly,
        dir: programDir, // ts-node 10; ts-node 7 reads the working directory, which is the program's
        skipProject: !hasTsconfig,
        project: hasTsconfig ? tsconfig : undefined,
        compiler: loader.compiler,
        compilerOptions: { module: "commonjs", target: "ES2020", sourceMap: true },
    };
    const register = () => require(loader.tsNode).register(options);
    const cacheDir = env[TYPECHECK_CACHE_VARIABLE];
    if (cacheDir && transpileOnly !== true && isTsNode10(loader.tsNode)) {
        // Type-checking is what costs; the cache skips it only where the result cannot differ (typecheck-cache.ts).
        registerThroughCache(path.resolve(cacheDir), { programDir, tsNode: loader.tsNode, compiler: loader.compiler, options }, register, ts);
    } else {
        register();
    }
    return loader.kind;
}

/**
 * Compiles `.ts` files outside node_modules with the compiler's
 * `transpileModule` (syntax only, like ts-node's transpile-only mode),
 * honouring the emit options of the program's tsconfig.json.
 */
export function registerCompilerHook(ts: Loose, tsconfig: string | undefined): void {
    const options = compilerOptions(ts, tsconfig);
    const extensions = require.extensions as Record<string, (module: Loose, filename: string) => void>;
    const javascript = extensions[".js"]!;
    extensions[".ts"] = (module: Loose, filename: string) => {
        if (filename.split(path.sep).includes("node_modules")) {
            javascript(module, filename);
            return;
        }
        module._compile(transpile(ts, fs.readFileSync(filename, "utf8"), filename, options), filename);
    };
}

/** The tsconfig's options, with what running under Node's CommonJS loader needs forced. */
function compilerOptions(ts: Loose, tsconfig: string | undefined): Loose {
    let options: Loose = {};
    if (tsconfig !== undefined) {
        const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
        if (read.error === undefined) {
            options = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig)).options;
        }
    }
    return {
        target: ts.ScriptTarget.ES2020,
        ...options,
        module: ts.ModuleKind.CommonJS,
        inlineSourceMap: true,
        sourceMap: false,
        declaration: false,
        composite: false,
        noEmit: false,
    };
}

/** Transpiles one file; a syntax error throws with `diagnosticText`, as ts-node's TSError does. */
export function transpile(ts: Loose, source: string, fileName: string, options: Loose): string {
    const output = ts.transpileModule(source, { compilerOptions: options, fileName, reportDiagnostics: true });
    const errors = (output.diagnostics ?? []).filter((d: Loose) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
        const text = errors.map((d: Loose) => diagnosticLine(ts, d, fileName)).join("\n");
        throw Object.assign(new Error(`Unable to compile TypeScript:\n${text}`), { name: "TSError", diagnosticText: text });
    }
    return output.outputText as string;
}

function diagnosticLine(ts: Loose, diagnostic: Loose, fileName: string): string {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (diagnostic.file === undefined || diagnostic.start === undefined) {
        return `error TS${diagnostic.code}: ${message}`;
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.relative(process.cwd(), fileName)}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}`;
}

/**
 * The cache records what the compiler reads through `ts.sys`, which is how
 * ts-node 10 reads (its `readFile`/`fileExists` options default to them);
 * older ts-node (the vendored 7.0.1) is not known to, so it type-checks uncached.
 */
function isTsNode10(tsNode: string): boolean {
    try {
        const manifest = path.join(path.dirname(path.dirname(tsNode)), "package.json");
        const { name, version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
        return name === "ts-node" && /^10\./.test(version ?? "");
    } catch {
        return false;
    }
}

function resolveFrom(dir: string, request: string): string | undefined {
    try {
        return require.resolve(request, { paths: [dir] });
    } catch {
        return undefined;
    }
}
