/**
 * Child-process entry that runs a Pulumi program under the SDK's mock
 * runtime and reports, over IPC, every resource registration as the engine
 * would receive it.
 *
 * It intercepts at the monitor: `setMocks` installs a MockMonitor, and we
 * replace its `registerResource` / `registerResourceOutputs`, so we see the
 * raw RegisterResourceRequest (parent, provider reference, dependencies,
 * property dependencies, options, and inputs with unknowns and secrets
 * already in wire encoding) and answer it the way the engine plus the AWS
 * provider would (auto-names, default providers, computed outputs).
 *
 * The program's own copy of `@pulumi/pulumi` is used (resolved from its
 * directory): mocks installed on any other copy would not reach it.
 */
import * as path from "node:path";
import { AwsDeclarations } from "./aws-declarations";
import {
    type AwsPlacement,
    type OutputFiller,
    checkedInputs,
    createdState,
    invokeResult,
    readState,
    resourceRegion,
} from "./aws-shapes";
import { DEFAULT_OPTIONS, type GraphResource, type GraphResourceOptions } from "./model";
import { commitTypeCheckCache } from "./typecheck-cache";
import { isTypeScriptProgram, registerTypeScript, type TypeScriptRuntimeOptions } from "./typescript-loader";
import { UNKNOWN, type WireObject, downgradeResourceReferences } from "./wire";

/** What the parent asks the host to run. */
export interface HostRequest {
    /** Absolute program directory. */
    readonly programDir: string;
    /** Entry point relative to the program directory (`main` in Pulumi.yaml), or "." */
    readonly main: string;
    /** Project name. */
    readonly project: string;
    /** Stack name. */
    readonly stack: string;
    /** True for preview (computed outputs unknown). */
    readonly preview: boolean;
    /** Fully-qualified stack config (`aws:region` → value). */
    readonly config: Readonly<Record<string, string>>;
    /** The AWS account ARNs and caller identity name (see `account.ts`). */
    readonly accountId: string;
    /** Pulumi.yaml's TypeScript runtime options, which decide type-checking as the language host does. */
    readonly typescript: TypeScriptRuntimeOptions;
}

/** What the host reports back. */
export type HostReply = { readonly kind: "graph"; readonly resources: GraphResource[] } | { readonly kind: "error"; readonly message: string };

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
// The program's SDK is loaded at run time from its directory, so it is typed loosely here.
type Sdk = any;

const PROVIDER_PREFIX = "pulumi:providers:";

function reply(message: HostReply): Promise<void> {
    return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

async function main(request: HostRequest): Promise<void> {
    process.on("uncaughtException", (err) => void fail(programError(err, request.programDir)));
    process.on("unhandledRejection", (err) => void fail(programError(err, request.programDir)));
    try {
        const resources = await runProgram(request);
        // Node reports an unhandled rejection only after the tick that left it unhandled; give it two
        // turns, so a program that rejected fails as it would under Pulumi instead of passing.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        if (failed) {
            return;
        }
        // The program ran to the end, so it type-checked clean: what the compilation depended on may be cached.
        commitTypeCheckCache();
        await reply({ kind: "graph", resources });
        process.exit(0);
    } catch (err) {
        await fail(programError(err, request.programDir));
    }
}

let failed = false;
async function fail(message: string): Promise<void> {
    if (!failed) {
        failed = true;
        await reply({ kind: "error", message });
    }
    process.exit(1);
}

async function runProgram(request: HostRequest): Promise<GraphResource[]> {
    const { programDir } = request;
    const sdkDir = resolveFrom(programDir, "@pulumi/pulumi/package.json", "run npm install in the program directory");
    const pulumiDir = path.dirname(sdkDir);
    const pulumi: Sdk = require(pulumiDir);
    const resproto: Sdk = require(path.join(pulumiDir, "proto", "resource_pb"));
    const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));
    const settings: Sdk = require(path.join(pulumiDir, "runtime", "settings"));
    const state: Sdk = require(path.join(pulumiDir, "runtime", "state"));

    const region = request.config["aws:region"] ?? "us-east-1";
    const placement: AwsPlacement = { region, accountId: request.accountId };
    const fill = request.preview ? undefined : outputFiller(programDir, pulumiDir);
    let recorder: Recorder | undefined = undefined;
    await pulumi.runtime.setMocks(
        {
            newResource: () => {
                throw new Error("trailwatch: registrations and reads are answered by the recording monitor");
            },
            call: (args: { token: string; inputs: Record<string, unknown>; provider?: string }) =>
                invokeResult(args.token, args.inputs, recorder!.invokePlacement(args.inputs, args.provider)),
        },
        request.project,
        request.stack,
        request.preview,
    );
    recorder = new Recorder(request, placement, settings.getMonitor(), resproto, Struct, fill);
    recorder.install();

    if (isTypeScriptProgram(programDir)) {
        registerTypeScript(programDir, pulumiDir, request.typescript);
    }
    const entry = path.resolve(programDir, request.main);
    await pulumi.runtime.runInPulumiStack(async () => {
        const exported = require(entry);
        return await (typeof exported === "function" ? exported() : exported);
    });
    await settings.waitForRPCs();
    const errors = state.getStore().logErrorCount as number;
    if (errors > 0) {
        throw new Error(`the program logged ${errors} error(s) with pulumi.log.error`);
    }
    return recorder.resources();
}

