/**
 * `trailwatch audit` through the built CLI against a real moto server: exit
 * codes and verdicts per seeded scenario, and for each scenario the same
 * violations as `trailwatch check` gives on a stack export of the same
 * resources.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { CIS_4_1, CIS_V5_PATTERN } from "trailwatch/engine";
import { type CliRun, ownErrorLines, runCli } from "../check/helpers";
import { FaultProxy, awsError } from "./fault-proxy";
import { type ChainSpec, Moto, type Seeded, TEST_CREDENTIALS, seedChain } from "./moto";
import { asExport, cisAlarm, compliant, everyControl } from "./scenarios";

interface JsonOut {
    readonly violations: readonly { policy: string; enforcementLevel: string; message: string; urn: string }[];
    readonly summary: { mandatory: number; advisory: number };
    readonly audit?: Record<string, unknown>;
}

/** The environment of a user with only static keys and a region: nothing from this machine's AWS files. */
function awsEnv(moto: Moto, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
        AWS_PROFILE: undefined,
        AWS_CONFIG_FILE: path.join(os.tmpdir(), "trailwatch-audit-no-config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), "trailwatch-audit-no-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL: moto.endpoint,
        ...TEST_CREDENTIALS,
        ...extra,
    };
}

function parse(run: CliRun): JsonOut {
    try {
        return JSON.parse(run.stdout) as JsonOut;
    } catch {
        throw new Error(`not JSON (exit ${run.code}): ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 500)}`);
    }
}

/** Violations as comparable text: policy, level, resource type and name, message. */
function comparable(out: JsonOut): string[] {
    return out.violations
        .map((v) => {
            const parts = v.urn.split("::");
            return `${v.enforcementLevel} ${v.policy} ${(parts[2] ?? "").split("$").pop()}::${parts.slice(3).join("::")}: ${v.message}`;
        })
        .filter((v) => !v.includes("pulumi:pulumi:Stack"))
        .sort();
}

