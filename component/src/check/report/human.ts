/**
 * The human report: per trail and log group a matrix of controls (rows, in
 * numeric order) by links (columns), the one change that repairs what is
 * broken there, then one summary line. Every violation in full (the Pulumi
 * CLI's "Policies:" section) only with --verbose: the matrix and the fix
 * answer what a reader asks first, and the full messages repeat per control
 * what the matrix shows once; JSON and SARIF always carry them. A pack that
 * hands over no verdicts gets the "Policies:" section. Colour only when the
 * caller says the output is a terminal.
 */
import * as path from "node:path";
import { styleText } from "node:util";
import type { CheckResult } from "../run";
import { urnName } from "../model";
import { CHAIN_LINKS, type ChainLinkName } from "../../verdicts";
import { visible } from "../../cli/terminal-text";
import type { Violation } from "../session";
import { type ChainReport, type Mark, buildReport, controlRange, fixText } from "./model";
import { countLevels, displayType, sortViolations, urnType } from "./order";

/** How to render. */
export interface HumanOptions {
    /** Emit ANSI colours (the output is a terminal and NO_COLOR is unset). */
    readonly color: boolean;
    /** Directory pack paths are shown relative to. */
    readonly cwd: string;
    /** Follow the matrix with every violation in full (the "Policies:" section). */
    readonly verbose?: boolean;
}

/** Renders the report as text, ending with a newline: the matrix first when the pack handed over verdicts. */
export function renderHuman(result: CheckResult, options: HumanOptions): string {
    const model = buildReport(result);
    if (!model.hasMatrix) {
        return renderPolicies(result, options);
    }
    const paint = painter(options.color);
    const lines: string[] = [];
    for (const chain of model.chains) {
        lines.push(...chainLines(chain, paint), "");
    }
    for (const row of model.stackRows) {
        const word = row.status === "held" ? paint("green", "✓ held") : row.status === "broken" ? paint(["red", "bold"], "✗ BROKEN") : row.status;
        lines.push(`${paint("bold", row.control.padEnd(6))}${row.title}: ${word} (${row.level})`);
        const fix = row.violations.map((v) => fixText(v.message)).find((f) => f !== undefined);
        if (fix !== undefined) {
            lines.push(...wrap(`Fix: ${fix}`, 74).map((l) => `    ${l}`));
        }
    }
    if (model.stackRows.length > 0) {
        lines.push("");
    }
    if (model.otherViolations.length > 0) {
        lines.push(paint("bold", "Other findings:"));
        for (const v of model.otherViolations) {
            lines.push(...violationLines(v, paint).map((l) => l.slice(6)));
        }
        lines.push("");
    }
    for (const w of model.warnings) {
        lines.push(`${paint("yellow", `pack ${w.severity}:`)} ${visible(w.message)}`);
    }
    const { mandatory, advisory, exitCode, meaning } = model.summary;
    const verdict = exitCode === 1 ? paint("red", "failed") : paint("green", "passed");
    lines.push(`${verdict}, ${meaning}: ${mandatory} mandatory, ${advisory} advisory (${model.mode})`);
    if (options.verbose === true) {
        lines.push("", renderPolicies(result, options).trimEnd());
    } else if (model.violations.length > 0) {
        lines.push("Each violation in full: --verbose (or --format json).");
    }
    return `${lines.join("\n")}\n`;
}

/** A cell: mark and word, so a screen reader reads the word and colour is never the only sign. */
const MARK_TEXT: Record<Mark, [string, Parameters<typeof styleText>[0]]> = {
    held: ["✓ held", "green"],
    broken: ["✗ BROKEN", ["red", "bold"]],
    undecided: ["? undecided", "yellow"],
    unreached: ["· unreached", "dim"],
};

const CELL = 12;
const LINK_HEADINGS: Record<ChainLinkName, string> = {
    trail: "trail",
    delivery: "log group",
    filters: "filters",
    alarm: "alarm",
    notification: "notify",
};

