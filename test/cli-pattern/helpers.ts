/**
 * Shared helpers for the `trailwatch pattern` tests: where things are, how to
 * run the real CLI as a child process, and scratch directories.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository root (tests run from build/test/cli-pattern). */
export const ROOT = path.resolve(__dirname, "../../..");
/** The committed CloudTrail corpus. */
export const CORPUS_DIR = path.join(ROOT, "test/fixtures/cloudtrail");
/** The corpus as CloudTrail writes it: one line. */
export const CORPUS_ONE_LINE = path.join(CORPUS_DIR, "111122223333_CloudTrail_us-east-1_20261123T0935Z_corpus.json");
/** The same records, pretty-printed. */
export const CORPUS_PRETTY = path.join(CORPUS_DIR, "corpus-pretty.json");
/** The same records, one per line. */
export const CORPUS_JSONL = path.join(CORPUS_DIR, "corpus.jsonl");
/** Plain-text application log lines. */
export const APP_LOG = path.join(CORPUS_DIR, "app.log");
/** JSON lines with broken lines in known places. */
export const BAD_LINES = path.join(CORPUS_DIR, "malformed/bad-lines.jsonl");
/** What each corpus record is, and whether the CIS patterns match it. */
export const EXPECTED = path.join(CORPUS_DIR, "expected.json");

const LAUNCHER = path.join(ROOT, "component/bin/trailwatch.js");

/** One corpus record's documented facts (test/fixtures/cloudtrail/expected.json). */
export interface ExpectedRecord {
    readonly name: string;
    readonly eventID: string;
    readonly description: string;
    readonly eventSource: string;
    readonly eventName: string;
    readonly errorCode: string | null;
    readonly sourceIPAddress: string;
    readonly cisV5: boolean;
    readonly cisV1_2: boolean;
}

/** The corpus facts, in corpus order. */
export function expectedRecords(): ExpectedRecord[] {
    return JSON.parse(fs.readFileSync(EXPECTED, "utf8")) as ExpectedRecord[];
}

/** The corpus records as parsed from the one-line CloudTrail file. */
export function corpusRecords(): Record<string, unknown>[] {
    return (JSON.parse(fs.readFileSync(CORPUS_ONE_LINE, "utf8")) as { Records: Record<string, unknown>[] }).Records;
}

/** What a finished child process left behind. */
export interface CliResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `trailwatch <args>` as a child process, optionally feeding stdin. */
export function runCli(args: readonly string[], options: { input?: Buffer | string; nodeArgs?: readonly string[]; cwd?: string } = {}): CliResult {
    const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), LAUNCHER, ...args], {
        cwd: options.cwd ?? ROOT,
        input: options.input,
        maxBuffer: 64 * 1024 * 1024,
        encoding: "utf8",
    });
    if (result.error !== undefined) {
        throw result.error;
    }
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Parses the child's stdout as JSON, failing the test with the output when it is not. */
export function stdoutJson<T>(result: CliResult): T {
    try {
        return JSON.parse(result.stdout) as T;
    } catch {
        throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
    }
}

/** A fresh scratch directory, removed by the returned cleanup. */
export function scratchDir(): { readonly dir: string; readonly remove: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-pattern-"));
    return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Loads a compiled component module by its path under component/dist. */
export function loadDist<T>(relative: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(ROOT, "component/dist", relative)) as T;
}
