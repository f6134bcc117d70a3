/**
 * Runs a Pulumi program directory offline and returns the resource graph
 * the engine would build from it. The program runs in a child process
 * (`mock-host`) under the SDK's mock runtime: no credentials, no backend,
 * and a crash or a hung program cannot take the CLI with it.
 */
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { UserError } from "../cli/errors";
import { resolveAccount } from "./account";
import type { CheckInput } from "./input";
import type { HostReply, HostRequest } from "./mock-host";
import type { GraphStack } from "./model";
import type { TypeScriptRuntimeOptions } from "./typescript-loader";

/** Preview: computed outputs unknown, as for a new stack. Update: computed outputs filled in. */
export type ProgramMode = "preview" | "update";

/** How to run the program. */
export interface ProgramOptions {
    /** Preview or update. */
    readonly mode: ProgramMode;
    /** Stack name; `Pulumi.<stack>.yaml` supplies config when present. Defaults to `dev`. */
    readonly stack?: string;
    /** The AWS account ARNs name (`--account`); otherwise worked out as `account.ts` documents. */
    readonly account?: string;
}

/** Region the AWS provider gets when the stack config names none. */
export const DEFAULT_REGION = "us-east-1";

/** Longest a program may run before the check gives up. */
const PROGRAM_TIMEOUT_MS = 120_000;

/** What Pulumi.yaml says about the program. */
interface ProjectFile {
    readonly name: string;
    readonly main: string;
    /** The runtime options that decide how TypeScript runs. */
    readonly typescript: TypeScriptRuntimeOptions;
}

/**
 * Opens a program: reads Pulumi.yaml and the stack config now (so a bad
 * project fails before anything starts), runs the program when loaded.
 */
export function openProgram(programDir: string, options: ProgramOptions): CheckInput {
    const project = readProject(programDir);
    const stackName = options.stack ?? "dev";
    const { config, secretKeys } = readStackConfig(programDir, project.name, stackName);
    const { accountId } = resolveAccount({ option: options.account, config, programDir, main: project.main });
    const stack: GraphStack = { stack: stackName, project: project.name, organization: "", config, configSecretKeys: secretKeys, tags: {} };
    const request: HostRequest = {
        programDir,
        main: project.main,
        project: project.name,
        stack: stackName,
        preview: options.mode === "preview",
        config,
        accountId,
        typescript: project.typescript,
    };
    return {
        stack,
        mode: options.mode,
        async load(signal: AbortSignal) {
            const reply = await runHost(request, signal);
            if (reply.kind === "error") {
                throw new UserError(reply.message);
            }
            return { stack, mode: options.mode, resources: reply.resources };
        },
    };
}

/** Reads Pulumi.yaml; only Node.js programs can run here. */
export function readProject(programDir: string): ProjectFile {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(programDir, f)).find((f) => fs.existsSync(f));
    if (file === undefined) {
        throw new UserError(`${programDir} has no Pulumi.yaml (expected a Pulumi program directory or a stack export file)`);
    }
    let doc: unknown;
    try {
        doc = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new UserError(`${file} is not valid YAML: ${firstLine((err as Error).message)}`);
    }
    const project = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
    if (typeof project.name !== "string" || project.name === "") {
        throw new UserError(`${file} has no project name`);
    }
    const runtime = project.runtime;
    const runtimeName = typeof runtime === "string" ? runtime : (runtime as { name?: unknown } | undefined)?.name;
    if (runtimeName !== "nodejs") {
        // One line that says what to do instead: the export path and the pack under preview both work for any language.
        throw new UserError(
            `${file}: runtime ${JSON.stringify(runtimeName ?? null)} is not supported (check runs nodejs programs); instead run ` +
                "`pulumi stack export > stack.json` and `trailwatch check stack.json`, or `pulumi preview --policy-pack node_modules/trailwatch/policy-pack`",
        );
    }
    return { name: project.name, main: typeof project.main === "string" ? project.main : ".", typescript: typeScriptOptions(file, runtime) };
}

