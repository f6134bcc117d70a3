/**
 * `trailwatch check --mode update` sends what the engine would send for an
 * existing stack: every output `@pulumi/aws` declares, unset ones as the
 * provider's zero values, AWS defaults filled in, ARNs in each resource's
 * own region and the stack's account, `namePrefix` names, and read
 * resources with their state. The oracle for "declared" is the package's
 * compiled JavaScript (the `state?.x` list each resource class copies when
 * it is read), not the `.d.ts` files the implementation parses.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Account from "../../component/src/check/account";
import type * as Model from "../../component/src/check/model";
import type * as ProgramRunner from "../../component/src/check/program-runner";
import type * as StackExport from "../../component/src/check/stack-export";
import type * as Wire from "../../component/src/check/wire";
import { type CliRun, REPO, declaredInJavaScript, fixture, loadCheck, ownErrorLines, runCli } from "./helpers";

const { openProgram } = loadCheck<typeof ProgramRunner>("program-runner");
const { resolveAccount } = loadCheck<typeof Account>("account");
const { readStackExport } = loadCheck<typeof StackExport>("stack-export");
const { UNKNOWN } = loadCheck<typeof Wire>("wire");

const CHAIN_POLICY = "cis-aws-4-1-unauthorized-api-calls-monitored";

function readIfExists(file: string): string {
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

async function graph(dir: string, mode: "preview" | "update", options: { stack?: string; account?: string } = {}) {
    return openProgram(path.resolve(REPO, dir), { mode, ...options }).load(new AbortController().signal);
}

function one(resources: readonly Model.GraphResource[], type: string, name?: string): Model.GraphResource {
    const found = resources.filter((r) => r.type === type && (name === undefined || r.name === name));
    assert.equal(found.length, 1, `${type} ${name ?? ""}: ${found.length} found`);
    return found[0]!;
}

function report(run: CliRun): { violations: { policy: string; enforcementLevel: string; message: string }[] } {
    assert.ok(run.code === 0 || run.code === 1, `check could not run (exit ${run.code}): ${run.stderr}`);
    return JSON.parse(run.stdout);
}

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TRAIL = "aws:cloudtrail/trail:Trail";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

describe("check --mode update: state as the AWS provider records it", function () {
    this.timeout(120_000);

    describe("every example", () => {
        // Every Node.js example (the others run through the component provider, which trailwatch check does not run).
        const examples = fs
            .readdirSync(path.join(REPO, "examples"))
            .filter((d) => /^runtime:\s*nodejs\s*$/m.test(readIfExists(path.join(REPO, "examples", d, "Pulumi.yaml"))))
            .sort();
        it("covers the six Node.js examples", () => {
            assert.deepEqual(examples, ["alarm-never-fires", "all-controls", "baseline", "existing-topic", "non-compliant", "weak-pattern"]);
        });
        for (const example of examples) {
            it(`${example}: every AWS resource carries every output @pulumi/aws declares, as its recorded export does`, async () => {
                const { resources } = await graph(`examples/${example}`, "update");
                const aws = resources.filter((r) => r.custom && r.type.startsWith("aws:"));
                assert.ok(aws.length >= 2, `${example} has AWS resources`);
                for (const r of aws) {
                    for (const name of declaredInJavaScript(r.type)) {
                        assert.notEqual(r.outputs[name], undefined, `${r.type} ${r.name}: output ${name} missing`);
                        assert.notEqual(r.outputs[name], UNKNOWN, `${r.type} ${r.name}: output ${name} unknown in update`);
                    }
                    assert.ok(!Object.keys(r.outputs).some((k) => k.startsWith("__")), `${r.name}: engine-internal output keys`);
                }
                // The same properties as the example's export in the provider's recorded shape (written by hand).
                const recorded = readStackExport(path.join(REPO, fixture("exports", "recorded", `${example}.json`)));
                for (const r of aws) {
                    const exported = one(recorded.resources, r.type, r.name);
                    assert.deepEqual(Object.keys(r.outputs).sort(), Object.keys(exported.outputs).filter((k) => !k.startsWith("__")).sort(), `${r.type} ${r.name} outputs`);
                    assert.deepEqual(Object.keys(r.inputs).sort(), Object.keys(exported.inputs).sort(), `${r.type} ${r.name} inputs`);
                }
            });
        }

        it("records unset attributes as the provider's zero values and fills AWS defaults", async () => {
            const { resources } = await graph("examples/baseline", "update");
            const alarm = one(resources, ALARM).outputs;
            assert.equal(alarm.extendedStatistic, "");
            assert.equal(alarm.unit, "");
            assert.equal(alarm.thresholdMetricId, "");
            assert.deepEqual(alarm.metricQueries, []);
            assert.deepEqual(alarm.okActions, []);
            assert.deepEqual(alarm.dimensions, {});
            assert.equal(alarm.region, "us-east-1");
            const logGroup = one(resources, LOG_GROUP).outputs;
            assert.equal(logGroup.kmsKeyId, "");
            assert.equal(logGroup.namePrefix, "");
            assert.equal(logGroup.logGroupClass, "STANDARD");
            assert.deepEqual(logGroup.tagsAll, logGroup.tags);
            const filter = one(resources, FILTER).outputs;
            assert.deepEqual(filter.metricTransformation, {
                name: "UnauthorizedAPICalls",
                namespace: "CISBenchmark",
                value: "1",
                unit: "None",
                defaultValue: "",
                dimensions: {},
            });
            const trail = one(resources, TRAIL).outputs;
            assert.deepEqual(trail.eventSelectors, []);
            assert.deepEqual(trail.advancedEventSelectors, []);
            assert.equal(trail.kmsKeyId, "");
            assert.equal(trail.enableLogging, true);
            assert.equal(trail.homeRegion, "us-east-1");
            const topic = one(resources, TOPIC).outputs;
            assert.equal(topic.owner, "123456789012");
            assert.equal(topic.signatureVersion, 0);
            const subscription = one(resources, SUBSCRIPTION).outputs;
            assert.equal(subscription.pendingConfirmation, true, "an email subscription is pending until confirmed and refreshed");
            assert.equal(subscription.confirmationTimeoutInMinutes, 1);
        });

        it("adds the schema defaults Check adds to the inputs, listed in __defaults", async () => {
            const { resources } = await graph("examples/non-compliant", "update");
            const trail = one(resources, TRAIL).inputs;
            assert.equal(trail.enableLogging, true);
            assert.deepEqual(trail.__defaults, ["enableLogging", "isOrganizationTrail"]);
            const logGroup = one(resources, LOG_GROUP).inputs;
            assert.deepEqual(logGroup.__defaults, ["name", "skipDestroy"]);
        });

        it("keeps preview as a preview of a new stack: computed outputs unknown, nothing zero-filled", async () => {
            const { resources } = await graph("examples/baseline", "preview");
            const alarm = one(resources, ALARM);
            assert.equal(alarm.outputs.arn, UNKNOWN);
            assert.equal(alarm.outputs.extendedStatistic, undefined);
            assert.equal(alarm.inputs.__defaults, undefined);
        });
    });

    describe("programs that name regions, read resources, prefixes and literal ARNs", () => {
        // Each broken program breaks link 3 (no metric filter reads the trail's log group); the
        // wording beyond the link and the region involved belongs to the pack's own tests.
        const PROGRAMS = [
            { name: "two-regions", broken: /broken at link 3 of 5.*eu-west-1/ },
            { name: "v7-region", broken: /broken at link 3 of 5.*eu-central-1/ },
            { name: "log-group-get", broken: /broken at link 3 of 5/ },
            { name: "name-prefix", broken: /broken at link 3 of 5/ },
            { name: "literal-arns", broken: /log group "org-trail-events".*broken at link 3 of 5/ },
        ];
        for (const program of PROGRAMS) {
            it(`${program.name}: passes when correct, fails when broken, as the CIS audit does`, async () => {
                const dir = fixture("programs", program.name);
                const correct = await runCli(["check", dir, "--mode", "update", "--format", "json"]);
                const mandatory = report(correct).violations.filter((v) => v.enforcementLevel === "mandatory");
                assert.equal(correct.code, 0, JSON.stringify(mandatory, null, 2));
                const broken = await runCli(["check", dir, "--mode", "update", "--stack", "broken", "--format", "json"]);
                assert.equal(broken.code, 1, broken.stdout + broken.stderr);
                const chain = report(broken).violations.find((v) => v.policy === CHAIN_POLICY && v.enforcementLevel === "mandatory");
                assert.ok(chain, broken.stdout);
                assert.match(chain.message, program.broken);
            });
        }

        it("puts ARNs and ids in each resource's region: explicit providers, then the v7 region input", async () => {
            const twoRegions = await graph(fixture("programs", "two-regions"), "update");
            assert.match(String(one(twoRegions.resources, LOG_GROUP).outputs.arn), /^arn:aws:logs:eu-west-1:123456789012:log-group:trail-events-[0-9a-f]{7}$/);
            assert.match(String(one(twoRegions.resources, TRAIL).outputs.arn), /^arn:aws:cloudtrail:eu-west-1:/);
            const v7 = await graph(fixture("programs", "v7-region"), "update");
            const logGroup = one(v7.resources, LOG_GROUP).outputs;
            assert.match(String(logGroup.arn), /^arn:aws:logs:eu-central-1:/);
            assert.equal(logGroup.region, "eu-central-1");
            assert.equal(one(v7.resources, TRAIL).outputs.homeRegion, "eu-central-1");
            assert.match(String(one(v7.resources, ALARM).outputs.arn), /^arn:aws:cloudwatch:eu-central-1:/);
            const brokenV7 = await graph(fixture("programs", "v7-region"), "update", { stack: "broken" });
            assert.match(String(one(brokenV7.resources, ALARM).outputs.arn), /^arn:aws:cloudwatch:us-east-1:/);
        });

        it("gives a read log group the state its provider would read: name, ARN, declared outputs", async () => {
            const { resources } = await graph(fixture("programs", "log-group-get"), "update");
            const read = one(resources, LOG_GROUP);
            assert.equal(read.read, true);
            assert.equal(read.outputs.id, "aws-cloudtrail-logs-management");
            assert.equal(read.outputs.name, "aws-cloudtrail-logs-management");
            assert.equal(read.outputs.arn, "arn:aws:logs:us-east-1:123456789012:log-group:aws-cloudtrail-logs-management");
            assert.equal(read.outputs.retentionInDays, 0);
            assert.equal(read.outputs.logGroupClass, "STANDARD");
            // The trail built its ARN from the read log group's output.
            assert.equal(one(resources, TRAIL).outputs.cloudWatchLogsGroupArn, `${read.outputs.arn}:*`);
            // The engine reads in a preview too: the identity is known there, the rest is update mode's.
            const preview = one((await graph(fixture("programs", "log-group-get"), "preview")).resources, LOG_GROUP);
            assert.deepEqual(preview.outputs, { name: read.outputs.name, arn: read.outputs.arn, id: read.outputs.id });
        });

        it("names a namePrefix resource as the provider does on create, and leaves the name unknown in preview", async () => {
            const update = await graph(fixture("programs", "name-prefix"), "update");
            const logGroup = one(update.resources, LOG_GROUP);
            assert.equal(logGroup.inputs.name, undefined, "Check does not name a prefixed resource");
            assert.match(String(logGroup.outputs.name), /^cloudtrail-\d{18}[0-9a-f]{8}$/);
            assert.equal(logGroup.outputs.namePrefix, "cloudtrail-");
            assert.equal(logGroup.outputs.arn, `arn:aws:logs:us-east-1:123456789012:log-group:${logGroup.outputs.name}`);
            const preview = await graph(fixture("programs", "name-prefix"), "preview");
            assert.equal(one(preview.resources, LOG_GROUP).outputs.name, UNKNOWN);
        });
    });

    describe("the account", () => {
        const probe = { config: {}, programDir: path.join(REPO, fixture("programs", "literal-arns")), main: "." };

        it("is the account the program's literal ARNs name", async () => {
            assert.deepEqual(resolveAccount(probe), { accountId: "444455556666", source: "literal ARNs" });
            const { resources } = await graph(fixture("programs", "literal-arns"), "update");
            assert.equal(one(resources, LOG_GROUP).outputs.arn, "arn:aws:logs:us-east-1:444455556666:log-group:org-trail-events");
        });

        it("follows relative imports when it looks for literal ARNs (examples/shared has none; existing-topic names one)", () => {
            const existing = { config: {}, programDir: path.join(REPO, "examples", "existing-topic"), main: "." };
            assert.deepEqual(resolveAccount(existing), { accountId: "111122223333", source: "literal ARNs" });
            const baseline = { config: {}, programDir: path.join(REPO, "examples", "baseline"), main: "." };
            assert.deepEqual(resolveAccount(baseline), { accountId: "123456789012", source: "default" });
        });

        it("takes --account first, then trailwatch:account, then aws:allowedAccountIds", async () => {
            const config = { "trailwatch:account": "210987654321", "aws:allowedAccountIds": '["333344445555","444455556666"]' };
            assert.equal(resolveAccount({ ...probe, config, option: "777788889999" }).accountId, "777788889999");
            assert.equal(resolveAccount({ ...probe, config }).accountId, "210987654321");
            const allowed = { "aws:allowedAccountIds": '["333344445555","444455556666"]' };
            assert.deepEqual(resolveAccount({ ...probe, config: allowed }), { accountId: "444455556666", source: "allowedAccountIds" });
            assert.equal(resolveAccount({ ...probe, programDir: path.join(REPO, "examples", "baseline"), config: allowed }).accountId, "333344445555");
            const { resources } = await graph(fixture("programs", "literal-arns"), "update", { account: "777788889999" });
            assert.match(String(one(resources, ALARM).outputs.arn), /^arn:aws:cloudwatch:us-east-1:777788889999:alarm:/);
        });

        for (const bad of ["12345", "1234567890123", "abcdefghijkl", "", "12345678901 "]) {
            it(`refuses --account ${JSON.stringify(bad)} with one line and exit 2`, async () => {
                const run = await runCli(["check", "examples/baseline", "--mode", "update", "--account", bad]);
                assert.equal(run.code, 2);
                assert.equal(run.stdout, "");
                const lines = ownErrorLines(run.stderr);
                assert.equal(lines.length, 1, run.stderr);
                assert.match(lines[0]!, /^trailwatch: --account ".*" is not an AWS account id: give its 12 digits/);
            });
        }

        it("refuses a stack config trailwatch:account that is not an account id", () => {
            assert.throws(
                () => resolveAccount({ ...probe, config: { "trailwatch:account": "prod" } }),
                /stack config trailwatch:account "prod" is not an AWS account id/,
            );
        });
    });
});
