/**
 * What `trailwatch audit` does once its arguments are parsed: run the audit,
 * render the report through `check`'s report code (with what only an audit
 * knows: the account, regions, what one account cannot show, drift), and
 * set the exit code. Loaded on demand by `./audit`.
 */
import * as path from "node:path";
import { type AuditResult, runAudit } from "../audit/run";
import { renderHtml } from "../check/report/html";
import { renderHuman } from "../check/report/human";
import { jsonReport } from "../check/report/json";
import { renderMarkdown } from "../check/report/markdown";
import { sarifLog } from "../check/report/sarif";
import type { AuditFlags } from "./audit";
import { defaultPackDir, printPackLog } from "./check-action";
import { ExitCode, UserError } from "./errors";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("../../package.json") as { version: string };

/** Runs one audit for the command line and sets `process.exitCode`. */
export async function runAuditCommand(flags: AuditFlags): Promise<void> {
    // The SDK warns on stderr about Node.js versions it will drop; trailwatch supports Node.js 20, and stderr carries one line per failure.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const result = await runAudit({
        regions: flags.region,
        allRegions: flags.allRegions === true,
        profile: flags.profile,
        endpoint: flags.endpointUrl,
        configFile: flags.config === undefined ? undefined : path.resolve(flags.config),
        stackExport: flags.stack === undefined ? undefined : path.resolve(flags.stack),
        packDir: flags.policyPack === undefined ? defaultPackDir() : path.resolve(flags.policyPack),
        onLog: printPackLog,
    });
    process.stdout.write(render(result, flags.format, flags.verbose === true));
    if (process.env.TRAILWATCH_DEBUG !== undefined) {
        process.stderr.write(`audit: ${result.stats.calls} API calls (${result.stats.requests} requests), reads ${result.readMillis} ms\n`);
    }
    const mandatory = result.check.violations.some((v) => v.enforcementLevel === "mandatory");
    const blindTrails = result.snapshot.blind.filter((b) => b.about === "trail");
    if (blindTrails.length > 0 && (mandatory || result.snapshot.trails.length === 0)) {
        // A trail this account cannot follow might complete the chain: neither a pass nor a failure is definite.
        const accounts = [...new Set(blindTrails.flatMap((b) => (b.auditAccount === undefined ? [] : [b.auditAccount])))];
        throw new UserError(
            `no definite verdict for account ${result.snapshot.accountId}: ${blindTrails.map((b) => b.subject).join(", ")} cannot be followed from it; ` +
                `audit account ${accounts.join(", ") || "that owns them"} too`,
        );
    }
    process.exitCode = mandatory ? ExitCode.Findings : ExitCode.Ok;
}

/** The audit's own facts, as the JSON and SARIF reports carry them. */
function auditFacts(result: AuditResult): Record<string, unknown> {
    const s = result.snapshot;
    return {
        account: s.accountId,
        caller: s.callerArn,
        regions: s.regions,
        skippedRegions: s.skippedRegions,
        trails: s.trails.map((t) => t.trail.TrailARN ?? t.trail.Name),
        notVisible: s.blind,
        pendingSubscriptions: s.topics.flatMap((t) => t.pending.map((p) => ({ topic: t.arn, protocol: p.Protocol, endpoint: p.Endpoint }))),
        missingTopics: s.topics.filter((t) => t.attributes === undefined).map((t) => t.arn),
        apiCalls: result.stats.calls,
        ...(result.drift === undefined ? {} : { drift: result.drift }),
    };
}

function render(result: AuditResult, format: AuditFlags["format"], verbose: boolean): string {
    switch (format) {
        case "markdown":
            return `${renderMarkdown(result.check)}\n## Audit\n\n\`\`\`text\n${humanHeader(result)}${humanFooter(result).replace(/^\n/, "")}\`\`\`\n`;
        case "html":
            // A complete document: the audit's own facts are in the JSON and SARIF reports.
            return renderHtml(result.check);
        case "json":
            return `${JSON.stringify({ ...jsonReport(result.check), audit: auditFacts(result) }, null, 2)}\n`;
        case "sarif": {
            const log = sarifLog(result.check, { artifactUri: `aws-account:${result.snapshot.accountId}`, toolVersion: version });
            const run = log.runs[0]!;
            run.properties = { ...run.properties, audit: auditFacts(result) };
            return `${JSON.stringify(log, null, 2)}\n`;
        }
        default:
            return (
                humanHeader(result) +
                renderHuman(result.check, { color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined, cwd: process.cwd(), verbose }) +
                humanFooter(result)
            );
    }
}

function humanHeader(result: AuditResult): string {
    const s = result.snapshot;
    const lines = [
        `Account ${s.accountId} (as ${s.callerArn}), trails listed from ${s.regions.join(", ")}: ` +
            `${s.trails.length} trail(s) followed, ${result.stats.calls} read-only API calls`,
    ];
    for (const skipped of s.skippedRegions) {
        lines.push(`    skipped ${skipped.region}: ${skipped.why}`);
    }
    return `${lines.join("\n")}\n\n`;
}

function humanFooter(result: AuditResult): string {
    const s = result.snapshot;
    const lines: string[] = [];
    if (s.blind.length > 0) {
        lines.push("", "Not visible from this account:");
        for (const b of s.blind) {
            lines.push(`    - ${b.subject}: ${b.why}${b.auditAccount === undefined ? "" : `. Audit account ${b.auditAccount} instead`}`);
        }
    }
    const pending = s.topics.flatMap((t) => t.pending.map((p) => `    - ${t.arn}: ${p.Protocol ?? "?"} subscription pending confirmation (not a subscriber until confirmed)`));
    const missing = s.topics.filter((t) => t.attributes === undefined).map((t) => `    - ${t.arn}: an alarm notifies it, but the topic does not exist`);
    if (pending.length + missing.length > 0) {
        lines.push("", "Topics:", ...missing, ...pending);
    }
    const d = result.drift;
    if (d !== undefined) {
        const entry = (e: { type: string; name: string; region: string }) => `    - ${e.type} "${e.name}" (${e.region || "region unknown"})`;
        lines.push("", `Drift against ${path.relative(process.cwd(), d.stackExport) || d.stackExport}:`);
        lines.push(`  managed by the stack (${d.managed.length}):`, ...d.managed.map(entry));
        lines.push(`  declared by the stack, not in the account's chain (${d.missing.length}):`, ...d.missing.map(entry));
        lines.push(`  in the account's chain, managed by no stack resource (${d.unmanaged.length}):`, ...d.unmanaged.map(entry));
    }
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
