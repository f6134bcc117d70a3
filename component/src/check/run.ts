/**
 * `trailwatch check` end to end, without the command line: input → resource
 * graph → a real policy pack process driven over gRPC → violations with
 * secrets masked. Reports are rendered from the result by `report/`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../cli/errors";
import { VERDICT_LOG_VARIABLE, parseVerdictLog, type VerdictRecord } from "../verdicts";
import { type AnalyzerProcess, startAnalyzer } from "./analyzer-process";
import { startEngineService } from "./engine-service";
import { type CheckInput, openInput } from "./input";
import type { CheckMode, ResourceGraph } from "./model";
import { PackLog, type PackLogEntry } from "./pack-log";
import { loadPolicyConfigFile } from "./policy-config";
import type { ProgramMode } from "./program-runner";
import { type Scrubber, makeScrubber } from "./scrub";
import { type PackDescription, type Violation, runSession } from "./session";
import { writeStackExport } from "./state-export";
import { secretPlaintexts, tooDeepMessage, tooDeepProperty } from "./wire";

/** What to check and against which pack. */
export interface CheckRequest {
    /** A Pulumi program directory or a `pulumi stack export` file. */
    readonly input: string;
    /** For programs: preview (computed outputs unknown) or update (computed outputs filled in). */
    readonly mode: ProgramMode;
    /** For programs: the stack whose `Pulumi.<stack>.yaml` supplies config. */
    readonly stack?: string;
    /** For programs: the AWS account ARNs name (12 digits). */
    readonly account?: string;
    /** The policy pack directory. */
    readonly packDir: string;
    /** A policy config file (the JSON `--policy-pack-config` takes). */
    readonly configFile?: string;
    /** Called with each pack log line as it arrives, secrets already masked. */
    readonly onLog?: (entry: PackLogEntry) => void;
    /** For programs in update mode: where to write the simulated state as a `pulumi stack export` file. */
    readonly writeExport?: string;
    /** An input already opened by another front door (`trailwatch audit`); `input` and the program fields are then ignored. */
    readonly opened?: CheckInput;
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
    /**
     * The pack's verdict per control and chain, secrets masked; empty for a
     * pack that writes none (any pack but trailwatch's).
     */
    readonly verdicts?: readonly VerdictRecord[];
    /**
     * Where the time went, in milliseconds: until both the resources and the
     * pack were ready (they load concurrently), the pack's own start, and the
     * analyzer calls.
     */
    readonly timings: { readonly ready: number; readonly packStart: number; readonly analysis: number };
}

/**
 * Runs one check. The pack starts while the program runs: they are
 * independent until the first analyzer call, and each takes seconds. Fails
 * with a {@link UserError} (exit 2) when the check cannot run.
 */
export async function runCheck(request: CheckRequest): Promise<CheckResult> {
    // Read the config and open the input first: bad files fail before anything is started.
    const config = request.configFile === undefined ? undefined : loadPolicyConfigFile(request.configFile);
    const input = request.opened ?? openInput(request.input, request.mode, request.stack, request.account);
    if (request.writeExport !== undefined && input.mode !== "update") {
        throw new UserError(
            `--write-export writes the state of a program checked with --mode update (${request.input} is ${input.mode === "export" ? "a stack export already" : "checked as a preview, whose outputs are unknown"})`,
        );
    }

    // Pack log lines wait until the resources (and so the secrets to mask) are known.
    let scrub: Scrubber | undefined;
    const waiting: PackLogEntry[] = [];
    const show = (entry: PackLogEntry) => request.onLog?.({ ...entry, message: scrub!(entry.message) });
    const log = new PackLog((entry) => (scrub === undefined ? waiting.push(entry) : show(entry)));

    const engine = await startEngineService(log);
    // The pack appends its verdict records here (see ../verdicts); private to this run.
    const verdictDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-verdicts-"));
    const verdictLog = path.join(verdictDir, "verdicts.jsonl");
    try {
        const started = Date.now();
        const [graph, pack] = await loadAndStart(input, (abort) =>
            startAnalyzer(
                request.packDir,
                engine.address,
                { variables: { ...packEnvironment(input, engine.address), [VERDICT_LOG_VARIABLE]: verdictLog } },
                log,
                abort,
            ),
        );
        const readyMillis = Date.now() - started;
        try {
            assertDecodable(graph);
            if (request.writeExport !== undefined) {
                writeExportFile(graph, request.writeExport);
            }
            const secrets = new Set<string>();
            for (const r of graph.resources) {
                secretPlaintexts(r.inputs, secrets);
                secretPlaintexts(r.outputs, secrets);
            }
            scrub = makeScrubber(secrets);
            waiting.splice(0).forEach(show);

            const analysisStarted = Date.now();
            const session = await runSession(pack, engine.address, graph, config, request.configFile).catch((err: unknown) => {
                // A pack's error can quote the resource it was analyzing, secrets included.
                throw err instanceof UserError ? new UserError(scrub!(err.message), err.exitCode) : err;
            });
            await log.settle();
            return {
                pack: { ...session.pack, dir: pack.packDir },
                mode: graph.mode,
                violations: session.violations.map((v) => ({ ...v, message: scrub!(v.message) })),
                resources: session.resources,
                logs: log.entries.map((e) => ({ ...e, message: scrub!(e.message) })),
                verdicts: readVerdicts(verdictLog, scrub),
                timings: { ready: readyMillis, packStart: pack.startMillis, analysis: Date.now() - analysisStarted },
            };
        } finally {
            await pack.close();
        }
    } finally {
        await engine.close();
        fs.rmSync(verdictDir, { recursive: true, force: true });
    }
}

