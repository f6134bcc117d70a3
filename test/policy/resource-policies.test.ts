/**
 * The resource policies: early, per-resource feedback on a metric filter and
 * an alarm, run on resource inputs through `@pulumi/policy`'s Analyze handler.
 */
import * as assert from "node:assert/strict";
import { CIS_4_1, CIS_V1_2_PATTERN, CIS_V5_PATTERN } from "trailwatch/engine";
import { alarmFiresOnOneCall, filterCoversUnauthorizedCalls } from "trailwatch-policy-pack/dist/policies";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { UNKNOWN, analyzeResource, type Analysis, type FixtureResource } from "./harness";

function filter(props: Record<string, unknown>): FixtureResource {
    return {
        type: TYPES.metricFilter,
        name: "unauthorized-calls",
        props: {
            logGroupName: "cloudtrail-logs",
            pattern: CIS_V5_PATTERN,
            metricTransformation: { name: CIS_4_1.metric.name, namespace: CIS_4_1.metric.namespace, value: CIS_4_1.metric.value },
            ...props,
        },
    };
}

function alarm(props: Record<string, unknown>): FixtureResource {
    return {
        type: TYPES.metricAlarm,
        name: "unauthorized-calls-alarm",
        props: {
            metricName: CIS_4_1.metric.name,
            namespace: CIS_4_1.metric.namespace,
            statistic: "Sum",
            period: 300,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            evaluationPeriods: 1,
            alarmActions: [UNKNOWN],
            ...props,
        },
    };
}

