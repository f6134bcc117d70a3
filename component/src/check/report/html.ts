/**
 * The report as one self-contained HTML file: no script, no external style,
 * font or image, so it opens anywhere offline and can be attached to a CI
 * run. Per trail and log group: a drawing (inline SVG) of the chain from
 * trail to subscriber, coloured where it breaks and labelled in words; the
 * matrix; the one fix; then every violation, with the CloudTrail record a
 * pattern misses. Rendered from the same model as the text report.
 */
import { CHAIN_LINKS, type ChainLinkName } from "../../verdicts";
import type { CheckResult } from "../run";
import { urnName } from "../model";
import { type ChainReport, type Mark, type MatrixRow, buildReport, controlRange } from "./model";

const LINK_NAMES: Record<ChainLinkName, string> = {
    trail: "Trail",
    delivery: "Log group",
    filters: "Metric filters",
    alarm: "Alarm",
    notification: "Subscriber",
};

const MARK_WORDS: Record<Mark, string> = { held: "✓ held", broken: "✗ broken", undecided: "? undecided", unreached: "· unreached" };

/** Text safe in HTML content and attribute values. */
function esc(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.summary{padding:8px 12px;border-radius:6px;display:inline-block;font-weight:600}
.failed{background:#ffe3e3;color:#8a1111}.passed{background:#dff5e1;color:#135c1b}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #c9ced6;padding:3px 8px;text-align:left;white-space:nowrap}
th{background:#f2f4f7}.held{color:#135c1b}.broken{color:#b3121b;font-weight:700}.undecided{color:#8a5a00}.unreached{color:#6b7280}
pre{background:#f6f8fa;border:1px solid #d8dee4;border-radius:6px;padding:8px;overflow:auto;font:12px/1.4 ui-monospace,monospace}
.fix{border-left:4px solid #1f6feb;padding:4px 12px;margin:8px 0}
li{margin:6px 0}.msg{white-space:pre-wrap}
`;

/** The state of a link across a chain's reported controls: the worst mark any of them has there. */
function linkState(rows: readonly MatrixRow[], link: ChainLinkName): { mark: Mark; broken: string[] } {
    const broken = rows.filter((r) => r.marks[link] === "broken").map((r) => r.control);
    const order: Mark[] = ["broken", "undecided", "held", "unreached"];
    const mark = order.find((m) => rows.some((r) => r.marks[link] === m)) ?? "unreached";
    return { mark, broken };
}

const FILL: Record<Mark, string> = { held: "#dff5e1", broken: "#ffd7d7", undecided: "#fff1c2", unreached: "#eef0f3" };
const STROKE: Record<Mark, string> = { held: "#2e7d32", broken: "#c62828", undecided: "#a66f00", unreached: "#9aa1ab" };

/** The chain as five boxes joined by arrows, each box saying in words whether it holds. */
function chainDrawing(chain: ChainReport, rows: readonly MatrixRow[]): string {
    const width = 170;
    const gap = 40;
    const parts: string[] = [];
    const states = CHAIN_LINKS.map((link) => ({ link, ...linkState(rows, link) }));
    states.forEach((s, i) => {
        const x = 10 + i * (width + gap);
        const detail = s.broken.length > 0 ? `broken for ${controlRange(s.broken)}` : MARK_WORDS[s.mark].slice(2);
        parts.push(
            `<g><rect x="${x}" y="10" width="${width}" height="64" rx="8" fill="${FILL[s.mark]}" stroke="${STROKE[s.mark]}" stroke-width="${s.mark === "broken" ? 3 : 1.5}"/>`,
            `<text x="${x + width / 2}" y="36" text-anchor="middle" font-weight="600">${esc(LINK_NAMES[s.link])}</text>`,
            `<text x="${x + width / 2}" y="58" text-anchor="middle" fill="${STROKE[s.mark]}">${esc(detail.length > 26 ? `${detail.slice(0, 25)}…` : detail)}</text></g>`,
        );
        if (i < states.length - 1) {
            const ax = x + width;
            parts.push(`<path d="M${ax + 4} 42 H${ax + gap - 8}" stroke="#6b7280" stroke-width="2" marker-end="url(#arrow)"/>`);
        }
    });
    const total = 20 + CHAIN_LINKS.length * width + (CHAIN_LINKS.length - 1) * gap;
    const label = `Chain ${chain.title}: ${states.map((s) => `${LINK_NAMES[s.link]} ${s.broken.length > 0 ? `broken for ${controlRange(s.broken)}` : MARK_WORDS[s.mark].slice(2)}`).join(", ")}`;
    return (
        `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${total} 84" width="${total}" height="84" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="13">` +
        `<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#6b7280"/></marker></defs>` +
        `${parts.join("")}</svg>`
    );
}

function matrixTable(rows: readonly MatrixRow[]): string {
    const head = `<tr><th scope="col">CIS</th>${CHAIN_LINKS.map((l) => `<th scope="col">${esc(LINK_NAMES[l])}</th>`).join("")}<th scope="col">Level</th></tr>`;
    const body = rows
        .map(
            (r) =>
                `<tr><th scope="row" title="${esc(r.title)}">${esc(r.control)}</th>` +
                CHAIN_LINKS.map((l) => `<td class="${r.marks[l]}">${esc(MARK_WORDS[r.marks[l]])}</td>`).join("") +
                `<td>${esc(r.level)}</td></tr>`,
        )
        .join("");
    return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function chainSection(chain: ChainReport): string {
    const shown = chain.rows.filter((r) => r.level !== "met elsewhere");
    const out = [`<section><h2>${esc(chain.title)}</h2>`];
    if (chain.quiet) {
        out.push("<p>Nothing reported here: each control it breaks holds on another chain.</p></section>");
        return out.join("");
    }
    out.push(chainDrawing(chain, shown), matrixTable(shown));
    const elsewhere = chain.rows.filter((r) => r.level === "met elsewhere");
    if (elsewhere.length > 0) {
        out.push(`<p>${esc(controlRange(elsewhere.map((r) => r.control)))}: broken here, held on another chain (not reported).</p>`);
    }
    if (chain.repairedElsewhere.length > 0) {
        const on = [...new Set(chain.repairedElsewhere.map((r) => r.on))].join(", ");
        out.push(`<p>${esc(controlRange(chain.repairedElsewhere.map((r) => r.control)))}: repaired by the change on ${esc(on)}.</p>`);
    }
    if (chain.fix !== undefined) {
        out.push(`<div class="fix"><p><strong>${esc(chain.fix.headline)}</strong></p><pre><code>${esc(chain.fix.code.join("\n"))}</code></pre></div>`);
    }
    const missed = shown.filter((r) => r.record.missed !== undefined && r.marks.filters === "broken");
    for (const r of missed) {
        out.push(`<p>CIS ${esc(r.control)}: the filters miss this CloudTrail record:</p><pre>${esc(JSON.stringify(r.record.missed, null, 2))}</pre>`);
    }
    out.push("</section>");
    return out.join("");
}

/** Renders the HTML report, one self-contained document ending with a newline. */
export function renderHtml(result: CheckResult): string {
    const model = buildReport(result);
    const { mandatory, advisory, exitCode, meaning } = model.summary;
    const verdict = exitCode === 1 ? "failed" : "passed";
    const body: string[] = [
        `<h1>trailwatch check: ${esc(model.pack.name)}@${esc(model.pack.version)}</h1>`,
        `<p class="summary ${verdict}">${verdict}, ${esc(meaning)}: ${mandatory} mandatory, ${advisory} advisory (${esc(model.mode)})</p>`,
        ...model.chains.map(chainSection),
    ];
    if (model.stackRows.length > 0) {
        const rows = model.stackRows
            .map((r) => `<tr><th scope="row">${esc(r.control)}</th><td>${esc(r.title)}</td><td class="${r.status === "broken" ? "broken" : r.status === "held" ? "held" : "unreached"}">${esc(r.status)}</td><td>${esc(r.level)}</td></tr>`)
            .join("");
        body.push(`<h2>Stack-wide controls</h2><table><thead><tr><th scope="col">CIS</th><th scope="col">Control</th><th scope="col">Status</th><th scope="col">Level</th></tr></thead><tbody>${rows}</tbody></table>`);
    }
    if (model.violations.length > 0) {
        const items = model.violations
            .map((v) => `<li><strong>${esc(v.enforcementLevel)}</strong> <code>${esc(v.policy)}</code> on ${esc(urnName(v.urn))}<div class="msg">${esc(v.message)}</div></li>`)
            .join("");
        body.push(`<h2>Violations and their fixes (${model.violations.length})</h2><ul>${items}</ul>`);
    }
    for (const w of model.warnings) {
        body.push(`<p class="undecided">pack ${esc(w.severity)}: ${esc(w.message)}</p>`);
    }
    return (
        `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        // No network, ever: the policy forbids every fetch; styles and drawings are inline.
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
        `<title>trailwatch check: ${verdict}</title><style>${STYLE}</style></head><body>${body.join("\n")}</body></html>\n`
    );
}
