/**
 * What `trailwatch check` does once its arguments are parsed: run the check,
 * render the report, set the exit code. Loaded on demand by `./check`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type PackLogEntry, isStackFrame } from "../check/pack-log";
import { renderHuman } from "../check/report/human";
import { renderHtml } from "../check/report/html";
import { renderJson } from "../check/report/json";
import { renderMarkdown } from "../check/report/markdown";
import { renderSarif } from "../check/report/sarif";
import { type CheckResult, runCheck } from "../check/run";
import type { CheckFlags } from "./check";
import { ExitCode, UserError } from "./errors";
import { FORMATS, type ReportFormat } from "./report-formats";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("../../package.json") as { version: string };

/** Runs one check for the command line and sets `process.exitCode`. */
export async function runCheckCommand(input: string, flags: CheckFlags): Promise<void> {
    // Refused before the check runs, so a typo costs no pack start.
    const outputs = reportOutputs(flags.output ?? [], input, [flags.config, flags.writeExport]);
    const result = await runCheck({
        input,
        mode: flags.mode,
        stack: flags.stack,
        account: flags.account,
        configFile: flags.config === undefined ? undefined : path.resolve(flags.config),
        packDir: flags.policyPack === undefined ? defaultPackDir() : path.resolve(flags.policyPack),
        onLog: printPackLog,
        writeExport: flags.writeExport === undefined ? undefined : path.resolve(flags.writeExport),
    });
    // Every report rendered before any is written: a renderer's failure leaves no file half done.
    writeReports(outputs.map(({ format, file }) => ({ file, text: render(result, input, { ...flags, format }, false) })));
    process.stdout.write(render(result, input, flags, process.stdout.isTTY === true && process.env.NO_COLOR === undefined));
    if (process.env.TRAILWATCH_DEBUG !== undefined) {
        const { ready, packStart, analysis } = result.timings;
        process.stderr.write(`timings: ready ${ready} ms (pack start ${packStart} ms), analysis ${analysis} ms\n`);
    }
    process.exitCode = result.violations.some((v) => v.enforcementLevel === "mandatory") ? ExitCode.Findings : ExitCode.Ok;
}

/** One `--output <format>=<file>`. */
interface ReportOutput {
    readonly format: ReportFormat;
    readonly file: string;
}

/**
 * Parses the `--output` values. Refuses, before the check runs: a value that
 * is not `<format>=<file>`; an unknown format; a file named twice, or that is
 * (through any link) the input, the config or the export; an existing
 * project or source file inside the program directory (a report there would
 * overwrite the program); a directory; a file whose directory is missing or
 * not writable.
 */
function reportOutputs(values: readonly string[], input: string, otherFiles: readonly (string | undefined)[]): ReportOutput[] {
    const taken = new Set([input, ...otherFiles].filter((f): f is string => f !== undefined).map(realPath));
    const program = fs.statSync(input, { throwIfNoEntry: false })?.isDirectory() === true ? realPath(input) : undefined;
    return values.map((value) => {
        const at = value.indexOf("=");
        const format = value.slice(0, Math.max(at, 0));
        const file = value.slice(at + 1);
        const refuse = (why: string) => new UserError(`--output ${value}: ${why}`);
        if (at <= 0 || file === "") {
            throw refuse("expected <format>=<file>, e.g. --output sarif=trailwatch.sarif");
        }
        if (!(FORMATS as readonly string[]).includes(format)) {
            throw refuse(`unknown format "${format}"; use one of ${FORMATS.join(", ")}`);
        }
        const resolved = realPath(file);
        if (taken.has(resolved)) {
            throw refuse(`${file} is already the input, the config, the export or another --output; give this report a file of its own`);
        }
        taken.add(resolved);
        const existing = fs.statSync(resolved, { throwIfNoEntry: false });
        if (existing?.isDirectory() === true) {
            throw refuse(`${file} is a directory; name a file`);
        }
        if (existing !== undefined && program !== undefined && resolved.startsWith(program + path.sep) && PROGRAM_FILE.test(path.basename(resolved))) {
            throw refuse(`${file} is a file of the program being checked; name a report file`);
        }
        const dir = path.dirname(resolved);
        if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
            throw refuse(`directory ${path.dirname(file)} does not exist; create it or name a file in an existing directory`);
        }
        try {
            fs.accessSync(dir, fs.constants.W_OK);
        } catch {
            throw refuse(`directory ${path.dirname(file)} is not writable; name a file in a directory you can write`);
        }
        return { format: format as ReportFormat, file };
    });
}

