/**
 * The real engine's wall time: `pulumi policy analyze --file` (process start,
 * the language host, the pack's start, Analyze per resource, AnalyzeStack)
 * over generated stacks, with our pack, the no-op floor pack and the naive
 * TypeScript pack beside it. The CLI is the one scripts/pulumi-cli.sh gives;
 * without one (no Go, no pulumi) the figures are skipped with a line saying so.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as StateExportModule from "../../component/src/check/state-export";
import { generateStack } from "./stacks";

const REPO = path.resolve(__dirname, "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stackExport } = require(path.join(REPO, "component", "dist", "check", "state-export")) as typeof StateExportModule;

/** One size's wall times, in milliseconds (median of `runs`). */
export interface EngineRow {
    readonly resources: number;
    readonly ms: number;
    readonly floorMs: number;
    readonly naiveMs: number;
}

/** The CLI, or undefined with the reason. */
function findCli(): { cli?: string; why?: string } {
    const r = spawnSync("bash", [path.join(REPO, "scripts", "pulumi-cli.sh")], { encoding: "utf8" });
    return r.status === 0 ? { cli: r.stdout.trim() } : { why: r.stderr.trim().split("\n").pop() };
}

/** Wall time of `pulumi policy analyze` on each size with each pack. */
export function engineFigures(sizes: readonly number[], runs: number, packs: { ours: string; floor: string; naive: string }, say: (line: string) => void): EngineRow[] | null {
    const { cli, why } = findCli();
    if (cli === undefined) {
        say(`engine: skipped (${why})`);
        return null;
    }
    const version = execFileSync(cli, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
    say(`engine (wall time of pulumi policy analyze --file, CLI ${version}: ours, the no-op floor pack, the naive TypeScript pack)`);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-bench-engine-"));
    const env = {
        ...process.env,
        PULUMI_HOME: path.join(scratch, "home"),
        PULUMI_BACKEND_URL: `file://${scratch}`,
        PULUMI_CONFIG_PASSPHRASE: "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PATH: [path.dirname(cli), process.env.PATH ?? ""].join(path.delimiter),
    };
    const wall = (file: string, pack: string) => {
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
            const started = process.hrtime.bigint();
            const r = spawnSync(cli, ["policy", "analyze", "--json", "--file", file, "--policy-pack", pack], { env, encoding: "utf8", maxBuffer: 1 << 30 });
            if (r.status !== 0 && r.status !== 1) {
                throw new Error(`pulumi policy analyze failed (${r.status}): ${r.stderr.trim().split("\n").pop()}`);
            }
            times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    };
    const rows: EngineRow[] = [];
    try {
        for (const size of sizes) {
            const file = path.join(scratch, `stack-${size}.json`);
            fs.writeFileSync(file, JSON.stringify(stackExport(generateStack(size))));
            const row = { resources: size, ms: wall(file, packs.ours), floorMs: wall(file, packs.floor), naiveMs: wall(file, packs.naive) };
            say(`  ${size} resources: ours ${row.ms.toFixed(0)} ms, floor ${row.floorMs.toFixed(0)} ms, naive ${row.naiveMs.toFixed(0)} ms (median of ${runs})`);
            rows.push(row);
        }
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    return rows;
}
