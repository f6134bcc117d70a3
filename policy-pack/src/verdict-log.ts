/**
 * Hands each chain verdict to `trailwatch check` as a record (see
 * `trailwatch/engine`'s `VerdictRecord`), so its report can draw the matrix
 * of controls and links. Writes only when `check` named a file in the
 * environment: under `pulumi preview` this costs one variable lookup.
 */
import * as fs from "node:fs";
import type { ReportViolation } from "@pulumi/policy";
import { VERDICT_LOG_VARIABLE, type ChainRecord, type VerdictRecord } from "trailwatch/engine";
import type { ChainSubject, Verdict } from "./chain";
import { groupLabel } from "./links";
import { noteMessage } from "./messages";

/** The file to append records to, or undefined when nobody asked for them. */
function logFile(): string | undefined {
    const file = process.env[VERDICT_LOG_VARIABLE];
    return file === undefined || file === "" ? undefined : file;
}

/** Whether records are wanted (so callers can skip building them). */
export function verdictLogWanted(): boolean {
    return logFile() !== undefined;
}

/** The chain of a verdict by the names a reader knows. */
export function chainRecord(subject: ChainSubject, component?: string): ChainRecord {
    const group = subject.group;
    const region = group && group.region !== "any" && group.region.kind === "named" ? group.region.name : undefined;
    return {
        ...(subject.trail ? { trail: subject.trail.label } : {}),
        ...(group ? { group: groupLabel(group) } : {}),
        ...(group?.node ? { groupResource: group.node.label } : {}),
        ...(region === undefined ? {} : { region }),
        ...(component === undefined ? {} : { component }),
    };
}

/** The record of one verdict, with the messages reported for it. */
export function verdictRecord(
    control: string,
    policy: string,
    verdict: Verdict,
    messages: readonly string[],
    urn?: string,
    component?: string,
): VerdictRecord {
    const base = { control, policy, chain: chainRecord(verdict.subject, component), messages, ...(urn === undefined ? {} : { urn }) };
    switch (verdict.status) {
        case "pass":
            // Every note of the chain, also one another control's policy reported for it (said once per pack).
            return { ...base, status: "pass", ...(verdict.notes.length === 0 ? {} : { notes: verdict.notes.map((n) => noteMessage(verdict.subject, n)) }) };
        case "fail":
            return {
                ...base,
                status: "fail",
                link: verdict.link,
                why: verdict.why,
                ...(verdict.fix === undefined ? {} : { fix: verdict.fix }),
                ...(verdict.missed === undefined ? {} : { missed: verdict.missed }),
            };
        case "undecided":
            return { ...base, status: "undecided", why: verdict.unknowns.join("; "), ...(verdict.link === undefined ? {} : { link: verdict.link }) };
    }
}

/** Appends records; a failure to write never changes the pack's verdicts. */
export function writeVerdictRecords(records: readonly VerdictRecord[]): void {
    const file = logFile();
    if (file === undefined || records.length === 0) {
        return;
    }
    try {
        fs.appendFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
    } catch {
        // The report then shows the violations alone, as for any other pack.
    }
}

/**
 * A `report` that also remembers what it was given, so a verdict's record
 * lists exactly the messages reported for it.
 */
export function recordingReport(report: ReportViolation): { report: ReportViolation; taken: () => string[] } {
    let seen: string[] = [];
    const wrapped = ((violation: unknown, urn?: string) => {
        const message = typeof violation === "string" ? violation : (violation as { message: string }).message;
        seen.push(message);
        (report as (v: unknown, u?: string) => void)(violation, urn);
    }) as ReportViolation;
    return {
        report: wrapped,
        taken: () => {
            const out = seen;
            seen = [];
            return out;
        },
    };
}
