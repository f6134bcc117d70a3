/**
 * `npm run bench`: trailwatch's costs as ratios against anchors measured in
 * the same run on the same machine. Never used as a timed assertion.
 *
 * - packStart: cold start of a pack to its first GetAnalyzerInfo reply, as the
 *   Pulumi CLI starts it, for ours, a naive TypeScript pack importing
 *   @pulumi/aws, Pulumi's AWSGuard, and a no-op floor.
 * - analyzeStack: one AnalyzeStack call through our pack process on generated
 *   stacks of 1,000 / 10,000 / 50,000 resources.
 * - scaleVerdicts: the suite's huge-stack cases (hostile/pack-grpc.test.ts) at
 *   full size, 50,000 resources around one compliant chain and 10,000 trails
 *   of which none completes, through our pack over gRPC: the verdicts must be
 *   the suite's (the bench fails otherwise), and the time is reported.
 * - engine: wall time of `pulumi policy analyze --file` (the real Pulumi CLI
 *   from scripts/pulumi-cli.sh) on generated stacks of 1 / 10,000 / 50,000
 *   resources, with ours, the no-op floor and the naive pack.
 * - patternThroughput: `trailwatch pattern test` with the CIS pattern over a
 *   generated 1,000,000-record CloudTrail corpus (plain and gzip), against a
 *   loop that only JSON.parses every record.
 *
 * `-- --json` prints the figures as one JSON object on the last stdout line;
 * `-- --quick` is a smoke run (fewer repetitions, smaller inputs) whose figures
 * are not the ones to record. Naming sections runs only those, e.g.
 * `npm run bench -- analyze` (sections: start, analyze, scale, engine, pattern).
 *
 * Repetitions: ours and the one-policy floor are the median of 5 calls each,
 * taken in turn so load changes fall on both; the floor with as many no-op
 * stack policies as ours is the median of 3, and at 50,000 resources and above
 * is timed once: it is the slow anchor (3× to 6× the others, up to half a
 * minute a call under load), shown beside ours for what `@pulumi/policy`
 * charges per stack policy, and no goal is a ratio against it.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type * as AnalyzerProcessModule from "../../component/src/check/analyzer-process";
import type * as EngineServiceModule from "../../component/src/check/engine-service";
import type * as PackLogModule from "../../component/src/check/pack-log";
import type * as SessionModule from "../../component/src/check/session";
import { POLICIES, startPack, verdictOf } from "../hostile/generators";
import { oneChainAmong, trailsWithoutChain } from "../hostile/huge-stacks";
import { assessFigures } from "./assess";
import { ensureCorpus, jsonParseFloor } from "./corpus";
import { engineFigures } from "./engine";
import { awsguardPack, floorPack, naivePack } from "./packs";
import { generateStack } from "./stacks";

const REPO = path.resolve(__dirname, "..", "..", "..");
const SCRATCH = path.join(REPO, ".bench");
const dist = (m: string) => path.join(REPO, "component", "dist", "check", m);
/* eslint-disable @typescript-eslint/no-require-imports */
const { startAnalyzer } = require(dist("analyzer-process")) as typeof AnalyzerProcessModule;
const { startEngineService } = require(dist("engine-service")) as typeof EngineServiceModule;
const { PackLog } = require(dist("pack-log")) as typeof PackLogModule;
const { analyzeStackOnce, describePack } = require(dist("session")) as typeof SessionModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");

