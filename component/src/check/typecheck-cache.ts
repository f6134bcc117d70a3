/**
 * An opt-in cache of ts-node's type-checked compilation of a program, for
 * `trailwatch check` runs that start the same program again and again (a
 * test suite, a CI job checking several stacks of one program). Type-checking
 * a program against `@pulumi/aws`'s declarations costs seconds per run; the
 * cache skips it only when the compiler would see exactly what it saw when
 * the program last type-checked clean, so it never changes a verdict.
 *
 * Turned on by `TRAILWATCH_TYPECHECK_CACHE=<directory>`; off otherwise.
 *
 * What a cache entry holds, and why it is enough:
 * - every call the compiler and ts-node made to `ts.sys` (readFile,
 *   fileExists, directoryExists, getDirectories, readDirectory, realpath)
 *   with a digest of its answer: the compilation is a function of these
 *   answers, the program's own sources, the compiler, ts-node and their
 *   options, which are the entry's key;
 * - every file ts-node compiled (the program's own sources reach it from
 *   Node's loader, not through `ts.sys`), with its source's digest and the
 *   JavaScript ts-node emitted for it.
 * An entry is used only when every recorded call answers the same again and
 * every compiled source is unchanged; the program then runs the very
 * JavaScript the type-checking run emitted (Node maps its stack traces back
 * through the inline source maps, as ts-node's source-map-support did). An
 * entry is written only after the program ran to the end, so a type error
 * (which fails the run) is never cached. A file the cached run did not
 * compile (a require that depends on config) starts ts-node, which
 * type-checks as without the cache.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** The environment variable naming the cache directory. */
export const TYPECHECK_CACHE_VARIABLE = "TRAILWATCH_TYPECHECK_CACHE";

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
// The compiler and ts-node are the program's, of whatever version it installed.
type Loose = any;

/** The `ts.sys` functions whose answers a compilation depends on. */
const RECORDED = ["readFile", "fileExists", "directoryExists", "getDirectories", "readDirectory", "realpath"] as const;

/** The extensions ts-node may register hooks for. */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] as const;

interface Entry {
    /** `[function, arguments, digest of the answer]` per distinct call. */
    readonly calls: [string, unknown[], string][];
    /** `[file, digest of its source, the JavaScript emitted]` per compiled file. */
    readonly compiled: [string, string, string][];
}

/** What decides a compilation besides what the compiler reads: the entry's key. */
export interface CompilationKey {
    readonly programDir: string;
    readonly tsNode: string;
    readonly compiler: string;
    /** The options passed to ts-node's `register`. */
    readonly options: unknown;
}

const digest = (value: unknown): string => createHash("sha256").update(JSON.stringify(value ?? null)).update("\0").digest("hex");
/**
 * A digest of a `ts.sys` answer. File contents (most of the answers, and
 * megabytes of them) are hashed as they are: escaping them for JSON first
 * tripled what checking an entry costs. The tag keeps a file's text apart
 * from any other answer.
 */
const answerDigest = (answer: unknown): string =>
    typeof answer === "string" ? createHash("sha256").update("text\0").update(answer).digest("hex") : digest(answer);

/** Bumped when what an entry records changes, so an older entry is never read. */
const ENTRY_FORMAT = 2;
const sourceDigest = (file: string): string => {
    try {
        return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    } catch {
        return "missing";
    }
};

function versionOf(moduleFile: string): string {
    // The package.json of the package the module belongs to (ts-node, typescript, or a vendored copy).
    for (let dir = path.dirname(moduleFile); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            return `${file}@${(JSON.parse(fs.readFileSync(file, "utf8")) as { version?: string }).version ?? "?"}`;
        }
    }
    return `${moduleFile}@${sourceDigest(moduleFile)}`;
}

/** The entry's file name: a digest of the key, the tool versions, Node's and ts-node's environment. */
export function entryName(key: CompilationKey): string {
    const env = Object.entries(process.env)
        .filter(([k]) => k.startsWith("TS_NODE_"))
        .sort();
    return `${digest([ENTRY_FORMAT, key, versionOf(key.tsNode), versionOf(key.compiler), process.version, env])}.json`;
}

/** A type-checking registration that records what it depends on, to be committed when the program ran clean. */
let recording: { file: string; entry: Entry } | undefined;

/**
 * Registers ts-node for the program through the cache in `cacheDir`: serves
 * the recorded compilation when it is still exact, else registers ts-node
 * with `options` and records. Returns whether the entry was used.
 */
export function registerThroughCache(cacheDir: string, key: CompilationKey, register: () => void, ts: Loose): boolean {
    const file = path.join(cacheDir, entryName(key));
    const entry = readEntry(file);
    if (entry !== undefined && stillExact(entry, ts)) {
        serve(entry, key.tsNode, register);
        return true;
    }
    recording = { file, entry: { calls: [], compiled: [] } };
    record(ts, recording.entry);
    const before = hooks();
    register();
    captureEmit(before, recording.entry);
    return false;
}

