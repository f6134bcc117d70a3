/**
 * `trailwatch pattern …`: work with CloudWatch Logs filter patterns on their
 * own, without a Pulumi program. `check` decides whether a pattern covers a
 * CIS control (4.1 unless `--control` names another); `test` counts what a
 * pattern matches in real log files, offline.
 */
import type { Command } from "commander";
import { registerPatternCheck } from "./pattern-check";
import { registerPatternTest } from "./pattern-test";

/** Registers `pattern check` and `pattern test` under `program`. */
export function registerPatternCommands(program: Command): void {
    const pattern = program
        .command("pattern")
        .description("check a filter pattern against a CIS control (default 4.1), or test it on CloudTrail log files");
    // Both inherit the program's settings (throw instead of exit, one-line usage errors).
    registerPatternCheck(pattern);
    registerPatternTest(pattern);
}
