/**
 * `assessPattern` on slow-shaped patterns: term patterns no record text can
 * satisfy, whose overmatch search once walked its whole step budget (1-1.7 s
 * each); now it is counted. Each assessment is timed cold, in a fresh process
 * as `trailwatch pattern check` and a pack start run it (the engine keeps its
 * string-class explorations for the process's life), against the CIS v5.0
 * text of 4.1 assessed the same way: the anchor, a pattern users actually write.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { PatternAssessment } from "trailwatch/engine";

const REPO = path.resolve(__dirname, "..", "..", "..");
const ENGINE = path.join(REPO, "component", "dist", "engine");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require(ENGINE) as typeof import("trailwatch/engine");

/** The two patterns of the slow-assessment report: the CIS text without its `{`, and a fuzz find. */
export const SLOW_SHAPED: readonly string[] = [engine.CIS_V5_PATTERN.slice(1), "*NOT EXISTS$.eventName ||"];

/** One slow-shaped pattern's cold assessment time, and the anchor's beside it (medians, ms). */
export interface AssessRow {
    readonly pattern: string;
    readonly ms: number;
    readonly anchorMs: number;
}

const CHILD = `
const e = require(${JSON.stringify(ENGINE)});
const text = process.argv[1];
const started = process.hrtime.bigint();
const answer = e.assessPattern(text);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ms, answer }));
`;

/** One cold assessment (against CIS 4.1) in a fresh process: its time and answer. */
function coldAssess(text: string): { ms: number; answer: PatternAssessment } {
    const r = spawnSync(process.execPath, ["-e", CHILD, text], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`assessPattern child failed (${r.status}): ${r.stderr.trim().split("\n").pop()}`);
    return JSON.parse(r.stdout) as { ms: number; answer: PatternAssessment };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Medians of `runs` cold assessments of each slow-shaped pattern and of the anchor, taken in turn. */
export function assessFigures(runs: number, say: (line: string) => void): AssessRow[] {
    say(`assessPattern on slow-shaped patterns (cold, one call per fresh process, median of ${runs}), against the CIS v5.0 text of 4.1`);
    const rows: AssessRow[] = [];
    for (const pattern of SLOW_SHAPED) {
        const ours: number[] = [];
        const anchor: number[] = [];
        for (let i = 0; i < runs; i++) {
            const slow = coldAssess(pattern);
            // The answer the suite records for it (assess-answers.test.ts): no coverage, and no overmatch decided within the budget.
            if (!slow.answer.valid || slow.answer.covers !== false || slow.answer.overmatch !== null || !slow.answer.notes.some((n) => n.includes("exceeded"))) {
                throw new Error(`assessPattern(${JSON.stringify(pattern)}) changed its answer: ${JSON.stringify(slow.answer)}`);
            }
            ours.push(slow.ms);
            const cis = coldAssess(engine.CIS_V5_PATTERN);
            if (cis.answer.covers !== true) throw new Error(`the CIS v5.0 text of 4.1 no longer covers: ${JSON.stringify(cis.answer)}`);
            anchor.push(cis.ms);
        }
        const row = { pattern, ms: median(ours), anchorMs: median(anchor) };
        say(`  ${JSON.stringify(pattern).slice(0, 60)}: ${row.ms.toFixed(1)} ms, anchor ${row.anchorMs.toFixed(1)} ms`);
        rows.push(row);
    }
    return rows;
}
