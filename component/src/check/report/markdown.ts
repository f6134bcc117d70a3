/**
 * The report as GitHub-flavoured Markdown, for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`: per trail and log group the matrix as a table and
 * the one fix as a code block, then the summary. Every violation in full
 * only in a collapsed `<details>` block, as the human report keeps it for
 * --verbose. Rendered from the same model as the text report.
 */
import { CHAIN_LINKS, type ChainLinkName } from "../../verdicts";
import type { CheckResult } from "../run";
import { urnName } from "../model";
import { type ChainReport, type Mark, buildReport, controlRange, fixText } from "./model";

/** Each mark as an emoji with its word, so a screen reader and a colour-blind reader both get it. */
const MARKS: Record<Mark, string> = {
    held: "✅ held",
    broken: "❌ **broken**",
    undecided: "❔ undecided",
    unreached: "➖ unreached",
};

const HEADINGS: Record<ChainLinkName, string> = {
    trail: "Trail",
    delivery: "Log group",
    filters: "Filters",
    alarm: "Alarm",
    notification: "Notify",
};

/** Text safe inside a table cell or a heading: pipes, backticks and HTML escaped, one line. */
function cell(text: string): string {
    return text
        .replace(/\r?\n/g, " ")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/\|/g, "\\|")
        .replace(/`/g, "\\`")
        .replace(/\*/g, "\\*")
        .replace(/_/g, "\\_");
}

/** A fenced code block whose fence no line of the code can close. */
function fenced(lang: string, lines: readonly string[]): string[] {
    const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
    const fence = "`".repeat(longest + 1);
    return [`${fence}${lang}`, ...lines, fence];
}

function chainSection(chain: ChainReport): string[] {
    const out = [`### ${cell(chain.title)}`, ""];
    if (chain.quiet) {
        return [...out, "Nothing reported here: each control it breaks holds on another chain.", ""];
    }
    const shown = chain.rows.filter((r) => r.level !== "met elsewhere");
    const elsewhere = chain.rows.filter((r) => r.level === "met elsewhere");
    out.push(`| CIS | ${CHAIN_LINKS.map((l) => HEADINGS[l]).join(" | ")} | Level |`);
    out.push(`| --- | ${CHAIN_LINKS.map(() => "---").join(" | ")} | --- |`);
    for (const row of shown) {
        out.push(`| ${row.control} | ${CHAIN_LINKS.map((l) => MARKS[row.marks[l]]).join(" | ")} | ${row.level} |`);
    }
    out.push("");
    if (elsewhere.length > 0) {
        out.push(`${controlRange(elsewhere.map((r) => r.control))}: broken here, held on another chain (not reported).`, "");
    }
    if (chain.repairedElsewhere.length > 0) {
        const on = [...new Set(chain.repairedElsewhere.map((r) => r.on))].map(cell).join(", ");
        out.push(`${controlRange(chain.repairedElsewhere.map((r) => r.control))}: repaired by the change on ${on}.`, "");
    }
    if (chain.fix !== undefined) {
        out.push(`**${cell(chain.fix.headline)}**`, "");
        out.push(...(chain.fix.code.length === 1 ? [cell(chain.fix.code[0]!)] : fenced("ts", chain.fix.code)), "");
    }
    return out;
}

/** Renders the Markdown report, ending with a newline. */
export function renderMarkdown(result: CheckResult): string {
    const model = buildReport(result);
    const { mandatory, advisory, exitCode, meaning } = model.summary;
    const out = [`## trailwatch check: ${exitCode === 1 ? "❌ failed" : "✅ passed"}`, ""];
    out.push(`${mandatory} mandatory, ${advisory} advisory (${model.mode}); ${meaning}. Pack ${cell(model.pack.name)}@${cell(model.pack.version)}.`, "");
    for (const chain of model.chains) {
        out.push(...chainSection(chain));
    }
    if (model.stackRows.length > 0) {
        out.push("| CIS | Control | Status | Level |", "| --- | --- | --- | --- |");
        for (const row of model.stackRows) {
            const status = row.status === "held" ? MARKS.held : row.status === "broken" ? MARKS.broken : row.status;
            out.push(`| ${row.control} | ${cell(row.title)} | ${status} | ${row.level} |`);
        }
        out.push("");
        for (const row of model.stackRows) {
            const fix = row.violations.map((v) => fixText(v.message)).find((f) => f !== undefined);
            if (fix !== undefined) {
                out.push(`**Fix ${row.control}:** ${cell(fix)}`, "");
            }
        }
    }
    const detail = model.hasMatrix ? model.violations : model.otherViolations;
    if (detail.length > 0) {
        out.push(model.hasMatrix ? `<details><summary>Every violation in full (${detail.length})</summary>` : "", "");
        for (const v of detail) {
            out.push(`- **${v.enforcementLevel}** \`${cell(v.policy)}\` on ${cell(urnName(v.urn))}: ${cell(v.message)}`);
        }
        out.push("", model.hasMatrix ? "</details>" : "", "");
    }
    return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
