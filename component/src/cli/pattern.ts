/**
 * `trailwatch pattern …`: work with CloudWatch Logs filter patterns on their
 * own, without a Pulumi program. `check` decides whether a pattern covers CIS
 * 4.1; `test` counts what a pattern matches in real log files, offline.
 */
import type { Command } from "commander";
import { registerPatternCheck } from "./pattern-check";
import { registerPatternTest } from "./pattern-test";

/** Registers `pattern check` and `pattern test` under `program`. */
export function registerPatternCommands(program: Command): void {
    const pattern = program
        .command("pattern")
        .description("check a filter pattern against CIS 4.1, or test it on CloudTrail log files");
    registerPatternCheck(pattern);
    registerPatternTest(pattern);
    // main.ts makes its direct children throw instead of exiting; these are one level deeper.
    for (const sub of pattern.commands) {
        sub.exitOverride().showHelpAfterError("(run with --help for usage)");
    }
}