function messages(analysis: Analysis): string[] {
    for (const d of analysis.diagnostics) {
        assert.equal(d.level, "advisory");
        assert.doesNotMatch(d.message, /can't run policy/);
    }
    return analysis.diagnostics.map((d) => d.message);
}

describe("resource policy: metric filter covers unauthorized calls", () => {
    it("is advisory by default", () => {
        assert.equal(filterCoversUnauthorizedCalls.enforcementLevel, "advisory");
    });

    for (const [name, pattern] of [
        ["CIS v5.0", CIS_V5_PATTERN],
        ["CIS v1.2", CIS_V1_2_PATTERN],
    ]) {
        it(`accepts the ${name} pattern`, async () => {
            assert.deepEqual(messages(await analyzeResource(filterCoversUnauthorizedCalls, filter({ pattern }))), []);
        });
    }

    it("flags a look-alike pattern that misses calls, with the missed record", async () => {
        const [message, ...rest] = messages(await analyzeResource(filterCoversUnauthorizedCalls, filter({ pattern: '{ $.errorCode = "AccessDenied" }' })));
        assert.deepEqual(rest, []);
        assert.match(message, /Metric filter "unauthorized-calls" on log group "cloudtrail-logs": looks like unauthorized-API-call monitoring but does not cover it/);
        assert.match(message, /Missed record: \{.*"errorCode":/);
    });

    it("ignores filters about something else", async () => {
        const other = filter({ pattern: '{ $.eventName = "ConsoleLogin" }', metricTransformation: { name: "ConsoleLogins", namespace: "Audit", value: "1" } });
        assert.deepEqual(messages(await analyzeResource(filterCoversUnauthorizedCalls, other)), []);
    });

    it("flags a look-alike filter whose value cannot count", async () => {
        const zero = filter({ metricTransformation: { name: "UnauthorizedAPICalls", namespace: "CISBenchmark", value: "0" } });
        const [message] = messages(await analyzeResource(filterCoversUnauthorizedCalls, zero));
        assert.match(message, /cannot count unauthorized calls: its metric value "0" adds nothing per event/);
    });

    it("says it cannot decide when the pattern is unknown in preview, instead of passing", async () => {
        const analysis = await analyzeResource(filterCoversUnauthorizedCalls, filter({ pattern: UNKNOWN }));
        assert.deepEqual(analysis.diagnostics, []);
        assert.equal(analysis.notApplicable.length, 1);
        assert.match(analysis.notApplicable[0].reason, /pattern of metric filter "unauthorized-calls" is unknown during preview/);
    });

    it("says it cannot judge a pattern that is missing or not a string, instead of passing", async () => {
        for (const pattern of [42, true, [], null]) {
            const analysis = await analyzeResource(filterCoversUnauthorizedCalls, filter({ pattern }));
            assert.deepEqual(analysis.diagnostics, [], JSON.stringify(pattern));
            assert.match(analysis.notApplicable[0]?.reason ?? "", /pattern of metric filter "unauthorized-calls" is missing or not a string/);
        }
    });

    it("flags the CIS v5.0 pattern when Security Hub compatibility is asked for", async () => {
        const [message] = messages(await analyzeResource(filterCoversUnauthorizedCalls, filter({}), { securityHubCompatible: true }));
        assert.match(message, /Security Hub CloudWatch\.2 compares the pattern with the exact CIS v1\.2 string/);
    });

    it("treats the Security Hub comparison as exact: whitespace matters", async () => {
        const spaced = CIS_V1_2_PATTERN.replace("= ", "=");
        const [message] = messages(await analyzeResource(filterCoversUnauthorizedCalls, filter({ pattern: spaced }), { securityHubCompatible: true }));
        assert.match(message, /Security Hub/);
    });
});

describe("resource policy: alarm fires on one unauthorized call", () => {
    it("is advisory by default", () => {
        assert.equal(alarmFiresOnOneCall.enforcementLevel, "advisory");
    });

    it("accepts the CIS alarm settings", async () => {
        assert.deepEqual(messages(await analyzeResource(alarmFiresOnOneCall, alarm({}))), []);
    });

    const cases: readonly [string, Record<string, unknown>, RegExp][] = [
        ["a threshold one call cannot reach", { threshold: 10 }, /one event makes Sum 1, below its threshold 10/],
        ["a strict comparison at 1", { comparisonOperator: "GreaterThanThreshold" }, /not above its threshold 1/],
        ["an Average", { statistic: "Average" }, /statistic Average/],
        ["two of three periods", { evaluationPeriods: 3, datapointsToAlarm: 2 }, /needs 2 breaching periods/],
        ["disabled actions", { actionsEnabled: false }, /actions are disabled/],
    ];
    for (const [name, props, why] of cases) {
        it(`flags ${name}`, async () => {
            const [message, ...rest] = messages(await analyzeResource(alarmFiresOnOneCall, alarm(props)));
            assert.deepEqual(rest, []);
            // The finding alone: the policy's description is shown beside it, never repeated in it.
            assert.match(message, /^Alarm "unauthorized-calls-alarm" watches an unauthorized-API-calls metric but does not fire on a single call: /);
            assert.match(message, why);
            assert.match(message, /Fix: on alarm "[^"]+" set statistic: "Sum", comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1, datapointsToAlarm: 1, actionsEnabled: true/);
        });
    }

    it("recognises the metric inside a metric query", async () => {
        const queries = alarm({
            metricName: undefined,
            namespace: undefined,
            statistic: undefined,
            metricQueries: [{ id: "m1", returnData: true, metric: { metricName: "UnauthorizedAttempts", namespace: "Security", period: 300, stat: "Maximum" } }],
        });
        const props = Object.fromEntries(Object.entries(queries.props).filter(([, v]) => v !== undefined));
        const [message] = messages(await analyzeResource(alarmFiresOnOneCall, { ...queries, props }));
        assert.match(message, /statistic Maximum/);
    });

    it("ignores alarms on other metrics", async () => {
        assert.deepEqual(messages(await analyzeResource(alarmFiresOnOneCall, alarm({ metricName: "CPUUtilization", namespace: "AWS/EC2", threshold: 80 }))), []);
    });

    it("says it cannot decide when the threshold is unknown in preview", async () => {
        const analysis = await analyzeResource(alarmFiresOnOneCall, alarm({ threshold: UNKNOWN }));
        assert.deepEqual(analysis.diagnostics, []);
        assert.match(analysis.notApplicable[0]?.reason ?? "", /comparison of alarm "unauthorized-calls-alarm" is unknown during preview/);
    });
});
