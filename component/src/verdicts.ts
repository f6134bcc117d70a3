/**
 * The verdicts a policy pack hands to `trailwatch check` beside its
 * violations: one record per control and chain (trail → log group →
 * filters → alarm → notification), so a report can draw which link holds on
 * which log group, not only list what broke. Violations stay the pack's
 * answer to the engine; these records only explain them.
 *
 * The pack writes them, one JSON object per line, to the file named by
 * {@link VERDICT_LOG_VARIABLE} when that variable is set (`check` sets it;
 * `pulumi preview` never does, so the pack then writes nothing).
 */

/** The environment variable naming the file the pack appends verdict records to. */
export const VERDICT_LOG_VARIABLE = "TRAILWATCH_VERDICT_LOG";

/** The links of a chain, in the order the CIS audit procedure checks them. */
export const CHAIN_LINKS = ["trail", "delivery", "filters", "alarm", "notification"] as const;

/** One link of a chain. */
export type ChainLinkName = (typeof CHAIN_LINKS)[number];

/** What a chain is about, by the names a reader knows. */
export interface ChainRecord {
    /** The trail's logical name; absent for a configured external log group. */
    readonly trail?: string;
    /** The log group's name (or logical name while the name is unknown); absent when the trail names none. */
    readonly group?: string;
    /** The log group's logical name when the stack manages it. */
    readonly groupResource?: string;
    /** The region the chain runs in, when the stack names it. */
    readonly region?: string;
    /** The `CisMonitoringAlarms` already watching the log group, by logical name: fixes edit it. */
    readonly component?: string;
}

/** One control's verdict on one chain, or on the stack when it has no chain. */
export interface VerdictRecord {
    /** The control's CIS number (`4.1`). */
    readonly control: string;
    /** The stack policy that judged it. */
    readonly policy: string;
    /** The chain; absent for a stack-wide verdict (no trail, exclusions that leave nothing). */
    readonly chain?: ChainRecord;
    /** Pass, fail (a link broke), undecided (a preview does not know), or not applicable (no trail). */
    readonly status: "pass" | "fail" | "undecided" | "not-applicable";
    /** For a failure the broken link; for an undecided chain the first link that waits. */
    readonly link?: ChainLinkName;
    /** Why the link broke, or what a preview does not know. */
    readonly why?: string;
    /** The fix specific to this cause (a region, an ARN, a pattern), when the link's usual fix does not apply. */
    readonly fix?: string;
    /** For a pattern that misses records: a CloudTrail record no counted filter matches. */
    readonly missed?: Readonly<Record<string, unknown>>;
    /** The URN the pack reported this verdict on, when it reported it. */
    readonly urn?: string;
    /** The messages the pack reported for this verdict (without the description the SDK may prefix). */
    readonly messages: readonly string[];
    /**
     * For a passing chain: its advisory notes as messages, also those the
     * pack reported under an earlier control's policy only (a note shared by
     * several controls is reported once).
     */
    readonly notes?: readonly string[];
}

/**
 * Parses the records of a verdict log, skipping lines that are not records
 * (a pack that is not trailwatch's writes none; a torn last line is ignored).
 */
export function parseVerdictLog(text: string): VerdictRecord[] {
    const records: VerdictRecord[] = [];
    for (const line of text.split("\n")) {
        if (line.trim() === "") {
            continue;
        }
        try {
            const value = JSON.parse(line) as Partial<VerdictRecord>;
            if (typeof value.control === "string" && typeof value.policy === "string" && typeof value.status === "string" && Array.isArray(value.messages)) {
                records.push(value as VerdictRecord);
            }
        } catch {
            // A line cut short by a pack that died mid-write: the violations still say what broke.
        }
    }
    return records;
}