/** The bench's sections, in the order they run; named arguments choose some. */
const SECTIONS = ["start", "analyze", "scale", "engine", "pattern"] as const;
type Section = (typeof SECTIONS)[number];
const named = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const unknown = named.filter((a) => !(SECTIONS as readonly string[]).includes(a));
if (unknown.length > 0) {
    process.stderr.write(`bench: unknown section ${unknown.join(", ")}; name any of ${SECTIONS.join(", ")} (or none for all)\n`);
    process.exit(2);
}
const runs = (section: Section) => named.length === 0 || named.includes(section);
const say = (line: string) => {
    // With --json, progress goes to stderr so stdout's last line stays the JSON object.
    (json ? process.stderr : process.stdout).write(`${line}\n`);
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Spawn → port → first GetAnalyzerInfo reply, in milliseconds. */
async function timePackStart(packDir: string): Promise<number> {
    const log = new PackLog();
    const engine = await startEngineService(log);
    const started = process.hrtime.bigint();
    const pack = await startAnalyzer(packDir, engine.address, { variables: {} }, log);
    try {
        await describePack(pack);
        return Number(process.hrtime.bigint() - started) / 1e6;
    } finally {
        await pack.close();
        await engine.close();
    }
}

async function packStartFigures(runs: number, floor: string) {
    const packs = path.join(SCRATCH, "packs");
    const naive = naivePack(packs);
    say("installing @pulumi/awsguard for the comparison (once)…");
    const awsguard = awsguardPack(packs);
    const measure = async (label: string, dir: string | null) => {
        if (dir === null) {
            say(`  ${label}: not installable here`);
            return null;
        }
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
            times.push(await timePackStart(dir));
        }
        const ms = median(times);
        say(`  ${label}: median ${ms.toFixed(0)} ms of ${runs} (${times.map((t) => t.toFixed(0)).join(", ")})`);
        return ms;
    };
    say("packStart (spawn → first GetAnalyzerInfo reply)");
    const oursMs = (await measure("ours", path.join(REPO, "policy-pack")))!;
    const floorMs = (await measure("floor", floor))!;
    const naiveMs = (await measure("naive", naive))!;
    const awsguardMs = await measure("awsguard", awsguard);
    return { oursMs, naiveMs, awsguardMs, floorMs };
}

/**
 * One AnalyzeStack call per size through our pack, and through the floor
 * pack (a no-op policy): the difference is what our policies cost on top of
 * what every pack pays (@pulumi/policy decoding the request).
 */
async function analyzeStackFigures(sizes: readonly number[], floorDir: string, perPolicyFloorDir: string) {
    say(
        "analyzeStack (one AnalyzeStack call; ours, the no-op floor pack for what any pack pays, and a floor with as many " +
            "no-op stack policies as ours for what @pulumi/policy charges per stack policy)",
    );
    const log = new PackLog();
    const engine = await startEngineService(log);
    const ours = await startAnalyzer(path.join(REPO, "policy-pack"), engine.address, { variables: {} }, log);
    const floor = await startAnalyzer(floorDir, engine.address, { variables: {} }, log);
    const perPolicyFloor = await startAnalyzer(perPolicyFloorDir, engine.address, { variables: {} }, log);
    const out: { resources: number; ms: number; floorMs: number; perPolicyFloorMs: number }[] = [];
    /**
     * Ours and the one-policy floor called in turn (ours, floor, ours, …), five
     * times each, so a change in the machine's load falls on both alike; the
     * per-policy floor after them (once at 50,000 and above, see the header).
     */
    const timedPair = async (graph: ReturnType<typeof generateStack>, calls = 5) => {
        const mineTimes: number[] = [];
        const floorTimes: number[] = [];
        let violations = 0;
        for (let i = 0; i < calls; i++) {
            const result = await analyzeStackOnce(ours, graph);
            mineTimes.push(result.millis);
            violations = result.violations;
            floorTimes.push((await analyzeStackOnce(floor, graph)).millis);
        }
        return { mine: { ms: median(mineTimes), violations }, base: { ms: median(floorTimes) } };
    };
    const timedAlone = async (pack: AnalyzerProcessModule.AnalyzerProcess, graph: ReturnType<typeof generateStack>, calls: number) => {
        const times: number[] = [];
        for (let i = 0; i < calls; i++) {
            times.push((await analyzeStackOnce(pack, graph)).millis);
        }
        return { ms: median(times) };
    };
    try {
        for (const size of sizes) {
            const graph = generateStack(size);
            const { mine, base } = await timedPair(graph);
            const perPolicy = await timedAlone(perPolicyFloor, graph, size >= 50_000 ? 1 : 3);
            say(
                `  ${size} resources: median ${mine.ms.toFixed(0)} ms (${mine.violations} diagnostics); floor pack ${base.ms.toFixed(0)} ms; ` +
                    `floor with ${OUR_STACK_POLICIES} no-op stack policies ${perPolicy.ms.toFixed(0)} ms`,
            );
            out.push({ resources: size, ms: mine.ms, floorMs: base.ms, perPolicyFloorMs: perPolicy.ms });
        }
    } finally {
        await ours.close();
        await floor.close();
        await perPolicyFloor.close();
        await engine.close();
    }
    return out;
}

