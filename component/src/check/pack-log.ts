/**
 * What a policy pack says while it runs: `pulumi.log` calls that reach the
 * engine service, and lines it writes to stdout or stderr.
 */

/** Severity of a pack log line, as the engine's `LogSeverity` names them. */
export type PackLogSeverity = "debug" | "info" | "warning" | "error";

/** One line the pack emitted. */
export interface PackLogEntry {
    /** Where it came from: an Engine `Log` call, or the pack's stdout or stderr. */
    readonly source: "engine" | "stdout" | "stderr";
    /** Its severity. */
    readonly severity: PackLogSeverity;
    /** The text, exactly as the pack sent it (scrub before printing). */
    readonly message: string;
    /** The resource the line is about, when the pack named one. */
    readonly urn?: string;
}

/** Receives pack log lines as they arrive. */
export interface PackLogSink {
    /** Records one line. */
    write(entry: PackLogEntry): void;
}

/** A sink that keeps every line and forwards each to an optional listener. */
export class PackLog implements PackLogSink {
    /** Every line received so far, in arrival order. */
    public readonly entries: PackLogEntry[] = [];

    private lastArrival = 0;

    constructor(private readonly listener?: (entry: PackLogEntry) => void) {}

    write(entry: PackLogEntry): void {
        const plain = { ...entry, message: plainText(entry.message) };
        this.entries.push(plain);
        this.lastArrival = Date.now();
        this.listener?.(plain);
    }

    /**
     * Waits until no line has arrived for `quietMs` (at most `maxMs`). A pack
     * does not await its `pulumi.log` calls, and its first one opens a new
     * connection to the engine service, so a line logged during the last
     * policy can arrive after that policy's answer.
     */
    async settle(quietMs = 200, maxMs = 2000): Promise<void> {
        const deadline = Date.now() + maxMs;
        const start = Date.now();
        while (Date.now() < deadline) {
            const quietSince = Math.max(this.lastArrival, start);
            const wait = quietSince + quietMs - Date.now();
            if (wait <= 0) {
                return;
            }
            await new Promise((resolve) => setTimeout(resolve, wait));
        }
    }

    /**
     * The cause of the pack's most recent error, on one line: a pack that
     * crashes logs "Running program ... failed" followed by the error and
     * its stack, so the last line that is not a stack frame names the cause.
     */
    lastError(): string | undefined {
        for (let i = this.entries.length - 1; i >= 0; i--) {
            const entry = this.entries[i]!;
            if (entry.severity !== "error") {
                continue;
            }
            const cause = entry.message
                .split(/\r?\n/)
                .map((line) => line.trim())
                .filter((line) => line !== "" && !isStackFrame(line))
                .pop();
            if (cause !== undefined) {
                return cause;
            }
        }
        return undefined;
    }
}

/**
 * Removes terminal escape sequences and other control characters (tabs and
 * newlines stay): Node colours the stack traces a pack prints, and nothing
 * a pack sends may drive the user's terminal.
 */
export function plainText(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** True for a stack-frame line (`    at fn (file:1:2)`), which the report leaves out unless debugging. */
export function isStackFrame(line: string): boolean {
    return /^\s*at\s/.test(line);
}
