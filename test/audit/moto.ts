/**
 * A real moto server (the AWS API emulator) on a free loopback port, one per
 * suite, reset between cases (POST /moto-api/reset), and seeding through the
 * AWS SDK the way the console or the CLI leaves an account. A machine
 * without moto fails the suite with one line saying how to install it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as net from "node:net";
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand, type AdvancedEventSelector, type EventSelector } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand } from "@aws-sdk/client-cloudwatch-logs";
import { EnableSecurityHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";

// The SDK warns about Node.js versions it will drop; the suite runs on Node.js 20 like the CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** The account moto answers as by default. */
export const MOTO_ACCOUNT = "123456789012";

/** Static keys: moto accepts any, and the SDK's chain finds them in the environment. */
export const TEST_CREDENTIALS = { AWS_ACCESS_KEY_ID: "AKIAAUDITTEST0000000", AWS_SECRET_ACCESS_KEY: "moto-secret-not-real" };

/** A running moto server. */
export class Moto {
    private constructor(
        private readonly child: ChildProcess,
        /** Its endpoint, `http://127.0.0.1:<port>`. */
        readonly endpoint: string,
    ) {}

    /** Starts moto on a free loopback port and waits until it answers. */
    static async start(): Promise<Moto> {
        const probe = spawnSync("python3", ["-c", "import moto, flask; print(moto.__version__)"], { encoding: "utf8" });
        if (probe.status !== 0) {
            throw new Error("moto server is not installed (python3 -c 'import moto, flask' failed): pip install 'moto[server]>=5.2,<6'");
        }
        const port = await freePort();
        const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString("utf8")).slice(-2000)));
        const moto = new Moto(child, `http://127.0.0.1:${port}`);
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
            if (child.exitCode !== null) {
                throw new Error(`moto server exited with ${child.exitCode}: ${stderr.trim().split("\n").pop()}`);
            }
            try {
                await moto.reset();
                return moto;
            } catch {
                await new Promise((r) => setTimeout(r, 200));
            }
        }
        child.kill();
        throw new Error(`moto server did not answer on ${moto.endpoint} within 30 s`);
    }

    /** Forgets every account's resources. */
    async reset(): Promise<void> {
        const res = await fetch(`${this.endpoint}/moto-api/reset`, { method: "POST" });
        if (!res.ok) {
            throw new Error(`moto reset answered ${res.status}`);
        }
    }

    /** Stops the server. */
    async stop(): Promise<void> {
        if (this.child.exitCode === null) {
            const exited = new Promise((r) => this.child.once("exit", r));
            this.child.kill();
            await exited;
        }
    }

    /** SDK client settings for `region`. */
    config(region: string): object {
        return {
            region,
            endpoint: this.endpoint,
            credentials: { accessKeyId: TEST_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
        };
    }

    /**
     * Creates an S3 bucket for a trail (CreateTrail checks it exists). The only
     * seeding step not done through an SDK client: the S3 client is no
     * dependency of trailwatch, and moto takes a path-style PUT unsigned.
     */
    async bucket(name: string, region: string): Promise<void> {
        const body =
            region === "us-east-1"
                ? undefined
                : `<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
        const res = await fetch(`${this.endpoint}/${name}`, { method: "PUT", body });
        if (!res.ok) {
            throw new Error(`creating bucket ${name} answered ${res.status}`);
        }
    }
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/** One link-by-link description of a chain, from which both moto and a stack export are built. */
export interface ChainSpec {
    /** The trail's name and home region. */
    readonly trail: { readonly name: string; readonly region: string; readonly multiRegion?: boolean; readonly logging?: boolean };
    /** Selectors put on the trail (none: the trail's default). */
    readonly eventSelectors?: readonly EventSelector[];
    readonly advancedEventSelectors?: readonly AdvancedEventSelector[];
    /** The log group the trail delivers to, in the trail's region unless `region` says; none: no delivery. */
    readonly logGroup?: { readonly name: string; readonly region?: string };
    /** Metric filters on the log group. */
    readonly filters?: readonly { readonly name: string; readonly pattern: string; readonly metric: string; readonly namespace: string; readonly value?: string }[];
    /** Alarms, in the log group's region. */
    readonly alarms?: readonly (Omit<PutMetricAlarmCommandInput, "AlarmActions"> & { readonly notifies?: readonly string[] })[];
    /** Topics (by name) in the log group's region, with email subscribers. */
    readonly topics?: readonly { readonly name: string; readonly emails: readonly string[] }[];
    /** Regions where Security Hub is enabled. */
    readonly securityHub?: readonly string[];
}

/** The ARN moto gives a topic. */
export function topicArn(region: string, name: string): string {
    return `arn:aws:sns:${region}:${MOTO_ACCOUNT}:${name}`;
}

/** What seeding made that a test needs later (subscription ARNs are random). */
export interface Seeded {
    readonly subscriptionArns: Readonly<Record<string, string[]>>;
}

/** Seeds one chain into moto, through the SDK clients. */
export async function seedChain(moto: Moto, spec: ChainSpec): Promise<Seeded> {
    const trailRegion = spec.trail.region;
    const groupRegion = spec.logGroup?.region ?? trailRegion;
    const logs = new CloudWatchLogsClient(moto.config(groupRegion));
    const cw = new CloudWatchClient(moto.config(groupRegion));
    const sns = new SNSClient(moto.config(groupRegion));
    const cloudtrail = new CloudTrailClient(moto.config(trailRegion));
    const subscriptionArns: Record<string, string[]> = {};
    try {
        if (spec.logGroup !== undefined) {
            await logs.send(new CreateLogGroupCommand({ logGroupName: spec.logGroup.name })).catch((err: Error) => {
                if (err.name !== "ResourceAlreadyExistsException") {
                    throw err;
                }
            });
        }
        const bucket = `${spec.trail.name}-bucket`.toLowerCase();
        await moto.bucket(bucket, trailRegion);
        await cloudtrail.send(
            new CreateTrailCommand({
                Name: spec.trail.name,
                S3BucketName: bucket,
                IsMultiRegionTrail: spec.trail.multiRegion ?? true,
                ...(spec.logGroup === undefined
                    ? {}
                    : {
                          CloudWatchLogsLogGroupArn: `arn:aws:logs:${groupRegion}:${MOTO_ACCOUNT}:log-group:${spec.logGroup.name}:*`,
                          CloudWatchLogsRoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/${spec.trail.name}-to-logs`,
                      }),
            }),
        );
        if (spec.trail.logging ?? true) {
            await cloudtrail.send(new StartLoggingCommand({ Name: spec.trail.name }));
        }
        if (spec.eventSelectors !== undefined || spec.advancedEventSelectors !== undefined) {
            await cloudtrail.send(
                new PutEventSelectorsCommand({
                    TrailName: spec.trail.name,
                    ...(spec.eventSelectors === undefined ? {} : { EventSelectors: [...spec.eventSelectors] }),
                    ...(spec.advancedEventSelectors === undefined ? {} : { AdvancedEventSelectors: [...spec.advancedEventSelectors] }),
                }),
            );
        }
        for (const f of spec.filters ?? []) {
            await logs.send(
                new PutMetricFilterCommand({
                    logGroupName: spec.logGroup!.name,
                    filterName: f.name,
                    filterPattern: f.pattern,
                    metricTransformations: [{ metricName: f.metric, metricNamespace: f.namespace, metricValue: f.value ?? "1" }],
                }),
            );
        }
        for (const t of spec.topics ?? []) {
            const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: t.name }));
            subscriptionArns[t.name] = [];
            for (const email of t.emails) {
                const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: email, ReturnSubscriptionArn: true }));
                subscriptionArns[t.name]!.push(SubscriptionArn!);
            }
        }
        for (const a of spec.alarms ?? []) {
            const { notifies, ...input } = a;
            await cw.send(new PutMetricAlarmCommand({ ...input, AlarmActions: (notifies ?? []).map((n) => topicArn(groupRegion, n)) }));
        }
        for (const region of spec.securityHub ?? []) {
            const hub = new SecurityHubClient(moto.config(region));
            await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
            hub.destroy();
        }
    } finally {
        [logs, cw, sns, cloudtrail].forEach((c) => c.destroy());
    }
    return { subscriptionArns };
}
