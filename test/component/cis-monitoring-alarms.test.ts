/**
 * `CisMonitoringAlarms`: every catalog metric-filter control (or a subset) on
 * one log group and one topic, with per-control overrides. Expected values
 * are read from the catalog entries, so the test checks the component reads
 * them, for every control the catalog has.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    CIS_4_1,
    CIS_4_3,
    CIS_4_5,
    CisMonitoringAlarms,
    InvalidArgumentError,
    MONITORING_CONTROLS,
    TopicPolicySid,
    UnauthorizedApiCallsAlarm,
    assessPattern,
    type CisMonitoringAlarmsArgs,
} from "trailwatch";
import {
    ACCOUNT_ID,
    DEFAULT_REGION,
    T,
    captureWarnings,
    installMocks,
    registeredOutputs,
    settle,
    settleAll,
    statementsBySid,
    valueOf,
    type Recorder,
    type Registration,
} from "./harness";

const ALL = MONITORING_CONTROLS.map((c) => c.control);
const EXISTING_TOPIC = "arn:aws:sns:us-east-1:111122223333:security-alarms";

/** The registration of a child by its logical name. */
function named(recorder: Recorder, name: string): Registration {
    const found = recorder.registrations.filter((r) => r.name === name);
    assert.equal(found.length, 1, `expected one registration named ${name}, saw ${found.length}`);
    return found[0];
}

/** The CloudTrail 4.5 names without StopLogging: a pattern that misses trails being stopped. */
const WEAK_4_5 =
    '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging)) }';