/** A recorded resource; a component's outputs change when it registers them. */
type Recorded = Omit<GraphResource, "outputs"> & { outputs: WireObject };

/** Answers registrations like the engine would, and records them in order. */
class Recorder {
    private readonly order: string[] = [];
    private readonly byUrn = new Map<string, Recorded>();
    private readonly defaultProviders = new Map<string, string>();

    constructor(
        private readonly request: HostRequest,
        private readonly placement: AwsPlacement,
        private readonly monitor: Sdk,
        private readonly resproto: Sdk,
        private readonly Struct: Sdk,
        private readonly fill: OutputFiller | undefined,
    ) {}

    /** Where an invoke runs: its own v7 `region` argument, else its provider's region. */
    invokePlacement(args: Record<string, unknown>, provider: string | undefined): AwsPlacement {
        const providerUrn = provider ? provider.slice(0, provider.lastIndexOf("::")) : undefined;
        const region = typeof args.region === "string" && args.region !== "" ? args.region : this.regionOf(providerUrn);
        return { ...this.placement, region };
    }

    install(): void {
        this.monitor.registerResource = (req: Sdk, callback: (err: unknown, resp?: unknown) => void) => {
            try {
                callback(null, this.register(req));
            } catch (err) {
                callback(err);
            }
        };
        this.monitor.readResource = (req: Sdk, callback: (err: unknown, resp?: unknown) => void) => {
            try {
                callback(null, this.read(req));
            } catch (err) {
                callback(err);
            }
        };
        this.monitor.registerResourceOutputs = (req: Sdk, callback: (err: unknown, resp?: unknown) => void) => {
            const resource = this.byUrn.get(req.getUrn());
            if (resource !== undefined) {
                // The engine replaces a component's outputs with what it registers.
                resource.outputs = downgradeResourceReferences(req.getOutputs()?.toJavaScript() ?? {}) as WireObject;
                this.monitor.resources.set(resource.urn, { urn: resource.urn, id: null, state: resource.outputs });
            }
            callback(null, {});
        };
    }

    resources(): GraphResource[] {
        return this.order.map((urn) => this.byUrn.get(urn)!);
    }

    private register(req: Sdk): unknown {
        const type: string = req.getType();
        const name: string = req.getName();
        const parent: string = req.getParent();
        const custom: boolean = req.getCustom();
        const urn: string = this.monitor.newUrn(parent, type, name);
        const inputs = downgradeResourceReferences(req.getObject()?.toJavaScript() ?? {}) as WireObject;
        const isProvider = type.startsWith(PROVIDER_PREFIX);

        let providerUrn: string | undefined;
        if (custom && !isProvider) {
            const reference: string = req.getProvider() || this.defaultProvider(type.split(":")[0]!, req.getVersion());
            providerUrn = reference.slice(0, reference.lastIndexOf("::"));
        }
        const placement = { ...this.placement, region: resourceRegion(inputs, this.regionOf(providerUrn)) };
        const checked = custom && !isProvider ? checkedInputs(type, urn, name, inputs, this.request.preview) : inputs;
        const created = !custom
            ? { id: "", outputs: checked }
            : isProvider
              ? { id: this.request.preview ? UNKNOWN : `${name}-provider-id`, outputs: checked }
              : createdState(type, urn, name, checked, placement, this.request.preview, this.fill);

        this.record({
            urn,
            type,
            name,
            custom,
            inputs: checked,
            outputs: created.outputs,
            parent: parent || undefined,
            provider: providerUrn,
            dependencies: req.getDependenciesList(),
            propertyDependencies: propertyDependencies(req),
            options: this.options(req, urn),
        });
        this.monitor.resources.set(urn, { urn, id: created.id === UNKNOWN ? null : created.id, state: created.outputs });

        const { id: _id, ...object } = created.outputs;
        const response = new this.resproto.RegisterResourceResponse();
        response.setUrn(urn);
        // An empty id during a preview is how the engine says "not known yet".
        response.setId(created.id === UNKNOWN ? "" : created.id);
        response.setObject(this.Struct.fromJavaScript(object));
        return response;
    }