/** The suite's huge-stack cases at full size; throws when a verdict differs from the suite's. */
async function scaleVerdicts(resources: number, trails: number) {
    say(`scaleVerdicts (the suite's huge-stack cases at full size, through our pack over gRPC)`);
    // Full size under load takes longer than the suite's hang bound; ten minutes is still a hang.
    const pack = await startPack(600_000);
    try {
        const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
            const started = process.hrtime.bigint();
            const result = await run();
            return [result, Number(process.hrtime.bigint() - started) / 1e6];
        };
        const [chainVerdict, chainMs] = await timed(async () => verdictOf(await pack.analyzeStack(oneChainAmong(resources)), POLICIES.stack));
        if (chainVerdict.kind !== "pass") {
            throw new Error(`${resources} resources around one compliant chain: expected a pass, got ${chainVerdict.kind}`);
        }
        say(`  ${resources.toLocaleString("en")} resources around one compliant chain: pass, ${chainMs.toFixed(0)} ms`);
        const [trailsVerdict, trailsMs] = await timed(async () => verdictOf(await pack.analyzeStack(trailsWithoutChain(trails)), POLICIES.stack));
        if (trailsVerdict.kind !== "violation" && trailsVerdict.kind !== "advisory") {
            throw new Error(`${trails} trails, none compliant: expected a violation, got ${trailsVerdict.kind}`);
        }
        say(`  ${trails.toLocaleString("en")} trails, none compliant: ${trailsVerdict.kind}, ${trailsMs.toFixed(0)} ms`);
        return { resources, chainMs, trails, trailsMs };
    } finally {
        await pack.close();
    }
}

function runPatternTest(files: readonly string[]): Promise<{ events: number; matches: number; ms: number }> {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(
            process.execPath,
            [path.join(REPO, "component", "bin", "trailwatch.js"), "pattern", "test", "--json", "--", CIS_PATTERN, ...files],
            { stdio: ["ignore", "pipe", "inherit"] },
        );
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            if (code !== 0) {
                reject(new Error(`pattern test exited ${code}`));
                return;
            }
            const result = JSON.parse(stdout) as { events: number; matches: number };
            resolve({ events: result.events, matches: result.matches, ms });
        });
    });
}