/** Writes the recorded entry; called once the program ran to the end (so it type-checked clean). */
export function commitTypeCheckCache(): void {
    if (recording === undefined) {
        return;
    }
    const { file, entry } = recording;
    recording = undefined;
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // Write then rename, so a concurrent run never reads half an entry.
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(entry));
        fs.renameSync(temporary, file);
    } catch {
        // A cache that cannot be written only costs the next run its type-check.
    }
}

function readEntry(file: string): Entry | undefined {
    try {
        const entry = JSON.parse(fs.readFileSync(file, "utf8")) as Entry;
        return Array.isArray(entry.calls) && Array.isArray(entry.compiled) && entry.compiled.length > 0 ? entry : undefined;
    } catch {
        return undefined;
    }
}

function stillExact(entry: Entry, ts: Loose): boolean {
    for (const [name, args, answer] of entry.calls) {
        const fn = ts.sys[name] as ((...a: unknown[]) => unknown) | undefined;
        if (typeof fn !== "function" || answerDigest(fn.apply(ts.sys, args)) !== answer) {
            return false;
        }
    }
    return entry.compiled.every(([file, source]) => sourceDigest(file) === source);
}

/** Wraps `ts.sys`'s functions so each distinct call and a digest of its answer land in the entry. */
function record(ts: Loose, entry: Entry): void {
    const seen = new Set<string>();
    for (const name of RECORDED) {
        const original = ts.sys[name] as ((...a: unknown[]) => unknown) | undefined;
        if (typeof original !== "function") {
            continue;
        }
        ts.sys[name] = function (...args: unknown[]) {
            const answer = original.apply(ts.sys, args);
            const call = JSON.stringify([name, args]);
            if (!seen.has(call)) {
                seen.add(call);
                entry.calls.push([name, args, answerDigest(answer)]);
            }
            return answer;
        };
    }
}

type Hook = (module: Loose, filename: string) => void;
const extensions = () => require.extensions as Record<string, Hook | undefined>;
const hooks = () => new Map(EXTENSIONS.map((e) => [e, extensions()[e]]));

/** Wraps the hooks ts-node registered so the JavaScript each compiled file runs lands in the entry. */
function captureEmit(before: Map<string, Hook | undefined>, entry: Entry): void {
    for (const ext of EXTENSIONS) {
        const hook = extensions()[ext];
        if (hook === undefined || hook === before.get(ext)) {
            continue;
        }
        extensions()[ext] = (module: Loose, filename: string) => {
            const compile = module._compile as (code: string, file: string) => unknown;
            const recorder = function (this: Loose, code: string, file: string) {
                // ts-node compiled the file when its own wrapper calls ours; for a file it ignores
                // (node_modules), Node's loader calls ours directly with the file's own text.
                if (file === filename && module._compile !== recorder) {
                    entry.compiled.push([file, sourceDigest(file), code]);
                }
                return compile.call(this, code, file);
            };
            module._compile = recorder;
            hook(module, filename);
        };
    }
}

/**
 * Runs the recorded JavaScript. A file the entry lacks starts ts-node
 * (type-checking) for it and everything loaded after it: ts-node's hooks wrap
 * ours, which from then on hand every file to Node's own loader for ts-node
 * to compile.
 */
function serve(entry: Entry, tsNode: string, register: () => void): void {
    const emitted = new Map(entry.compiled.map(([file, , code]) => [file, code]));
    // Stack traces map back to the sources through the emitted inline source maps, with the
    // source-map-support ts-node installs, given the emitted code as ts-node gives it (index.ts).
    const sourceMapSupport = require(require.resolve("@cspotcode/source-map-support", { paths: [path.dirname(tsNode)] })) as {
        install(options: unknown): void;
    };
    sourceMapSupport.install({
        environment: "node",
        retrieveFile: (file: string) => emitted.get(file) ?? "",
        redirectConflictingLibrary: true,
    });
    const before = hooks();
    const original = (ext: string) => before.get(ext as (typeof EXTENSIONS)[number]) ?? before.get(".js")!;
    let registered = false;
    for (const ext of new Set(entry.compiled.map(([file]) => path.extname(file)))) {
        extensions()[ext] = (module: Loose, filename: string) => {
            const code = emitted.get(filename);
            if (registered || (code === undefined && ignoredByTsNode(filename))) {
                original(ext)(module, filename);
            } else if (code !== undefined) {
                module._compile(code, filename);
            } else {
                registered = true;
                register();
                extensions()[ext]!(module, filename);
            }
        };
    }
}

/** ts-node's default `ignore` (/node_modules/), which the entry's key pins (TS_NODE_IGNORE is part of it). */
function ignoredByTsNode(file: string): boolean {
    return file.split(path.sep).includes("node_modules");
}
