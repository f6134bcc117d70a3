/**
 * The engine side of the analyzer protocol: the `pulumirpc.Engine` gRPC
 * service a policy pack reaches at `<engine-address>`. Packs use it for
 * `pulumi.log` calls; we record them so the report can show them.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import type { PackLogSeverity, PackLogSink } from "./pack-log";

/** A running engine service. */
export interface EngineServer {
    /** `127.0.0.1:<port>`, the address packs are given. */
    readonly address: string;
    /** Stops the service. */
    close(): Promise<void>;
}

const SEVERITIES: Record<number, PackLogSeverity> = {
    [engineproto.LogSeverity.DEBUG]: "debug",
    [engineproto.LogSeverity.INFO]: "info",
    [engineproto.LogSeverity.WARNING]: "warning",
    [engineproto.LogSeverity.ERROR]: "error",
};

/** Starts the engine service on a free loopback port; log calls go to `log`. */
export async function startEngineService(log: PackLogSink): Promise<EngineServer> {
    const server = new grpc.Server();
    let rootResource = "";
    server.addService(EngineService, {
        log(call: grpc.ServerUnaryCall<engineproto.LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>): void {
            const req = call.request;
            log.write({
                source: "engine",
                severity: SEVERITIES[req.getSeverity()] ?? "info",
                message: req.getMessage(),
                urn: req.getUrn() || undefined,
            });
            callback(null, new Empty());
        },
        getRootResource(
            _call: grpc.ServerUnaryCall<engineproto.GetRootResourceRequest, engineproto.GetRootResourceResponse>,
            callback: grpc.sendUnaryData<engineproto.GetRootResourceResponse>,
        ): void {
            callback(null, new engineproto.GetRootResourceResponse().setUrn(rootResource));
        },
        setRootResource(
            call: grpc.ServerUnaryCall<engineproto.SetRootResourceRequest, engineproto.SetRootResourceResponse>,
            callback: grpc.sendUnaryData<engineproto.SetRootResourceResponse>,
        ): void {
            rootResource = call.request.getUrn();
            callback(null, new engineproto.SetRootResourceResponse());
        },
        startDebugging(_call: grpc.ServerUnaryCall<unknown, Empty>, callback: grpc.sendUnaryData<Empty>): void {
            callback({ code: grpc.status.UNIMPLEMENTED, details: "trailwatch check does not attach debuggers" }, null);
        },
    });
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) =>
            err ? reject(err) : resolve(bound),
        ),
    );
    return {
        address: `127.0.0.1:${port}`,
        close: () =>
            new Promise<void>((resolve) => {
                server.tryShutdown(() => resolve());
                // Do not wait for a pack that keeps its channel open.
                setTimeout(() => {
                    server.forceShutdown();
                    resolve();
                }, 1000).unref();
            }),
    };
}
