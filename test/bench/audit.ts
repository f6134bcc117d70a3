/**
 * `npm run bench:audit`: what `trailwatch audit` asks of an account, against
 * the anchor a naive reader sets on the same account in the same run: an
 * account in moto with 17 regions, 5 multi-region trails (each delivering to
 * a log group in its home region, with the CIS filter) and 2,000 alarms
 * spread over those regions. The naive reader lists every region's trails,
 * filters, alarms, topics and subscriptions one call at a time, as a
 * region-by-region script does; the audit follows the chain with a bound on
 * concurrency. Reported: wall time of the reads and API calls, and their
 * ratios. Never a timed assertion.
 */
import * as path from "node:path";
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, PutMetricAlarmCommand, paginateDescribeAlarms } from "@aws-sdk/client-cloudwatch";
import { paginateDescribeMetricFilters } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeHubCommand } from "@aws-sdk/client-securityhub";
import { GetTopicAttributesCommand, paginateListSubscriptionsByTopic } from "@aws-sdk/client-sns";
import type * as ApiModule from "../../component/src/audit/aws-api";
import type * as ReadModule from "../../component/src/audit/read-account";
import { CIS_4_1 } from "trailwatch/engine";
import { Moto, TEST_CREDENTIALS, seedChain } from "../audit/moto";
import { compliant } from "../audit/scenarios";

const REPO = path.resolve(__dirname, "..", "..", "..");
/* eslint-disable @typescript-eslint/no-require-imports */
const { AwsApi } = require(path.join(REPO, "component", "dist", "audit", "aws-api")) as typeof ApiModule;
const { readAccount } = require(path.join(REPO, "component", "dist", "audit", "read-account")) as typeof ReadModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const quick = process.argv.includes("--quick");
const REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1",
];
const TRAIL_REGIONS = REGIONS.slice(0, 5);
const ALARMS = quick ? 200 : 2000;

async function seedAccount(moto: Moto): Promise<void> {
    for (const [i, region] of TRAIL_REGIONS.entries()) {
        await seedChain(moto, compliant(region, { trail: { name: `trail-${i}`, region }, logGroup: { name: `trail-${i}-logs` }, topics: [{ name: "security-alerts", emails: ["security@example.com"] }] }));
    }
    // The rest of the alarms: other metrics, spread over every region (an account's usual alarms).
    const perRegion = Math.ceil((ALARMS - TRAIL_REGIONS.length) / REGIONS.length);
    let made = TRAIL_REGIONS.length;
    for (const region of REGIONS) {
        const cw = new CloudWatchClient((moto.config(region)));
        const batch: Promise<unknown>[] = [];
        for (let j = 0; j < perRegion && made < ALARMS; j++, made++) {
            batch.push(
                cw.send(
                    new PutMetricAlarmCommand({
                        AlarmName: `cpu-${region}-${j}`,
                        MetricName: "CPUUtilization",
                        Namespace: "AWS/EC2",
                        Dimensions: [{ Name: "InstanceId", Value: `i-${j.toString(16).padStart(17, "0")}` }],
                        Statistic: "Average",
                        Period: 300,
                        EvaluationPeriods: 3,
                        Threshold: 80,
                        ComparisonOperator: "GreaterThanThreshold",
                        AlarmActions: [`arn:aws:sns:${region}:123456789012:ops-${j % 3}`],
                    }),
                ),
            );
            if (batch.length >= 20) {
                await Promise.all(batch.splice(0));
            }
        }
        await Promise.all(batch);
        cw.destroy();
    }
}

/** A region-by-region reader, one call at a time, reading everything the chain could touch. */
async function naiveRead(api: InstanceType<typeof AwsApi>): Promise<number> {
    let alarms = 0;
    for (const region of REGIONS) {
        const trails = await api.call("cloudtrail", "DescribeTrails", region, (c) => c.send(new DescribeTrailsCommand({ includeShadowTrails: false })));
        for (const t of trails.trailList ?? []) {
            await api.call("cloudtrail", "GetTrailStatus", region, (c) => c.send(new GetTrailStatusCommand({ Name: t.TrailARN })));
            await api.call("cloudtrail", "GetEventSelectors", region, (c) => c.send(new GetEventSelectorsCommand({ TrailName: t.TrailARN })));
        }
        await api.call("logs", "DescribeMetricFilters", region, async (client) => {
            for await (const page of paginateDescribeMetricFilters({ client }, {})) {
                void page;
            }
        });
        const topics = new Set<string>();
        await api.call("cloudwatch", "DescribeAlarms", region, async (client) => {
            for await (const page of paginateDescribeAlarms({ client }, { MaxRecords: 100 })) {
                for (const a of page.MetricAlarms ?? []) {
                    alarms++;
                    (a.AlarmActions ?? []).forEach((t) => topics.add(t));
                }
            }
        });
        for (const topic of topics) {
            const found = await api
                .call("sns", "GetTopicAttributes", region, (c) => c.send(new GetTopicAttributesCommand({ TopicArn: topic })))
                .then(() => true, () => false);
            if (found) {
                await api.call("sns", "ListSubscriptionsByTopic", region, async (client) => {
                    for await (const page of paginateListSubscriptionsByTopic({ client }, { TopicArn: topic })) {
                        void page;
                    }
                });
            }
        }
        await api.call("securityhub", "DescribeHub", region, (c) => c.send(new DescribeHubCommand({}))).catch(() => undefined);
    }
    return alarms;
}

async function main(): Promise<void> {
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY;
    const moto = await Moto.start();
    try {
        process.stdout.write(`seeding moto: ${REGIONS.length} regions, ${TRAIL_REGIONS.length} trails, ${ALARMS} alarms…\n`);
        await seedAccount(moto);
        const runs = quick ? 1 : 3;
        const audit: { ms: number; calls: number }[] = [];
        const naive: { ms: number; calls: number; alarms: number }[] = [];
        for (let i = 0; i < runs; i++) {
            const a = new AwsApi({ endpoint: moto.endpoint, concurrency: 8 });
            let started = Date.now();
            const snapshot = await readAccount(a, { regions: REGIONS, allRegions: false });
            audit.push({ ms: Date.now() - started, calls: a.stats.calls });
            a.destroy();
            if (snapshot.trails.length !== TRAIL_REGIONS.length) {
                throw new Error(`the audit followed ${snapshot.trails.length} trails, expected ${TRAIL_REGIONS.length}`);
            }
            const n = new AwsApi({ endpoint: moto.endpoint, concurrency: 1 });
            started = Date.now();
            const alarms = await naiveRead(n);
            naive.push({ ms: Date.now() - started, calls: n.stats.calls, alarms });
            n.destroy();
        }
        const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
        const am = median(audit.map((r) => r.ms));
        const nm = median(naive.map((r) => r.ms));
        process.stdout.write(
            `audit reads: median ${am} ms, ${audit[0]!.calls} API calls (runs: ${audit.map((r) => r.ms).join(", ")} ms)\n` +
                `naive sequential reader: median ${nm} ms, ${naive[0]!.calls} API calls, ${naive[0]!.alarms} alarms read (runs: ${naive.map((r) => r.ms).join(", ")} ms)\n` +
                `ratio audit/naive: time ${(am / nm).toFixed(2)}, calls ${(audit[0]!.calls / naive[0]!.calls).toFixed(2)}` +
                ` (the CIS metric ${CIS_4_1.metric.namespace}/${CIS_4_1.metric.name})\n`,
        );
    } finally {
        await moto.stop();
    }
}

main().catch((err: unknown) => {
    process.stderr.write(`bench:audit: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
});
