/**
 * The human report: the Pulumi CLI's "Policies:" section, then one summary
 * line. Colour only when the caller says the output is a terminal.
 */
import * as path from "node:path";
import { styleText } from "node:util";
import type { CheckResult } from "../run";
import { urnName } from "../model";
import { countLevels, displayType, sortViolations, urnType } from "./order";

/** How to render. */
export interface HumanOptions {
    /** Emit ANSI colours (the output is a terminal and NO_COLOR is unset). */
    readonly color: boolean;
    /** Directory pack paths are shown relative to. */
    readonly cwd: string;
}

/** Renders the report as text, ending with a newline. */
export function renderHuman(result: CheckResult, options: HumanOptions): string {
    // The caller decides whether to colour (it knows which stream the report goes to), so styleText must not second-guess it.
    const paint = (format: Parameters<typeof styleText>[0], text: string) =>
        options.color ? styleText(format, text, { validateStream: false }) : text;
    const { mandatory, advisory } = countLevels(result.violations);
    const mark = mandatory > 0 ? "❌" : advisory > 0 ? "⚠️" : "✅";
    const packPath = path.relative(options.cwd, result.pack.dir) || ".";
    const local = packPath.startsWith("..") ? result.pack.dir : packPath;

    const lines = [paint("bold", "Policies:")];
    lines.push(`    ${mark} ${paint("magenta", `${result.pack.name}@v${result.pack.version}`)} (local: ${local})`);
    for (const v of sortViolations(result.violations)) {
        const level = paint(v.enforcementLevel === "mandatory" ? "red" : "yellow", `[${v.enforcementLevel}]`);
        const severity = v.severity === undefined ? "" : ` [severity: ${v.severity}]`;
        const resource = `  (${displayType(urnType(v.urn))}: ${urnName(v.urn)})`;
        lines.push(`        - ${level}${severity}  ${v.policy}${resource}`);
        for (const line of v.message.replace(/\n$/, "").split("\n")) {
            lines.push(`          ${line}`);
        }
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
