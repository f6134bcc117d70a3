/**
 * `trailwatch check <program-dir | stack-export.json>`: runs the policy pack
 * against a Pulumi program (offline, under mocks) or a stack export, through
 * the pack's real gRPC interface, and reports like `pulumi preview` does.
 *
 * Exit codes: 0 no mandatory violation, 1 at least one, 2 the check could
 * not run (one line on stderr naming the cause and the file).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Command, Option } from "commander";
import { type PackLogEntry, isStackFrame } from "../check/pack-log";
import { renderHuman } from "../check/report/human";
import { renderJson } from "../check/report/json";
import { renderSarif } from "../check/report/sarif";
import { type CheckResult, runCheck } from "../check/run";
import { ExitCode, UserError } from "./errors";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("../../package.json") as { version: string };

/** Report formats. */
const FORMATS = ["human", "json", "sarif"] as const;

/** Options as commander parses them. */
interface CheckFlags {
    readonly mode: "preview" | "update";
    readonly stack?: string;
    readonly config?: string;
    readonly format: (typeof FORMATS)[number];
    readonly policyPack?: string;
}

/** Adds the `check` subcommand to the program. */
export function registerCheckCommand(program: Command): void {
    program
        .command("check")
        .description("Run the CIS 4.1 policy pack against a Pulumi program directory or a `pulumi stack export` file, offline.")
        .argument("<input>", "Pulumi program directory (Pulumi.yaml, nodejs) or stack export JSON file")
        .addOption(
            new Option("--mode <mode>", "programs: preview (computed outputs unknown) or update (computed outputs filled in)")
                .choices(["preview", "update"])
                .default("preview"),
        )
        .option("--stack <name>", "programs: stack whose Pulumi.<stack>.yaml supplies config (default: dev)")
        .option("--config <file>", "policy pack config (the JSON --policy-pack-config takes)")
        .addOption(new Option("--format <format>", "report format").choices([...FORMATS]).default("human"))
        .option("--policy-pack <dir>", "policy pack directory (default: the trailwatch policy pack)")
        .action(async (input: string, flags: CheckFlags) => {
            const result = await runCheck({
                input,
                mode: flags.mode,
                stack: flags.stack,
                configFile: flags.config === undefined ? undefined : path.resolve(flags.config),
                packDir: flags.policyPack === undefined ? defaultPackDir() : path.resolve(flags.policyPack),
                onLog: printPackLog,
            });
            process.stdout.write(render(result, input, flags.format));
            if (process.env.TRAILWATCH_DEBUG !== undefined) {
                const { ready, packStart, analysis } = result.timings;
                process.stderr.write(`timings: ready ${ready} ms (pack start ${packStart} ms), analysis ${analysis} ms\n`);
            }
            process.exitCode = result.violations.some((v) => v.enforcementLevel === "mandatory")
                ? ExitCode.Findings
                : ExitCode.Ok;
        });
}

function render(result: CheckResult, input: string, format: CheckFlags["format"]): string {
    switch (format) {
        case "json":
            return renderJson(result);
        case "sarif":
            return renderSarif(result, { artifactUri: artifactUri(input), toolVersion: version });
        default:
            return renderHuman(result, {
                color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
                cwd: process.cwd(),
            });
    }
}

/** The file SARIF results attach to: the program's Pulumi.yaml, or the export file. */
function artifactUri(input: string): string {
    const resolved = path.resolve(input);
    const file = fs.statSync(resolved).isDirectory() ? path.join(resolved, "Pulumi.yaml") : resolved;
    return path.relative(process.cwd(), file).split(path.sep).join("/");
}

/**
 * The pack's own log lines go to stderr, so stdout stays a clean report;
 * debug lines (the SDK's start-up chatter) and stack frames only with
 * TRAILWATCH_DEBUG.
 */
function printPackLog(entry: PackLogEntry): void {
    const debug = process.env.TRAILWATCH_DEBUG !== undefined;
    if (entry.severity === "debug" && !debug) {
        return;
    }
    const about = entry.urn === undefined ? "" : ` (${entry.urn})`;
    // Prefix every line, so a multi-line message cannot pass for trailwatch's own output.
    for (const line of `${entry.message}${about}`.split(/\r?\n/)) {
        if (debug || !isStackFrame(line)) {
            process.stderr.write(`policy pack ${entry.severity}: ${line}\n`);
        }
    }
}

/** The policy pack shipped next to the installed trailwatch package. */
function defaultPackDir(): string {
    const dir = path.resolve(__dirname, "..", "..", "..", "policy-pack");
    if (!fs.existsSync(path.join(dir, "package.json"))) {
        throw new UserError(`the trailwatch policy pack is not installed at ${dir}; pass --policy-pack <dir>`);
    }
    return dir;
}
