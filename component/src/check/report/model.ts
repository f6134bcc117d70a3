/**
 * The report as data: what a reader needs first (per trail and log group,
 * which control holds at which link, and the one change that repairs what is
 * broken there), built from the pack's verdict records and violations. Every
 * format (text, Markdown, HTML) renders this model; `audit` builds it from
 * its own verdicts the same way.
 */
import { CIS_CONTROLS, MONITORING_CONTROLS, compareControls, controlRange } from "../../intent";
import { CHAIN_LINKS, type ChainLinkName, type ChainRecord, type VerdictRecord } from "../../verdicts";
import type { PackLogEntry } from "../pack-log";
import type { Violation } from "../session";
import { countLevels, sortViolations } from "./order";

/** What a matrix cell says about one link. */
export type Mark = "held" | "broken" | "undecided" | "unreached";

/**
 * The level of a row: the reported violation's, else "met elsewhere" for a
 * control another chain holds, else its policy's level after configuration.
 */
export type RowLevel = "mandatory" | "advisory" | "met elsewhere" | "disabled";

/** One control on one chain. */
export interface MatrixRow {
    /** CIS number, e.g. `4.3`. */
    readonly control: string;
    /** What the control counts, e.g. "usage of the 'root' account". */
    readonly title: string;
    /** The verdict: pass, fail, undecided, or not applicable. */
    readonly status: VerdictRecord["status"];
    /** One mark per link, in chain order. */
    readonly marks: Readonly<Record<ChainLinkName, Mark>>;
    /** The broken (or first waiting) link. */
    readonly link?: ChainLinkName;
    /** The level of the violations reported for this row. */
    readonly level: RowLevel;
    /** The record behind the row. */
    readonly record: VerdictRecord;
    /** The violations reported for it. */
    readonly violations: readonly Violation[];
    /**
     * For a control broken on several chains: the chain whose fix repairs it
     * (a control holds when one chain completes, so one change is enough).
     */
    readonly repairedOn?: string;
}

/** The one change that repairs what is broken on a chain. */
export interface Fix {
    /** The controls it repairs, in numeric order. */
    readonly controls: readonly string[];
    /** One line saying what to do. */
    readonly headline: string;
    /** The code or config to paste, one line each; empty when the headline says it all. */
    readonly code: readonly string[];
}

/** Everything about one trail and log group. */
export interface ChainReport {
    /** Which trail and log group. */
    readonly chain: ChainRecord;
    /** `Trail "main" → log group "cloudtrail" (us-east-1)`. */
    readonly title: string;
    /** One row per control, in numeric order. */
    readonly rows: readonly MatrixRow[];
    /** The change that repairs every broken row reported on this chain, when any is. */
    readonly fix?: Fix;
    /** Controls broken here whose fix is suggested on another chain, by that chain's title. */
    readonly repairedElsewhere: readonly { readonly control: string; readonly on: string }[];
    /** True when no row here is reported: every control it breaks holds on another chain. */
    readonly quiet: boolean;
    /**
     * Advisory notes of passing rows (a subscription pending confirmation, a
     * topic managed elsewhere), each once with the controls that carry it.
     */
    readonly notes: readonly { readonly text: string; readonly controls: readonly string[] }[];
}

/** A control judged for the whole stack rather than on a chain (4.16, a stack without a trail). */
export interface StackRow {
    /** CIS number. */
    readonly control: string;
    /** What it checks. */
    readonly title: string;
    /** held, broken, or not applicable. */
    readonly status: "held" | "broken" | "not-applicable" | "disabled";
    /** The level it counts at. */
    readonly level: RowLevel;
    /** Its violations. */
    readonly violations: readonly Violation[];
}

