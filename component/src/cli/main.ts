/**
 * The `trailwatch` command line: argument parsing and exit codes only. Each
 * subcommand lives in its own module and registers itself here.
 */
import { Command, CommanderError } from "commander";
import { registerAuditCommand } from "./audit";
import { registerCheckCommand } from "./check";
import { ExitCode, UserError, describeFailure } from "./errors";
import { registerPatternCommands } from "./pattern";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("../../package.json") as { version: string };

/** Builds the command tree; exported so tests can drive it in-process. */
export function buildProgram(): Command {
    const program = new Command("trailwatch")
        .description("CIS AWS 4.1 (unauthorized API calls monitored) for Pulumi: check stacks, test filter patterns.")
        .version(version)
        .exitOverride()
        // Usage errors are one line, like every other failure: the cause, then where to look.
        .configureOutput({
            outputError: (text, write) => write(`trailwatch: ${text.trim().replace(/^error: /, "")} (see --help)\n`),
        });
    // Subcommands copy these settings when they are created.
    registerPatternCommands(program);
    registerCheckCommand(program);
    registerAuditCommand(program);
    return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function run(argv: readonly string[]): Promise<number> {
    try {
        await buildProgram().parseAsync([...argv], { from: "user" });
        return process.exitCode === undefined ? ExitCode.Ok : Number(process.exitCode);
    } catch (err) {
        if (err instanceof CommanderError) {
            // Help and version are successes; every other parse failure is a usage error (commander printed it).
            return err.exitCode === 0 ? ExitCode.Ok : ExitCode.CannotRun;
        }
        process.stderr.write(`trailwatch: ${describeFailure(err)}\n`);
        return err instanceof UserError ? err.exitCode : ExitCode.CannotRun;
    }
}

/** Process entry point used by the `trailwatch` launcher. */
export function main(): void {
    // A reader that stops early (`| head`, `2>&1 | head`) closes the pipe. Stop writing and keep the
    // exit code the verdict gives, so a pipeline still fails on a mandatory violation, instead of dying
    // on an unhandled EPIPE with a stack trace; any other failure to write is one line and exit 2.
    for (const stream of [process.stdout, process.stderr]) {
        stream.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code !== "EPIPE") {
                process.stderr.write(`trailwatch: cannot write the output: ${err.code ?? err.message}\n`);
                process.exit(ExitCode.CannotRun);
            }
        });
    }
    run(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            process.stderr.write(`trailwatch: ${describeFailure(err)}\n`);
            process.exitCode = ExitCode.CannotRun;
        },
    );
}