describe("CisMonitoringAlarms with default arguments (every control)", () => {
    let recorder: Recorder;
    let component: CisMonitoringAlarms;
    let warnings: string[];

    before(async () => {
        recorder = installMocks();
        warnings = await captureWarnings(async () => {
            component = new CisMonitoringAlarms("cis", {
                logGroupName: "cloudtrail-logs",
                subscriptions: [
                    { protocol: "email", endpoint: "security@example.com" },
                    { protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:111122223333:alarms" },
                ],
            });
            await settleAll(component);
        });
    });

    it("provisions the catalog's fifteen metric-filter controls, 4.1 to 4.15", () => {
        assert.deepEqual(ALL, ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13", "4.14", "4.15"]);
        assert.equal(recorder.one(T.cisMonitoring).name, "cis");
        assert.deepEqual(Object.keys(component.alarms), ALL);
        assert.deepEqual(Object.keys(component.metricFilters), ALL);
    });

    it("creates one filter and one alarm per control, one topic, one topic policy and one subscription per entry", () => {
        const names = recorder.awsResources().map((r) => `${r.type} ${r.name}`).sort();
        assert.deepEqual(
            names,
            [
                ...ALL.flatMap((n) => [`${T.metricFilter} cis-${n}-filter`, `${T.alarm} cis-${n}-alarm`]),
                `${T.topic} cis-topic`,
                `${T.topicPolicy} cis-topic-policy`,
                `${T.subscription} cis-subscription-0`,
                `${T.subscription} cis-subscription-1`,
            ].sort(),
        );
    });

    for (const control of MONITORING_CONTROLS) {
        it(`${control.control}: the catalog's pattern and metric on the log group, and an alarm with the catalog's settings on that metric`, () => {
            const filter = named(recorder, `cis-${control.control}-filter`).inputs;
            assert.equal(filter.logGroupName, "cloudtrail-logs");
            assert.equal(filter.pattern, control.patterns.default);
            assert.deepEqual(filter.metricTransformation, { name: control.metric.name, namespace: control.metric.namespace, value: control.metric.value });
            const alarm = named(recorder, `cis-${control.control}-alarm`).inputs;
            assert.equal(alarm.metricName, control.metric.name);
            assert.equal(alarm.namespace, control.metric.namespace);
            for (const [key, value] of Object.entries(control.alarm)) {
                assert.equal(alarm[key], value, key);
            }
            assert.equal(alarm.actionsEnabled, true);
            assert.match(alarm.alarmDescription, new RegExp(`^CIS AWS Foundations Benchmark v5\\.0 ${control.control.replace(".", "\\.")} \\(`));
            assert.match(alarm.alarmDescription, /log group cloudtrail-logs /);
            assert.ok(alarm.alarmDescription.length <= 1024);
        });
    }

    it("gives every metric its own name, so no two alarms watch the same metric", () => {
        const metrics = recorder.ofType(T.metricFilter).map((f) => `${f.inputs.metricTransformation.namespace}/${f.inputs.metricTransformation.name}`);
        assert.equal(new Set(metrics).size, ALL.length);
    });

    it("sends every alarm to the one topic, and subscribes every endpoint to it", async () => {
        const topicArn = await valueOf(component.topicArn);
        assert.equal(topicArn, await valueOf(component.topic!.arn));
        for (const alarm of recorder.ofType(T.alarm)) {
            assert.deepEqual(alarm.inputs.alarmActions, [topicArn], alarm.name);
        }
        assert.deepEqual(
            recorder.ofType(T.subscription).map((s) => [s.inputs.topic, s.inputs.protocol]),
            [
                [topicArn, "email"],
                [topicArn, "sqs"],
            ],
        );
    });

    it("writes a topic policy that lets CloudWatch publish for exactly these fifteen alarms, in this account, and denies plain HTTP", async () => {
        const policy = recorder.one(T.topicPolicy).inputs;
        assert.equal(policy.arn, await valueOf(component.topicArn));
        const statements = statementsBySid(policy.policy);
        assert.deepEqual([...statements.keys()].sort(), Object.values(TopicPolicySid).sort());
        const publish = statements.get(TopicPolicySid.cloudWatchAlarmPublishes)!;
        assert.deepEqual(publish.Principal, { Service: "cloudwatch.amazonaws.com" });
        assert.equal(publish.Action, "sns:Publish");
        const alarmArns = await Promise.all(ALL.map((n) => valueOf(component.alarms[n].arn)));
        assert.equal(new Set(alarmArns).size, 15);
        assert.deepEqual(publish.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT_ID }, ArnLike: { "aws:SourceArn": alarmArns } });
        assert.deepEqual(statements.get(TopicPolicySid.denyInsecureTransport)!.Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.equal(recorder.one(T.topic).inputs.kmsMasterKeyId, undefined);
    });

    it("deploys the catalog defaults without a warning", () => {
        assert.deepEqual(warnings, []);
    });

    it("registers its outputs: controls, log group, patterns, alarm ARNs by control, topic", async () => {
        const outputs = await registeredOutputs(component);
        assert.deepEqual(outputs, {
            controls: ALL,
            logGroupName: "cloudtrail-logs",
            patterns: Object.fromEntries(MONITORING_CONTROLS.map((c) => [c.control, c.patterns.default])),
            alarmArns: Object.fromEntries(await Promise.all(ALL.map(async (n) => [n, await valueOf(component.alarms[n].arn)] as const))),
            topicArn: await valueOf(component.topicArn),
        });
        assert.ok(CisMonitoringAlarms.isInstance(component));
        assert.ok(!UnauthorizedApiCallsAlarm.isInstance(component));
    });

    // Last: it adds a component to the same mocks.
    it("gives the 4.1 alarm the description UnauthorizedApiCallsAlarm gives it", async () => {
        await settle(new UnauthorizedApiCallsAlarm("alone", { logGroupName: "cloudtrail-logs" }));
        assert.equal(named(recorder, "cis-4.1-alarm").inputs.alarmDescription, named(recorder, "alone-alarm").inputs.alarmDescription);
    });
});

describe("CisMonitoringAlarms with a subset of controls", () => {
    it("provisions exactly the named controls, in benchmark order, whichever id form names them", async () => {
        const recorder = installMocks();
        const component = new CisMonitoringAlarms("some", { logGroupName: "trail", controls: ["cis-aws-4.10-security-group-changes", "4.3", "cis-aws-4.1"] });
        await settleAll(component);
        assert.deepEqual(await valueOf(component.controls), ["4.1", "4.3", "4.10"]);
        assert.deepEqual(recorder.ofType(T.alarm).map((a) => a.name).sort(), ["some-4.1-alarm", "some-4.10-alarm", "some-4.3-alarm"]);
        assert.equal(named(recorder, "some-4.3-filter").inputs.pattern, CIS_4_3.patterns.default);
        const publish = statementsBySid(recorder.one(T.topicPolicy).inputs.policy).get(TopicPolicySid.cloudWatchAlarmPublishes)!;
        assert.deepEqual(publish.Condition!.ArnLike["aws:SourceArn"], await Promise.all(["4.1", "4.3", "4.10"].map((n) => valueOf(component.alarms[n].arn))));
    });

    it("with one control writes the policy's SourceArn as one ARN, as UnauthorizedApiCallsAlarm does", async () => {
        const recorder = installMocks();
        const component = new CisMonitoringAlarms("one", { logGroupName: "trail", controls: ["4.7"] });
        await settleAll(component);
        const publish = statementsBySid(recorder.one(T.topicPolicy).inputs.policy).get(TopicPolicySid.cloudWatchAlarmPublishes)!;
        assert.equal(publish.Condition!.ArnLike["aws:SourceArn"], await valueOf(component.alarms["4.7"].arn));
    });
});

describe("CisMonitoringAlarms overrides", () => {
    it("change one control's pattern, names, metric and window; component-wide values apply to the rest", async () => {
        const recorder = installMocks();
        const warnings = await captureWarnings(async () => {
            await settleAll(
                new CisMonitoringAlarms("tuned", {
                    logGroupName: "trail",
                    controls: ["4.1", "4.2", "4.3"],
                    metricNamespace: "Security/CIS",
                    period: 60,
                    overrides: {
                        "4.1": { patternPreset: "cisV1_2", filterName: "unauthorized-calls", alarmName: "unauthorized-calls", alarmDescription: "Page the on-call." },
                        "cis-aws-4.3": { metricName: "Root", metricNamespace: "Root/Watch", period: 3600, evaluationPeriods: 2 },
                    },
                }),
            );
        });
        assert.deepEqual(warnings, []);
        const filter41 = named(recorder, "tuned-4.1-filter").inputs;
        assert.equal(filter41.pattern, CIS_4_1.patterns.cisV1_2);
        assert.equal(filter41.name, "unauthorized-calls");
        assert.deepEqual(filter41.metricTransformation, { name: "UnauthorizedAPICalls", namespace: "Security/CIS", value: "1" });
        const alarm41 = named(recorder, "tuned-4.1-alarm").inputs;
        assert.deepEqual([alarm41.name, alarm41.alarmDescription, alarm41.period, alarm41.namespace], ["unauthorized-calls", "Page the on-call.", 60, "Security/CIS"]);

        const alarm42 = named(recorder, "tuned-4.2-alarm").inputs;
        assert.deepEqual([alarm42.namespace, alarm42.metricName, alarm42.period, alarm42.evaluationPeriods], ["Security/CIS", "NoMFAConsoleSignin", 60, 1]);

        const filter43 = named(recorder, "tuned-4.3-filter").inputs;
        assert.deepEqual(filter43.metricTransformation, { name: "Root", namespace: "Root/Watch", value: "1" });
        const alarm43 = named(recorder, "tuned-4.3-alarm").inputs;
        assert.deepEqual([alarm43.namespace, alarm43.metricName, alarm43.period, alarm43.evaluationPeriods], ["Root/Watch", "Root", 3600, 2]);
        assert.match(alarm43.alarmDescription, /last 2 hours/);
        assert.equal(alarm43.threshold, CIS_4_3.alarm.threshold, "the threshold stays the catalog's");
        assert.equal(alarm43.datapointsToAlarm, 1);
    });

    it("turn a control off with enabled: false", async () => {
        const recorder = installMocks();
        const component = new CisMonitoringAlarms("most", { logGroupName: "trail", overrides: { "4.2": { enabled: false }, "4.15": { enabled: false } } });
        await settleAll(component);
        const expected = ALL.filter((n) => n !== "4.2" && n !== "4.15");
        assert.deepEqual(await valueOf(component.controls), expected);
        assert.equal(recorder.ofType(T.metricFilter).length, 13);
        assert.equal(recorder.ofType(T.alarm).length, 13);
        assert.ok(!recorder.registrations.some((r) => r.name.startsWith("most-4.2-") || r.name.startsWith("most-4.15-")));
        const publish = statementsBySid(recorder.one(T.topicPolicy).inputs.policy).get(TopicPolicySid.cloudWatchAlarmPublishes)!;
        assert.equal((publish.Condition!.ArnLike["aws:SourceArn"] as unknown as string[]).length, 13);
    });

    it("check a custom pattern against its own control's intent, and warn with the record it misses", async () => {
        const recorder = installMocks();
        const verdict = assessPattern(WEAK_4_5, CIS_4_5.intent);
        assert.equal(verdict.covers, false);
        const warnings = await captureWarnings(() =>
            settleAll(new CisMonitoringAlarms("weak", { logGroupName: "trail", controls: ["4.5"], overrides: { "4.5": { pattern: WEAK_4_5 } } })),
        );
        assert.equal(named(recorder, "weak-4.5-filter").inputs.pattern, WEAK_4_5, "kept as given");
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /CisMonitoringAlarms "weak": the filter pattern in overrides\["4\.5"\]\.pattern does not catch every event control 4\.5 /);
        assert.ok(warnings[0].includes(JSON.stringify(verdict.counterexample)), warnings[0]);
        assert.match(JSON.stringify(verdict.counterexample), /"eventName":"StopLogging"/);
        assert.match(warnings[0], /omit `overrides\["4\.5"\]\.pattern`/);
    });

    it("judge 4.1's own pattern, put on 4.3, by 4.3's intent", async () => {
        installMocks();
        assert.equal(assessPattern(CIS_4_1.patterns.cisV5, CIS_4_1.intent).covers, true);
        const warnings = await captureWarnings(() =>
            settleAll(new CisMonitoringAlarms("mixed", { logGroupName: "trail", controls: ["4.3"], overrides: { "4.3": { pattern: CIS_4_1.patterns.cisV5 } } })),
        );
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /control 4\.3 \(/);
        assert.match(warnings[0], /"userIdentity":\{[^}]*"type":"Root"/);
    });

    it("offer every named pattern of the control's catalog entry as a preset", async () => {
        for (const control of MONITORING_CONTROLS) {
            for (const [preset, text] of Object.entries(control.patterns).filter(([p]) => p !== "default")) {
                const recorder = installMocks();
                await captureWarnings(() =>
                    settleAll(new CisMonitoringAlarms("preset", { logGroupName: "trail", controls: [control.control], overrides: { [control.control]: { patternPreset: preset } } })),
                );
                assert.equal(recorder.one(T.metricFilter).inputs.pattern, text, `${control.control} ${preset}`);
            }
        }
    });
});