/** The whole report. */
export interface ReportModel {
    /** The pack. */
    readonly pack: { readonly name: string; readonly version: string };
    /** How the resources were produced. */
    readonly mode: string;
    /** False for a pack that hands over no verdicts (the report is then its violations alone). */
    readonly hasMatrix: boolean;
    /** Per trail and log group. */
    readonly chains: readonly ChainReport[];
    /** Controls judged for the stack. */
    readonly stackRows: readonly StackRow[];
    /** Violations no matrix row explains (resource policies, other packs). */
    readonly otherViolations: readonly Violation[];
    /** Every violation, in the CLI's order. */
    readonly violations: readonly Violation[];
    /** Warnings and errors the pack logged. */
    readonly warnings: readonly PackLogEntry[];
    /** What the program logged with `pulumi.log.warn` (a component's warning about a weak pattern, say). */
    readonly programWarnings: readonly string[];
    /** Counts and what the exit code means. */
    readonly summary: Summary;
}

/** The summary line's facts. */
export interface Summary {
    readonly mandatory: number;
    readonly advisory: number;
    readonly resources: number;
    /** 1 when a mandatory violation blocks, else 0. */
    readonly exitCode: 0 | 1;
    /** What the exit code means, in words. */
    readonly meaning: string;
}

/** What the model is built from: a `check` result, or `audit`'s. */
export interface ReportInput {
    readonly pack: {
        readonly name: string;
        readonly version: string;
        /** Policies with their level after configuration. */
        readonly policies: readonly { readonly name: string; readonly enforcementLevel: string }[];
    };
    readonly mode: string;
    readonly violations: readonly Violation[];
    readonly resources: number;
    readonly logs: readonly PackLogEntry[];
    readonly verdicts?: readonly VerdictRecord[];
    readonly programWarnings?: readonly string[];
    /** Masks the stack's secrets in text the report writes itself (the suggested fixes). */
    readonly scrub?: (text: string) => string;
}

// One wording of control lists for the pack and every report (see intent/control-order).
export { compareControls, controlRange };

function titleOf(control: string): string {
    const entry = CIS_CONTROLS.find((c) => c.control === control);
    return entry === undefined ? control : entry.title.replace(/^Ensure /, "").replace(/ (is|are) monitored$/, "");
}

function chainKey(chain: ChainRecord | undefined): string {
    return JSON.stringify([chain?.trail ?? "", chain?.group ?? "", chain?.region ?? ""]);
}

/** `Trail "main" → log group "cloudtrail" (us-east-1)`. */
export function chainTitle(chain: ChainRecord): string {
    const group = chain.group === undefined ? "no log group" : `log group "${chain.group}"`;
    const region = chain.region === undefined ? "" : ` (${chain.region})`;
    return chain.trail === undefined ? `External ${group}${region}` : `Trail "${chain.trail}" → ${group}${region}`;
}

function marksOf(record: VerdictRecord): Record<ChainLinkName, Mark> {
    const at = record.link === undefined ? -1 : CHAIN_LINKS.indexOf(record.link);
    const external = record.chain !== undefined && record.chain.trail === undefined;
    return Object.fromEntries(
        CHAIN_LINKS.map((link, i) => {
            let mark: Mark;
            if (record.status === "pass") {
                mark = "held";
            } else if (record.status === "not-applicable") {
                mark = "unreached";
            } else if (at < 0) {
                mark = record.status === "fail" ? "broken" : "undecided";
            } else {
                mark = i < at ? "held" : i === at ? (record.status === "fail" ? "broken" : "undecided") : "unreached";
            }
            // An external log group's chain starts at the group: its trail lives in another stack.
            if (external && (link === "trail" || link === "delivery") && mark !== "broken") {
                mark = "held";
            }
            return [link, mark];
        }),
    ) as Record<ChainLinkName, Mark>;
}

/** The violations a record's messages were reported as. */
function violationsOf(record: VerdictRecord, violations: readonly Violation[]): Violation[] {
    return violations.filter(
        (v) => v.policy === record.policy && record.messages.some((m) => v.message === m || v.message.endsWith(`\n${m}`)),
    );
}

