/**
 * `trailwatch check <program-dir | stack-export.json>`: runs the policy pack
 * against a Pulumi program (offline, under mocks) or a stack export, through
 * the pack's real gRPC interface, and reports like `pulumi preview` does.
 *
 * Exit codes: 0 no mandatory violation, 1 at least one, 2 the check could
 * not run (one line on stderr naming the cause and the file).
 *
 * This module only declares the command; the machinery (gRPC, protobuf, the
 * program runner) loads when `check` actually runs, so `trailwatch pattern`
 * does not pay for it.
 */
import { type Command, Option } from "commander";
import { FORMATS, type ReportFormat } from "./report-formats";

/** Options as commander parses them. */
export interface CheckFlags {
    /** Programs: preview (computed outputs unknown) or update (filled in). */
    readonly mode: "preview" | "update";
    /** Programs: the stack whose `Pulumi.<stack>.yaml` supplies config. */
    readonly stack?: string;
    /** Programs: the AWS account ARNs name. */
    readonly account?: string;
    /** A policy config file (the JSON `--policy-pack-config` takes). */
    readonly config?: string;
    /** Report format. */
    readonly format: ReportFormat;
    /** `<format>=<file>` each: the same report also written in that format to that file. */
    readonly output?: readonly string[];
    /** Policy pack directory; the trailwatch pack by default. */
    readonly policyPack?: string;
    /** Programs in update mode: also write the simulated state as a `pulumi stack export` file. */
    readonly writeExport?: string;
    /** Human and Markdown reports: every violation in full after the matrix. */
    readonly verbose?: boolean;
}

/** Adds the `check` subcommand to the program. */
export function registerCheckCommand(program: Command): void {
    program
        .command("check")
        .description("run the CIS AWS section-4 policy pack (4.1–4.16), offline, against a Pulumi program directory or a `pulumi stack export` file")
        .argument("<input>", "Pulumi program directory (Pulumi.yaml, nodejs) or stack export JSON file")
        .addOption(
            new Option("--mode <mode>", "programs: preview (computed outputs unknown) or update (computed outputs filled in)")
                .choices(["preview", "update"])
                .default("preview"),
        )
        .option("--stack <name>", "programs: stack whose Pulumi.<stack>.yaml supplies config (default: dev)")
        .option(
            "--account <id>",
            "programs: the 12-digit AWS account ARNs name (default: stack config trailwatch:account, else aws:allowedAccountIds, " +
                "else the account the program's literal ARNs name, else 123456789012)",
        )
        .option("--config <file>", "policy pack config (the JSON --policy-pack-config takes)")
        .addOption(new Option("--format <format>", "report format").choices([...FORMATS]).default("human"))
        .option(
            "--output <format=file>",
            `also write the report in that format (${FORMATS.join(", ")}) to that file, from the same check; repeatable`,
            (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
        )
        .option("--policy-pack <dir>", "policy pack directory (default: the trailwatch policy pack)")
        .option(
            "--write-export <file>",
            "programs, --mode update: also write the state the check simulated as a `pulumi stack export` file (for `pulumi stack import`)",
        )
        .option("--verbose", "after the matrix and fixes, every violation in full")
        .action(async (input: string, flags: CheckFlags) => {
            // A plain require keeps this CommonJS and loads the machinery only here.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { runCheckCommand } = require("./check-action") as typeof import("./check-action.js");
            await runCheckCommand(input, flags);
        });
}
