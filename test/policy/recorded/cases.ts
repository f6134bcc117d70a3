/**
 * The recorded-state cases: the compliant chain, the zero values that must
 * not change a verdict, and each way every link breaks, with the verdict
 * each must get (the same for v6 and v7 state, as an export and as a
 * preview of the existing stack).
 */
import { CIS_4_1 } from "trailwatch/engine";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { NESTED_ZEROS } from "./shapes";
import type { CaseSpec } from "./stacks";

/** The verdict a case must get. */
export type Expected =
    | { readonly kind: "pass" }
    | { readonly kind: "advisory"; readonly says: RegExp }
    | {
          readonly kind: "violation";
          /** The broken link, 1 to 5. */
          readonly link: 1 | 2 | 3 | 4 | 5;
          /** The resource that breaks it, by kind and logical name, and the offending value. */
          readonly says: RegExp;
      };

/** One case. */
export interface RecordedCase extends CaseSpec {
    readonly name: string;
    readonly expected: Expected;
}

const m1 = (): Record<string, unknown> => ({
    ...NESTED_ZEROS.metricQuery,
    id: "m1",
    metric: { ...NESTED_ZEROS.queryMetric, metricName: CIS_4_1.metric.name, namespace: CIS_4_1.metric.namespace, period: 300, stat: "Sum" },
});
const expression = (id: string, text: string): Record<string, unknown> => ({ ...NESTED_ZEROS.metricQuery, id, expression: text, returnData: true });
/** A metric-math alarm: the single-metric attributes recorded empty, as the provider records them. */
const mathAlarm = (queries: readonly Record<string, unknown>[]): Record<string, unknown> => ({
    metricName: undefined,
    namespace: undefined,
    statistic: undefined,
    period: undefined,
    metricQueries: queries,
});

/** An advanced event selector as recorded: every field selector's unset operators `[]`, `name` `""`. */
const advanced = (fields: readonly { field: string; equals: string[] }[]): Record<string, unknown> => ({
    name: "",
    fieldSelectors: fields.map((f) => ({ ...NESTED_ZEROS.fieldSelector, ...f })),
});

/** Two filters that together cover the intent, each on one error family. */
const SPLIT_PATTERNS = ['{ $.errorCode = "*UnauthorizedOperation" }', '{ $.errorCode = "AccessDenied*" }'];

