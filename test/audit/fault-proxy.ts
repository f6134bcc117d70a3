/**
 * A loopback proxy in front of moto that answers chosen calls the way AWS
 * does when it refuses them (access denied, throttling, a region that is not
 * enabled), or stops answering at all, and forwards everything else. moto
 * has no switch for these answers; their shapes are AWS's JSON-protocol error
 * responses (`__type` and `message`, HTTP 400: "Common Errors",
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/CommonErrors.html).
 */
import * as http from "node:http";
import type * as net from "node:net";

/** One request as the proxy sees it. */
export interface SeenRequest {
    /** `Service_Version.Operation` from X-Amz-Target, e.g. `CloudTrail_20131101.DescribeTrails` (JSON protocols). */
    readonly target: string;
    /** The region from the signature's credential scope. */
    readonly region: string;
}

/** What to do with a request: answer it (status and JSON body), drop the endpoint, or forward it (undefined). */
export type Fault = { readonly status: number; readonly body: object } | "die" | undefined;

/** A JSON-protocol error answer. */
export function awsError(type: string, message: string, status = 400): Fault {
    return { status, body: { __type: type, message } };
}

/** A running proxy. */
export class FaultProxy {
    private readonly sockets = new Set<net.Socket>();
    /** Every request seen, in order. */
    readonly seen: SeenRequest[] = [];

    private constructor(
        private readonly server: http.Server,
        /** Its endpoint. */
        readonly endpoint: string,
    ) {
        server.on("connection", (s) => {
            this.sockets.add(s);
            s.on("close", () => this.sockets.delete(s));
        });
    }

    /** Starts a proxy to `upstream` applying `fault`. */
    static async start(upstream: string, fault: (req: SeenRequest, count: number) => Fault): Promise<FaultProxy> {
        const holder: { proxy?: FaultProxy } = {};
        const server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => {
                const seen: SeenRequest = {
                    target: String(req.headers["x-amz-target"] ?? ""),
                    region: /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "",
                };
                holder.proxy!.seen.push(seen);
                const decision = fault(seen, holder.proxy!.seen.filter((s) => s.target === seen.target).length);
                if (decision === "die") {
                    holder.proxy!.die();
                    return;
                }
                if (decision !== undefined) {
                    const body = JSON.stringify(decision.body);
                    res.writeHead(decision.status, {
                        "content-type": "application/x-amz-json-1.1",
                        "x-amzn-errortype": String((decision.body as { __type?: string }).__type ?? ""),
                        "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
                    });
                    res.end(body);
                    return;
                }
                const forward = http.request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
                    res.writeHead(up.statusCode ?? 502, up.headers);
                    up.pipe(res);
                });
                forward.on("error", () => res.destroy());
                forward.end(Buffer.concat(chunks));
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const proxy = new FaultProxy(server, `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
        holder.proxy = proxy;
        return proxy;
    }

    /** Stops listening and drops every connection: the endpoint is gone. */
    die(): void {
        this.server.close();
        for (const s of this.sockets) {
            s.destroy();
        }
    }

    /** Stops the proxy. */
    async stop(): Promise<void> {
        this.die();
        await new Promise((r) => setTimeout(r, 10));
    }
}