    /**
     * A `Resource.get`: the engine reads the resource through its provider
     * and keeps it as external state. Offline there is no cloud to read
     * from, so its state is what the provider's Read would record, worked
     * out from the id and the properties the program passed (see
     * `readState`); the engine reads in a preview too.
     */
    private read(req: Sdk): unknown {
        const type: string = req.getType();
        const name: string = req.getName();
        const parent: string = req.getParent();
        const urn: string = this.monitor.newUrn(parent, type, name);
        const reference: string = req.getProvider() || this.defaultProvider(type.split(":")[0]!, req.getVersion());
        const state = downgradeResourceReferences(req.getProperties()?.toJavaScript() ?? {}) as WireObject;
        const id: string = req.getId();
        const providerUrn = reference.slice(0, reference.lastIndexOf("::"));
        const placement = { ...this.placement, region: resourceRegion(state, this.regionOf(providerUrn)) };
        // The engine reads in a preview too, so the identity a read's id gives is known in both modes;
        // update mode adds the declared outputs as the provider records them.
        const outputs = readState(type, id, state, placement, this.fill);
        this.record({
            urn,
            type,
            name,
            custom: true,
            read: true,
            inputs: state,
            outputs,
            parent: parent || undefined,
            provider: providerUrn,
            dependencies: req.getDependenciesList(),
            propertyDependencies: {},
            options: DEFAULT_OPTIONS,
        });
        const { id: _id, ...properties } = outputs;
        this.monitor.resources.set(urn, { urn, id, state: properties });
        const response = new this.resproto.ReadResourceResponse();
        response.setUrn(urn);
        response.setProperties(this.Struct.fromJavaScript(outputs));
        return response;
    }

    private record(resource: Recorded): void {
        if (this.byUrn.has(resource.urn)) {
            // The engine's step generator refuses a second registration of a URN (generateURN,
            // pkg/resource/deploy/step_generator.go), failing the preview with diag 2001
            // (sdk/go/common/diag/errors.go GetDuplicateResourceURNError), in these words.
            void fail(`Duplicate resource URN '${resource.urn}'; try giving it a unique name (pulumi preview fails on it too)`);
            throw new Error(`duplicate resource URN ${resource.urn}`);
        }
        this.order.push(resource.urn);
        this.byUrn.set(resource.urn, resource);
    }

    /**
     * The engine's default provider for a package, registered on first use
     * like the engine's provider registry does: named `default_<version>`,
     * configured from the stack's `<package>:*` config plus the version.
     */
    private defaultProvider(pkg: string, version: string): string {
        const key = `${pkg}@${version}`;
        const existing = this.defaultProviders.get(key);
        if (existing !== undefined) {
            return existing;
        }
        const name = version === "" ? "default" : `default_${version.replace(/[^A-Za-z0-9_]/g, "_")}`;
        const type = `${PROVIDER_PREFIX}${pkg}`;
        const urn = `urn:pulumi:${this.request.stack}::${this.request.project}::${type}::${name}`;
        const inputs: WireObject = {};
        for (const [k, v] of Object.entries(this.request.config)) {
            if (k.startsWith(`${pkg}:`)) {
                inputs[k.slice(pkg.length + 1)] = v;
            }
        }
        if (version !== "") {
            inputs.version = version;
        }
        this.record({
            urn,
            type,
            name,
            custom: true,
            inputs,
            outputs: inputs,
            dependencies: [],
            propertyDependencies: {},
            options: DEFAULT_OPTIONS,
        });
        const id = this.request.preview ? UNKNOWN : `${name}-provider-id`;
        const reference = `${urn}::${id}`;
        this.defaultProviders.set(key, reference);
        return reference;
    }

    private regionOf(providerUrn: string | undefined): string {
        const region = providerUrn === undefined ? undefined : this.byUrn.get(providerUrn)?.inputs.region;
        return typeof region === "string" && region !== UNKNOWN ? region : this.placement.region;
    }