/** The `typescript` and `tsconfig` runtime options, checked as pulumi-language-nodejs `parseOptions` checks them. */
function typeScriptOptions(file: string, runtime: unknown): TypeScriptRuntimeOptions {
    const options = (typeof runtime === "object" && runtime !== null ? (runtime as { options?: unknown }).options : undefined) ?? {};
    const { typescript = true, tsconfig } = options as { typescript?: unknown; tsconfig?: unknown };
    if (typeof typescript !== "boolean") {
        throw new UserError(`${file}: runtime option typescript must be a boolean`);
    }
    if (tsconfig !== undefined && typeof tsconfig !== "string") {
        throw new UserError(`${file}: runtime option tsconfig must be a string`);
    }
    return tsconfig === undefined ? { typescript } : { typescript, tsconfig };
}

/**
 * Reads `Pulumi.<stack>.yaml` when present: keys qualified with the project
 * name when bare, values as the engine passes them (strings; structured
 * values as JSON). Secure values cannot be decrypted offline; their keys
 * are listed as secret and their values left out.
 */
export function readStackConfig(
    programDir: string,
    project: string,
    stack: string,
): { config: Record<string, string>; secretKeys: string[] } {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const file = path.join(programDir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(file)) {
        let doc: unknown;
        try {
            doc = YAML.parse(fs.readFileSync(file, "utf8"));
        } catch (err) {
            throw new UserError(`${file} is not valid YAML: ${firstLine((err as Error).message)}`);
        }
        const values = (doc as { config?: unknown } | null)?.config ?? {};
        if (typeof values !== "object" || values === null || Array.isArray(values)) {
            throw new UserError(`${file}: config must be a mapping`);
        }
        for (const [rawKey, value] of Object.entries(values)) {
            const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
            if (typeof value === "object" && value !== null && "secure" in value) {
                secretKeys.push(key);
            } else {
                config[key] = typeof value === "string" ? value : JSON.stringify(value);
            }
        }
    }
    config["aws:region"] ??= DEFAULT_REGION;
    return { config, secretKeys };
}

function runHost(request: HostRequest, abort: AbortSignal): Promise<HostReply> {
    return new Promise((resolve, reject) => {
        const child = fork(path.join(__dirname, "mock-host.js"), [], {
            cwd: request.programDir,
            signal: abort,
            killSignal: "SIGKILL",
            env: {
                ...process.env,
                PULUMI_CONFIG: JSON.stringify(request.config),
                PULUMI_NODEJS_PROJECT: request.project,
                PULUMI_NODEJS_STACK: request.stack,
                PULUMI_NODEJS_DRY_RUN: String(request.preview),
            },
            // The program's console output is not part of the report; keep its last stderr line for failures.
            stdio: ["ignore", "pipe", "pipe", "ipc"],
        });
        child.send(request);
        let reply: HostReply | undefined;
        let lastStderr = "";
        child.stdout!.resume();
        child.stderr!.on("data", (chunk: Buffer) => {
            const line = chunk.toString("utf8").split(/\r?\n/).filter((l) => l.trim() !== "").pop();
            lastStderr = line ?? lastStderr;
        });
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new UserError(`the program in ${request.programDir} did not finish within ${PROGRAM_TIMEOUT_MS / 1000} s`));
        }, PROGRAM_TIMEOUT_MS);
        child.on("message", (message: HostReply) => {
            reply = message;
        });
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(abort.aborted ? err : new UserError(`cannot run the program in ${request.programDir}: ${err.message}`));
        });
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (reply !== undefined) {
                resolve(reply);
            } else if (abort.aborted) {
                reject(new Error("the program was stopped"));
            } else {
                reject(new UserError(`the program in ${request.programDir} failed: ${exitCause(code, signal, lastStderr)}`));
            }
        });
    });
}

/**
 * Why the program host ended without a reply. Exiting cleanly without one
 * means the program ended the process itself; the Pulumi SDK then prints a
 * multi-line leaked-promises notice whose last line names nothing useful.
 */
function exitCause(code: number | null, signal: NodeJS.Signals | null, lastStderr: string): string {
    if ((code === 0 && signal === null) || /leaked promises/.test(lastStderr)) {
        return "it exited before its resources were registered (does it call process.exit?)";
    }
    return lastStderr.trim() || `the program host exited (${signal ?? `code ${code}`})`;
}

function firstLine(text: string): string {
    return text.split(/\r?\n/, 1)[0] ?? "";
}
