/**
 * The real Pulumi CLI, run offline: found or built by scripts/pulumi-cli.sh,
 * with a scratch PULUMI_HOME, a file:// backend, an empty passphrase, no
 * update check and no plugin downloads, so it never reaches the network.
 * Node.js packs start through the real language host beside the CLI
 * (`pulumi-language-nodejs`, RunPlugin), as under `pulumi preview`.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collect, type Run } from "../support/child";

/** The repository root (tests run from build/test/engine). */
export const REPO = path.resolve(__dirname, "..", "..", "..");

/** The pack an installed trailwatch carries, as users pass it to `--policy-pack`. */
export const INSTALLED_PACK = path.join(REPO, "node_modules", "trailwatch", "policy-pack");

/** The CLI: scripts/pulumi-cli.sh prints its path, building it once when none is given. */
export const PULUMI = execFileSync("bash", [path.join(REPO, "scripts", "pulumi-cli.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();

/** `pulumi version`, e.g. `v3.274.1`. */
export const PULUMI_VERSION = execFileSync(PULUMI, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();

/** The language host's version (`pulumi-language-nodejs -version`). */
export const HOST_VERSION = hostVersion();

function hostVersion(): string {
    const beside = path.join(path.dirname(PULUMI), "pulumi-language-nodejs");
    return execFileSync(fs.existsSync(beside) ? beside : "pulumi-language-nodejs", ["-version"], { encoding: "utf8" }).trim();
}

/** A scratch PULUMI_HOME and file backend, removed by `remove`. */
export interface Scratch {
    readonly dir: string;
    readonly backend: string;
    readonly env: NodeJS.ProcessEnv;
    readonly remove: () => void;
}

/** A fresh offline environment for the CLI. */
export function scratch(): Scratch {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-engine-"));
    const backend = path.join(dir, "backend");
    fs.mkdirSync(backend);
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_CONFIG_PASSPHRASE: "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        NO_COLOR: "1",
        // The CLI's directory first: its language host, as an install lays them out.
        PATH: [path.dirname(PULUMI), process.env.PATH ?? ""].join(path.delimiter),
    };
    delete env.PULUMI_ACCESS_TOKEN;
    return { dir, backend, env, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type { Run } from "../support/child";

/** Runs `pulumi <args>` in `cwd`. */
export function pulumi(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string = REPO): Promise<Run> {
    return collect(spawn(PULUMI, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] }));
}

/** A violation as both sides report it. */
export interface Finding {
    /** The version of the pack that reported it, as the engine tells it (engine runs with several packs). */
    readonly packVersion?: string;
    readonly policy: string;
    readonly enforcementLevel: string;
    readonly urn: string;
    readonly message: string;
}

/** What `pulumi policy analyze --json` reported. */
export interface EngineVerdict {
    readonly code: number | null;
    readonly violations: readonly Finding[];
    /** The summary event's result (`succeeded` or `failed`). */
    readonly result: string | undefined;
    /** Diagnostic events (what the pack logged or printed, as the engine shows it), `severity: message`. */
    readonly diagnostics: readonly string[];
    readonly stderr: string;
}

interface EngineEvent {
    readonly policyEvent?: { resourceUrn?: string; message: string; policyName: string; enforcementLevel: string; policyPackVersion: string };
    readonly summaryEvent?: { result?: string };
    readonly diagnosticEvent?: { severity: string; message: string };
}

/** Runs `pulumi policy analyze --json` over a stack export file or a stack, with one pack and an optional config file. */
export function analyze(
    target: { readonly file: string } | { readonly stack: string; readonly cwd: string },
    packDir: string,
    configFile: string | undefined,
    env: NodeJS.ProcessEnv,
    /** Where a `--file` analysis runs (relative pack paths are from here). */
    cwd: string = REPO,
): Promise<EngineVerdict> {
    return analyzeWith(target, [{ dir: packDir, config: configFile }], env, cwd);
}

/**
 * Runs `pulumi policy analyze --json` with several packs at once (each with
 * its config file, or none for all), as `--policy-pack`/`--policy-pack-config`
 * pairs; each finding carries the version of the pack that reported it.
 */
export async function analyzeWith(
    target: { readonly file: string } | { readonly stack: string; readonly cwd: string },
    packs: ReadonlyArray<{ readonly dir: string; readonly config?: string }>,
    env: NodeJS.ProcessEnv,
    cwd: string = REPO,
): Promise<EngineVerdict> {
    const args = ["policy", "analyze", "--json"];
    for (const p of packs) {
        args.push("--policy-pack", p.dir);
        if (p.config !== undefined) {
            args.push("--policy-pack-config", p.config);
        }
    }
    args.push(...("file" in target ? ["--file", target.file] : ["--stack", target.stack]));
    const run = await pulumi(args, env, "file" in target ? cwd : target.cwd);
    const events = run.stdout
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => {
            try {
                return JSON.parse(l) as EngineEvent;
            } catch {
                throw new Error(`pulumi policy analyze printed a line that is not a JSON event: ${l}\nstderr:\n${run.stderr}`);
            }
        });
    const violations = events.flatMap((e) =>
        e.policyEvent === undefined
            ? []
            : [
                  {
                      packVersion: e.policyEvent.policyPackVersion,
                      policy: e.policyEvent.policyName,
                      enforcementLevel: e.policyEvent.enforcementLevel,
                      urn: e.policyEvent.resourceUrn ?? "",
                      message: e.policyEvent.message,
                  },
              ],
    );
    const result = events.find((e) => e.summaryEvent !== undefined)?.summaryEvent?.result;
    const diagnostics = events.flatMap((e) => (e.diagnosticEvent === undefined ? [] : [`${e.diagnosticEvent.severity}: ${e.diagnosticEvent.message}`]));
    return { code: run.code, violations, result, diagnostics, stderr: run.stderr };
}

/**
 * Copies of a pack directory that differ only in the version PulumiPolicy.yaml
 * gives them (`<version>-<tag>`), so one engine run can carry the same pack
 * under several configs and tell their findings apart. Only the YAML and
 * package.json are copied: `dist` is a link to the pack's own code and
 * `node_modules` to the repository's, so the code and every module it loads
 * resolve exactly as from the pack itself.
 */
export function taggedPackCopies(packDir: string, tags: readonly string[], root: string): Array<{ dir: string; version: string }> {
    const real = fs.realpathSync(packDir);
    const { version } = JSON.parse(fs.readFileSync(path.join(real, "package.json"), "utf8")) as { version: string };
    const yaml = fs.readFileSync(path.join(real, "PulumiPolicy.yaml"), "utf8");
    return tags.map((tag) => {
        const dir = path.join(root, `pack-${tag}`);
        fs.mkdirSync(dir, { recursive: true });
        const tagged = `${version}-${tag}`;
        fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), `${yaml.trimEnd()}\nversion: ${tagged}\n`);
        fs.copyFileSync(path.join(real, "package.json"), path.join(dir, "package.json"));
        fs.symlinkSync(path.join(real, "dist"), path.join(dir, "dist"), "dir");
        fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
        return { dir, version: tagged };
    });
}