describe("trailwatch audit against moto", function () {
    this.timeout(180_000);
    let moto: Moto;
    let dir: string;

    before(async () => {
        moto = await Moto.start();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-audit-"));
    });
    after(async () => {
        await moto?.stop();
    });
    beforeEach(async () => {
        await moto.reset();
    });

    async function seed(...specs: ChainSpec[]): Promise<Seeded[]> {
        const seeded: Seeded[] = [];
        for (const spec of specs) {
            seeded.push(await seedChain(moto, spec));
        }
        return seeded;
    }

    function audit(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
        return runCli(["audit", ...args], awsEnv(moto, env));
    }

    function config(value: object): string {
        const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
        fs.writeFileSync(file, JSON.stringify(value));
        return file;
    }

    /** Audits in JSON, checks the same resources as an export, asserts the same violations, returns the audit's. */
    async function auditAndCheck(specs: readonly ChainSpec[], seeded: readonly Seeded[], extra: readonly string[] = []): Promise<{ run: CliRun; out: JsonOut }> {
        const run = await audit(["--format", "json", ...extra]);
        const out = parse(run);
        const exportFile = path.join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
        fs.writeFileSync(exportFile, JSON.stringify(asExport(specs, seeded)));
        const configIndex = extra.indexOf("--config");
        const configArgs = configIndex >= 0 ? ["--config", extra[configIndex + 1]!] : [];
        const check = await runCli(["check", exportFile, "--format", "json", ...configArgs]);
        assert.deepEqual(comparable(out), comparable(parse(check)), "audit and check on an export of the same resources disagree");
        assert.equal(run.code, check.code, `audit exit ${run.code}, check exit ${check.code}`);
        return { run, out };
    }

    const MANDATORY_41 = "cis-aws-4-1-unauthorized-api-calls-monitored";

    function mandatoryOf(out: JsonOut): string[] {
        return out.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.message);
    }

    it("passes a compliant account (exit 0), the human report naming the account", async () => {
        const spec = compliant();
        const seeded = await seed(spec);
        const { run, out } = await auditAndCheck([spec], seeded);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(out.summary.mandatory, 0);
        const human = await audit();
        assert.equal(human.code, 0, human.stderr);
        assert.match(human.stdout, /^Account 123456789012 .*trails listed from us-east-1: 1 trail\(s\) followed/m);
        assert.match(human.stdout, /^passed.*\(audit\)$/m);
        assert.deepEqual(ownErrorLines(human.stderr), []);
    });

    it("fails an account with no trail at all (exit 1): the pack's own requireTrail verdict, not out of scope", async () => {
        const run = await audit(["--format", "json"]);
        assert.equal(run.code, 1, run.stderr);
        const out = parse(run);
        assert.ok(mandatoryOf(out).some((m) => /no CloudTrail trail/i.test(m)), JSON.stringify(out.violations, null, 1));
        // A config that turns requireTrail off is the user's word.
        const off = config({ [MANDATORY_41]: { requireTrail: false } });
        assert.equal((await audit(["--config", off])).code, 0);
    });

    const broken: readonly [string, ChainSpec, RegExp][] = [
        ["the trail is single-region", compliant("us-east-1", { trail: { name: "management-events", region: "us-east-1", multiRegion: false } }), /not multi-region/],
        ["the trail is not logging", compliant("us-east-1", { trail: { name: "management-events", region: "us-east-1", logging: false } }), /logging is turned off/],
        ["the trail delivers to no log group", compliant("us-east-1", { logGroup: undefined, filters: [], alarms: [], topics: [] }), /does not deliver to CloudWatch Logs/],
        ["no metric filter", compliant("us-east-1", { filters: [] }), /no metric filter reads the log group/],
        [
            "the filter misses access-denied events",
            compliant("us-east-1", {
                filters: [{ name: "unauthorized-calls", pattern: '{ $.errorCode = "*UnauthorizedOperation" }', metric: CIS_4_1.metric.name, namespace: CIS_4_1.metric.namespace }],
            }),
            /miss some/,
        ],
        ["no alarm on the metric", compliant("us-east-1", { alarms: [] }), /no alarm watches metric/],
        [
            "the alarm needs 5 events",
            compliant("us-east-1", { alarms: [{ ...cisAlarm("unauthorized-calls-alarm", { namespace: CIS_4_1.metric.namespace, name: CIS_4_1.metric.name }, "security-alerts"), Threshold: 5 }] }),
            /single event|one event|threshold/i,
        ],
        [
            "the alarm notifies no one",
            compliant("us-east-1", { alarms: [{ ...cisAlarm("unauthorized-calls-alarm", { namespace: CIS_4_1.metric.namespace, name: CIS_4_1.metric.name }, "security-alerts"), notifies: [] }] }),
            /has no alarm actions/,
        ],
        ["the topic has no subscriber", compliant("us-east-1", { topics: [{ name: "security-alerts", emails: [] }] }), /has no subscription/],
    ];
    for (const [what, spec, message] of broken) {
        it(`fails when ${what} (exit 1), as check does on the export`, async () => {
            const seeded = await seed(spec);
            const { run, out } = await auditAndCheck([spec], seeded);
            assert.equal(run.code, 1, run.stderr);
            const messages = out.violations.filter((v) => v.policy === MANDATORY_41).map((v) => v.message);
            assert.ok(messages.some((m) => message.test(m)), messages.join("\n"));
        });
    }

    it("passes a tuned but correct pattern (clauses reordered and parenthesized, the CIS exclusions kept)", async () => {
        const tuned =
            '{ (($.errorCode = "AccessDenied*") || ($.errorCode = "*UnauthorizedOperation")) && ($.eventName != "HeadBucket") && ' +
            '($.sourceIPAddress != "delivery.logs.amazonaws.com") }';
        const spec = compliant("us-east-1", {
            filters: [{ name: "unauthorized-calls", pattern: tuned, metric: CIS_4_1.metric.name, namespace: CIS_4_1.metric.namespace }],
        });
        const seeded = await seed(spec);
        const { run, out } = await auditAndCheck([spec], seeded);
        assert.equal(run.code, 0, JSON.stringify(out.violations));
    });

    it("judges metric-math alarms as DescribeAlarms returns them: a pass-through expression passes, a scaled one fails", async () => {
        const metric = { Namespace: CIS_4_1.metric.namespace, MetricName: CIS_4_1.metric.name };
        const mathAlarm = (expression: string) => ({
            AlarmName: "unauthorized-calls-math",
            EvaluationPeriods: 1,
            DatapointsToAlarm: 1,
            Threshold: 1,
            ComparisonOperator: "GreaterThanOrEqualToThreshold" as const,
            TreatMissingData: "notBreaching",
            Metrics: [
                { Id: "m1", MetricStat: { Metric: metric, Period: 300, Stat: "Sum" }, ReturnData: false },
                { Id: "e1", Expression: expression, Label: "unauthorized calls", ReturnData: true },
            ],
            notifies: ["security-alerts"],
        });
        const passing = compliant("us-east-1", { alarms: [mathAlarm("m1")] });
        const seeded = await seed(passing);
        assert.equal((await auditAndCheck([passing], seeded)).run.code, 0);
        await moto.reset();
        const scaled = compliant("us-east-1", { alarms: [mathAlarm("m1 / 10")] });
        const scaledSeeded = await seed(scaled);
        assert.equal((await auditAndCheck([scaled], scaledSeeded)).run.code, 1);
    });

    it("follows a multi-region trail homed in another region, and its log group, filters and alarms there", async () => {
        const spec = compliant("eu-west-1");
        const seeded = await seed(spec);
        const { run, out } = await auditAndCheck([spec], seeded, ["--region", "us-east-1"]);
        assert.equal(run.code, 0, JSON.stringify(out.violations));
        assert.deepEqual(out.audit?.trails, ["arn:aws:cloudtrail:eu-west-1:123456789012:trail/management-events"]);
        // A broken alarm there is found there too.
        await moto.reset();
        const brokenSpec = compliant("eu-west-1", { alarms: [] });
        const brokenSeeded = await seed(brokenSpec);
        const broken = await auditAndCheck([brokenSpec], brokenSeeded, ["--region", "us-east-1"]);
        assert.equal(broken.run.code, 1);
    });

    it("passes when one of several trails completes the chain, and fails when none does", async () => {
        const good = compliant("us-east-1");
        const dataOnly: ChainSpec = { trail: { name: "data-events", region: "us-west-2", multiRegion: false } };
        const seeded = await seed(good, dataOnly);
        const both = await auditAndCheck([good, dataOnly], seeded, ["--region", "us-east-1", "--region", "us-west-2"]);
        assert.equal(both.run.code, 0, JSON.stringify(both.out.violations));
        await moto.reset();
        const broken = compliant("us-east-1", { filters: [] });
        const brokenSeeded = await seed(broken, dataOnly);
        const fails = await auditAndCheck([broken, dataOnly], brokenSeeded, ["--region", "us-east-1", "--region", "us-west-2"]);
        assert.equal(fails.run.code, 1);
        const names = fails.out.violations.filter((v) => v.policy === MANDATORY_41).map((v) => v.urn.split("::").pop());
        assert.deepEqual(names.sort(), ["data-events", "management-events"]);
    });

    it("a trail delivering to another account's log group is said, not judged: a pass elsewhere stands, a failure is not definite (exit 2)", async () => {
        // CreateTrail takes a log group ARN in another account as AWS does (a central logging account).
        const centralArn = "arn:aws:logs:us-east-1:222222222222:log-group:org-trail-logs:*";
        const seedCentral = async () => {
            await moto.bucket("central-logging-bucket", "us-east-1");
            const client = new CloudTrailClient(moto.config("us-east-1"));
            await client.send(new CreateTrailCommand({ Name: "central-logging", S3BucketName: "central-logging-bucket", IsMultiRegionTrail: true, CloudWatchLogsLogGroupArn: centralArn }));
            client.destroy();
        };
        await seed(compliant());
        await seedCentral();
        const pass = await audit(["--format", "json"]);
        assert.equal(pass.code, 0, pass.stderr);
        const blind = (parse(pass).audit?.notVisible ?? []) as { subject: string; auditAccount: string }[];
        assert.deepEqual(blind.map((b) => [b.subject, b.auditAccount]), [['trail "central-logging"', "222222222222"]]);
        await moto.reset();
        await seed(compliant("us-east-1", { filters: [] }));
        await seedCentral();
        const undecided = await audit();
        assert.equal(undecided.code, 2, undecided.stderr);
        assert.deepEqual(ownErrorLines(undecided.stderr), [
            'trailwatch: no definite verdict for account 123456789012: trail "central-logging" cannot be followed from it; audit account 222222222222 too',
        ]);
        assert.match(undecided.stdout, /- trail "central-logging": it delivers to log group "org-trail-logs" in account 222222222222/);
    });

    it("judges basic event selectors: write-only management events fail, all pass", async () => {
        const writeOnly = compliant("us-east-1", { eventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }] });
        const seeded = await seed(writeOnly);
        const fail = await auditAndCheck([writeOnly], seeded);
        assert.equal(fail.run.code, 1);
        assert.ok(mandatoryOf(fail.out).some((m) => /read management events/.test(m)), mandatoryOf(fail.out).join("\n"));
        await moto.reset();
        const all = compliant("us-east-1", { eventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }] });
        const allSeeded = await seed(all);
        assert.equal((await auditAndCheck([all], allSeeded)).run.code, 0);
    });

    it("judges advanced event selectors: data events only fail, management events pass", async () => {
        const dataOnly = compliant("us-east-1", {
            advancedEventSelectors: [{ Name: "s3 data", FieldSelectors: [{ Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.type", Equals: ["AWS::S3::Object"] }] }],
        });
        const seeded = await seed(dataOnly);
        const fail = await auditAndCheck([dataOnly], seeded);
        assert.equal(fail.run.code, 1);
        await moto.reset();
        const management = compliant("us-east-1", { advancedEventSelectors: [{ Name: "management", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }] });
        const managementSeeded = await seed(management);
        assert.equal((await auditAndCheck([management], managementSeeded)).run.code, 0);
    });

    it('passes every control with {"all": "mandatory"} when each has its filter and alarm and Security Hub is on; fails without Security Hub', async () => {
        const allMandatory = config({ all: "mandatory" });
        const spec = everyControl();
        const seeded = await seed(spec);
        const { run, out } = await auditAndCheck([spec], seeded, ["--config", allMandatory]);
        assert.equal(run.code, 0, JSON.stringify(out.violations, null, 1));
        assert.equal(out.violations.length, 0);
        await moto.reset();
        const noHub = { ...everyControl(), securityHub: [] };
        const noHubSeeded = await seed(noHub);
        const fail = await auditAndCheck([noHub], noHubSeeded, ["--config", allMandatory]);
        assert.equal(fail.run.code, 1);
        assert.deepEqual([...new Set(fail.out.violations.map((v) => v.policy))], ["cis-aws-4-16-security-hub-enabled"]);
    });

    it("reports sarif with the audit's facts, and the same exit code", async () => {
        const spec = compliant("us-east-1", { filters: [] });
        await seed(spec);
        const run = await audit(["--format", "sarif"]);
        assert.equal(run.code, 1);
        const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; level: string }[]; properties: { audit: { account: string } } }[] };
        assert.ok(log.runs[0]!.results.some((r) => r.ruleId === MANDATORY_41 && r.level === "error"));
        assert.equal(log.runs[0]!.properties.audit.account, "123456789012");
        // The other formats of check's report code, with the same exit code.
        const markdown = await audit(["--format", "markdown"]);
        assert.equal(markdown.code, 1);
        assert.match(markdown.stdout, /\n## Audit\n\n```text\nAccount 123456789012 /);
        const html = await audit(["--format", "html"]);
        assert.equal(html.code, 1);
        assert.match(html.stdout, /^<!doctype html>/);
        assert.match(html.stdout, /\(audit\)/);
    });

    it("reports drift against a stack export: managed, declared but missing, and unmanaged", async () => {
        const spec = compliant();
        const seeded = await seed(spec);
        // The stack declares the chain plus an alarm the account lacks; the account has a second filter no stack manages.
        const declared = { ...spec, alarms: [...spec.alarms!, cisAlarm("deleted-in-console", { namespace: "CISBenchmark", name: "UnauthorizedAPICalls" }, "security-alerts")] };
        const exportFile = path.join(dir, "drift-export.json");
        fs.writeFileSync(exportFile, JSON.stringify(asExport([declared], seeded)));
        await seedChain(moto, {
            trail: { name: "second", region: "us-east-1" },
            logGroup: { name: "management-events-logs" },
            filters: [{ name: "console-added", pattern: CIS_V5_PATTERN, metric: "Other", namespace: "CISBenchmark" }],
        }).catch(() => undefined);
        const run = await audit(["--format", "json", "--stack", exportFile]);
        const drift = parse(run).audit?.drift as { managed: { name: string }[]; missing: { name: string }[]; unmanaged: { name: string }[] };
        assert.ok(drift.managed.some((m) => m.name === "unauthorized-calls-alarm"), JSON.stringify(drift));
        assert.deepEqual(drift.missing.map((m) => m.name), ["deleted-in-console"]);
        assert.ok(drift.unmanaged.some((m) => m.name === "console-added"), JSON.stringify(drift.unmanaged));
    });

    describe("failures: one line, exit 2, no stack trace, no hang", () => {
        function assertOneLine(run: CliRun, pattern: RegExp): void {
            assert.equal(run.code, 2, `exit ${run.code}: ${run.stderr}`);
            const lines = ownErrorLines(run.stderr);
            assert.equal(lines.length, 1, run.stderr);
            assert.match(lines[0]!, pattern);
            assert.doesNotMatch(run.stderr, /\n\s+at /);
        }

        it("no credentials", async () => {
            const run = await audit([], { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
            assertOneLine(run, /^trailwatch: no AWS credentials found .*AWS_ACCESS_KEY_ID/);
        });

        it("--profile reads the named profile's keys and region; an unknown profile is no credentials", async () => {
            await seed(compliant());
            const credentials = path.join(dir, "credentials");
            const configFile = path.join(dir, "config");
            fs.writeFileSync(credentials, `[auditor]\naws_access_key_id = ${TEST_CREDENTIALS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY}\n`);
            fs.writeFileSync(configFile, "[profile auditor]\nregion = us-east-1\n");
            const env = {
                AWS_ACCESS_KEY_ID: undefined,
                AWS_SECRET_ACCESS_KEY: undefined,
                AWS_REGION: undefined,
                AWS_SHARED_CREDENTIALS_FILE: credentials,
                AWS_CONFIG_FILE: configFile,
            };
            const ok = await audit(["--profile", "auditor"], env);
            assert.equal(ok.code, 0, ok.stderr);
            assertOneLine(await audit(["--profile", "nobody", "--region", "us-east-1"], env), /^trailwatch: no AWS credentials found .*--profile/);
        });

        it("a wrong endpoint (nothing listening)", async () => {
            const run = await audit(["--endpoint-url", "http://127.0.0.1:9"]);
            assertOneLine(run, /^trailwatch: cannot reach http:\/\/127\.0\.0\.1:9 for sts:GetCallerIdentity in us-east-1 .*--endpoint-url/);
        });

        async function throughProxy(fault: Parameters<typeof FaultProxy.start>[1], args: readonly string[] = []): Promise<{ run: CliRun; proxy: FaultProxy }> {
            const proxy = await FaultProxy.start(moto.endpoint, fault);
            try {
                return { run: await audit(args, { AWS_ENDPOINT_URL: proxy.endpoint }), proxy };
            } finally {
                await proxy.stop();
            }
        }

        it("an access-denied read names the exact IAM action to grant", async () => {
            await seed(compliant());
            const { run } = await throughProxy((req) =>
                req.target.endsWith(".DescribeMetricFilters")
                    ? awsError(
                          "AccessDeniedException",
                          "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: logs:DescribeMetricFilters on resource: " +
                              "arn:aws:logs:us-east-1:123456789012:log-group:management-events-logs:log-stream: because no identity-based policy allows the logs:DescribeMetricFilters action",
                      )
                    : undefined,
            );
            assertOneLine(run, /^trailwatch: access denied: logs:DescribeMetricFilters in us-east-1 .*grant "logs:DescribeMetricFilters"/);
        });

        it("an expired session says to refresh the credentials", async () => {
            await seed(compliant());
            const { run } = await throughProxy((req) =>
                req.target.endsWith(".DescribeTrails") ? awsError("ExpiredTokenException", "The security token included in the request is expired") : undefined,
            );
            assertOneLine(run, /^trailwatch: the AWS session has expired \(cloudtrail:DescribeTrails in us-east-1: .*refresh the credentials/);
        });

        it("a throttled call is retried by the SDK's adaptive retry, then succeeds", async () => {
            await seed(compliant());
            const { run, proxy } = await throughProxy((req, n) =>
                req.target.endsWith(".DescribeTrails") && n <= 2 ? awsError("ThrottlingException", "Rate exceeded") : undefined,
            );
            assert.equal(run.code, 0, run.stderr);
            assert.equal(proxy.seen.filter((r) => r.target.endsWith(".DescribeTrails")).length, 3);
        });

        it("a call throttled past every retry fails with one line", async () => {
            await seed(compliant());
            const { run } = await throughProxy((req) => (req.target.endsWith(".GetEventSelectors") ? awsError("ThrottlingException", "Rate exceeded") : undefined));
            assertOneLine(run, /^trailwatch: cloudtrail:GetEventSelectors in us-east-1 is still throttled after the SDK's adaptive retries/);
        });

        it("a region not enabled: named with --region it fails with one line; under --all-regions it is skipped and said", async () => {
            await seed(compliant());
            // me-west-1 and sa-west-1 are opt-in regions newer than moto 5.2 (it answers them with an HTML 404): not enabled here either.
            const refuse = (req: { target: string; region: string }) =>
                ["me-south-1", "me-west-1", "sa-west-1"].includes(req.region) && req.target.startsWith("CloudTrail")
                    ? awsError("UnrecognizedClientException", "The security token included in the request is invalid.")
                    : undefined;
            const named = await throughProxy(refuse, ["--region", "us-east-1", "--region", "me-south-1"]);
            assertOneLine(named.run, /^trailwatch: me-south-1 refuses these credentials .*not enabled/);
            const all = await throughProxy(refuse, ["--all-regions", "--format", "json"]);
            assert.equal(all.run.code, 0, all.run.stderr);
            const facts = parse(all.run).audit as { skippedRegions: { region: string }[]; regions: string[] };
            assert.deepEqual(facts.skippedRegions.map((s) => s.region).sort(), ["me-south-1", "me-west-1", "sa-west-1"]);
            assert.ok(facts.regions.length >= 30 && !facts.regions.includes("me-south-1"));
        });

        it("the endpoint dying mid-audit", async () => {
            await seed(compliant());
            const { run, proxy } = await throughProxy((req) => (req.target.endsWith(".DescribeMetricFilters") ? "die" : undefined));
            assertOneLine(run, /^trailwatch: cannot reach http:\/\/127\.0\.0\.1:\d+ for logs:DescribeMetricFilters in us-east-1/);
            assert.ok(proxy.seen.some((r) => r.target.endsWith(".GetTrailStatus")), "died before the audit started");
        });

        it("an organization trail seen from a member account: said per trail, no guessed verdict, exit 2", async () => {
            // moto keeps organization trails in the management account; DescribeTrails from a member account answers
            // like this (fields of the Trail type, https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html;
            // the management account's ARN and log group, as a Control Tower baseline trail shows in a member account).
            const memberView = {
                trailList: [
                    {
                        Name: "aws-controltower-BaselineCloudTrail",
                        S3BucketName: "aws-controltower-logs-111111111111-us-east-1",
                        IncludeGlobalServiceEvents: true,
                        IsMultiRegionTrail: true,
                        HomeRegion: "us-east-1",
                        TrailARN: "arn:aws:cloudtrail:us-east-1:111111111111:trail/aws-controltower-BaselineCloudTrail",
                        LogFileValidationEnabled: true,
                        CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:aws-controltower/CloudTrailLogs:*",
                        CloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/aws-controltower-CloudWatchLogsRole",
                        HasCustomEventSelectors: false,
                        HasInsightSelectors: false,
                        IsOrganizationTrail: true,
                    },
                ],
            };
            const { run } = await throughProxy((req) => (req.target.endsWith(".DescribeTrails") ? { status: 200, body: memberView } : undefined));
            assertOneLine(run, /^trailwatch: no definite verdict for account 123456789012: trail "aws-controltower-BaselineCloudTrail" cannot be followed from it; audit account 111111111111/);
            assert.match(run.stdout, /Not visible from this account:\n\s+- trail "aws-controltower-BaselineCloudTrail": an organization trail of account 111111111111/);
        });

        it("a --region that is no region name", async () => {
            assertOneLine(await audit(["--region", "us-east-1; rm -rf /"]), /^trailwatch: --region "us-east-1; rm -rf \/" is not an AWS region name; give one like us-east-1$/);
        });

        it("no region", async () => {
            const run = await audit([], { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
            assertOneLine(run, /^trailwatch: no AWS region given: pass --region/);
        });
    });
});
