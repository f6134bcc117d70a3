/**
 * Shared paths and a runner for the real `trailwatch` binary, so tests see
 * exactly what a user sees: stdout, stderr and the exit code.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as ReportFormats from "../../component/src/cli/report-formats";
import { loadDist } from "../cli-pattern/helpers";
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

/** The report formats `check` prints (`--format`) and writes (`--output`): the CLI's own list. */
const { FORMATS: REPORT_FORMATS } = loadDist<typeof ReportFormats>("cli/report-formats.js");

/**
 * One run of `trailwatch <args>` as the user sees it in every report format:
 * the human report on stdout, the others written by `--output` to
 * `<prefix>.<format>` (each exactly what `--format` prints: cli.test.ts).
 * Each format maps to the run's exit code and stderr, with that report as
 * stdout ("" when the check could not run and wrote none). One program and
 * pack start, not one per format.
 */
export async function checkEveryFormat(
    args: readonly string[],
    prefix: string,
    run: (args: readonly string[]) => Promise<CliRun> = runCli,
): Promise<Map<string, CliRun>> {
    const file = (format: string) => `${prefix}.${format}`;
    const written = REPORT_FORMATS.filter((f) => f !== "human");
    const human = await run([...args, ...written.flatMap((f) => ["--output", `${f}=${file(f)}`])]);
    const runs = new Map<string, CliRun>([["human", human]]);
    for (const format of written) {
        runs.set(format, { ...human, stdout: fs.existsSync(file(format)) ? fs.readFileSync(file(format), "utf8") : "" });
    }
    return runs;
}

/** The checks `sharedCheck` started in this test process, by command line without the format. */
const sharedRuns = new Map<string, Promise<Map<string, CliRun>>>();
let sharedReportsDir: string | undefined;

/**
 * `runCli(args)` for a test that only reads the report of a check on an
 * example or fixture of the repository, which no test edits. Each check
 * starts a program and a pack process (seconds), and several tests and files
 * check the same example the same way, in different formats: the first call
 * for a command line runs the real binary once, printing the human report and
 * writing the others with `--output` (which writes exactly what `--format`
 * prints: cli.test.ts); every call with those arguments in this test process
 * gets that run's exit code and stderr, and as stdout the report in its
 * `--format`. `--mode preview`, the default, is left out of the command
 * line. Arguments naming a path outside the repository (a temporary copy, a
 * config written by the test) are refused: such tests, and tests that
 * compare two runs, call `runCli`.
 */
export async function sharedCheck(args: readonly string[]): Promise<CliRun> {
    const outside = args.find((a) => path.isAbsolute(a));
    if (outside !== undefined) {
        throw new Error(`sharedCheck shares runs on the repository's own examples and fixtures; ${outside} is not one: call runCli`);
    }
    const rest = [...args];
    const take = (flag: string): string | undefined => (rest.includes(flag) ? rest.splice(rest.indexOf(flag), 2)[1] : undefined);
    const format = take("--format") ?? "human";
    const mode = take("--mode");
    if (mode !== undefined && mode !== "preview") {
        rest.push("--mode", mode);
    }
    const key = rest.join("\0");
    let shared = sharedRuns.get(key);
    if (shared === undefined) {
        if (sharedReportsDir === undefined) {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-shared-reports-"));
            process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
            sharedReportsDir = dir;
        }
        shared = checkEveryFormat(rest, path.join(sharedReportsDir, String(sharedRuns.size)));
        sharedRuns.set(key, shared);
    }
    const run = (await shared).get(format);
    if (run === undefined) {
        throw new Error(`sharedCheck: --format ${format} is not one of ${REPORT_FORMATS.join(", ")}`);
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