describe("CisMonitoringAlarms topic, key, log group, region and provider", () => {
    it("with topicArn creates no topic, policy or key, looks nothing up, and sends every alarm there", async () => {
        const recorder = installMocks();
        const component = new CisMonitoringAlarms("existing", {
            logGroupName: "trail",
            topicArn: EXISTING_TOPIC,
            subscriptions: [{ protocol: "email", endpoint: "soc@example.com" }],
        });
        await settleAll(component);
        assert.deepEqual([recorder.ofType(T.topic).length, recorder.ofType(T.topicPolicy).length, recorder.ofType(T.kmsKey).length], [0, 0, 0]);
        assert.equal(component.topic, undefined);
        assert.deepEqual(recorder.calls, []);
        assert.equal(recorder.ofType(T.alarm).length, 15);
        for (const alarm of recorder.ofType(T.alarm)) {
            assert.deepEqual(alarm.inputs.alarmActions, [EXISTING_TOPIC]);
        }
        assert.equal(recorder.one(T.subscription).inputs.topic, EXISTING_TOPIC);
        assert.equal(await valueOf(component.topicArn), EXISTING_TOPIC);
    });

    it("with createKmsKey encrypts the one topic with a created rotating key that names the controls", async () => {
        const recorder = installMocks();
        const component = new CisMonitoringAlarms("sse", { logGroupName: "trail", controls: ["4.1", "4.4"], createKmsKey: true });
        await settleAll(component);
        const key = named(recorder, "sse-key").inputs;
        assert.equal(key.enableKeyRotation, true);
        assert.match(key.description, /CIS 4\.1, 4\.4/);
        assert.ok(statementsBySid(key.policy).has("CloudWatchUsesKey"));
        assert.equal(recorder.one(T.topic).inputs.kmsMasterKeyId, await valueOf(component.kmsKey!.arn));
    });

    it("with kmsMasterKeyId encrypts the topic with that key", async () => {
        const recorder = installMocks();
        const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        await settleAll(new CisMonitoringAlarms("byok", { logGroupName: "trail", kmsMasterKeyId: keyArn }));
        assert.equal(recorder.one(T.topic).inputs.kmsMasterKeyId, keyArn);
        assert.equal(recorder.ofType(T.kmsKey).length, 0);
    });

    it("reads the log group from a trail's cloudWatchLogsGroupArn, for every filter", async () => {
        const recorder = installMocks();
        const trail = new aws.cloudtrail.Trail("trail", {
            s3BucketName: "trail-bucket",
            cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:org-trail:*",
        });
        const component = new CisMonitoringAlarms("by-trail", { trail });
        await settleAll(component);
        assert.deepEqual([...new Set(recorder.ofType(T.metricFilter).map((f) => f.inputs.logGroupName))], ["org-trail"]);
        assert.equal(await valueOf(component.logGroupName), "org-trail");
    });

    it("puts region and tags on every child (tags only where AWS can tag)", async () => {
        const recorder = installMocks();
        const tags = { team: "security" };
        const component = new CisMonitoringAlarms("regional", {
            logGroupName: "trail",
            region: "eu-central-1",
            createKmsKey: true,
            tags,
            subscriptions: [{ protocol: "email", endpoint: "a@example.com" }],
        });
        await settleAll(component);
        assert.equal(recorder.awsResources().length, 15 * 2 + 4);
        for (const child of recorder.awsResources()) {
            assert.equal(child.inputs.region, "eu-central-1", child.name);
            const taggable = [T.alarm, T.topic, T.kmsKey].includes(child.type as typeof T.alarm);
            assert.deepEqual(child.inputs.tags, taggable ? tags : undefined, child.name);
        }
        assert.match(recorder.one(T.topicPolicy).inputs.policy, /arn:aws:cloudwatch:eu-central-1:[0-9]+:alarm:/);
    });

    it("parents every child to the component and sends every child and lookup through its provider", async () => {
        const recorder = installMocks();
        const provider = new aws.Provider("eu", { region: "eu-west-1" });
        const parents: (pulumi.Resource | undefined)[] = [];
        const component = new CisMonitoringAlarms(
            "scoped",
            { logGroupName: "trail", createKmsKey: true, subscriptions: [{ protocol: "email", endpoint: "a@example.com" }] },
            {
                providers: { aws: provider },
                transformations: [
                    (args) => {
                        if (args.type !== T.cisMonitoring) {
                            parents.push(args.opts.parent);
                        }
                        return undefined;
                    },
                ],
            },
        );
        await settleAll(component);
        const reference = `${await valueOf(provider.urn)}::${await valueOf(provider.id)}`;
        const children = recorder.awsResources().filter((r) => !r.type.startsWith("pulumi:"));
        assert.equal(children.length, 34);
        assert.equal(parents.length, 34);
        assert.ok(parents.every((p) => p === component));
        for (const child of children) {
            assert.equal(child.provider, reference, child.name);
        }
        assert.equal(recorder.calls.length, 2);
        assert.ok(recorder.calls.every((c) => c.provider === reference));
        assert.match(await valueOf(component.alarms["4.9"].urn), /::trailwatch:index:CisMonitoringAlarms\$aws:cloudwatch\/metricAlarm:MetricAlarm::scoped-4\.9-alarm$/);
    });

    it("uses the default region and provider when given none", async () => {
        const recorder = installMocks();
        const component = new CisMonitoringAlarms("plain", { logGroupName: "trail", controls: ["4.6"] });
        await settleAll(component);
        assert.ok(recorder.awsResources().every((r) => r.inputs.region === undefined && !r.provider));
        assert.equal(await valueOf(component.alarmArns.apply((arns) => arns["4.6"])), `arn:aws:cloudwatch:${DEFAULT_REGION}:${ACCOUNT_ID}:alarm:plain-4.6-alarm-0a1b2c3`);
    });
});

