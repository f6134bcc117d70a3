/**
 * The engine's side of a `Construct`, for a component provider started the way
 * the Pulumi CLI starts it (`node @pulumi/pulumi/cmd/run-plugin <dir>
 * <engine address>`), without the CLI:
 *
 * - the `pulumirpc.Engine` service, which records the provider's log calls;
 * - the `pulumirpc.ResourceMonitor` service the provider registers the
 *   children with: Pulumi's own `MockMonitor` (the one `setMocks` installs)
 *   served over gRPC, so the registrations reach the same mocks the in-process
 *   tests answer with. Features are those `setMocks` turns on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";

/** The monitor features `setMocks` enables (runtime/mocks.js); the rest are off, as there. */
const FEATURES = new Set(["secrets", "resourceReferences", "deletedWith", "replaceWith", "aliasSpecs", "parameterization", "resourceHooks", "errorHooks"]);

/** The callback-style monitor `setMocks` installs (`MockMonitor`, not in the SDK's public typings). */
export interface CallbackMonitor {
    registerResource(req: unknown, callback: (err: Error | null, res?: unknown) => void): void;
    registerResourceOutputs(req: unknown, callback: (err: Error | null, res?: unknown) => void): void;
    readResource(req: unknown, callback: (err: Error | null, res?: unknown) => void): void;
    invoke(req: unknown, callback: (err: Error | null, res?: unknown) => void): void;
    registerPackage(req: unknown, callback: (err: Error | null, res?: unknown) => void): void;
}

/** One log call the provider made. */
export interface LogEntry {
    readonly severity: number;
    readonly message: string;
}

/** The engine side, listening on loopback. */
export interface FakeEngine {
    readonly engineAddress: string;
    readonly monitorAddress: string;
    readonly logs: LogEntry[];
    close(): void;
}

async function listen(server: grpc.Server): Promise<string> {
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
    );
    return `127.0.0.1:${port}`;
}

/**
 * Serves an engine log and the mock monitor over gRPC. `monitor` is asked on
 * every call, so each test can install fresh mocks (`installMocks`) and have
 * the provider's registrations reach them.
 */
export async function startFakeEngine(monitor: () => CallbackMonitor): Promise<FakeEngine> {
    const logs: LogEntry[] = [];
    const engine = new grpc.Server();
    engine.addService(EngineService, {
        log(call: grpc.ServerUnaryCall<engineproto.LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) {
            logs.push({ severity: call.request.getSeverity(), message: call.request.getMessage() });
            callback(null, new Empty());
        },
        getRootResource(_call: unknown, callback: grpc.sendUnaryData<engineproto.GetRootResourceResponse>) {
            callback(null, new engineproto.GetRootResourceResponse());
        },
        setRootResource(_call: unknown, callback: grpc.sendUnaryData<engineproto.SetRootResourceResponse>) {
            callback(null, new engineproto.SetRootResourceResponse());
        },
    });
    const forward =
        (method: keyof CallbackMonitor, reply?: () => unknown) =>
        (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) =>
            monitor()[method](call.request, (err, res) => (err ? callback(err, null) : callback(null, reply === undefined ? res : reply())));
    const resourceMonitor = new grpc.Server();
    resourceMonitor.addService(ResourceMonitorService, {
        supportsFeature(call: grpc.ServerUnaryCall<resproto.SupportsFeatureRequest, unknown>, callback: grpc.sendUnaryData<unknown>) {
            callback(null, new resproto.SupportsFeatureResponse().setHassupport(FEATURES.has(call.request.getId())));
        },
        registerResource: forward("registerResource"),
        // MockMonitor answers `{}`; the wire needs an Empty.
        registerResourceOutputs: forward("registerResourceOutputs", () => new Empty()),
        readResource: forward("readResource"),
        invoke: forward("invoke"),
        registerPackage: forward("registerPackage"),
    });
    const [engineAddress, monitorAddress] = await Promise.all([listen(engine), listen(resourceMonitor)]);
    return {
        engineAddress,
        monitorAddress,
        logs,
        close: () => {
            engine.forceShutdown();
            resourceMonitor.forceShutdown();
        },
    };
}

/** A component provider process, and a client for its ResourceProvider service. */
export interface ProviderProcess {
    readonly client: ResourceProviderClient;
    readonly stderr: () => string;
    stop(): void;
}

/**
 * Starts the provider as the Node.js language host's RunPlugin does: `node
 * <@pulumi/pulumi>/cmd/run-plugin <package dir> <engine address>` in the
 * program's directory `cwd`, and waits for the port it prints.
 */
export async function startProvider(packageDir: string, engineAddress: string, cwd: string): Promise<ProviderProcess> {
    const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [packageDir] });
    const child: ChildProcess = spawn(process.execPath, [runPlugin, packageDir, engineAddress], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<string>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout! });
        lines.once("line", (line) => resolve(line.trim()));
        child.once("exit", (code) => reject(new Error(`the provider exited (${code}) before printing its port: ${stderr}`)));
    });
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return {
        client,
        stderr: () => stderr,
        stop: () => {
            client.close();
            child.kill();
        },
    };
}

/** Calls a unary method of `client` as a promise. */
export function unary<Req, Res>(call: (req: Req, callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => call(req, (err, res) => (err ? reject(err) : resolve(res))));
}