    private options(req: Sdk, urn: string): GraphResourceOptions {
        const timeouts = req.getCustomtimeouts();
        return {
            protect: req.getProtect() ?? false,
            ignoreChanges: req.getIgnorechangesList(),
            deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            aliases: [...req.getAliasurnsList(), ...req.getAliasesList().map((a: Sdk) => this.aliasUrn(a, req, urn))],
            customTimeouts: {
                create: durationSeconds(timeouts?.getCreate()),
                update: durationSeconds(timeouts?.getUpdate()),
                delete: durationSeconds(timeouts?.getDelete()),
                read: durationSeconds(timeouts?.getRead()),
            },
        };
    }

    /** Resolves an alias spec to a URN as the engine does: unset parts default to the resource's own. */
    private aliasUrn(alias: Sdk, req: Sdk, urn: string): string {
        if (alias.getUrn()) {
            return alias.getUrn();
        }
        const spec = alias.getSpec();
        const parent = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
        const stack = spec.getStack() || this.request.stack;
        const project = spec.getProject() || this.request.project;
        const type = spec.getType() || req.getType();
        const qualified = parent ? `${parent.split("::")[2]!.split("$").pop()}$${type}` : type;
        return `urn:pulumi:${stack}::${project}::${qualified}::${spec.getName() || urn.split("::").pop()}`;
    }
}

function propertyDependencies(req: Sdk): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: Sdk, key: string) => {
        result[key] = deps.getUrnsList();
    });
    return result;
}

/** Go duration strings (`5m`, `1h30m`, `90s`) as seconds; the engine parses custom timeouts the same way. */
export function durationSeconds(text: string | undefined): number {
    if (text === undefined || text === "") {
        return 0;
    }
    const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
    let total = 0;
    for (const [, value, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
        total += Number(value) * units[unit!]!;
    }
    return total;
}

/**
 * The zero-value filler for update mode, from the `@pulumi/aws` the program
 * installed, parsed with the program's TypeScript, else the copy
 * `@pulumi/pulumi` vendors (as the language host would pick). Without
 * `@pulumi/aws` there are no AWS resources to fill.
 */
function outputFiller(programDir: string, pulumiDir: string): OutputFiller | undefined {
    let awsDir: string;
    try {
        awsDir = path.dirname(require.resolve("@pulumi/aws/package.json", { paths: [programDir] }));
    } catch {
        return undefined;
    }
    let ts: Sdk;
    try {
        ts = require(require.resolve("typescript", { paths: [programDir] }));
    } catch {
        ts = require(path.join(pulumiDir, "vendor", "typescript@3.8.3", "typescript.js"));
    }
    const declarations = new AwsDeclarations(awsDir, ts);
    return (type, outputs) => declarations.fill(type, outputs);
}

function resolveFrom(dir: string, request: string, fix: string): string {
    try {
        return require.resolve(request, { paths: [dir] });
    } catch {
        throw new Error(`cannot find ${request.replace(/\/package\.json$/, "")} from ${dir}: ${fix}`);
    }
}

/** One line naming the cause and where it happened (file:line when the program's own code is on the stack). */
export function programError(err: unknown, programDir: string): string {
    if (!(err instanceof Error)) {
        return `the program threw ${JSON.stringify(err) ?? String(err)}`;
    }
    const diagnostic = (err as { diagnosticText?: unknown }).diagnosticText;
    if (typeof diagnostic === "string") {
        // ts-node's TSError: "index.ts(3,7): error TS1005: ';' expected."
        return `TypeScript error in ${programDir}: ${firstLine(diagnostic)}`;
    }
    if (err instanceof SyntaxError) {
        // Node puts the file and line on the first line of a SyntaxError's stack.
        const where = firstLine(err.stack ?? "");
        return `syntax error in ${where.includes(programDir) ? where : programDir}: ${firstLine(err.message)}`;
    }
    const frame = (err.stack ?? "")
        .split("\n")
        .map((line) => /\(?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):\d+\)?$/.exec(line.trim()))
        .find((m) => m !== null && m[1]!.startsWith(programDir) && !m[1]!.includes("node_modules"));
    const where = frame ? ` (${frame[1]}:${frame[2]})` : ` (${programDir})`;
    return `the program failed: ${firstLine(err.message)}${where}`;
}

function firstLine(text: string): string {
    return (text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "").trim();
}

// Only run when started as the host process, not when imported by tests.
if (require.main === module) {
    // The request arrives over IPC rather than argv, so config never shows up in a process listing.
    process.once("message", (request: HostRequest) => void main(request));
}


