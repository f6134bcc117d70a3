/**
 * What `trailwatch check` does once its arguments are parsed: run the check,
 * render the report, set the exit code. Loaded on demand by `./check`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type PackLogEntry, isStackFrame } from "../check/pack-log";
import { renderHuman } from "../check/report/human";
import { renderHtml } from "../check/report/html";
import { renderJson } from "../check/report/json";
import { renderMarkdown } from "../check/report/markdown";
import { renderSarif } from "../check/report/sarif";
import { type CheckResult, runCheck } from "../check/run";
import type { CheckFlags } from "./check";
import { ExitCode, UserError } from "./errors";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("../../package.json") as { version: string };

/** Runs one check for the command line and sets `process.exitCode`. */
export async function runCheckCommand(input: string, flags: CheckFlags): Promise<void> {
    const result = await runCheck({
        input,
        mode: flags.mode,
        stack: flags.stack,
        account: flags.account,
        configFile: flags.config === undefined ? undefined : path.resolve(flags.config),
        packDir: flags.policyPack === undefined ? defaultPackDir() : path.resolve(flags.policyPack),
        onLog: printPackLog,
        writeExport: flags.writeExport === undefined ? undefined : path.resolve(flags.writeExport),
    });
    process.stdout.write(render(result, input, flags));
    if (process.env.TRAILWATCH_DEBUG !== undefined) {
        const { ready, packStart, analysis } = result.timings;
        process.stderr.write(`timings: ready ${ready} ms (pack start ${packStart} ms), analysis ${analysis} ms\n`);
    }
    process.exitCode = result.violations.some((v) => v.enforcementLevel === "mandatory") ? ExitCode.Findings : ExitCode.Ok;
}

function render(result: CheckResult, input: string, flags: CheckFlags): string {
    switch (flags.format) {
        case "json":
            return renderJson(result);
        case "markdown":
            return renderMarkdown(result);
        case "html":
            return renderHtml(result);
        case "sarif":
            return renderSarif(result, { artifactUri: artifactUri(input), toolVersion: version });
        default:
            return renderHuman(result, {
                color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
                cwd: process.cwd(),
                verbose: flags.verbose === true,
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
export function printPackLog(entry: PackLogEntry): void {
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

/**
 * The policy pack the trailwatch package carries (`<package>/policy-pack`,
 * copied there by the build), the one `pulumi preview --policy-pack
 * node_modules/trailwatch/policy-pack` runs.
 */
export function defaultPackDir(): string {
    const dir = path.resolve(__dirname, "..", "..", "policy-pack");
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new UserError(`this trailwatch install has no policy pack (${dir} is missing); reinstall trailwatch, or pass --policy-pack <dir>`);
    }
    return dir;
}
