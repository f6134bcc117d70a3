/**
 * A child process's whole output: the CLI and engine tests read both streams
 * after the process ends, never interleaved.
 */
import type { ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";

/** What one process run produced. */
export interface Run {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Collects `child`'s stdout and stderr until it closes; rejects if it could not start. */
export function collect(child: ChildProcessByStdio<null, Readable, Readable>): Promise<Run> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
