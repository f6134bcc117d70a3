/**
 * Two ways an alarm looks wired but never notifies anyone: a `unit` that
 * does not match the unit the metric filter publishes (CloudWatch finds no
 * data, the alarm stays in INSUFFICIENT_DATA), and an SNS action in another
 * region than the alarm (PutMetricAlarm rejects it).
 */
import * as assert from "node:assert/strict";
import { unauthorizedApiCallsMonitored } from "trailwatch-policy-pack/dist/policies";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { UNKNOWN, analyzeStack, type Analysis, type FixtureResource } from "./harness";
import { MODES, chain, type ChainSpec, type Mode } from "./stacks";

function run(resources: readonly FixtureResource[]): Promise<Analysis> {
    return analyzeStack(unauthorizedApiCallsMonitored, resources);
}

function assertRan(analysis: Analysis): void {
    for (const d of analysis.diagnostics) {
        assert.doesNotMatch(d.message, /can't run policy/, "the unknown-value proxy skipped the policy");
    }
    assert.deepEqual(analysis.notApplicable, []);
}

function onlyViolation(analysis: Analysis): string {
    assertRan(analysis);
    const mandatory = analysis.diagnostics.filter((d) => d.level === "mandatory");
    assert.equal(mandatory.length, 1, `expected one mandatory violation, got ${JSON.stringify(analysis.diagnostics, null, 1)}`);
    return mandatory[0].message;
}

function onlyAdvisory(analysis: Analysis): string {
    assertRan(analysis);
    assert.equal(analysis.diagnostics.length, 1, JSON.stringify(analysis.diagnostics, null, 1));
    assert.equal(analysis.diagnostics[0].level, "advisory");
    return analysis.diagnostics[0].message;
}

function assertPasses(analysis: Analysis): void {
    assertRan(analysis);
    assert.deepEqual(analysis.diagnostics, []);
}

const ACCOUNT = "111122223333";
const TRANSFORMATION = { name: "UnauthorizedAPICalls", namespace: "CISBenchmark", value: "1" };

/** The chain's filter, publishing its metric with `unit` (none when undefined). */
function filterWithUnit(unit: string | undefined): Record<string, unknown> {
    return { metricTransformation: unit === undefined ? TRANSFORMATION : { ...TRANSFORMATION, unit } };
}

/** A metric-math alarm whose returned query reads the filter's metric with `unit`. */
function mathAlarm(unit: string): Record<string, unknown> {
    return {
        metricName: undefined,
        namespace: undefined,
        statistic: undefined,
        metricQueries: [
            { id: "m1", metric: { metricName: "UnauthorizedAPICalls", namespace: "CISBenchmark", period: 300, stat: "Sum", unit }, returnData: true },
        ],
    };
}

/** The chain with its topic (and subscriber) in `region`, the alarm staying in us-east-1. */
function topicIn(mode: Mode, region: string): FixtureResource[] {
    const arn = `arn:aws:sns:${region}:${ACCOUNT}:security-alerts`;
    const spec: ChainSpec =
        mode === "preview"
            ? { mode, props: { topic: { region }, subscription: { region } } }
            : { mode, props: { topic: { region, arn }, subscription: { region, topic: arn }, alarm: { alarmActions: [arn] } } };
    return chain(spec);
}

describe("stack policy: alarm unit and topic region", () => {
    describe("link 4: the alarm's unit", () => {
        for (const mode of MODES) {
            it(`fails in ${mode} when the alarm sets a unit and the filter publishes none`, async () => {
                const message = onlyViolation(await run(chain({ mode, props: { alarm: { unit: "Count" } } })));
                assert.match(message, /broken at link 4 of 5, the alarm/);
                assert.ok(
                    message.includes(
                        'alarm "unauthorized-calls-alarm": unit "Count" does not match the metric\'s unit (none): CloudWatch finds no data for the alarm, which stays in INSUFFICIENT_DATA and never fires',
                    ),
                    message,
                );
            });

            it(`fails in ${mode} when the alarm's unit differs from the filter's`, async () => {
                const props = { filter: filterWithUnit("Count"), alarm: { unit: "Seconds" } };
                const message = onlyViolation(await run(chain({ mode, props })));
                assert.ok(message.includes(`unit "Seconds" does not match the metric's unit (Count): CloudWatch finds no data`), message);
            });

            it(`fails in ${mode} when a metric-math alarm's query sets a unit the filter does not publish`, async () => {
                const message = onlyViolation(await run(chain({ mode, props: { alarm: mathAlarm("Count") } })));
                assert.ok(message.includes(`unit "Count" does not match the metric's unit (none): CloudWatch finds no data`), message);
            });

            it(`passes in ${mode} when the alarm's unit is the filter's`, async () => {
                assertPasses(await run(chain({ mode, props: { filter: filterWithUnit("Count"), alarm: { unit: "Count" } } })));
            });

            it(`passes in ${mode} when the alarm asks for unit None and the filter publishes none`, async () => {
                assertPasses(await run(chain({ mode, props: { alarm: { unit: "None" } } })));
            });

            it(`passes in ${mode} when the alarm sets no unit though the filter publishes one`, async () => {
                assertPasses(await run(chain({ mode, props: { filter: filterWithUnit("Count") } })));
            });

            it(`passes in ${mode} a metric-math alarm whose query's unit is the filter's`, async () => {
                assertPasses(await run(chain({ mode, props: { filter: filterWithUnit("Count"), alarm: mathAlarm("Count") } })));
            });
        }

        it("is undecided when the alarm's unit is unknown in preview", async () => {
            const message = onlyAdvisory(await run(chain({ mode: "preview", props: { alarm: { unit: UNKNOWN } } })));
            assert.match(message, /cannot be decided in this preview: the unit of alarm "unauthorized-calls-alarm" is unknown during preview/);
        });

        it("is undecided when the filter's unit is unknown in preview and the alarm sets one", async () => {
            const props = { filter: filterWithUnit(UNKNOWN), alarm: { unit: "Count" } };
            const message = onlyAdvisory(await run(chain({ mode: "preview", props })));
            assert.match(message, /the metric unit of filter "unauthorized-calls" is unknown during preview/);
        });

        it("stays decided when the filter's unit is unknown in preview but the alarm sets none", async () => {
            assertPasses(await run(chain({ mode: "preview", props: { filter: filterWithUnit(UNKNOWN) } })));
        });
    });

    describe("link 5: the topic's region", () => {
        for (const mode of MODES) {
            it(`fails in ${mode} when the alarm's topic is in another region`, async () => {
                const message = onlyViolation(await run(topicIn(mode, "eu-west-1")));
                assert.match(message, /broken at link 5 of 5, the notification/);
                const topic = mode === "preview" ? '"security-alerts"' : `arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts`;
                assert.ok(
                    message.includes(
                        `alarm "unauthorized-calls-alarm" names SNS topic ${topic} in another region (it is in eu-west-1, not us-east-1); an alarm can only notify a topic in its own region`,
                    ),
                    message,
                );
            });

            it(`passes in ${mode} when the alarm's topic is in its region`, async () => {
                assertPasses(await run(topicIn(mode, "us-east-1")));
            });
        }

        it("fails a topic managed elsewhere in another region, without the advisory note", async () => {
            const external = `arn:aws:sns:eu-west-1:${ACCOUNT}:org-security`;
            const resources = chain({ mode: "update", omit: ["topic", "subscription"], props: { alarm: { alarmActions: [external] } } });
            const analysis = await run(resources);
            const message = onlyViolation(analysis);
            assert.equal(analysis.diagnostics.length, 1, JSON.stringify(analysis.diagnostics, null, 1));
            assert.ok(
                message.includes(
                    `alarm "unauthorized-calls-alarm" names SNS topic ${external} in another region (it is in eu-west-1, not us-east-1); an alarm can only notify a topic in its own region`,
                ),
                message,
            );
        });

        it("accepts a topic managed elsewhere in the alarm's region, with the advisory note", async () => {
            const external = `arn:aws:sns:us-east-1:${ACCOUNT}:org-security`;
            const resources = chain({ mode: "update", omit: ["topic", "subscription"], props: { alarm: { alarmActions: [external] } } });
            assert.match(onlyAdvisory(await run(resources)), /passes, with an advisory: .*org-security, which is not managed in this stack\. Fix: make sure it has a confirmed subscriber/);
        });

        it("passes when another action names a subscribed topic in the alarm's region", async () => {
            const elsewhere = `arn:aws:sns:eu-west-1:${ACCOUNT}:org-security`;
            const resources = chain({ mode: "update" }).map((r) =>
                r.type === TYPES.metricAlarm ? { ...r, props: { ...r.props, alarmActions: [elsewhere, ...(r.props.alarmActions as string[])] } } : r,
            );
            assertPasses(await run(resources));
        });

        it("does not print a secret topic ARN's region", async () => {
            const external = `arn:aws:sns:eu-west-1:${ACCOUNT}:org-security`;
            const resources = chain({ mode: "update", omit: ["topic", "subscription"], props: { alarm: { alarmActions: [external] } } }).map((r) =>
                r.type === TYPES.metricAlarm ? { ...r, secretOutputs: ["alarmActions"] } : r,
            );
            const message = onlyViolation(await run(resources));
            assert.ok(message.includes('names SNS topic [secret] in another region; an alarm can only notify a topic in its own region'), message);
            assert.doesNotMatch(message, /org-security|eu-west-1/);
        });
    });
});
