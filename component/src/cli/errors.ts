/**
 * How every trailwatch command fails: one line that names the cause and the
 * fix, and a documented exit code. Nothing else reaches the user's terminal.
 */
import { visible } from "./terminal-text";

/** Exit codes shared by every command. */
export const ExitCode = {
    /** The check passed (no mandatory violation; the pattern covers). */
    Ok: 0,
    /** The check ran and found a problem (a mandatory violation; a pattern that does not cover). */
    Findings: 1,
    /** The check could not run: bad arguments, unreadable input, a program that fails, invalid config. */
    CannotRun: 2,
} as const;

/**
 * An error the user can act on. Its message is one line: what went wrong, the
 * file it concerns, and what to do. It never carries secret values.
 */
export class UserError extends Error {
    /** The process exit code this error maps to. */
    public readonly exitCode: number;

    constructor(message: string, exitCode: number = ExitCode.CannotRun) {
        super(message);
        this.name = "UserError";
        this.exitCode = exitCode;
    }
}

/**
 * One printable line for any thrown value; no stack traces, no multi-line
 * dumps, and nothing from user input that a terminal would act on.
 */
export function describeFailure(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    const firstLine = text.split(/\r?\n/, 1)[0]?.trim() ?? "";
    return firstLine === "" ? "unexpected failure with no message" : visible(firstLine);
}
