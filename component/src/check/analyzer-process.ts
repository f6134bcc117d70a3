/**
 * Starts a policy pack the way the Pulumi CLI's Node.js analyzer shim does
 * and connects a gRPC analyzer client to it.
 *
 * The shim runs `node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address>
 * <pack-dir>` with the pack directory as working directory, resolving
 * `@pulumi/pulumi` from the pack (so the pack and the runner share one copy
 * of the SDK), and reads the port the pack prints on its first stdout line.
 * Followed: pulumi/pulumi v3.259.0 (commit 1b5949891b),
 * pkg/resource/plugin/analyzer_plugin.go and
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go (RunPlugin).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import * as YAML from "yaml";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { UserError } from "../cli/errors";
import type { PackLog } from "./pack-log";

/** How long a pack may take to print its port before we give up. */
const START_TIMEOUT_MS = 60_000;

/** What the pack process needs to know about the stack, passed as the engine passes it: in its environment. */
export interface PackEnvironment {
    /** `PULUMI_NODEJS_*` / `PULUMI_*` variables the engine sets for Node.js packs. */
    readonly variables: Readonly<Record<string, string>>;
}

/** A running policy pack and the gRPC client connected to it. */
export interface AnalyzerProcess {
    /** The absolute pack directory. */
    readonly packDir: string;
    /** The `version` in PulumiPolicy.yaml; the engine prefers it to the version the pack reports. */
    readonly projectVersion?: string;
    /** Analyzer client connected to the pack's port. */
    readonly client: AnalyzerClient;
    /** Milliseconds from spawn until the pack printed its port. */
    readonly startMillis: number;
    /**
     * Turns a failed call into the error the user sees, naming the pack and,
     * when the pack died, its last stderr line.
     */
    failure(call: string, err: unknown): Promise<UserError>;
    /** Closes the client and stops the pack. */
    close(): Promise<void>;
}

/**
 * Reads PulumiPolicy.yaml, which the engine requires of a policy pack
 * directory (workspace.LoadPolicyPack); only Node.js packs start this way.
 */
export function readPolicyProject(packDir: string): { version?: string } {
    const file = path.join(packDir, "PulumiPolicy.yaml");
    let doc: unknown;
    try {
        doc = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
        throw new UserError(
            missing
                ? `${packDir} is not a policy pack: it has no PulumiPolicy.yaml`
                : `${file} is not valid YAML: ${(err as Error).message.split("\n", 1)[0]}`,
        );
    }
    const project = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
    const runtime = typeof project.runtime === "string" ? project.runtime : (project.runtime as { name?: unknown } | undefined)?.name;
    if (runtime !== "nodejs") {
        throw new UserError(`${file}: runtime ${JSON.stringify(runtime ?? null)} is not supported; trailwatch check runs nodejs policy packs`);
    }
    return { version: typeof project.version === "string" && project.version !== "" ? project.version : undefined };
}

/** Resolves the `run-policy-pack` entry point from the pack's own dependencies. */
export function resolveRunPolicyPack(packDir: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
        throw new UserError(
            `cannot find @pulumi/pulumi from the policy pack in ${packDir}: its dependencies are not installed; run npm install there`,
        );
    }
}

/**
 * Spawns the pack and waits for its port. Fails with a one-line
 * {@link UserError} when the directory is missing, the pack cannot be
 * started, or it exits before printing a port.
 */
export async function startAnalyzer(
    packDirArg: string,
    engineAddress: string,
    env: PackEnvironment,
    log: PackLog,
    abort?: AbortSignal,
): Promise<AnalyzerProcess> {
    const packDir = path.resolve(packDirArg);
    if (!fs.existsSync(packDir) || !fs.statSync(packDir).isDirectory()) {
        throw new UserError(`policy pack directory ${packDir} does not exist`);
    }
    const project = readPolicyProject(packDir);
    const runner = resolveRunPolicyPack(packDir);
    const started = Date.now();
    const child = spawn(process.execPath, [runner, engineAddress, packDir], {
        cwd: packDir,
        env: { ...process.env, ...env.variables },
        stdio: ["ignore", "pipe", "pipe"],
        // Stopping a check that has already failed elsewhere kills a pack still starting.
        signal: abort,
        killSignal: "SIGKILL",
    });
    readline.createInterface({ input: child.stderr! }).on("line", (line) => {
        if (line.trim() !== "") {
            log.write({ source: "stderr", severity: "error", message: line });
        }
    });
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);

    let port: number;
    try {
        port = await readPort(child, (line) => log.write({ source: "stdout", severity: "info", message: line }));
    } catch (err) {
        child.kill("SIGKILL");
        process.removeListener("exit", killOnExit);
        if (abort?.aborted) {
            throw new Error("the policy pack was stopped");
        }
        // Let the stderr reader drain so the message names the real cause.
        await exited(child);
        const reason = log.lastError() ?? (err instanceof Error ? err.message : String(err));
        throw new UserError(`policy pack in ${packDir} failed to start: ${reason}`);
    }
    const startMillis = Date.now() - started;
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc.max_send_message_length": 400 * 1024 * 1024,
    });

    return {
        packDir,
        projectVersion: project.version,
        client,
        startMillis,
        async failure(call: string, err: unknown): Promise<UserError> {
            if (child.exitCode !== null || child.signalCode !== null || isUnavailable(err)) {
                await Promise.race([exited(child), delay(500)]);
                const reason = log.lastError() ?? grpcMessage(err);
                return new UserError(`policy pack in ${packDir} stopped during ${call}: ${reason}`);
            }
            return new UserError(`policy pack in ${packDir} failed in ${call}: ${grpcMessage(err)}`);
        },
        async close(): Promise<void> {
            client.close();
            process.removeListener("exit", killOnExit);
            if (child.exitCode === null && child.signalCode === null) {
                child.kill("SIGTERM");
                await Promise.race([exited(child), delay(2000)]);
                child.kill("SIGKILL");
            }
        },
    };
}

/** Reads stdout until the first line that is a port number; later lines are the pack's console output. */
function readPort(child: ChildProcess, onOutput: (line: string) => void): Promise<number> {
    return new Promise((resolve, reject) => {
        let port: number | undefined;
        const timer = setTimeout(
            () => reject(new Error(`no port printed within ${START_TIMEOUT_MS / 1000} s`)),
            START_TIMEOUT_MS,
        );
        readline.createInterface({ input: child.stdout! }).on("line", (line) => {
            if (port === undefined && /^\d+$/.test(line.trim())) {
                port = Number(line.trim());
                clearTimeout(timer);
                resolve(port);
            } else if (line.trim() !== "") {
                onOutput(line);
            }
        });
        child.once("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.once("close", () => clearTimeout(timer));
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`the pack exited (${signal ?? `code ${code}`}) before printing its port`));
        });
    });
}

function exited(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return new Promise((resolve) => setImmediate(resolve));
    }
    return new Promise((resolve) => child.once("close", () => resolve()));
}

function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function isUnavailable(err: unknown): boolean {
    return typeof err === "object" && err !== null && (err as { code?: unknown }).code === grpc.status.UNAVAILABLE;
}

/**
 * The message of a gRPC error without the `<code> <STATUS>: ` prefix grpc-js
 * adds, on one line: a pack's error puts the policy on the first line and
 * the cause on the next, and the user needs both.
 */
export function grpcMessage(err: unknown): string {
    const details = (err as { details?: unknown } | null)?.details;
    const text = typeof details === "string" && details !== "" ? details : err instanceof Error ? err.message : String(err);
    return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("at "))
        .slice(0, 3)
        .join(" ");
}
