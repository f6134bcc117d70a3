/**
 * The stack policy, link by link, each way a link breaks, in a preview of a
 * brand-new stack (unknown ARNs) and after the update (all values known).
 */
import * as assert from "node:assert/strict";
import { CIS_V1_2_PATTERN } from "trailwatch/engine";
import { STACK_POLICY_NAME, unauthorizedApiCallsMonitored } from "trailwatch-policy-pack/dist/policies";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { UNKNOWN, analyzeStack, secret, urnOf, type Analysis, type FixtureResource } from "./harness";
import { MODES, chain, type ChainSpec } from "./stacks";

function run(resources: readonly FixtureResource[], config?: object): Promise<Analysis> {
    return analyzeStack(unauthorizedApiCallsMonitored, resources, config);
}

/** The one mandatory violation; fails when there is not exactly one or when the policy was skipped. */
function onlyViolation(analysis: Analysis): string {
    assertRan(analysis);
    const mandatory = analysis.diagnostics.filter((d) => d.level === "mandatory");
    assert.equal(mandatory.length, 1, `expected one mandatory violation, got ${JSON.stringify(analysis.diagnostics, null, 1)}`);
    return mandatory[0].message;
}

/** The policy ran: not skipped by @pulumi/policy's unknown-value proxy, not "not applicable". */
function assertRan(analysis: Analysis): void {
    for (const d of analysis.diagnostics) {
        assert.doesNotMatch(d.message, /can't run policy/, "the unknown-value proxy skipped the policy");
    }
    assert.deepEqual(analysis.notApplicable, []);
}

function assertPasses(analysis: Analysis): void {
    assertRan(analysis);
    assert.deepEqual(analysis.diagnostics, []);
}

/** The only diagnostic, which must be advisory. */
function onlyAdvisory(analysis: Analysis): string {
    assertRan(analysis);
    assert.equal(analysis.diagnostics.length, 1, JSON.stringify(analysis.diagnostics, null, 1));
    assert.equal(analysis.diagnostics[0].level, "advisory");
    return analysis.diagnostics[0].message;
}

function breaks(spec: Omit<ChainSpec, "mode">, link: RegExp, why: RegExp): void {
    for (const mode of MODES) {
        it(`fails in ${mode}: ${why.source}`, async () => {
            const message = onlyViolation(await run(chain({ mode, ...spec })));
            const group = spec.props?.trail && "cloudWatchLogsGroupArn" in spec.props.trail ? "no known log group" : 'log group "cloudtrail-logs"';
            // The finding alone, starting with its subject: the policy's description is shown beside it, never repeated in it.
            assert.ok(message.startsWith(`Trail "main" → ${group}: `), message);
            assert.match(message, link);
            assert.match(message, why);
            assert.match(message, / Fix: /);
        });
    }
}

describe("stack policy: CIS 4.1 end to end", () => {
    it("is named for other tools to refer to", () => {
        assert.equal(unauthorizedApiCallsMonitored.name, STACK_POLICY_NAME);
        assert.equal(unauthorizedApiCallsMonitored.enforcementLevel, "mandatory");
    });

    describe("a complete chain", () => {
        for (const mode of MODES) {
            it(`passes in ${mode}`, async () => {
                assertPasses(await run(chain({ mode })));
            });
        }

        it("passes in preview when the component reads the group name off a new trail's ARN", async () => {
            const resources = chain({ mode: "preview", props: { filter: { logGroupName: UNKNOWN } } }).map((r) =>
                r.type === TYPES.metricFilter ? { ...r, propertyDependencies: { logGroupName: [urnOf(TYPES.trail, "main")] } } : r,
            );
            assertPasses(await run(resources));
        });
    });

    describe("scope", () => {
        it("is not applicable to a stack without a trail", async () => {
            const analysis = await run(chain({ mode: "update", omit: ["trail"] }));
            assert.deepEqual(analysis.diagnostics, []);
            assert.equal(analysis.notApplicable.length, 1);
            assert.match(analysis.notApplicable[0].reason, /no CloudTrail trail/);
        });

        it("fails a stack without a trail when requireTrail is set", async () => {
            const message = onlyViolation(await run(chain({ mode: "update", omit: ["trail"] }), { requireTrail: true }));
            assert.match(message, /No CloudTrail trail/);
        });

        it("checks a configured external log group without a trail in the stack", async () => {
            const resources = chain({ mode: "update", omit: ["trail", "logGroup"] });
            assertPasses(await run(resources, { externalLogGroups: [{ name: "cloudtrail-logs", region: "us-east-1" }] }));
        });

        it("fails a configured external log group no filter reads", async () => {
            const resources = chain({ mode: "update", omit: ["trail", "logGroup"] });
            const message = onlyViolation(await run(resources, { externalLogGroups: [{ name: "other-logs" }] }));
            assert.match(message, /External log group "other-logs"/);
            assert.match(message, /no metric filter reads the log group/);
        });

        it("passes on a configured external log group though a trail in the stack delivers nowhere", async () => {
            const dataEvents = chain({ mode: "update", suffix: "-data", omit: ["logGroup", "filter", "alarm", "topic", "subscription"], props: { trail: { cloudWatchLogsGroupArn: undefined } } });
            const monitoring = chain({ mode: "update", omit: ["trail", "logGroup"] });
            assertPasses(await run([...dataEvents, ...monitoring], { externalLogGroups: [{ name: "cloudtrail-logs" }] }));
        });

        it("fails a configured external log group in another region", async () => {
            const resources = chain({ mode: "update", omit: ["trail", "logGroup"] });
            const message = onlyViolation(await run(resources, { externalLogGroups: [{ name: "cloudtrail-logs", region: "eu-west-1" }] }));
            assert.match(message, /metric filter "unauthorized-calls": it reads a log group of that name in another region: it is in us-east-1, not eu-west-1/);
        });
    });

    describe("link 1: the trail", () => {
        breaks({ props: { trail: { isMultiRegionTrail: false } } }, /broken at link 1 of 5, the trail \(multi-region/, /not multi-region \(isMultiRegionTrail is false\)/);
        breaks({ props: { trail: { isMultiRegionTrail: undefined } } }, /the trail/, /AWS defaults it to false/);
        breaks({ props: { trail: { enableLogging: false } } }, /the trail/, /logging is turned off/);
        breaks(
            { props: { trail: { eventSelectors: [{ readWriteType: "ReadOnly", includeManagementEvents: true }] } } },
            /the trail/,
            /do not record write management events/,
        );
        breaks(
            { props: { trail: { eventSelectors: [{ readWriteType: "All", includeManagementEvents: false }] } } },
            /the trail/,
            /do not record read management events/,
        );
        breaks(
            {
                props: {
                    trail: {
                        advancedEventSelectors: [
                            { fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, { field: "readOnly", equals: ["true"] }] },
                        ],
                    },
                },
            },
            /the trail/,
            /advanced event selectors do not record write management events/,
        );

        breaks(
            {
                props: {
                    trail: {
                        advancedEventSelectors: [
                            { fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, { field: "readOnly", notEquals: ["false"] }] },
                        ],
                    },
                },
            },
            /the trail/,
            /advanced event selectors do not record write management events/,
        );

        for (const mode of MODES) {
            it(`accepts advanced selectors that record all management events in ${mode}`, async () => {
                const advancedEventSelectors = [{ name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }];
                assertPasses(await run(chain({ mode, props: { trail: { advancedEventSelectors } } })));
            });

            it(`accepts a read-only and a write-only selector together in ${mode}`, async () => {
                const eventSelectors = [{ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" }];
                assertPasses(await run(chain({ mode, props: { trail: { eventSelectors } } })));
            });
        }

        it("is undecided, as advisory, when isMultiRegionTrail is unknown in preview", async () => {
            const message = onlyAdvisory(await run(chain({ mode: "preview", props: { trail: { isMultiRegionTrail: UNKNOWN } } })));
            assert.match(message, /cannot be decided in this preview: isMultiRegionTrail of trail "main" is unknown during preview/);
        });

        it("reports an undecided chain at the policy's level when undecidedVerdict is enforce", async () => {
            const resources = chain({ mode: "preview", props: { trail: { isMultiRegionTrail: UNKNOWN } } });
            assert.match(onlyViolation(await run(resources, { undecidedVerdict: "enforce" })), /cannot be decided/);
        });
    });

    describe("link 2: delivery to CloudWatch Logs", () => {
        breaks({ props: { trail: { cloudWatchLogsGroupArn: undefined } } }, /broken at link 2 of 5, delivery to CloudWatch Logs/, /cloudWatchLogsGroupArn is not set/);

        it("is undecided when the ARN is unknown and computed from no log group in the stack", async () => {
            const resources = chain({ mode: "preview" }).map((r) => (r.type === TYPES.trail ? { ...r, propertyDependencies: {} } : r));
            const message = onlyAdvisory(await run(resources));
            assert.match(message, /cloudWatchLogsGroupArn of trail "main" is unknown during preview and is not computed from a log group in this stack/);
        });

        it("links a known ARN to a group managed in another stack by name", async () => {
            assertPasses(await run(chain({ mode: "update", omit: ["logGroup"] })));
        });
    });

    describe("link 3: the metric filters", () => {
        breaks({ omit: ["filter"] }, /broken at link 3 of 5, the metric filters/, /no metric filter reads the log group/);
        breaks({ props: { filter: { logGroupName: "another-group" } } }, /the metric filters/, /no metric filter reads the log group/);
        breaks(
            { props: { filter: { region: "eu-west-1" }, alarm: { region: "eu-west-1" } } },
            /the metric filters/,
            /metric filter "unauthorized-calls": it reads a log group of that name in another region: it is in eu-west-1, not us-east-1\. Fix: metric filter "unauthorized-calls" must be in the region "us-east-1" .*set region: "us-east-1" on it .*aws\.Provider/,
        );
        breaks(
            { props: { filter: { metricTransformation: { name: "UnauthorizedAPICalls", namespace: "CISBenchmark", value: "0" } } } },
            /the metric filters/,
            /metric filter "unauthorized-calls": its metric value "0" adds nothing per event/,
        );
        breaks(
            { props: { filter: { pattern: '{ $.errorCode = "*UnauthorizedOperation" }' } } },
            /the metric filters/,
            /together they miss some unauthorized API calls\. Missed record: \{.*"errorCode":"AccessDenied/,
        );

        it("says to correct the pattern, not to add monitoring, when the filters miss records", async () => {
            const pattern = '{ $.errorCode = "AccessDenied*" && $.userIdentity.invokedBy != "cloudfront.amazonaws.com" }';
            const message = onlyViolation(await run(chain({ mode: "update", props: { filter: { pattern } } })));
            assert.match(message, /Fix: use the CIS pattern .* so the missed record matches; an exclusion such as \$\.field != "x" also drops every record without that field/);
            assert.match(message, /or list the records you deliberately tune out in excludedRecords\. Or add new UnauthorizedApiCallsAlarm\(/);
        });

        it("says coverage is not proven, not that records are missed, for patterns the engine cannot analyse", async () => {
            // Regex terms are not analysed (plain terms the intent implies are: `?AccessDenied ?UnauthorizedOperation` covers).
            const message = onlyViolation(await run(chain({ mode: "update", props: { filter: { pattern: "?%AccessDenied% ?%UnauthorizedOperation%" } } })));
            assert.match(message, /together they are not proven to catch all unauthorized API calls \(.*Term patterns.*\); use JSON patterns on \$\.errorCode/);
            assert.doesNotMatch(message, /miss some unauthorized API calls/);
        });

        it("fails a config whose excludedRecords tune out every unauthorized call, whatever the stack", async () => {
            for (const excludedRecords of [[{ errorCode: "*" }], [{ eventSource: "*" }], [{ errorCode: "AccessDenied*" }, { errorCode: "*UnauthorizedOperation" }]]) {
                const message = onlyViolation(await run(chain({ mode: "update" }), { excludedRecords }));
                assert.match(message, /excludedRecords config tunes out all unauthorized API calls/, JSON.stringify(excludedRecords));
            }
        });

        breaks(
            { props: { filter: { pattern: '{ ($.errorCode = ) }' } } },
            /the metric filters/,
            /the pattern of metric filter "unauthorized-calls" is invalid \(.* at column \d+\)/,
        );

        it("is undecided when a filter's pattern is unknown in preview", async () => {
            const message = onlyAdvisory(await run(chain({ mode: "preview", props: { filter: { pattern: UNKNOWN } } })));
            assert.match(message, /the pattern of metric filter "unauthorized-calls" is unknown during preview/);
        });

        for (const mode of MODES) {
            it(`passes in ${mode} when two alarmed filters together cover the intent`, async () => {
                const first = chain({ mode, props: { filter: { pattern: '{ $.errorCode = "*UnauthorizedOperation" }' } } });
                const second = chain({ mode, suffix: "-b", omit: ["trail", "logGroup"], props: { filter: { pattern: '{ $.errorCode = "AccessDenied*" }', logGroupName: "cloudtrail-logs" } } }).map(
                    (r) => (r.type === TYPES.metricFilter ? { ...r, propertyDependencies: { logGroupName: [urnOf(TYPES.logGroup, "cloudtrail")] } } : r),
                );
                assertPasses(await run([...first, ...second]));
            });
        }

        const cloudFrontReads = { eventSource: "s3.amazonaws.com", eventName: "GetObject", "userIdentity.invokedBy": "cloudfront.amazonaws.com" };
        const quieted =
            '{ ($.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*") && ' +
            '($.eventSource != "s3.amazonaws.com" || $.eventName != "GetObject" || $.userIdentity.invokedBy NOT EXISTS || $.userIdentity.invokedBy != "cloudfront.amazonaws.com") }';

        it("fails a filter that quiets CloudFront reads unless they are excluded records", async () => {
            const message = onlyViolation(await run(chain({ mode: "update", props: { filter: { pattern: quieted } } })));
            assert.match(message, /Missed record: .*"invokedBy":"cloudfront\.amazonaws\.com"/);
        });

        it("passes the same filter when excludedRecords names the quieted records", async () => {
            assertPasses(await run(chain({ mode: "update", props: { filter: { pattern: quieted } } }), { excludedRecords: [cloudFrontReads] }));
        });

        it("still fails a quieting filter that also drops records excludedRecords does not name", async () => {
            // `!=` never matches a missing field, so this also drops GetObject calls nobody invoked on the caller's behalf.
            const tooWide =
                '{ ($.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*") && ' +
                '($.eventSource != "s3.amazonaws.com" || $.eventName != "GetObject" || $.userIdentity.invokedBy != "cloudfront.amazonaws.com") }';
            const message = onlyViolation(await run(chain({ mode: "update", props: { filter: { pattern: tooWide } } }), { excludedRecords: [cloudFrontReads] }));
            assert.match(message, /Missed record: .*"eventName":"GetObject"/);
            assert.doesNotMatch(message, /"invokedBy"/);
        });
    });

    describe("link 4: the alarm", () => {
        breaks({ omit: ["alarm"] }, /broken at link 4 of 5, the alarm/, /no alarm watches metric CISBenchmark\/UnauthorizedAPICalls/);
        breaks({ props: { alarm: { metricName: "SomethingElse" } } }, /the alarm/, /no alarm watches metric/);
        breaks({ props: { alarm: { region: "eu-west-1" } } }, /the alarm/, /alarm "unauthorized-calls-alarm" watches the metric in another region \(it is in eu-west-1, not us-east-1\)/);
        breaks({ props: { alarm: { dimensions: { Service: "ec2" } } } }, /the alarm/, /watches the metric with dimensions \{"Service":"ec2"\} the filter does not publish\. Fix: remove dimensions from alarm "unauthorized-calls-alarm"/);
        breaks(
            {
                props: {
                    alarm: {
                        metricName: undefined,
                        namespace: undefined,
                        statistic: undefined,
                        metricQueries: [
                            { id: "m1", metric: { metricName: "UnauthorizedAPICalls", namespace: "CISBenchmark", period: 300, stat: "Sum" } },
                            { id: "e1", expression: "RATE(m1)", returnData: true },
                        ],
                    },
                },
            },
            /the alarm/,
            /the metric-math expression "RATE\(m1\)"; the pack follows only expressions that pass metrics through unchanged/,
        );
        breaks({ props: { alarm: { threshold: 5 } } }, /the alarm/, /alarm "unauthorized-calls-alarm": one event makes Sum 1, below its threshold 5/);
        breaks({ props: { alarm: { comparisonOperator: "GreaterThanThreshold" } } }, /the alarm/, /not above its threshold 1/);
        breaks({ props: { alarm: { comparisonOperator: "LessThanThreshold" } } }, /the alarm/, /LessThanThreshold/);
        breaks({ props: { alarm: { statistic: "Average" } } }, /the alarm/, /statistic Average; only Sum or SampleCount/);
        breaks({ props: { alarm: { statistic: undefined, extendedStatistic: "p99" } } }, /the alarm/, /statistic p99/);
        breaks({ props: { alarm: { evaluationPeriods: 3, datapointsToAlarm: 2 } } }, /the alarm/, /needs 2 breaching periods/);

        it("gives an alarm fix, and no missed record, when the alarm is the broken link", async () => {
            const message = onlyViolation(await run(chain({ mode: "update", props: { alarm: { evaluationPeriods: 2, datapointsToAlarm: undefined } } })));
            assert.match(message, /broken at link 4 of 5/);
            assert.doesNotMatch(message, /Missed record/);
            assert.match(message, /Fix: make an alarm on the filters' metric fire on one event \(.*datapointsToAlarm 1, actions enabled\)/);
        });
        breaks({ props: { alarm: { evaluationPeriods: 3 } } }, /the alarm/, /needs 3 breaching periods/);
        breaks({ props: { alarm: { actionsEnabled: false } } }, /the alarm/, /actions are disabled/);

        for (const mode of MODES) {
            it(`accepts SampleCount > 0.5 with 1 of 3 data points in ${mode}`, async () => {
                const alarm = { statistic: "SampleCount", comparisonOperator: "GreaterThanThreshold", threshold: 0.5, evaluationPeriods: 3, datapointsToAlarm: 1 };
                assertPasses(await run(chain({ mode, props: { alarm } })));
            });

            it(`accepts a metric-math alarm returning the metric query in ${mode}`, async () => {
                const alarm = {
                    metricName: undefined,
                    namespace: undefined,
                    statistic: undefined,
                    metricQueries: [
                        { id: "m1", metric: { metricName: "UnauthorizedAPICalls", namespace: "CISBenchmark", period: 300, stat: "Sum" }, returnData: false },
                        { id: "e1", expression: "m1", returnData: true },
                    ],
                };
                assertPasses(await run(chain({ mode, props: { alarm } })));
            });
        }

        it("is undecided when the threshold is unknown in preview", async () => {
            const message = onlyAdvisory(await run(chain({ mode: "preview", props: { alarm: { threshold: UNKNOWN } } })));
            assert.match(message, /the comparison of alarm "unauthorized-calls-alarm" is unknown during preview/);
        });
    });

    describe("link 5: the notification", () => {
        breaks({ props: { alarm: { alarmActions: [] } } }, /broken at link 5 of 5, the notification/, /has no alarm actions/);
        breaks({ omit: ["subscription"] }, /the notification/, /topic "security-alerts" has no subscription/);
        breaks(
            { props: { alarm: { alarmActions: ["arn:aws:automate:us-east-1:ec2:stop"] } } },
            /the notification/,
            /include no SNS topic/,
        );

        it("suggests the component call with a subscriber", async () => {
            const message = onlyViolation(await run(chain({ mode: "update", omit: ["subscription"] })));
            assert.match(
                message,
                /Fix: subscribe someone to the alarm's SNS topic .*, or add new UnauthorizedApiCallsAlarm\("unauthorized-api-calls", \{ logGroup \/\* the aws\.cloudwatch\.LogGroup "cloudtrail" \*\/, region: "us-east-1", subscriptions: \[/,
            );
        });

        it("accepts a topic managed in another stack, with an advisory note", async () => {
            const external = "arn:aws:sns:us-east-1:111122223333:org-security";
            const message = onlyAdvisory(await run(chain({ mode: "update", omit: ["topic", "subscription"], props: { alarm: { alarmActions: [external] } } })));
            assert.match(message, /passes, with an advisory: .*org-security, which is not managed in this stack\. Fix: make sure it has a confirmed subscriber/);
        });

        it("is undecided when alarm actions are unknown and computed from no topic in the stack", async () => {
            const resources = chain({ mode: "preview" }).map((r) => (r.type === TYPES.metricAlarm ? { ...r, propertyDependencies: {} } : r));
            assert.match(onlyAdvisory(await run(resources)), /alarmActions of alarm "unauthorized-calls-alarm" is unknown during preview/);
        });
    });

    describe("several trails", () => {
        it("passes when one trail completes the chain", async () => {
            const broken = chain({ mode: "update", suffix: "-b", omit: ["filter", "alarm", "topic", "subscription"] });
            assertPasses(await run([...chain({ mode: "update" }), ...broken]));
        });

        it("reports every failing trail, each on its trail", async () => {
            const a = chain({ mode: "update", omit: ["subscription"] });
            const b = chain({ mode: "update", suffix: "-b", props: { trail: { isMultiRegionTrail: false } } });
            const analysis = await run([...a, ...b]);
            assert.deepEqual(
                analysis.diagnostics.map((d) => [d.level, d.urn]),
                [
                    ["mandatory", urnOf(TYPES.trail, "main")],
                    ["mandatory", urnOf(TYPES.trail, "main-b")],
                ],
            );
        });

        it("blocks on both when undecided chains are enforced", async () => {
            const a = chain({ mode: "preview", props: { filter: { pattern: UNKNOWN } } });
            const b = chain({ mode: "preview", suffix: "-b", props: { trail: { isMultiRegionTrail: false } } });
            const analysis = await run([...a, ...b], { undecidedVerdict: "enforce" });
            assert.deepEqual(analysis.diagnostics.map((d) => d.level), ["mandatory", "mandatory"]);
        });

        it("does not block while another trail is undecided", async () => {
            const a = chain({ mode: "preview", props: { filter: { pattern: UNKNOWN } } });
            const b = chain({ mode: "preview", suffix: "-b", props: { trail: { isMultiRegionTrail: false } } });
            const analysis = await run([...a, ...b]);
            assert.deepEqual(analysis.diagnostics.map((d) => d.level), ["advisory", "advisory"]);
        });
    });

    describe("Security Hub CloudWatch.2 option", () => {
        it("flags a covering chain whose pattern is not the exact CIS v1.2 string", async () => {
            const message = onlyViolation(await run(chain({ mode: "update" }), { securityHubCompatible: true }));
            assert.match(message, /Security Hub CloudWatch\.2/);
            assert.match(message, /pattern: FilterPatterns\.cisV1_2/);
        });

        it("accepts the exact CIS v1.2 pattern", async () => {
            assertPasses(await run(chain({ mode: "update", props: { filter: { pattern: CIS_V1_2_PATTERN } } }), { securityHubCompatible: true }));
        });
    });

    describe("regions", () => {
        const withoutRegion = (r: FixtureResource): FixtureResource => ({ ...r, props: { ...r.props, region: undefined } });
        const strip = (resources: FixtureResource[]): FixtureResource[] =>
            resources.map(withoutRegion).map((r) => ({ ...r, props: Object.fromEntries(Object.entries(r.props).filter(([, v]) => v !== undefined)) }));

        it("takes a resource's region from its provider when it has no region property", async () => {
            const ireland = { name: "ireland", props: { region: "eu-west-1" } };
            const resources = strip(chain({ mode: "preview" })).map((r) => (r.type === TYPES.metricAlarm ? { ...r, provider: ireland } : r));
            assert.match(onlyViolation(await run(resources)), /watches the metric in another region \(it is in eu-west-1, not us-east-1\)/);
        });

        it("treats resources on one provider without a configured region as one region", async () => {
            const fromEnvironment = { name: "default_7_48_0", props: { version: "7.48.0" } };
            const resources = strip(chain({ mode: "preview" })).map((r) => ({ ...r, provider: fromEnvironment }));
            assertPasses(await run(resources));
        });

        it("is undecided when two providers' regions both come from the environment", async () => {
            const a = { name: "a", props: {} };
            const b = { name: "b", props: {} };
            const resources = strip(chain({ mode: "preview" })).map((r) => ({ ...r, provider: r.type === TYPES.metricAlarm ? b : a }));
            assert.match(onlyAdvisory(await run(resources)), /the region comes from the environment/);
        });
    });

    describe("secrets", () => {
        it("reads values the engine sends as secrets", async () => {
            const resources = chain({ mode: "update" }).map((r) =>
                r.type === TYPES.metricFilter ? { ...r, props: { ...r.props, pattern: secret(r.props["pattern"]) } } : r,
            );
            assertPasses(await run(resources));
        });

        it("never prints a metric value the program marked secret", async () => {
            const resources = chain({
                mode: "update",
                props: { filter: { metricTransformation: { name: "UnauthorizedAPICalls", namespace: "CISBenchmark", value: "0.5" } } },
            }).map((r) => (r.type === TYPES.metricFilter ? { ...r, secretOutputs: ["metricTransformation"] } : r));
            const message = onlyViolation(await run(resources));
            assert.match(message, /one event makes Sum \[secret\], below its threshold 1/);
            assert.doesNotMatch(message, /0\.5/);
        });

        it("never prints a log group name the program marked secret", async () => {
            const resources = chain({ mode: "update", omit: ["logGroup", "alarm"] }).map((r) =>
                r.type === TYPES.trail ? { ...r, secretOutputs: ["cloudWatchLogsGroupArn"] } : r,
            );
            const message = onlyViolation(await run(resources));
            assert.match(message, /log group "\[secret\]"/);
            assert.doesNotMatch(message, /cloudtrail-logs/);
        });
    });
});