function levelOf(found: readonly Violation[]): RowLevel | undefined {
    if (found.some((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate")) {
        return "mandatory";
    }
    return found.some((v) => v.enforcementLevel === "advisory") ? "advisory" : undefined;
}

/** What a passing chain's advisory says, without the subject the chain's title already gives. */
function noteText(message: string): string {
    const marker = ": passes, with an advisory: ";
    const at = message.indexOf(marker);
    return at < 0 ? message.slice(message.indexOf(": ") + 2) : message.slice(at + marker.length);
}

/** The text after "Fix: " in a message, the pack's own fix for it. */
export function fixText(message: string): string | undefined {
    const at = message.indexOf("Fix: ");
    return at < 0 ? undefined : message.slice(at + 5).trim();
}

/** The component name the pack's fixes already chose (free in the stack), else the component's default. */
function componentName(rows: readonly MatrixRow[], className: string, fallback: string): string {
    const pattern = new RegExp(`new ${className}\\("([^"]+)"`);
    for (const row of rows) {
        for (const message of row.record.messages) {
            const found = pattern.exec(message);
            if (found) {
                return found[1]!;
            }
        }
    }
    return fallback;
}

/** Where the component reads, as argument lines: the managed log group, else the trail, else the group's name. */
function sourceArgument(chain: ChainRecord): string[] {
    if (chain.groupResource !== undefined) {
        return [`    // the aws.cloudwatch.LogGroup "${chain.groupResource}"`, "    logGroup,"];
    }
    if (chain.trail !== undefined) {
        return [`    // the aws.cloudtrail.Trail "${chain.trail}"`, "    trail,"];
    }
    return [`    logGroupName: ${JSON.stringify(chain.group ?? "")},`];
}

/** The subscription every suggested call carries (link 5 needs a subscriber), on lines that fit a terminal. */
const SUBSCRIPTIONS = ["    subscriptions: [", '        { protocol: "email", endpoint: "security@example.com" },', "    ],"];

/** A `controls: [...]` argument wrapped to fit a terminal. */
function controlsArgument(controls: readonly string[]): string[] {
    const items = controls.map((c) => JSON.stringify(c));
    const lines: string[] = [];
    let line = "    controls: [";
    for (const [i, item] of items.entries()) {
        const piece = `${item}${i < items.length - 1 ? ", " : "],"}`;
        if (line.length + piece.trimEnd().length > 72) {
            lines.push(line.trimEnd());
            line = `        ${piece}`;
        } else {
            line += piece;
        }
    }
    lines.push(line);
    return lines;
}

/**
 * The one change for a chain: the trail's or the delivery's fix when that
 * link breaks (every control waits on it), a specific fix (region, ARN) when
 * every broken control shares it, else one component call with exactly the
 * broken controls (`UnauthorizedApiCallsAlarm` for 4.1 alone).
 */
function fixFor(chain: ChainRecord, rows: readonly MatrixRow[]): Fix | undefined {
    const broken = rows.filter((r) => r.status === "fail" && r.violations.length > 0 && r.repairedOn === undefined);
    if (broken.length === 0) {
        return undefined;
    }
    const controls = broken.map((r) => r.control);
    const repairs = `repairs ${controlRange(controls)} here`;
    const early = broken.find((r) => r.link === "trail" || r.link === "delivery");
    if (early !== undefined) {
        const text = fixText(early.record.messages[0] ?? "") ?? early.record.fix ?? "";
        return { controls, headline: `Fix the ${early.link === "trail" ? "trail" : "delivery to CloudWatch Logs"} first (${repairs}):`, code: [text] };
    }
    const specific = [...new Set(broken.map((r) => r.record.fix).filter((f): f is string => f !== undefined))];
    if (specific.length === 1 && broken.every((r) => r.record.fix !== undefined)) {
        return { controls, headline: `One edit ${repairs}:`, code: [specific[0]!] };
    }
    // Some controls have an edit of their own (a component's custom pattern), the rest want monitoring: both, in one block.
    const edits = broken.filter((r) => r.record.fix !== undefined);
    if (edits.length > 0 && edits.length < broken.length) {
        const rest = fixFor(chain, rows.filter((r) => !edits.includes(r)));
        const byFix = new Map<string, string[]>();
        for (const r of edits) {
            byFix.set(r.record.fix!, [...(byFix.get(r.record.fix!) ?? []), r.control]);
        }
        const editLines = [...byFix].flatMap(([text, on]) => comment(`${controlRange(on)}: ${text}`));
        const restLines = rest === undefined ? [] : rest.code.length === 1 ? comment(`${controlRange(rest.controls)}: ${rest.code[0]!}`) : rest.code;
        return { controls, headline: `Two changes repair ${controlRange(controls)} here (from the trailwatch package):`, code: [...editLines, ...restLines] };
    }
    // A CisMonitoringAlarms already on the log group: turn the controls on there, not in a second component.
    if (chain.component !== undefined && broken.every((r) => r.link === "filters" && r.record.fix === undefined && r.record.missed === undefined)) {
        const list = controls.map((c) => JSON.stringify(c)).join(", ");
        return {
            controls,
            headline: `One edit ${repairs}:`,
            code: [`on the CisMonitoringAlarms "${chain.component}" already watching this log group, turn on ${list}: remove \`enabled: false\` from ${controls.length === 1 ? "its override" : "their overrides"}, or add ${controls.length === 1 ? "it" : "them"} to \`controls\`.`],
        };
    }
    if (controls.length === 1 && controls[0] === MONITORING_CONTROLS[0]!.control) {
        const name = componentName(broken, "UnauthorizedApiCallsAlarm", "unauthorized-api-calls");
        return {
            controls,
            headline: `One change ${repairs} (from the trailwatch package):`,
            code: [`new UnauthorizedApiCallsAlarm(${JSON.stringify(name)}, {`, ...sourceArgument(chain), ...SUBSCRIPTIONS, "});"],
        };
    }
    const name = componentName(broken, "CisMonitoringAlarms", "cis-monitoring");
    const region = chain.region === undefined ? [] : [`    region: ${JSON.stringify(chain.region)},`];
    return {
        controls,
        headline: `One change ${repairs} (from the trailwatch package):`,
        code: [
            `new CisMonitoringAlarms(${JSON.stringify(name)}, {`,
            ...sourceArgument(chain),
            ...region,
            ...controlsArgument(controls),
            ...SUBSCRIPTIONS,
            "});",
        ],
    };
}

/** Prose as `// ` comment lines that fit a terminal beside the code they precede. */
function comment(text: string, width = 72): string[] {
    const lines: string[] = [];
    let line = "//";
    for (const word of text.split(" ")) {
        if (line !== "//" && line.length + 1 + word.length > width) {
            lines.push(line);
            line = "//";
        }
        line = `${line} ${word}`;
    }
    lines.push(line);
    return lines;
}

function exitMeaning(mandatory: number, advisory: number): Summary {
    const meaning = mandatory > 0 ? "exit 1: mandatory broken" : advisory > 0 ? "exit 0: advisories do not block" : "exit 0";
    return { mandatory, advisory, resources: 0, exitCode: mandatory > 0 ? 1 : 0, meaning };
}

/** Builds the report model from a check's (or an audit's) result. */
export function buildReport(input: ReportInput): ReportModel {
    const records = input.verdicts ?? [];
    const violations = sortViolations(input.violations);
    const counts = countLevels(input.violations);
    const summary: Summary = { ...exitMeaning(counts.mandatory, counts.advisory), resources: input.resources };
    const warnings = input.logs.filter((l) => l.severity === "warning" || l.severity === "error");
    const programWarnings = [...new Set(input.programWarnings ?? [])];
    const base = { pack: { name: input.pack.name, version: input.pack.version }, mode: input.mode, violations, warnings, programWarnings, summary };
    if (records.length === 0) {
        return { ...base, hasMatrix: false, chains: [], stackRows: [], otherViolations: violations };
    }
    const explained = new Set<Violation>();
    const levels = new Map(input.pack.policies.map((p) => [p.name, p.enforcementLevel]));
    const configured = (policy: string): RowLevel => {
        const level = levels.get(policy);
        return level === "mandatory" || level === "remediate" ? "mandatory" : level === "disabled" ? "disabled" : "advisory";
    };
    const byChain = new Map<string, { chain: ChainRecord; records: VerdictRecord[] }>();
    const stackRecords: VerdictRecord[] = [];
    for (const record of records) {
        if (record.chain === undefined) {
            stackRecords.push(record);
            continue;
        }
        const key = chainKey(record.chain);
        const entry = byChain.get(key) ?? { chain: record.chain, records: [] };
        entry.records.push(record);
        byChain.set(key, entry);
    }
    // A control that passes on some chain holds for the stack: its other chains' failures are not reported.
    const passing = new Set(records.filter((r) => r.status === "pass").map((r) => r.control));
    const drafts = [...byChain.values()].map(({ chain, records: mine }) => {
        const rows = mine
            .map((record): MatrixRow => {
                const found = violationsOf(record, violations);
                found.forEach((v) => explained.add(v));
                // A passing row keeps its policy's level; its advisory notes are listed once per chain (see `notes`).
                const level =
                    record.status === "pass"
                        ? configured(record.policy)
                        : (levelOf(found) ?? (passing.has(record.control) ? "met elsewhere" : configured(record.policy)));
                return {
                    control: record.control,
                    title: titleOf(record.control),
                    status: record.status,
                    marks: marksOf(record),
                    ...(record.link === undefined ? {} : { link: record.link }),
                    level,
                    record,
                    violations: found,
                };
            })
            .sort((a, b) => compareControls(a.control, b.control));
        return { chain, title: chainTitle(chain), rows };
    });
    // A control broken and reported on several chains is repaired by one change: on the chain that holds the most.
    const held = (rows: readonly MatrixRow[]) => rows.filter((r) => r.status === "pass").length;
    const owners = new Map<string, string>();
    for (const c of [...drafts].sort((a, b) => held(b.rows) - held(a.rows))) {
        for (const row of c.rows) {
            if (row.status === "fail" && row.violations.length > 0 && !owners.has(row.control)) {
                owners.set(row.control, c.title);
            }
        }
    }
    const chains: ChainReport[] = drafts.map((draft) => {
        const rows = draft.rows.map((r) => {
            const owner = owners.get(r.control);
            return owner !== undefined && owner !== draft.title && r.status === "fail" && r.violations.length > 0 ? { ...r, repairedOn: owner } : r;
        });
        const unmasked = fixFor(draft.chain, rows);
        const mask = input.scrub ?? ((t: string) => t);
        const fix = unmasked === undefined ? undefined : { ...unmasked, headline: mask(unmasked.headline), code: unmasked.code.map(mask) };
        const quiet = rows.every((r) => r.violations.length === 0) && rows.some((r) => r.level === "met elsewhere");
        const repairedElsewhere = rows.flatMap((r) => (r.repairedOn === undefined ? [] : [{ control: r.control, on: r.repairedOn }]));
        const notes = new Map<string, string[]>();
        for (const row of rows.filter((r) => r.status === "pass")) {
            // A note the pack said once for several controls still concerns each of them.
            const texts = new Set([...(row.record.notes ?? []), ...row.violations.map((v) => v.message)].map(noteText));
            for (const text of texts) {
                notes.set(text, [...(notes.get(text) ?? []), row.control]);
            }
        }
        return {
            ...draft,
            rows,
            ...(fix === undefined ? {} : { fix }),
            quiet,
            repairedElsewhere,
            notes: [...notes].map(([text, controls]) => ({ text, controls })),
        };
    });
    const stackRows: StackRow[] = stackRecords.map((record) => {
        const found = violationsOf(record, violations);
        found.forEach((v) => explained.add(v));
        return {
            control: record.control,
            title: titleOf(record.control),
            status: record.status === "not-applicable" ? "not-applicable" : record.status === "pass" ? "held" : "broken",
            level: levelOf(found) ?? configured(record.policy),
            violations: found,
        };
    });
    // A control with no record was not judged: its policy is disabled (an enabled policy always leaves one).
    const judged = new Set(records.map((r) => r.control));
    for (const control of CIS_CONTROLS.filter((c) => !judged.has(c.control))) {
        stackRows.push({ control: control.control, title: titleOf(control.control), status: "disabled", level: "disabled", violations: [] });
    }
    stackRows.sort((a, b) => compareControls(a.control, b.control));
    return {
        ...base,
        hasMatrix: true,
        chains,
        stackRows,
        otherViolations: violations.filter((v) => !explained.has(v)),
    };
}
