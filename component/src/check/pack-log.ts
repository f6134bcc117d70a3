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

    constructor(private readonly listener?: (entry: PackLogEntry) => void) {}

    write(entry: PackLogEntry): void {
        this.entries.push(entry);
        this.listener?.(entry);
    }
}