export const CASES: readonly RecordedCase[] = [
    // Passes: the compliant chain, and zero values that mean "unset".
    { name: "the compliant chain", expected: { kind: "pass" } },
    {
        name: "an unset datapointsToAlarm (0) with one evaluation period",
        set: { alarm: { datapointsToAlarm: undefined } },
        expected: { kind: "pass" },
    },
    {
        name: "an event selector equal to CloudTrail's default",
        set: { trail: { eventSelectors: [NESTED_ZEROS.eventSelector] } },
        expected: { kind: "pass" },
    },
    {
        name: "advanced event selectors recording all management events",
        set: { trail: { advancedEventSelectors: [advanced([{ field: "eventCategory", equals: ["Management"] }])] } },
        expected: { kind: "pass" },
    },
    {
        name: "metric math FILL(m1, 0)",
        set: { alarm: mathAlarm([m1(), expression("e1", "FILL(m1, 0)")]) },
        expected: { kind: "pass" },
    },
    {
        name: "metric math m1 * 1",
        set: { alarm: mathAlarm([m1(), expression("e1", "m1 * 1")]) },
        expected: { kind: "pass" },
    },
    {
        name: "metric math SUM over two filters that together cover the intent",
        set: {
            filter: { pattern: SPLIT_PATTERNS[0] },
            alarm: mathAlarm([
                m1(),
                {
                    ...NESTED_ZEROS.metricQuery,
                    id: "m2",
                    metric: { ...NESTED_ZEROS.queryMetric, metricName: "AccessDeniedCalls", namespace: CIS_4_1.metric.namespace, period: 300, stat: "Sum" },
                },
                expression("e1", "SUM([FILL(m1, 0), FILL(m2, 0)])"),
            ]),
        },
        extra: (c) => [
            {
                type: TYPES.metricFilter,
                name: "access-denied-calls",
                set: {
                    name: "access-denied-calls-9a8b7c6",
                    logGroupName: c.groupName,
                    pattern: SPLIT_PATTERNS[1],
                    metricTransformation: { ...NESTED_ZEROS.metricTransformation, name: "AccessDeniedCalls", namespace: CIS_4_1.metric.namespace, value: "1" },
                },
            },
        ],
        expected: { kind: "pass" },
    },
    {
        name: "an email subscription still recorded as pending",
        set: { subscription: { pendingConfirmation: true } },
        expected: {
            kind: "advisory",
            says: /passes, with an advisory: every subscription of topic "security-alerts" is recorded as pendingConfirmation: true \(aws\.sns\.TopicSubscription "security-team" \(email\)\); the state may predate a confirmation.*Fix: confirm the subscription .*then run pulumi refresh/,
        },
    },
    {
        name: "a pending email subscription next to a confirmed one",
        set: { subscription: { pendingConfirmation: true } },
        extra: (c) => [
            {
                type: TYPES.topicSubscription,
                name: "security-queue",
                set: { arn: `${c.topicArn}:7d6c5b4a`, topic: c.topicArn, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:210987654321:security", pendingConfirmation: false },
                propertyDependencies: { topic: [c.urn(TYPES.topic, "security-alerts")] },
            },
        ],
        expected: { kind: "pass" },
    },

    // Link 1: the trail.
    {
        name: "a single-region trail",
        set: { trail: { isMultiRegionTrail: false } },
        expected: { kind: "violation", link: 1, says: /Trail "management-events" .*it is not multi-region \(isMultiRegionTrail is false\)/ },
    },
    {
        name: "a trail with logging off",
        set: { trail: { enableLogging: false } },
        expected: { kind: "violation", link: 1, says: /logging is turned off \(enableLogging is false\)/ },
    },
    {
        name: "a trail recording only write events",
        set: { trail: { eventSelectors: [{ ...NESTED_ZEROS.eventSelector, readWriteType: "WriteOnly" }] } },
        expected: { kind: "violation", link: 1, says: /its event selectors do not record read management events/ },
    },
    {
        name: "advanced event selectors recording only read-only management events",
        set: {
            trail: {
                advancedEventSelectors: [
                    advanced([
                        { field: "eventCategory", equals: ["Management"] },
                        { field: "readOnly", equals: ["true"] },
                    ]),
                ],
            },
        },
        expected: { kind: "violation", link: 1, says: /its advanced event selectors do not record write management events/ },
    },
    {
        name: "a trail excluding management events",
        set: { trail: { eventSelectors: [{ ...NESTED_ZEROS.eventSelector, includeManagementEvents: false }] } },
        expected: { kind: "violation", link: 1, says: /its event selectors do not record read management events/ },
    },

    // Link 2: delivery.
    {
        name: "a trail that does not deliver (cloudWatchLogsGroupArn recorded as \"\")",
        set: { trail: { cloudWatchLogsGroupArn: undefined, cloudWatchLogsRoleArn: undefined } },
        expected: { kind: "violation", link: 2, says: /it does not deliver to CloudWatch Logs \(cloudWatchLogsGroupArn is not set\)/ },
    },
    {
        name: "a cloudWatchLogsGroupArn without the trailing :*",
        set: { trail: { cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:210987654321:log-group:management-events-logs-4f2a1c9" } },
        expected: {
            kind: "violation",
            link: 2,
            says: /its cloudWatchLogsGroupArn "arn:aws:logs:us-east-1:210987654321:log-group:management-events-logs-4f2a1c9" lacks the trailing ":\*"/,
        },
    },
    {
        name: "a cloudWatchLogsGroupArn that is no log group ARN",
        set: { trail: { cloudWatchLogsGroupArn: "arn:aws:s3:::management-events-bucket-5e4d3c2" } },
        expected: { kind: "violation", link: 2, says: /its cloudWatchLogsGroupArn "arn:aws:s3:::management-events-bucket-5e4d3c2" is not a CloudWatch Logs log group ARN/ },
    },

    // Link 3: the metric filters.
    { name: "no metric filter", omit: ["filter"], expected: { kind: "violation", link: 3, says: /no metric filter reads the log group/ } },
    {
        // Its logGroupName still depends on the stack's log group (propertyDependencies): the known value wins.
        name: "a filter on another log group",
        set: { filter: { logGroupName: "application-logs" } },
        expected: { kind: "violation", link: 3, says: /no metric filter reads the log group/ },
    },
    {
        name: "a filter in another region",
        elsewhere: ["filter", "alarm", "topic", "subscription"],
        expected: { kind: "violation", link: 3, says: /metric filter "unauthorized-calls": it reads a log group of that name in another region: it is in eu-west-1, not us-east-1/ },
    },
    {
        name: "a pattern that misses AccessDenied",
        set: { filter: { pattern: SPLIT_PATTERNS[0] } },
        expected: { kind: "violation", link: 3, says: /together they miss some unauthorized calls\. Missed record: .*AccessDenied/ },
    },
    {
        name: "a filter publishing 0 per event",
        set: {
            filter: {
                metricTransformation: { ...NESTED_ZEROS.metricTransformation, name: CIS_4_1.metric.name, namespace: CIS_4_1.metric.namespace, value: "0" },
            },
        },
        expected: { kind: "violation", link: 3, says: /metric filter "unauthorized-calls": its metric value "0" adds nothing per event/ },
    },

    // Link 4: the alarm.
    { name: "no alarm", omit: ["alarm"], expected: { kind: "violation", link: 4, says: /no alarm watches metric CISBenchmark\/UnauthorizedAPICalls/ } },
    {
        name: "an unset datapointsToAlarm (0) with three evaluation periods",
        set: { alarm: { datapointsToAlarm: undefined, evaluationPeriods: 3 } },
        expected: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm": it needs 3 breaching periods before it fires \(datapointsToAlarm is not set, so M is evaluationPeriods \(3\)\)/ },
    },
    {
        name: "a percentile statistic (statistic recorded as \"\")",
        set: { alarm: { statistic: undefined, extendedStatistic: "p99" } },
        expected: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm": it uses the statistic p99/ },
    },
    {
        name: "a threshold one call does not reach",
        set: { alarm: { threshold: 5 } },
        expected: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm": one event makes Sum 1, below its threshold 5/ },
    },
    {
        name: "an alarm unit the filter does not publish",
        set: { alarm: { unit: "Seconds" } },
        expected: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm": unit "Seconds" does not match the metric's unit \(none\)/ },
    },
    {
        name: "alarm actions disabled",
        set: { alarm: { actionsEnabled: false } },
        expected: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm": its actions are disabled \(actionsEnabled is false\)/ },
    },
    {
        name: "metric math the pack does not follow",
        set: { alarm: mathAlarm([m1(), expression("e1", "RATE(m1)")]) },
        expected: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm": it alarms on the metric-math expression "RATE\(m1\)"/ },
    },
    {
        name: "an alarm in another region",
        elsewhere: ["alarm", "topic", "subscription"],
        expected: { kind: "violation", link: 4, says: /alarm "unauthorized-calls-alarm" watches the metric in another region \(it is in eu-west-1, not us-east-1\)/ },
    },

    // Link 5: the notification.
    {
        name: "no alarm actions",
        set: { alarm: { alarmActions: undefined } },
        expected: { kind: "violation", link: 5, says: /alarm "unauthorized-calls-alarm" has no alarm actions/ },
    },
    { name: "a topic without subscription", omit: ["subscription"], expected: { kind: "violation", link: 5, says: /topic "security-alerts" has no subscription/ } },
    {
        name: "a topic in another region",
        elsewhere: ["topic", "subscription"],
        expected: {
            kind: "violation",
            link: 5,
            says: /alarm "unauthorized-calls-alarm" names SNS topic arn:aws:sns:eu-west-1:210987654321:security-alerts-7b1d2e4 in another region/,
        },
    },
];