/** How many stack policies our pack serves (one per catalog control), read from the built pack. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OUR_STACK_POLICIES = (require(path.join(REPO, "policy-pack", "dist", "policies")) as typeof import("trailwatch-policy-pack/dist/policies")).controlPolicies.length;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const CIS_PATTERN = (require(path.join(REPO, "component", "dist", "engine")) as typeof import("trailwatch/engine")).CIS_V5_PATTERN;

async function throughputFigures(records: number) {
    const files = 10;
    say(`patternThroughput (${records.toLocaleString("en")} records in ${files} CloudTrail files, ~5% with errorCode)`);
    const corpus = await ensureCorpus(path.join(SCRATCH, "corpus"), files, Math.ceil(records / files));
    const rows: Record<string, { eventsPerSec: number; floorEventsPerSec: number; matches: number }> = {};
    const floor = jsonParseFloor(corpus.plainFiles);
    const floorEventsPerSec = floor.records / (floor.ms / 1000);
    say(`  JSON.parse floor (record by record, in memory): ${Math.round(floorEventsPerSec).toLocaleString("en")} events/s`);
    for (const [label, list] of [
        ["plain", corpus.plainFiles],
        ["gzip", corpus.gzipFiles],
    ] as const) {
        // Ours is the whole command, as a user runs it: process start, reading, gunzip, splitting, matching.
        const ours = await runPatternTest(list);
        if (ours.events !== floor.records) {
            throw new Error(`pattern test counted ${ours.events} events, the corpus has ${floor.records}`);
        }
        const eventsPerSec = ours.events / (ours.ms / 1000);
        rows[label] = { eventsPerSec, floorEventsPerSec, matches: ours.matches };
        say(
            `  ${label}: trailwatch pattern test ${Math.round(eventsPerSec).toLocaleString("en")} events/s (${ours.matches} matches) ` +
                `→ ${(eventsPerSec / floorEventsPerSec).toFixed(2)}× the floor`,
        );
    }
    return rows;
}

async function main(): Promise<void> {
    const started = Date.now();
    const floor = floorPack(path.join(SCRATCH, "packs"));
    const perPolicyFloor = floorPack(path.join(SCRATCH, "packs"), OUR_STACK_POLICIES);
    const packStart = runs("start") ? await packStartFigures(quick ? 1 : 5, floor) : null;
    const analyzeStack = runs("analyze") ? await analyzeStackFigures(quick ? [1_000, 10_000] : [1_000, 10_000, 50_000], floor, perPolicyFloor) : null;
    const scale = runs("scale") ? await scaleVerdicts(quick ? 10_000 : 50_000, 10_000) : null;
    const packs = { ours: path.join(REPO, "policy-pack"), floor, naive: naivePack(path.join(SCRATCH, "packs")) };
    const engine = runs("engine") ? engineFigures(quick ? [1, 1_000] : [1, 10_000, 50_000], quick ? 1 : 3, packs, say) : null;
    const throughput = runs("pattern") ? await throughputFigures(quick ? 100_000 : 1_000_000) : null;
    const assess = runs("pattern") ? assessFigures(quick ? 1 : 5, say) : null;
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    say("");
    if (packStart !== null) {
        say(`pack start: ${ratio(packStart.oursMs, packStart.naiveMs)}× naive (goal ≤ 0.25), ${ratio(packStart.oursMs, packStart.floorMs)}× floor (goal ≤ 1.3)`);
        if (packStart.awsguardMs !== null) {
            say(`            ${ratio(packStart.oursMs, packStart.awsguardMs)}× awsguard`);
        }
    }
    if (analyzeStack !== null) {
        const t10 = analyzeStack.find((r) => r.resources === 10_000)!.ms;
        const largest = analyzeStack[analyzeStack.length - 1];
        say(
            `analyzeStack: ${largest.resources} in ${largest.ms.toFixed(0)} ms (goal for 50k ≤ 2000), ` +
                `t(${largest.resources})/t(10k) = ${ratio(largest.ms, t10)} (goal for 50k ≤ 6)`,
        );
        for (const row of analyzeStack.filter((r) => r.resources >= 10_000)) {
            say(
                `  ${row.resources}: ${ratio(row.ms, row.floorMs)}× the one-policy no-op floor pack (goal ≤ 1.25), ` +
                    `${ratio(row.ms, row.perPolicyFloorMs)}× a floor with as many (${OUR_STACK_POLICIES}) no-op stack policies`,
            );
        }
    }
    if (engine !== null) {
        for (const row of engine) {
            say(`engine: ${row.resources} resources ${ratio(row.ms, row.floorMs)}× the no-op floor pack, ${ratio(row.ms, row.naiveMs)}× the naive pack`);
        }
    }
    if (throughput !== null) {
        say(
            `pattern test: plain ${ratio(throughput.plain.eventsPerSec, throughput.plain.floorEventsPerSec)}×, ` +
                `gzip ${ratio(throughput.gzip.eventsPerSec, throughput.gzip.floorEventsPerSec)}× the JSON.parse floor (goal ≥ 1.0)`,
        );
    }
    if (assess !== null) {
        for (const row of assess) {
            say(`pattern check: ${JSON.stringify(row.pattern).slice(0, 40)} ${ratio(row.ms, row.anchorMs)}× the CIS v5.0 text of 4.1 (cold)`);
        }
    }
    say(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (json) {
        const result = {
            packStart,
            analyzeStack,
            scaleVerdicts: scale,
            engine,
            patternThroughput:
                throughput === null
                    ? null
                    : {
                          eventsPerSec: Math.round(throughput.plain.eventsPerSec),
                          jsonParseFloorEventsPerSec: Math.round(throughput.plain.floorEventsPerSec),
                          gzip: {
                              eventsPerSec: Math.round(throughput.gzip.eventsPerSec),
                              jsonParseFloorEventsPerSec: Math.round(throughput.gzip.floorEventsPerSec),
                          },
                      },
            patternAssess: assess,
        };
        process.stdout.write(`${JSON.stringify(result)}\n`);
    }
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(2);
    },
);
