/**
 * Messages a user can act on, on provider-recorded state: each violation
 * names the resource that breaks the link and shows the offending value,
 * and each suggested fix, applied to the stack as the message words it,
 * yields the next link's verdict: never the same violation again, never a
 * duplicate URN.
 */
import * as assert from "node:assert/strict";
import { STACK_POLICY_NAME, unauthorizedApiCallsMonitored } from "trailwatch-policy-pack/dist/policies";
import { COMPONENT, TYPES } from "trailwatch-policy-pack/dist/tokens";
import { analyzeStack } from "./harness";
import { CASES, type Expected } from "./recorded/cases";
import { VERSIONS, type ProviderVersion } from "./recorded/shapes";
import {
    HOME,
    asPreviewOfExisting,
    componentResources,
    recordedStack,
    urnOfRecorded,
    type CaseSpec,
    type ExtraResource,
    type Role,
} from "./recorded/stacks";
import { assertVerdict } from "./recorded/verdict";
import { chain } from "./stacks";

async function stackMessages(version: ProviderVersion, spec: CaseSpec): Promise<{ level: string; message: string }[]> {
    const resources = recordedStack(version, spec);
    const urns = resources.map(urnOfRecorded);
    assert.equal(new Set(urns).size, urns.length, `duplicate URN in ${JSON.stringify(urns)}`);
    const analysis = await analyzeStack(unauthorizedApiCallsMonitored, asPreviewOfExisting(version, resources));
    return analysis.diagnostics
        .filter((d) => d.policy === STACK_POLICY_NAME)
        .map((d) => ({ level: d.level, message: d.message.slice(d.message.indexOf("\n") + 1) }));
}

function caseNamed(name: string): CaseSpec {
    const found = CASES.find((c) => c.name === name);
    assert.ok(found, name);
    return found;
}

/** The component call a fix suggests, as the user would paste it: its name and region. */
function suggestedComponent(message: string): { name: string; region: string } {
    // 4.1's own component, or (when the other controls are unmonitored too) one CisMonitoringAlarms naming 4.1 among
    // them; pasting either creates 4.1's filter, alarm, topic and subscription, which is what is added here.
    const call =
        /Fix: .*new (?:UnauthorizedApiCallsAlarm|CisMonitoringAlarms)\("([^"]+)", \{ (?:logGroup|trail) \/\* [^*]+ \*\/(?:, region: "([a-z0-9-]+)")?(?:, controls: \[[^\]]*"4\.1"[^\]]*\])?, subscriptions: \[\{ protocol: "email", endpoint: "[^"]+" \}\] \}\)/.exec(
            message,
        );
    assert.ok(call, `no pasteable component call in: ${message}`);
    assert.doesNotMatch(call[0], /logGroupName: "[^"]*-[0-9a-f]{7}"/, "never an auto-generated name");
    return { name: call[1], region: call[2] ?? HOME };
}

/** Adds what pasting the suggested component call creates. */
function withComponent(spec: CaseSpec, message: string): CaseSpec {
    const { name, region } = suggestedComponent(message);
    return {
        ...spec,
        extra: (c) => [...(spec.extra?.(c) ?? []), ...componentResources(name, region, c)],
    };
}

/** Moves one role back home, as a region fix says. */
function movedHome(spec: CaseSpec, role: Role, message: string, resource: RegExp): CaseSpec {
    assert.match(message, resource);
    assert.match(message, /Fix: .* must be in the region "us-east-1" .*set region: "us-east-1" on it \(@pulumi\/aws v7\), or create it with an aws\.Provider whose region is "us-east-1"/);
    assert.doesNotMatch(message.slice(message.indexOf("Fix:")), /statistic/, "a region fix talks about regions and providers");
    return { ...spec, elsewhere: (spec.elsewhere ?? []).filter((r) => r !== role) };
}

interface FixCase {
    /** The recorded case whose message is acted on. */
    readonly from: string;
    /** The stack after applying the fix as the message words it. */
    readonly apply: (spec: CaseSpec, message: string) => CaseSpec;
    /** The verdict then: the next link's, or a pass. */
    readonly next: Expected;
}