/** The pack's verdict records, every text in them masked like the violations. */
function readVerdicts(file: string, scrub: Scrubber): VerdictRecord[] {
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    return parseVerdictLog(text).map((r) => scrubDeep(r, scrub) as VerdictRecord);
}

/** Every string in a JSON value masked, the missed record's values and keys included. */
function scrubDeep(value: unknown, scrub: Scrubber): unknown {
    if (typeof value === "string") {
        return scrub(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => scrubDeep(v, scrub));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubDeep(v, scrub)]));
    }
    return value;
}

/**
 * Refuses, with the resource and property named, a value nested deeper than
 * a pack can decode: sent as it is, the pack would fail the call with an
 * opaque "Error deserializing request", as it would under `pulumi preview`.
 */
function assertDecodable(graph: ResourceGraph): void {
    for (const r of graph.resources) {
        const property = tooDeepProperty(r.inputs) ?? tooDeepProperty(r.outputs);
        if (property !== undefined) {
            throw new UserError(`resource ${r.urn}: ${tooDeepMessage(property)}`);
        }
    }
}

/** Writes the simulated state; a file that cannot be written stops the check with one line. */
function writeExportFile(graph: ResourceGraph, file: string): void {
    try {
        writeStackExport(graph, file);
    } catch (err) {
        throw new UserError(`cannot write the stack export ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
}

/**
 * Loads the input and starts the pack concurrently. The first to fail stops
 * the other, and its error is the one reported.
 */
async function loadAndStart(
    input: CheckInput,
    start: (abort: AbortSignal) => Promise<AnalyzerProcess>,
): Promise<[ResourceGraph, AnalyzerProcess]> {
    const abort = new AbortController();
    let first: unknown;
    const failFirst = (err: unknown) => {
        if (!abort.signal.aborted) {
            first = err;
            abort.abort();
        }
        throw err;
    };
    const [graph, pack] = await Promise.allSettled([
        input.load(abort.signal).catch(failFirst),
        start(abort.signal).catch(failFirst),
    ]);
    if (graph.status === "fulfilled" && pack.status === "fulfilled") {
        return [graph.value, pack.value];
    }
    if (pack.status === "fulfilled") {
        await pack.value.close();
    }
    throw first;
}

/**
 * The environment the engine gives a Node.js policy pack: stack identity and
 * config (`constructEnv` in analyzer_plugin.go and the Node.js language
 * host's RunPlugin). `PULUMI_NODEJS_ENGINE` points the pack's
 * `pulumi.log` calls at our engine service instead of its stdout.
 */
function packEnvironment(input: CheckInput, engineAddress: string): Record<string, string> {
    const { stack, project, organization, config } = input.stack;
    const dryRun = String(input.mode === "preview");
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
