/**
 * `trailwatch check` end to end, without the command line: input → resource
 * graph → a real policy pack process driven over gRPC → violations with
 * secrets masked. Reports are rendered from the result by `report/`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../cli/errors";
import { startAnalyzer } from "./analyzer-process";
import { startEngineService } from "./engine-service";
import type { CheckMode, ResourceGraph } from "./model";
import { PackLog, type PackLogEntry } from "./pack-log";
import { loadPolicyConfigFile } from "./policy-config";
import { type ProgramMode, runProgram } from "./program-runner";
import { makeScrubber } from "./scrub";
import { type PackDescription, type Violation, runSession } from "./session";
import { readStackExport } from "./stack-export";
import { secretPlaintexts } from "./wire";

/** What to check and against which pack. */
export interface CheckRequest {
    /** A Pulumi program directory or a `pulumi stack export` file. */
    readonly input: string;
    /** For programs: preview (computed outputs unknown) or update (computed outputs filled in). */
    readonly mode: ProgramMode;
    /** For programs: the stack whose `Pulumi.<stack>.yaml` supplies config. */
    readonly stack?: string;
    /** The policy pack directory. */
    readonly packDir: string;
    /** A policy config file (the JSON `--policy-pack-config` takes). */
    readonly configFile?: string;
    /** Called with each pack log line as it arrives, secrets already masked. */
    readonly onLog?: (entry: PackLogEntry) => void;
}

/** What a check found. */
export interface CheckResult {
    /** The pack, as it describes itself, and the directory it ran from. */
    readonly pack: PackDescription & { readonly dir: string };
    /** How the resource graph was produced. */
    readonly mode: CheckMode;
    /** Violations, messages with secrets masked. */
    readonly violations: readonly Violation[];
    /** Number of resources analyzed (providers and the stack included, as the engine counts them). */
    readonly resources: number;
    /** Pack log lines, secrets masked. */
    readonly logs: readonly PackLogEntry[];
    /** Where the time went, in milliseconds. */
    readonly timings: { readonly input: number; readonly packStart: number; readonly analysis: number };
}

/** Runs one check. Fails with a {@link UserError} (exit 2) when it cannot run. */
export async function runCheck(request: CheckRequest): Promise<CheckResult> {
    // Read the config first: a bad file should fail before anything is started.
    const config = request.configFile === undefined ? undefined : loadPolicyConfigFile(request.configFile);
    const inputStarted = Date.now();
    const graph = await loadGraph(request);
    const inputMillis = Date.now() - inputStarted;

    const secrets = new Set<string>();
    for (const r of graph.resources) {
        secretPlaintexts(r.inputs, secrets);
        secretPlaintexts(r.outputs, secrets);
    }
    const scrub = makeScrubber(secrets);
    const log = new PackLog((entry) => request.onLog?.({ ...entry, message: scrub(entry.message) }));

    const engine = await startEngineService(log);
    try {
        const pack = await startAnalyzer(request.packDir, engine.address, { variables: packEnvironment(graph, engine.address) }, log);
        try {
            const analysisStarted = Date.now();
            const session = await runSession(pack, engine.address, graph, config, request.configFile).catch((err: unknown) => {
                // A pack's error can quote the resource it was analyzing, secrets included.
                throw err instanceof UserError ? new UserError(scrub(err.message), err.exitCode) : err;
            });
            return {
                pack: { ...session.pack, dir: pack.packDir },
                mode: graph.mode,
                violations: session.violations.map((v) => ({ ...v, message: scrub(v.message) })),
                resources: session.resources,
                logs: log.entries.map((e) => ({ ...e, message: scrub(e.message) })),
                timings: { input: inputMillis, packStart: pack.startMillis, analysis: Date.now() - analysisStarted },
            };
        } finally {
            await pack.close();
        }
    } finally {
        await engine.close();
    }
}

/** A directory is a program; a file is a stack export. */
async function loadGraph(request: CheckRequest): Promise<ResourceGraph> {
    const input = path.resolve(request.input);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(input);
    } catch {
        throw new UserError(`${input} does not exist (expected a Pulumi program directory or a stack export file)`);
    }
    if (stat.isDirectory()) {
        return runProgram(input, { mode: request.mode, stack: request.stack });
    }
    return readStackExport(input);
}

/**
 * The environment the engine gives a Node.js policy pack: stack identity and
 * config (`constructEnv` in analyzer_plugin.go and the Node.js language
 * host's RunPlugin). `PULUMI_NODEJS_ENGINE` points the pack's
 * `pulumi.log` calls at our engine service instead of its stdout.
 */
function packEnvironment(graph: ResourceGraph, engineAddress: string): Record<string, string> {
    const { stack, project, organization, config } = graph.stack;
    const dryRun = String(graph.mode === "preview");
    const variables: Record<string, string> = {
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_NODEJS_PROJECT: project,
        PULUMI_NODEJS_STACK: stack,
        PULUMI_NODEJS_DRY_RUN: dryRun,
        PULUMI_PROJECT: project,
        PULUMI_STACK: stack,
        PULUMI_DRY_RUN: dryRun,
        PULUMI_NODEJS_ENGINE: engineAddress,
    };
    if (organization !== "") {
        variables.PULUMI_NODEJS_ORGANIZATION = organization;
        variables.PULUMI_ORGANIZATION = organization;
    }
    return variables;
}