function chainLines(chain: ChainReport, paint: Paint): string[] {
    if (chain.quiet) {
        return wrap(`${chain.title}: nothing reported here; each control it breaks holds on another chain.`, 80).map((l) => paint("bold", l));
    }
    const lines = wrap(chain.title, 80).map((l) => paint("bold", l));
    lines.push(`  ${"CIS".padEnd(6)}${CHAIN_LINKS.map((l) => LINK_HEADINGS[l].padEnd(CELL)).join("")}level`);
    const elsewhere = chain.rows.filter((r) => r.level === "met elsewhere");
    for (const row of chain.rows.filter((r) => r.level !== "met elsewhere")) {
        const cells = CHAIN_LINKS.map((l) => {
            const [text, style] = MARK_TEXT[row.marks[l]];
            return paint(style, text) + " ".repeat(CELL - text.length);
        }).join("");
        lines.push(`  ${row.control.padEnd(6)}${cells}${row.level}`);
    }
    if (elsewhere.length > 0) {
        lines.push(`  ${controlRange(elsewhere.map((r) => r.control))}: broken here, held on another chain (not reported)`);
    }
    if (chain.repairedElsewhere.length > 0) {
        const on = [...new Set(chain.repairedElsewhere.map((r) => r.on))].join(", ");
        lines.push(...wrap(`${controlRange(chain.repairedElsewhere.map((r) => r.control))}: repaired by the change on ${on}`, 76).map((l) => `  ${l}`));
    }
    if (chain.fix !== undefined) {
        lines.push(...wrap(chain.fix.headline, 76).map((l) => `  ${paint("bold", l)}`));
        // A one-line fix is prose (a trail setting, a region): wrap it; component code already fits.
        const code = chain.fix.code.length === 1 ? wrap(chain.fix.code[0]!, 74) : chain.fix.code;
        lines.push(...code.map((c) => `    ${c}`));
    }
    return lines;
}

/** Wraps prose at spaces; code lines already fit. */
function wrap(text: string, width: number): string[] {
    if (text.length <= width) {
        return [text];
    }
    const out: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
        if (line !== "" && line.length + 1 + word.length > width) {
            out.push(line);
            line = word;
        } else {
            line = line === "" ? word : `${line} ${word}`;
        }
    }
    out.push(line);
    return out;
}

type Paint = (format: Parameters<typeof styleText>[0], text: string) => string;

function painter(color: boolean): Paint {
    // The caller decides whether to colour (it knows which stream the report goes to), so styleText must not second-guess it.
    return (format, text) => (color ? styleText(format, text, { validateStream: false }) : text);
}

function violationLines(v: Violation, paint: Paint): string[] {
    const level = paint(v.enforcementLevel === "mandatory" ? "red" : "yellow", `[${v.enforcementLevel}]`);
    const severity = v.severity === undefined ? "" : ` [severity: ${v.severity}]`;
    const resource = `  (${displayType(urnType(v.urn))}: ${urnName(v.urn)})`;
    return [`        - ${level}${severity}  ${v.policy}${resource}`, ...v.message.replace(/\n$/, "").split("\n").map((l) => `          ${l}`)];
}

/** The Pulumi CLI's "Policies:" section, then one summary line: every violation in full. */
export function renderPolicies(result: CheckResult, options: HumanOptions): string {
    const paint = painter(options.color);
    const { mandatory, advisory } = countLevels(result.violations);
    const mark = mandatory > 0 ? "❌" : advisory > 0 ? "⚠️" : "✅";
    const packPath = path.relative(options.cwd, result.pack.dir) || ".";
    const local = packPath.startsWith("..") ? result.pack.dir : packPath;

    const lines = [paint("bold", "Policies:")];
    lines.push(`    ${mark} ${paint("magenta", `${result.pack.name}@v${result.pack.version}`)} (local: ${local})`);
    for (const v of sortViolations(result.violations)) {
        lines.push(...violationLines(v, paint));
    }
    lines.push("");
    const verdict =
        mandatory > 0 ? paint("red", "failed") : paint("green", advisory > 0 ? "passed with advisories" : "passed");
    lines.push(
        `${verdict}: ${plural(mandatory, "mandatory violation")}, ${plural(advisory, "advisory violation")}, ` +
            `${plural(result.resources, "resource")} analyzed (${result.mode})`,
    );
    return `${lines.join("\n")}\n`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}
