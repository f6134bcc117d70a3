/**
 * `trailwatch pattern test '<pattern>' <file>... [--json] [--show-matches N]`:
 * counts the log events a pattern matches, offline, like CloudWatch Logs'
 * TestMetricFilter. Each CloudTrail record is one event, as CloudTrail
 * delivers it to CloudWatch Logs.
 *
 * Exit codes: 0 the test ran (even if some input was unreadable: those pieces
 * are listed and a warning goes to stderr); 2 it could not run (invalid
 * pattern, a missing file, bad arguments, or no input readable at all).
 */
import { InvalidArgumentError } from "commander";
import type { Command } from "commander";
import { STDIN_NAME, firstMissingInput, replayLogs } from "../logs";
import type { ReplayProgress, ReplayReport } from "../logs";
import { ExitCode, UserError } from "./errors";
import { matcherFor } from "./pattern-matcher";
import { oneLine } from "./pattern-text";

/** What `pattern test --json` prints: the replay report with the pattern it tested. */
export interface PatternTestOutput extends ReplayReport {
    /** The pattern text as given. */
    readonly pattern: string;
}

/** The options of `pattern test`, as commander parses them. */
export interface TestOptions {
    /** Print the result as JSON. */
    readonly json?: boolean;
    /** How many matched events to list. */
    readonly showMatches?: number;
}

/** Registers the `test` subcommand under `pattern`. */
export function registerPatternTest(pattern: Command): void {
    pattern
        .command("test")
        .description("count the events a filter pattern matches in CloudTrail log files, JSON lines or text logs (offline TestMetricFilter)")
        .argument("<pattern>", "the filter pattern, quoted as one argument")
        .argument("<file...>", "CloudTrail log files ({\"Records\":[...]}, plain or gzip), JSON-lines or text files; - for stdin")
        .option("--json", "print the result as JSON (shape below)")
        .option("--show-matches <n>", "list the first n matched events", parseCount)
        .addHelpText(
            "after",
            [
                "",
                "JSON output: {pattern, events, matches, files: [{file, format, compressed, events, matches, unreadable}],",
                "  unreadable: [{file, line, reason}] (first 100), unreadableCount, matchedEvents: [{eventNumber, file, line, eventMessage}]}",
                "Exit codes: 0 ran (unreadable pieces are listed and skipped); 2 invalid pattern, missing file,",
                "  bad arguments, or nothing readable at all.",
                "A pattern that starts with '-' goes after '--': trailwatch pattern test -- '-DEBUG' app.log",
            ].join("\n"),
        )
        .action(async (text: string, files: string[], options: TestOptions) => {
            process.exitCode = await runPatternTest(text, files, options);
        });
}

/** Runs the test and prints its result; resolves to the exit code. Throws UserError when it cannot run. */
export async function runPatternTest(text: string, files: readonly string[], options: TestOptions): Promise<number> {
    const compiled = matcherFor(text);
    if ("error" in compiled) {
        throw new UserError(`invalid pattern: ${compiled.error.message} (column ${compiled.error.column}); run "trailwatch pattern check" for details`);
    }
    if (files.filter((file) => file === STDIN_NAME).length > 1) {
        throw new UserError(`stdin ("${STDIN_NAME}") can be read only once; name it once`);
    }
    const missing = firstMissingInput(files);
    if (missing !== undefined) {
        throw new UserError(`${missing}: no such file`);
    }
    const progress = process.stderr.isTTY ? new ProgressLine() : undefined;
    const report = await replayLogs({
        inputs: files,
        matcher: compiled.matcher,
        showMatches: options.showMatches ?? 0,
        onProgress: progress === undefined ? undefined : (p) => progress.update(p),
    });
    progress?.clear();
    const output: PatternTestOutput = { pattern: text, ...report };
    process.stdout.write(
        options.json === true ? `${JSON.stringify(output, null, 2)}\n` : renderTestReport(output, compiled.matcher.selectsJson),
    );
    if (report.unreadableCount === 0) {
        return ExitCode.Ok;
    }
    // Partly unreadable input still gives a count worth having; nothing readable at all means it could not run.
    const nothingRead = report.events === 0;
    process.stderr.write(`trailwatch: ${unreadableSummary(report, nothingRead)}\n`);
    return nothingRead ? ExitCode.CannotRun : ExitCode.Ok;
}

/** One stderr line: how many pieces were unreadable, and the first of them with its file and line. */
function unreadableSummary(report: ReplayReport, nothingRead: boolean): string {
    const first = report.unreadable[0];
    const where = first.line === null ? first.file : `${first.file}:${first.line}`;
    return nothingRead
        ? `error: ${report.unreadableCount} unreadable piece(s) of input and no readable event; the first: ${where}: ${first.reason}`
        : `warning: ${report.unreadableCount} unreadable piece(s) of input skipped; the first: ${where}: ${first.reason}`;
}

/**
 * The human-readable result: the count, a per-file table, unreadable pieces,
 * matched events, and a note when a JSON pattern met plain text.
 */
export function renderTestReport(output: PatternTestOutput, jsonPattern: boolean): string {
    const lines = [`${output.matches} of ${output.events} event${output.events === 1 ? "" : "s"} match`];
    if (output.files.length > 1 || output.unreadableCount > 0) {
        const width = Math.max(4, ...output.files.map((f) => f.file.length));
        for (const f of output.files) {
            const kind = `${f.format ?? "unread"}${f.compressed ? "+gzip" : ""}`;
            lines.push(`  ${f.file.padEnd(width)}  ${kind.padEnd(15)} ${String(f.events).padStart(9)} events ${String(f.matches).padStart(9)} matches`);
        }
    }
    if (output.unreadableCount > 0) {
        lines.push(`unreadable (${output.unreadableCount}, skipped):`);
        for (const u of output.unreadable) {
            lines.push(`  ${u.file}${u.line === null ? "" : `:${u.line}`}: ${u.reason}`);
        }
        if (output.unreadableCount > output.unreadable.length) {
            lines.push(`  … and ${output.unreadableCount - output.unreadable.length} more`);
        }
    }
    if (output.matchedEvents.length > 0) {
        lines.push("matched events:");
        for (const m of output.matchedEvents) {
            lines.push(`  #${m.eventNumber} ${m.file}:${m.line} ${oneLine(m.eventMessage, 160)}`);
        }
    }
    if (jsonPattern) {
        for (const f of output.files.filter((file) => file.format === "text")) {
            lines.push(`note: ${f.file} is plain text; a JSON pattern matches only its lines that are JSON objects`);
        }
    }
    return `${lines.join("\n")}\n`;
}

function parseCount(value: string): number {
    if (!/^\d+$/.test(value)) {
        throw new InvalidArgumentError("expected a whole number of events, e.g. 10");
    }
    return Number(value);
}

/** A single self-overwriting progress line on stderr, at most a few updates per second. */
class ProgressLine {
    private last = 0;

    public update(progress: ReplayProgress): void {
        const now = Date.now();
        if (now - this.last < 200) {
            return;
        }
        this.last = now;
        const mb = (progress.bytes / 1024 / 1024).toFixed(1);
        process.stderr.write(`\r\x1b[K${progress.file}: ${mb} MB, ${progress.events} events, ${progress.matches} matches`);
    }

    public clear(): void {
        if (this.last !== 0) {
            process.stderr.write("\r\x1b[K");
        }
    }
}