describe("CisMonitoringAlarms refuses, with one line naming the argument and the fix", () => {
    const cases: { title: string; args: () => CisMonitoringAlarmsArgs; argument: string; says: RegExp }[] = [
        { title: "an unknown control id, listing the valid ones", args: () => ({ logGroupName: "t", controls: ["4.1", "4.99"] }), argument: "controls[1]", says: /is "4\.99", which names no control; the controls are 4\.1, 4\.2, .*4\.15/ },
        { title: "4.16, which is not a metric-filter control", args: () => ({ logGroupName: "t", controls: ["4.16"] }), argument: "controls[0]", says: /met by a service being enabled/ },
        { title: "a control named twice", args: () => ({ logGroupName: "t", controls: ["4.3", "cis-aws-4.3"] }), argument: "controls[1]", says: /names control 4\.3 again \(as controls\[0\]\)/ },
        { title: "an empty list of controls", args: () => ({ logGroupName: "t", controls: [] }), argument: "controls", says: /omit it for all of them/ },
        { title: "an override for an unknown control", args: () => ({ logGroupName: "t", overrides: { "5.1": { enabled: false } } }), argument: 'overrides["5.1"]', says: /names no control; the controls are 4\.1/ },
        { title: "an override for an unselected control", args: () => ({ logGroupName: "t", controls: ["4.1"], overrides: { "4.2": { period: 60 } } }), argument: 'overrides["4.2"]', says: /"controls" does not select/ },
        { title: "two overrides for one control", args: () => ({ logGroupName: "t", overrides: { "4.3": {}, "cis-aws-4.3": {} } }), argument: 'overrides["cis-aws-4.3"]', says: /one override per control/ },
        { title: "an unknown preset, listing the control's presets", args: () => ({ logGroupName: "t", overrides: { "4.2": { patternPreset: "cisV1_2" } } }), argument: 'overrides["4.2"].patternPreset', says: /the presets are cisV5, cisV5Sso, securityHub, terraformModule/ },
        { title: "a period CloudWatch rejects, in an override", args: () => ({ logGroupName: "t", overrides: { "4.4": { period: 45 } } }), argument: 'overrides["4.4"].period', says: /10, 20, 30 or a multiple of 60/ },
        { title: "a component-wide period CloudWatch rejects", args: () => ({ logGroupName: "t", period: 45 }), argument: "period", says: /10, 20, 30 or a multiple of 60/ },
        { title: "an override window over a day, with the component-wide period", args: () => ({ logGroupName: "t", period: 1800, overrides: { "4.4": { evaluationPeriods: 49 } } }), argument: 'overrides["4.4"].evaluationPeriods', says: /at most one day/ },
        { title: "an override window over seven days, with an hourly component-wide period", args: () => ({ logGroupName: "t", period: 3600, overrides: { "4.4": { evaluationPeriods: 169 } } }), argument: 'overrides["4.4"].evaluationPeriods', says: /at most seven days/ },
        { title: "a pattern that does not parse", args: () => ({ logGroupName: "t", overrides: { "4.8": { pattern: '{ $.eventName = "x" ' } } }), argument: 'overrides["4.8"].pattern', says: /is not a valid CloudWatch Logs filter pattern/ },
        { title: "a pattern and a preset", args: () => ({ logGroupName: "t", overrides: { "4.8": { pattern: "{ $.x = 1 }", patternPreset: "cisV5" } } }), argument: 'overrides["4.8"].patternPreset', says: /not both/ },
        { title: "every control turned off", args: () => ({ logGroupName: "t", controls: ["4.1"], overrides: { "4.1": { enabled: false } } }), argument: "overrides", says: /would create no alarm/ },
        { title: "no log group", args: () => ({}), argument: "logGroupName", says: /is missing/ },
        { title: "an existing topic with a key to create", args: () => ({ logGroupName: "t", topicArn: EXISTING_TOPIC, createKmsKey: true }), argument: "createKmsKey", says: /conflicts with "topicArn"/ },
        { title: "an Output for controls", args: () => ({ logGroupName: "t", controls: pulumi.output(["4.1"]) as unknown as string[] }), argument: "controls", says: /is an Output/ },
        { title: "an Output in an override", args: () => ({ logGroupName: "t", overrides: { "4.1": { period: pulumi.output(60) as unknown as number } } }), argument: 'overrides["4.1"].period', says: /is an Output/ },
    ];
    for (const c of cases) {
        it(c.title, async () => {
            const recorder = installMocks();
            let error: unknown;
            try {
                new CisMonitoringAlarms("checked", c.args());
            } catch (err) {
                error = err;
            }
            assert.ok(error instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(error)}`);
            assert.equal(error.argument, c.argument);
            assert.ok(error.message.startsWith(`CisMonitoringAlarms "checked": argument "${c.argument}" `), error.message);
            assert.match(error.message, c.says);
            if (!c.title.includes("parse")) {
                assert.ok(!error.message.includes("\n"), "one line");
            }
            await new Promise((resolve) => setTimeout(resolve, 10));
            assert.deepEqual(recorder.registrations.filter((r) => r.name.startsWith("checked")), []);
        });
    }
});
