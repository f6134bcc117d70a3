/**
 * `trailwatch audit`: the policy pack's verdicts on a live AWS account, read
 * through the AWS SDK (read-only calls only). Exit codes as `check`'s: 0 no
 * mandatory violation, 1 at least one, 2 the audit could not run or could
 * not decide (one line on stderr naming the cause and the fix).
 *
 * Like `check`, this module only declares the command; the SDK clients and
 * the pack machinery load when `audit` actually runs.
 */
import { type Command, Option } from "commander";
import { FORMATS, type ReportFormat } from "./report-formats";

/** Options as commander parses them. */
export interface AuditFlags {
    /** Regions to start from (repeatable). */
    readonly region: readonly string[];
    /** Start from every standard region. */
    readonly allRegions?: boolean;
    /** Named profile. */
    readonly profile?: string;
    /** Endpoint for every service (an emulator). */
    readonly endpointUrl?: string;
    /** Policy config file. */
    readonly config?: string;
    /** Report format. */
    readonly format: ReportFormat;
    /** A stack export to report drift against. */
    readonly stack?: string;
    /** Policy pack directory. */
    readonly policyPack?: string;
    /** Human and Markdown reports: every violation in full after the matrix. */
    readonly verbose?: boolean;
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/** Adds the `audit` subcommand to the program. */
export function registerAuditCommand(program: Command): void {
    program
        .command("audit")
        .description("run the policy pack against a live AWS account (read-only): trails, log groups, metric filters, alarms, topics, Security Hub")
        .option("--region <region>", "region to start from; repeatable (default: AWS_REGION or the profile's region)", collect, [])
        .option("--all-regions", "start from every standard AWS region (regions not enabled for the account are skipped and said)")
        .option("--profile <name>", "named profile from the AWS config files (default: the SDK's credential chain)")
        .option("--endpoint-url <url>", "send every request to this endpoint, e.g. an AWS API emulator (AWS_ENDPOINT_URL works too)")
        .option("--config <file>", "policy pack config (the JSON --policy-pack-config takes)")
        .addOption(new Option("--format <format>", "report format").choices([...FORMATS]).default("human"))
        .option("--stack <export.json>", "a `pulumi stack export` to compare with: managed, missing and unmanaged chain resources")
        .option("--policy-pack <dir>", "policy pack directory (default: the trailwatch policy pack)")
        .option("--verbose", "after the matrix and fixes, every violation in full")
        .action(async (flags: AuditFlags) => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { runAuditCommand } = require("./audit-action") as typeof import("./audit-action.js");
            await runAuditCommand(flags);
        });
}
