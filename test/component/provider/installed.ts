/**
 * The `trailwatch` package as a user gets it: `npm pack` of `component/`,
 * unpacked into a `node_modules/trailwatch` whose ancestors hold this
 * workspace's `node_modules` (so `@pulumi/pulumi`, `@pulumi/aws` and the
 * dependencies resolve as they would when hoisted into a user's project).
 * Only what `files` ships is there: no `tsconfig.base.json`, no tests.
 *
 * Packing and analyzing take seconds, so every test file shares one copy and
 * one `ComponentProvider` (whose schema is computed once).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";

/** The repository root (tests run from `build/test/...`). */
export const REPO_ROOT = path.resolve(__dirname, "../../../..");
/** The package's source directory. */
export const COMPONENT_DIR = path.join(REPO_ROOT, "component");
/** The provider name: `cmd/run-plugin` derives it from the package.json `name`. */
export const PROVIDER_NAME = "trailwatch";
/** The component's type token. */
export const COMPONENT_TYPE = "trailwatch:index:UnauthorizedApiCallsAlarm";
/** The type token of the component over the whole control catalog. */
export const CATALOG_COMPONENT_TYPE = "trailwatch:index:CisMonitoringAlarms";

/** The subset of a Pulumi package schema the tests read. */
export interface PackageSchema {
    readonly name: string;
    readonly version: string;
    readonly resources: Record<string, ResourceSchema>;
    readonly types: Record<string, TypeSchema>;
    readonly dependencies: { readonly name: string; readonly version: string }[];
}

/** One property of a resource or object type in the schema. */
export interface PropertySchema {
    readonly type?: string;
    readonly $ref?: string;
    readonly items?: PropertySchema;
    readonly additionalProperties?: PropertySchema;
    readonly plain?: boolean;
    readonly description?: string;
}

/** A resource in the schema. */
export interface ResourceSchema {
    readonly isComponent: boolean;
    readonly description?: string;
    readonly inputProperties: Record<string, PropertySchema>;
    readonly requiredInputs: string[];
    readonly properties: Record<string, PropertySchema>;
    readonly required: string[];
}

/** An object or enum type in the schema. */
export interface TypeSchema {
    readonly type: string;
    readonly properties?: Record<string, PropertySchema>;
    readonly required?: string[];
    readonly enum?: { readonly name: string; readonly value: string; readonly description?: string }[];
}

/** The installed package, loaded. */
export interface InstalledPackage {
    /** `.../node_modules/trailwatch`. */
    readonly dir: string;
    /** The files the tarball holds, relative to `dir`. */
    readonly files: readonly string[];
    /** `require(dir)`: the installed package's own copy of the component. */
    readonly module: typeof import("trailwatch");
    /** A component provider over the installed package, as `cmd/run-plugin` builds it. */
    readonly provider: ComponentProvider;
    /** `provider.getSchema()`, parsed. */
    readonly schema: PackageSchema;
}

let installing: Promise<InstalledPackage> | undefined;

/** Packs and unpacks the package (once per test process) and analyzes it. */
export function installedPackage(): Promise<InstalledPackage> {
    installing ??= install();
    return installing;
}

async function install(): Promise<InstalledPackage> {
    // One folder per test process (mocha runs files in parallel workers), inside the repository so the
    // installed package resolves the workspace's node_modules; removed when the process ends.
    fs.mkdirSync(path.join(REPO_ROOT, "build"), { recursive: true });
    const root = fs.mkdtempSync(path.join(REPO_ROOT, "build", "installed-package-"));
    process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
    const dir = path.join(root, "node_modules", "trailwatch");
    fs.mkdirSync(dir, { recursive: true });
    const packed = JSON.parse(
        execFileSync("npm", ["pack", "--json", "--pack-destination", root], { cwd: COMPONENT_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    ) as { filename: string; files: { path: string }[] }[];
    execFileSync("tar", ["-xzf", path.join(root, packed[0].filename), "-C", dir, "--strip-components=1"]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(dir) as typeof import("trailwatch");
    // The components `cmd/run-plugin` would serve: every ComponentResource class the package exports.
    const provider = new ComponentProvider({ name: PROVIDER_NAME, dirname: dir, components: getPulumiComponents(module) });
    const schema = JSON.parse(await provider.getSchema()) as PackageSchema;
    return { dir, files: packed[0].files.map((f) => f.path), module, provider, schema };
}