/** The files a Node.js Pulumi program is made of: its project and stack files, package and compiler config, sources. */
const PROGRAM_FILE = /^(Pulumi(\..+)?\.ya?ml|package(-lock)?\.json|tsconfig(\..+)?\.json|.+\.(ts|tsx|mts|cts|js|jsx|mjs|cjs))$/;

/** A path with its links resolved as far as it exists, so two names of one file compare equal. */
function realPath(file: string): string {
    const resolved = path.resolve(file);
    try {
        return fs.realpathSync(resolved);
    } catch {
        // Not there yet: resolve its directory, the part that may be a link.
        try {
            return path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved));
        } catch {
            return resolved;
        }
    }
}

/**
 * Writes every report, each through a temporary file renamed into place, so
 * a reader never sees half a report; one that cannot be written fails the
 * command with one line.
 */
function writeReports(reports: readonly { file: string; text: string }[]): void {
    for (const { file, text } of reports) {
        const temporary = `${file}.${process.pid}.tmp`;
        try {
            fs.writeFileSync(temporary, text);
            fs.renameSync(temporary, file);
        } catch (err) {
            fs.rmSync(temporary, { force: true });
            throw new UserError(`cannot write the report ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
        }
    }
}

function render(result: CheckResult, input: string, flags: CheckFlags, color: boolean): string {
    switch (flags.format) {
        case "json":
            return renderJson(result);
        case "markdown":
            return renderMarkdown(result);
        case "html":
            return renderHtml(result);
        case "sarif":
            return renderSarif(result, { artifactUri: artifactUri(input), toolVersion: version });
        default:
            return renderHuman(result, {
                color,
                cwd: process.cwd(),
                verbose: flags.verbose === true,
            });
    }
}

/** The file SARIF results attach to: the program's Pulumi.yaml, or the export file. */
function artifactUri(input: string): string {
    const resolved = path.resolve(input);
    const file = fs.statSync(resolved).isDirectory() ? path.join(resolved, "Pulumi.yaml") : resolved;
    return path.relative(process.cwd(), file).split(path.sep).join("/");
}

/**
 * The pack's own log lines go to stderr, so stdout stays a clean report;
 * debug lines (the SDK's start-up chatter) and stack frames only with
 * TRAILWATCH_DEBUG.
 */
export function printPackLog(entry: PackLogEntry): void {
    const debug = process.env.TRAILWATCH_DEBUG !== undefined;
    if (entry.severity === "debug" && !debug) {
        return;
    }
    const about = entry.urn === undefined ? "" : ` (${entry.urn})`;
    // Prefix every line, so a multi-line message cannot pass for trailwatch's own output.
    for (const line of `${entry.message}${about}`.split(/\r?\n/)) {
        if (debug || !isStackFrame(line)) {
            process.stderr.write(`policy pack ${entry.severity}: ${line}\n`);
        }
    }
}

/**
 * The policy pack the trailwatch package carries (`<package>/policy-pack`,
 * copied there by the build), the one `pulumi preview --policy-pack
 * node_modules/trailwatch/policy-pack` runs.
 */
export function defaultPackDir(): string {
    const dir = path.resolve(__dirname, "..", "..", "policy-pack");
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new UserError(`this trailwatch install has no policy pack (${dir} is missing); reinstall trailwatch, or pass --policy-pack <dir>`);
    }
    return dir;
}
