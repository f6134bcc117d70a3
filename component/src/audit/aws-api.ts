/**
 * The audit's only door to AWS: one SDK v3 client per service and region,
 * built from the SDK's default credential chain (environment, profile, SSO,
 * instance role), adaptive retry for throttling, bounded timeouts so a dead
 * endpoint fails instead of hanging, a bound on requests in flight, and a
 * count of API calls. Every call goes through {@link AwsApi.call}, which
 * turns a failure into the one-line error naming the IAM action.
 */
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { SNSClient } from "@aws-sdk/client-sns";
import { STSClient } from "@aws-sdk/client-sts";
import { auditFailure } from "./aws-errors";

/** How to reach the account. */
export interface AwsConnection {
    /** A named profile from the shared config files; the default chain otherwise. */
    readonly profile?: string;
    /** An endpoint for every service (an emulator); AWS_ENDPOINT_URL is read by the SDK itself otherwise. */
    readonly endpoint?: string;
    /** Requests in flight at once, across services and regions. */
    readonly concurrency: number;
}

/** The services the audit reads, by IAM prefix. */
export const SERVICES = {
    cloudtrail: CloudTrailClient,
    logs: CloudWatchLogsClient,
    cloudwatch: CloudWatchClient,
    sns: SNSClient,
    securityhub: SecurityHubClient,
    sts: STSClient,
} as const;

/** An IAM service prefix the audit uses. */
export type Service = keyof typeof SERVICES;

type ClientOf<S extends Service> = InstanceType<(typeof SERVICES)[S]>;

/** Counts of what the audit asked of AWS. */
export interface CallStats {
    /** API operations sent (one per page). */
    calls: number;
    /** HTTP requests, retries included. */
    requests: number;
}

/** A counting semaphore: at most `limit` tasks run at once. */
export class Limiter {
    private running = 0;
    private readonly waiting: (() => void)[] = [];

    constructor(private readonly limit: number) {}

    /** Runs `task` when a slot is free. */
    async run<T>(task: () => Promise<T>): Promise<T> {
        if (this.running >= this.limit) {
            await new Promise<void>((resolve) => this.waiting.push(resolve));
        } else {
            this.running++;
        }
        try {
            return await task();
        } finally {
            const next = this.waiting.shift();
            if (next !== undefined) {
                next();
            } else {
                this.running--;
            }
        }
    }
}

/** Attempts per call under the adaptive retry mode (the SDK's default is 3; throttled reads deserve a few more). */
const MAX_ATTEMPTS = 6;
/** A connection that does not open in this time is an endpoint that is not there. */
const CONNECTION_TIMEOUT_MS = 5_000;
/**
 * A request with no answer in this time is retried, then fails: never a hang (at worst MAX_ATTEMPTS times this,
 * plus the backoff, for an endpoint that accepts connections and never answers). A page of 100 alarms comes back
 * in well under a second.
 */
const REQUEST_TIMEOUT_MS = 15_000;

/** Clients, call counting and error translation for one audit. */
export class AwsApi {
    /** What was asked of AWS so far. */
    readonly stats: CallStats = { calls: 0, requests: 0 };
    /** Set once the caller identity was read: later invalid-token answers then mean a region that is not enabled. */
    credentialsChecked = false;
    private readonly clients = new Map<string, unknown>();
    private readonly limiter: Limiter;

    constructor(private readonly connection: AwsConnection) {
        this.limiter = new Limiter(connection.concurrency);
    }

    /** The client for `service` in `region`, created once. */
    client<S extends Service>(service: S, region: string): ClientOf<S> {
        const key = `${service}@${region}`;
        let client = this.clients.get(key) as ClientOf<S> | undefined;
        if (client === undefined) {
            const Client = SERVICES[service] as unknown as new (config: object) => ClientOf<S>;
            client = new Client({
                region,
                ...(this.connection.profile === undefined ? {} : { profile: this.connection.profile }),
                ...(this.connection.endpoint === undefined ? {} : { endpoint: this.connection.endpoint }),
                retryMode: "adaptive",
                maxAttempts: MAX_ATTEMPTS,
                requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
            });
            const stats = this.stats;
            const stack = (client as unknown as { middlewareStack: MiddlewareStack }).middlewareStack;
            stack.add((next) => (args) => {
                stats.calls++;
                return next(args);
            }, { step: "initialize", name: "trailwatchCountCalls" });
            // The deserialize step runs once per attempt, inside the retry loop.
            stack.add((next) => (args) => {
                stats.requests++;
                return next(args);
            }, { step: "deserialize", name: "trailwatchCountRequests" });
            this.clients.set(key, client);
        }
        return client;
    }

    /**
     * Runs one read (which may page) under the concurrency bound; a failure
     * becomes the one-line error naming `service:operation` and the region.
     */
    async call<S extends Service, T>(service: S, operation: string, region: string, read: (client: ClientOf<S>) => Promise<T>): Promise<T> {
        return this.limiter.run(async () => {
            try {
                return await read(this.client(service, region));
            } catch (err) {
                const endpoint = this.connection.endpoint ?? process.env.AWS_ENDPOINT_URL;
                throw auditFailure(err, { action: `${service}:${operation}`, region }, endpoint, this.credentialsChecked);
            }
        });
    }

    /** The region the SDK's own configuration names (AWS_REGION, the profile), if any. */
    async configuredRegion(): Promise<string | undefined> {
        const client = new STSClient({ ...(this.connection.profile === undefined ? {} : { profile: this.connection.profile }) });
        try {
            const region = await client.config.region();
            return typeof region === "string" && region !== "" ? region : undefined;
        } catch {
            return undefined;
        } finally {
            client.destroy();
        }
    }

    /** Closes every client's sockets. */
    destroy(): void {
        for (const client of this.clients.values()) {
            (client as { destroy(): void }).destroy();
        }
        this.clients.clear();
    }
}

/** The part of the SDK's middleware stack the counters use. */
interface MiddlewareStack {
    add(
        middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
        options: { step: "initialize" | "deserialize"; name: string },
    ): void;
}
