/**
 * Shared paths and a runner for the real `trailwatch` binary, so tests see
 * exactly what a user sees: stdout, stderr and the exit code.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collect, type Run } from "../support/child";

/**
 * Output names a `@pulumi/aws` resource class declares, read from its
 * compiled JavaScript (each class copies `resourceInputs["x"] = state?.x`
 * for every output when it is read): an oracle independent of the `.d.ts`
 * files `check --mode update` parses.
 */
export function declaredInJavaScript(type: string): string[] {
    const match = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):[A-Za-z0-9]+$/.exec(type);
    if (match === null) {
        throw new Error(`not an AWS resource type: ${type}`);
    }
    const file = path.join(REPO, "node_modules", "@pulumi", "aws", match[1]!, `${match[2]}.js`);
    const names = [...fs.readFileSync(file, "utf8").matchAll(/resourceInputs\["(\w+)"\] = state\?\.\w+;/g)].map((m) => m[1]!);
    if (names.length === 0) {
        throw new Error(`no state outputs found in ${file}`);
    }
    return names;
}

/** The repository root (tests run from build/test/check). */
export const REPO = path.resolve(__dirname, "..", "..", "..");

/** Static fixtures: packs, programs, stack exports, config files. */
export const FIXTURES = path.join(REPO, "test", "check", "fixtures");

/** A fixture path, relative to the repository root (as a user would type it from there). */
export function fixture(...parts: string[]): string {
    return path.join("test", "check", "fixtures", ...parts);
}

/** The probe pack: it echoes what it receives. */
export const PROBE_PACK = fixture("packs", "probe");

/** What one CLI run produced: exit code, all of stdout, all of stderr. */
export type CliRun = Run;

/** Runs `trailwatch <args>` from the repository root. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    return collect(
        spawn(process.execPath, [path.join(REPO, "component", "bin", "trailwatch.js"), ...args], {
            cwd: REPO,
            env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        }),
    );
}

/** Runs `sharedCheck` started in this test process, by command line. */
const sharedRuns = new Map<string, Promise<CliRun>>();

/**
 * `runCli(args)` for a test that only reads the report of a check on an
 * example or fixture of the repository, which no test edits: the first call
 * runs the real binary, later calls with the same arguments in the same test
 * process get that run's exit code, stdout and stderr. Each run starts a
 * program and a pack process (seconds), and several files check the same
 * example the same way. Arguments naming a path outside the repository
 * (a temporary copy, a config written by the test) are refused: such tests,
 * and tests that compare two runs, call `runCli`.
 */
export function sharedCheck(args: readonly string[]): Promise<CliRun> {
    const outside = args.find((a) => path.isAbsolute(a));
    if (outside !== undefined) {
        throw new Error(`sharedCheck shares runs on the repository's own examples and fixtures; ${outside} is not one: call runCli`);
    }
    const key = args.join("\0");
    let run = sharedRuns.get(key);
    if (run === undefined) {
        run = runCli(args);
        sharedRuns.set(key, run);
    }
    return run;
}

/** The stderr lines trailwatch itself wrote (pack log lines excluded). */
export function ownErrorLines(stderr: string): string[] {
    return stderr.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("policy pack "));
}

/**
 * Loads a compiled module of the check engine. The `trailwatch` package only
 * exports its public entry points, so tests reach the engine's modules by
 * path (types come from `import type` of the sources).
 */
export function loadCheck<T>(relative: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(REPO, "component", "dist", "check", relative)) as T;
}

/**
 * Writes a throwaway program or pack into a fresh temp directory whose
 * `node_modules` links to the repository's, so it resolves the same SDKs.
 * TypeScript sources live here rather than under fixtures/ so the test
 * build never compiles them (one of them is a deliberate syntax error).
 */
export function tempProject(files: Readonly<Record<string, string>>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-check-"));
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

/** A policy config (the JSON `--config` and `--policy-pack-config` take) written to a temporary file. */
export function configFile(config: object): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-config-")), "policy-config.json");
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

/**
 * A copy of `examples/<name>` (with `examples/shared`) in a temporary project,
 * resolving the repository's SDKs, for tests that edit an example's program.
 */
export function copyExample(name: string): string {
    const dir = tempProject({});
    fs.cpSync(path.join(REPO, "examples", name), path.join(dir, "examples", name), { recursive: true });
    fs.cpSync(path.join(REPO, "examples", "shared"), path.join(dir, "examples", "shared"), { recursive: true });
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "examples", "node_modules"), "dir");
    return path.join(dir, "examples", name);
}
