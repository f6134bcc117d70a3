/**
 * `trailwatch audit` end to end, without the command line: the live account
 * → resource graph → the same policy pack process and session `check` runs
 * for a stack export → violations. A new front door to the same pipeline:
 * the verdicts, levels, messages and config are the pack's.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../cli/errors";
import { loadPolicyConfigFile } from "../check/policy-config";
import { type CheckResult, runCheck } from "../check/run";
import type { PackLogEntry } from "../check/pack-log";
import { AwsApi, type CallStats } from "./aws-api";
import { type Drift, driftAgainst } from "./drift";
import { readAccount } from "./read-account";
import { STANDARD_REGIONS } from "./regions";
import type { AccountSnapshot } from "./snapshot";
import { snapshotToGraph } from "./to-graph";

/** What to audit, and how. */
export interface AuditRequest {
    /** Regions to start from (trails are listed there); the SDK's configured region when empty. */
    readonly regions: readonly string[];
    /** Start from every standard region (regions not enabled are skipped and said). */
    readonly allRegions: boolean;
    /** A named profile; the SDK's default credential chain otherwise. */
    readonly profile?: string;
    /** An endpoint for every service (an emulator); AWS_ENDPOINT_URL works too. */
    readonly endpoint?: string;
    /** The policy pack directory. */
    readonly packDir: string;
    /** A policy config file, as `check --config` takes. */
    readonly configFile?: string;
    /** A `pulumi stack export` to compare the account with. */
    readonly stackExport?: string;
    /** Requests in flight at once. */
    readonly concurrency?: number;
    /** Pack log lines. */
    readonly onLog?: (entry: PackLogEntry) => void;
}

/** What an audit found. */
export interface AuditResult {
    /** The pack's verdicts on the account, as `check` reports them. */
    readonly check: CheckResult;
    /** What was read. */
    readonly snapshot: AccountSnapshot;
    /** API calls made. */
    readonly stats: CallStats;
    /** Drift against `--stack`, when given. */
    readonly drift?: Drift;
    /** Wall time of the reads, in milliseconds. */
    readonly readMillis: number;
}

/** Default bound on requests in flight: gentle on API rate limits, still parallel across regions. */
export const DEFAULT_CONCURRENCY = 8;

/** Runs one audit; fails with a {@link UserError} (exit 2) when it cannot. */
export async function runAudit(request: AuditRequest): Promise<AuditResult> {
    // Bad files fail before anything is read from AWS; check reads the config again the same way.
    if (request.configFile !== undefined) {
        loadPolicyConfigFile(request.configFile);
    }
    const api = new AwsApi({ profile: request.profile, endpoint: request.endpoint, concurrency: request.concurrency ?? DEFAULT_CONCURRENCY });
    try {
        const regions = await startRegions(api, request);
        const started = Date.now();
        const snapshot = await readAccount(api, { regions, allRegions: request.allRegions });
        const readMillis = Date.now() - started;
        const graph = snapshotToGraph(snapshot);
        const drift = request.stackExport === undefined ? undefined : driftAgainst(request.stackExport, graph);
        const judge = (configFile: string | undefined) =>
            runCheck({
                input: `aws account ${snapshot.accountId}`,
                mode: "preview",
                packDir: request.packDir,
                configFile,
                onLog: request.onLog,
                opened: { stack: graph.stack, mode: graph.mode, load: () => Promise.resolve(graph) },
            });
        let check = await judge(request.configFile);
        if (snapshot.trails.length === 0 && snapshot.blind.length === 0) {
            check = await judgeWithoutTrail(check, request.configFile, judge);
        }
        return { check, snapshot, stats: { ...api.stats }, drift, readMillis };
    } finally {
        api.destroy();
    }
}

/**
 * A stack without a trail is out of the pack's scope; an account without one
 * is unmonitored. The pack says so itself under its `requireTrail` option, so
 * an account with no trail visible anywhere is judged again with
 * `requireTrail: true` on every stack policy (unless the config sets it), in a
 * config file written beside the user's entries, which keep their levels.
 */
async function judgeWithoutTrail(
    first: CheckResult,
    configFile: string | undefined,
    judge: (configFile: string | undefined) => Promise<CheckResult>,
): Promise<CheckResult> {
    const given = configFile === undefined ? {} : loadPolicyConfigFile(configFile);
    const config: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(given)) {
        config[name] = { ...(entry.enforcementLevel === undefined ? {} : { enforcementLevel: entry.enforcementLevel }), ...(entry.properties ?? {}) };
    }
    for (const policy of first.pack.policies.filter((p) => p.type === "stack")) {
        const entry = given[policy.name];
        config[policy.name] = {
            requireTrail: true,
            ...(entry?.enforcementLevel === undefined ? {} : { enforcementLevel: entry.enforcementLevel }),
            ...(entry?.properties ?? {}),
        };
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-audit-"));
    try {
        const file = path.join(dir, "policy-config.json");
        fs.writeFileSync(file, JSON.stringify(config));
        return await judge(file);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function startRegions(api: AwsApi, request: AuditRequest): Promise<string[]> {
    if (request.allRegions) {
        const configured = await api.configuredRegion();
        // The configured region first: it answers GetCallerIdentity.
        return [...new Set([...(configured === undefined ? [] : [configured]), ...request.regions, ...STANDARD_REGIONS])];
    }
    if (request.regions.length > 0) {
        for (const region of request.regions) {
            if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
                throw new UserError(`--region ${JSON.stringify(region)} is not an AWS region name; give one like us-east-1`);
            }
        }
        return [...new Set(request.regions)];
    }
    const configured = await api.configuredRegion();
    if (configured === undefined) {
        throw new UserError("no AWS region given: pass --region <region> (or --all-regions), or set AWS_REGION / the profile's region");
    }
    return [configured];
}
