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
    // Both inherit the program's settings (throw instead of exit, one-line usage errors).
    registerPatternCheck(pattern);
    registerPatternTest(pattern);
}