const FIXES: readonly FixCase[] = [
    {
        from: "a single-region trail",
        apply: (s, m) => (assert.match(m, /Fix: on aws\.cloudtrail\.Trail "management-events" set isMultiRegionTrail: true/), { ...s, set: {} }),
        next: { kind: "pass" },
    },
    {
        from: "a trail that does not deliver (cloudWatchLogsGroupArn recorded as \"\")",
        apply: (s, m) => {
            assert.match(m, /Fix: on aws\.cloudtrail\.Trail "management-events" set cloudWatchLogsGroupArn: pulumi\.interpolate`\$\{logGroup\.arn\}:\*`/);
            return { ...s, set: {} };
        },
        next: { kind: "pass" },
    },
    {
        from: "a cloudWatchLogsGroupArn without the trailing :*",
        apply: (s, m) => {
            assert.match(m, /Fix: on aws\.cloudtrail\.Trail "management-events" append ":\*" to cloudWatchLogsGroupArn/);
            const arn = String(s.set?.trail?.cloudWatchLogsGroupArn);
            return { ...s, set: { trail: { cloudWatchLogsGroupArn: `${arn}:*` } } };
        },
        next: { kind: "pass" },
    },
    {
        from: "a trail recording only write events",
        apply: (s, m) => (assert.match(m, /\(readWriteType is "WriteOnly"\)\. Fix: .*readWriteType "All"/), { ...s, set: {} }),
        next: { kind: "pass" },
    },
    {
        from: "a filter publishing 0 per event",
        apply: (s, m) => {
            assert.match(m, /Fix: publish "1" per event on metric filter "unauthorized-calls": metricTransformation\.value "1"/);
            const t = s.set?.filter?.metricTransformation as Record<string, unknown>;
            return { ...s, set: { filter: { metricTransformation: { ...t, value: "1" } } } };
        },
        next: { kind: "pass" },
    },
    {
        from: "no alarm actions",
        apply: (s, m) => (assert.match(m, /Fix: list an SNS topic in alarmActions of alarm "unauthorized-calls-alarm" \(alarmActions: \[topic\.arn\]/), { ...s, set: {} }),
        next: { kind: "pass" },
    },
    {
        from: "a filter on another log group",
        apply: (s, m) => (assert.match(m, /metric filter "unauthorized-calls": it reads log group "application-logs"/), withComponent(s, m)),
        next: { kind: "pass" },
    },
    { from: "no metric filter", apply: withComponent, next: { kind: "pass" } },
    { from: "no alarm", apply: withComponent, next: { kind: "pass" } },
    { from: "a topic without subscription", apply: withComponent, next: { kind: "pass" } },
    {
        from: "a filter in another region",
        apply: (s, m) => movedHome(s, "filter", m, /metric filter "unauthorized-calls": it reads a log group of that name in another region/),
        // The alarm is still in the other region: the next link's verdict.
        next: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm" watches the metric in another region \(it is in eu-west-1, not us-east-1\)/ },
    },
    {
        from: "an alarm in another region",
        apply: (s, m) => movedHome(s, "alarm", m, /alarm "unauthorized-calls-alarm" watches the metric in another region/),
        next: { kind: "violation", link: 5, says: /names SNS topic arn:aws:sns:eu-west-1:\S+ in another region/ },
    },
    {
        from: "a topic in another region",
        apply: (s, m) => ({ ...movedHome(s, "topic", m, /SNS topic arn:aws:sns:eu-west-1/), elsewhere: [] }),
        next: { kind: "pass" },
    },
    {
        from: "an unset datapointsToAlarm (0) with three evaluation periods",
        apply: (s, m) => (assert.match(m, /set datapointsToAlarm to 1/), { ...s, set: { alarm: { evaluationPeriods: 3, datapointsToAlarm: 1 } } }),
        next: { kind: "pass" },
    },
    {
        from: "an alarm unit the filter does not publish",
        apply: (s, m) => (assert.match(m, /Fix: remove unit from alarm "unauthorized-calls-alarm"/), { ...s, set: {} }),
        next: { kind: "pass" },
    },
    {
        from: "metric math the pack does not follow",
        apply: (s, m) => {
            assert.match(m, /Fix: let alarm "unauthorized-calls-alarm" alarm on metric filter "unauthorized-calls"'s metric directly .*FILL\(m1, 0\)/);
            const queries = s.set?.alarm?.metricQueries as Record<string, unknown>[];
            return { ...s, set: { alarm: { ...s.set?.alarm, metricQueries: [queries[0], { ...queries[1], expression: "FILL(m1, 0)" }] } } };
        },
        next: { kind: "pass" },
    },
];

describe("recorded state: messages a user can act on", () => {
    for (const version of VERSIONS) {
        describe(`@pulumi/aws ${version}`, () => {
            for (const fix of FIXES) {
                it(`the fix for "${fix.from}", applied, yields ${fix.next.kind === "violation" ? `link ${fix.next.link}'s verdict` : "a pass"}`, async () => {
                    const spec = caseNamed(fix.from);
                    const [broken] = await stackMessages(version, spec);
                    assert.ok(broken, "the case is broken to begin with");
                    const after = await stackMessages(version, fix.apply(spec, broken.message));
                    assert.ok(!after.some((a) => a.message === broken.message), "the same violation again");
                    assertVerdict(fix.next, after);
                });
            }

            it("suggests a component name the stack does not use yet, so the pasted fix adds no duplicate URN", async () => {
                // A component named as the default already exists; its own topic lost its subscription.
                const existing: CaseSpec = {
                    omit: ["filter", "alarm", "topic", "subscription"],
                    extra: (c) => componentResources(COMPONENT.defaultName, HOME, c).filter((r: ExtraResource) => !r.name.endsWith("-subscription-0")),
                };
                const [broken] = await stackMessages(version, existing);
                assert.match(broken.message, /broken at link 5 of 5/);
                assert.match(broken.message, /topic "unauthorized-api-calls-topic" has no subscription/);
                const { name } = suggestedComponent(broken.message);
                assert.equal(name, `${COMPONENT.defaultName}-2`);
                assertVerdict({ kind: "pass" }, await stackMessages(version, withComponent(existing, broken.message)));
            });

            it("names the subscription as a subscription, never as a metric filter", async () => {
                const other = "arn:aws:sns:us-east-1:210987654321:other-topic";
                const [broken] = await stackMessages(version, { set: { subscription: { topic: other, arn: `${other}:1f2e3d4c` } } });
                assert.match(broken.message, /topic "security-alerts" has no subscription/);
                assert.doesNotMatch(broken.message, /metric filter "[^"]+": it subscribes/);
            });

            it("never says the component creates resources in the log group's region", async () => {
                for (const c of CASES) {
                    for (const m of await stackMessages(version, c)) {
                        assert.doesNotMatch(m.message, /in the log group's region/, c.name);
                    }
                }
            });

            it("gives every message, mandatory or advisory, one shape: subject, finding, Fix", async () => {
                const messages = (await Promise.all(CASES.map((c) => stackMessages(version, c)))).flat();
                // An undecidable preview too: a new stack whose trail's ARN comes from no resource in it.
                const preview = await analyzeStack(
                    unauthorizedApiCallsMonitored,
                    chain({ mode: "preview" }).map((r) => (r.type === TYPES.trail ? { ...r, propertyDependencies: {} } : r)),
                );
                const undecided = preview.diagnostics.map((d) => ({ level: d.level, message: d.message.slice(d.message.indexOf("\n") + 1) }));
                assert.ok(undecided.some((m) => /cannot be decided in this preview/.test(m.message)));
                for (const m of [...messages, ...undecided]) {
                    assert.match(m.message, /^Trail "[^"]+" → (log group "[^"]+"|no known log group): [^.]+.* Fix: \S.*[.)]$/, m.message);
                }
            });

            it("gives advisories the shape of violations: subject, finding, Fix", async () => {
                const [note] = await stackMessages(version, caseNamed("an email subscription still recorded as pending"));
                assert.equal(note.level, "advisory");
                assert.match(note.message, /^Trail "management-events" → log group "management-events-logs-4f2a1c9": passes, with an advisory: .* Fix: \S/);
            });
        });
    }
});
