/**
 * Construction-time validation of {@link UnauthorizedApiCallsAlarmArgs}.
 *
 * Everything here is a value CloudWatch, CloudWatch Logs, SNS or KMS would
 * reject at deploy time, or a combination of arguments that cannot mean what
 * the user wants. Failing at construction turns a half-applied `pulumi up`
 * into an error that names the argument and the fix. Values that are still
 * `Output`s at construction cannot be inspected and are left to AWS.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    AWS_MANAGED_SNS_KEY_PROBLEM,
    CIS_4_1,
    CLOUDWATCH_SERVICE_PRINCIPAL,
    CLOUDWATCH_TOPIC_KEY_ACTIONS,
    isAwsManagedSnsKey,
    type AlarmDefaults,
} from "../intent";
import { FilterPatterns, type UnauthorizedApiCallsAlarmArgs } from "./args";
import type { ControlOverride } from "./cis-monitoring-alarms-args";
import type { LogGroupSourceArgs, NotificationArgs } from "./shared-args";
import { SNS_PROTOCOLS, type AlarmSubscription } from "./subscription";

/** The type name of the component whose arguments are checked when none is named. */
const DEFAULT_COMPONENT = "UnauthorizedApiCallsAlarm";

/**
 * CloudWatch's limits on an alarm's period and evaluation window, as the
 * PutMetricAlarm API reference states them (Period, EvaluationPeriods:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html):
 * "Valid values are 10, 20, 30, and any multiple of 60"; "Period multiplied by
 * EvaluationPeriods can't be more than 604,800 seconds. For alarms with a
 * period of less than one hour (3,600 seconds), the total evaluation period
 * can't be longer than one day (86,400 seconds)."
 */
export const ALARM_LIMITS = {
    /** The sub-minute periods (high-resolution alarms); any other period is a multiple of 60. */
    subMinutePeriods: [10, 20, 30],
    /** `period × evaluationPeriods` for a period under {@link ALARM_LIMITS.longPeriodSeconds}: one day. */
    shortPeriodWindowSeconds: 24 * 60 * 60,
    /** From this period on, the longer window applies: one hour. */
    longPeriodSeconds: 60 * 60,
    /** `period × evaluationPeriods` for a period of an hour or more: seven days. */
    longPeriodWindowSeconds: 7 * 24 * 60 * 60,
} as const;

/** Whether CloudWatch accepts `period` (seconds) for an alarm; see {@link ALARM_LIMITS}. */
export function isValidAlarmPeriod(period: number): boolean {
    return Number.isInteger(period) && ((ALARM_LIMITS.subMinutePeriods as readonly number[]).includes(period) || (period > 0 && period % 60 === 0));
}

/** The longest evaluation window (`period × evaluationPeriods`) CloudWatch allows for `period`; see {@link ALARM_LIMITS}. */
export function maxEvaluationWindowSeconds(period: number): number {
    return period >= ALARM_LIMITS.longPeriodSeconds ? ALARM_LIMITS.longPeriodWindowSeconds : ALARM_LIMITS.shortPeriodWindowSeconds;
}

/**
 * An argument of {@link UnauthorizedApiCallsAlarm} that AWS would reject, or a
 * combination of arguments that conflict. The message names the argument and
 * the fix. It is a Pulumi `InputPropertyError`, so the engine reports it
 * against the input if the component is ever served from a provider.
 */
export class InvalidArgumentError extends pulumi.InputPropertyError {
    /** The argument at fault, e.g. `period` or `subscriptions[1].endpoint`. */
    public readonly argument: string;

    /**
     * @param componentName Name of the component instance, quoted in the message.
     * @param argument The argument at fault.
     * @param problem What is wrong and how to fix it, one or two sentences.
     * @param componentType The component's type name, which opens the message.
     */
    constructor(componentName: string, argument: string, problem: string, componentType: string = DEFAULT_COMPONENT) {
        super({ propertyPath: argument, reason: `${componentType} "${componentName}": argument "${argument}" ${problem}` });
        this.name = "InvalidArgumentError";
        this.argument = argument;
    }
}

/** Throws {@link InvalidArgumentError} for the first argument AWS would reject. */
export function validateArgs(componentName: string, args: UnauthorizedApiCallsAlarmArgs): void {
    const fail = (argument: string, problem: string): never => {
        throw new InvalidArgumentError(componentName, argument, problem);
    };
    validatePlainValues(args, PLAIN_ARGUMENTS, fail);
    validateLogGroupSource(args, fail);
    validateAlarmSettings(args, FilterPatterns, CIS_4_1.alarm, fail);
    validateNotification(args, fail);
}

/**
 * The filter and alarm settings of one control, as both components take them:
 * `UnauthorizedApiCallsAlarmArgs` has the same settings at the top level.
 */
export type AlarmSettings = Omit<ControlOverride, "enabled">;

/** Reports the argument at fault and the fix; never returns. */
export type Fail = (argument: string, problem: string) => never;

/** Checks the topic, key, subscriptions and tags arguments every monitoring component shares. */
export function validateNotification(args: NotificationArgs, fail: Fail): void {
    validateTopic(args, fail);
    (args.subscriptions ?? []).forEach((subscription, i) => validateSubscription(subscription, i, fail));
    validateTags(args.tags, fail);
}

/**
 * Checks one control's filter and alarm settings: the metric and pattern
 * (against the control's named `presets`), and the alarm window (with the
 * control's `defaults` filled in).
 */
export function validateAlarmSettings(settings: AlarmSettings, presets: Readonly<Record<string, string>>, defaults: AlarmDefaults, fail: Fail): void {
    validateMetric(settings, presets, fail);
    validateAlarm(settings, defaults, fail);
}

/** True for a value that is not known yet when the program runs. */
export function isDeferred(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** The arguments that decide what the component creates, so their values must be known at construction. */
const PLAIN_ARGUMENTS = [
    "pattern",
    "patternPreset",
    "metricNamespace",
    "metricName",
    "period",
    "evaluationPeriods",
    "createKmsKey",
    "subscriptions",
] as const;

/**
 * TypeScript keeps Outputs out of these arguments, but a program in another language (through the component
 * provider) or untyped JavaScript can pass one; without this it would fail deep inside with a TypeError.
 */
export function validatePlainValues<A extends NotificationArgs>(args: A, keys: readonly (keyof A & string)[], fail: Fail): void {
    for (const key of keys) {
        if (isDeferred(args[key])) {
            fail(key, "is an Output, but it decides what the component creates: pass a plain value known when the program runs.");
        }
    }
    (args.subscriptions ?? []).forEach((subscription, i) => {
        if (isDeferred(subscription)) {
            fail(`subscriptions[${i}]`, "is an Output: pass the subscription itself, with protocol as a plain value (endpoint may be an Output).");
        }
        if (isDeferred(subscription.protocol)) {
            fail(`subscriptions[${i}].protocol`, "is an Output, but it decides how SNS delivers: pass one of the protocol names as a plain value.");
        }
    });
}

/** Checks that exactly one log group source is given, and a plain log group name is one CloudWatch Logs accepts. */
export function validateLogGroupSource(args: LogGroupSourceArgs, fail: Fail): void {
    const given = (["logGroupName", "logGroup", "trail"] as const).filter((key) => args[key] !== undefined);
    if (given.length === 0) {
        fail(
            "logGroupName",
            "is missing: give the CloudTrail log group as one of logGroupName (its name), logGroup (the aws.cloudwatch.LogGroup) or trail (the aws.cloudtrail.Trail).",
        );
    }
    if (given.length > 1) {
        fail(given[1], `conflicts with "${given[0]}": give exactly one of logGroupName, logGroup and trail.`);
    }
    const name = args.logGroupName;
    if (typeof name === "string" && !/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) {
        fail(
            "logGroupName",
            `is ${JSON.stringify(name)}; a log group name is 1-512 letters, digits and the characters . - _ / #.`,
        );
    }
}

function validateMetric(args: AlarmSettings, presets: Readonly<Record<string, string>>, fail: Fail): void {
    // CloudWatch Logs accepts an empty pattern, but it counts every event: the alarm would fire on every
    // API call. That is almost always a missing value (an unset config key), not a choice.
    if (args.pattern !== undefined && args.pattern.trim() === "") {
        fail("pattern", "is empty, which matches every log event, so the alarm would fire on every API call. Omit pattern to use the CIS v5.0 pattern.");
    }
    if (args.pattern !== undefined && args.pattern.length > 1024) {
        fail("pattern", `is ${args.pattern.length} characters long; CloudWatch Logs accepts at most 1024.`);
    }
    const preset = args.patternPreset;
    if (preset !== undefined && !Object.hasOwn(presets, preset)) {
        fail("patternPreset", `is ${JSON.stringify(preset)}; the presets are ${Object.keys(presets).join(", ")}.`);
    }
    if (preset !== undefined && args.pattern !== undefined) {
        fail("patternPreset", `conflicts with "pattern": give a custom pattern or a preset, not both.`);
    }
    const filterName = args.filterName;
    if (typeof filterName === "string" && !/^[^:*]{1,512}$/.test(filterName)) {
        fail("filterName", `is ${JSON.stringify(filterName)}; a metric filter name is 1-512 characters without ':' or '*'.`);
    }
    for (const key of ["metricNamespace", "metricName"] as const) {
        const value = args[key];
        if (value === undefined) {
            continue;
        }
        // CloudWatch takes printable ASCII with some non-space character; CloudWatch Logs also forbids : * $.
        if (!/^[\x20-\x7e]{1,255}$/.test(value) || value.trim() === "" || /[:*$]/.test(value)) {
            fail(
                key,
                `is ${JSON.stringify(value)}; it must be 1-255 printable ASCII characters, not all spaces, without ':', '*' or '$'.`,
            );
        }
        if (key === "metricNamespace" && value.startsWith("AWS/")) {
            fail(key, `is ${JSON.stringify(value)}; namespaces starting with "AWS/" are reserved for AWS services.`);
        }
    }
}

function validateAlarm(args: AlarmSettings, defaults: AlarmDefaults, fail: Fail): void {
    const alarmName = args.alarmName;
    // eslint-disable-next-line no-control-regex
    if (typeof alarmName === "string" && (alarmName.length < 1 || alarmName.length > 255 || /[\x00-\x1f\x7f]/.test(alarmName))) {
        fail("alarmName", `is ${JSON.stringify(alarmName)}; an alarm name is 1-255 characters without control characters.`);
    }
    const description = args.alarmDescription;
    if (typeof description === "string" && description.length > 1024) {
        fail("alarmDescription", `is ${description.length} characters long; CloudWatch accepts at most 1024.`);
    }
    const period = args.period;
    if (period !== undefined && !isValidAlarmPeriod(period)) {
        fail("period", `is ${period}; CloudWatch accepts 10, 20, 30 or a multiple of 60 seconds (the CIS default is 300).`);
    }
    const evaluationPeriods = args.evaluationPeriods;
    if (evaluationPeriods !== undefined && !(Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1)) {
        fail("evaluationPeriods", `is ${evaluationPeriods}; it must be a whole number of at least 1.`);
    }
    // Checked with the defaults filled in: a long period alone can break the limit.
    const effectivePeriod = period ?? defaults.period;
    const window = effectivePeriod * (evaluationPeriods ?? defaults.evaluationPeriods);
    const limit = maxEvaluationWindowSeconds(effectivePeriod);
    if (window > limit) {
        const allowed =
            limit === ALARM_LIMITS.longPeriodWindowSeconds
                ? `at most seven days (${limit}) for a period of an hour or more`
                : `at most one day (${limit}) for a period under an hour (seven days from a period of 3600 on)`;
        fail(
            evaluationPeriods === undefined ? "period" : "evaluationPeriods",
            `would make the alarm evaluate ${window} seconds (period × evaluationPeriods), and CloudWatch allows ${allowed}. Lower period or evaluationPeriods.`,
        );
    }
}

function validateTopic(args: NotificationArgs, fail: Fail): void {
    if (args.topicArn !== undefined) {
        // With an existing topic the component creates no topic, so settings for one it would create are a mistake.
        for (const key of ["topicName", "kmsMasterKeyId", "createKmsKey"] as const) {
            if (args[key] !== undefined && args[key] !== false) {
                fail(
                    key,
                    `conflicts with "topicArn": the component creates no topic when topicArn is given. Configure that topic where it is defined, or drop topicArn.`,
                );
            }
        }
        const arn = args.topicArn;
        if (typeof arn === "string" && !/^arn:[^:]+:sns:[^:]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(arn)) {
            fail("topicArn", `is ${JSON.stringify(arn)}; expected an SNS topic ARN such as arn:aws:sns:us-east-1:111122223333:security-alarms.`);
        }
    }
    const topicName = args.topicName;
    if (typeof topicName === "string") {
        if (topicName.endsWith(".fifo")) {
            fail("topicName", `is ${JSON.stringify(topicName)}; the component creates a standard topic, and only FIFO topic names (FIFO topics deliver to SQS only) end in ".fifo". Drop the suffix.`);
        }
        if (!/^[A-Za-z0-9_-]{1,256}$/.test(topicName)) {
            fail("topicName", `is ${JSON.stringify(topicName)}; a topic name is 1-256 letters, digits, '-' and '_'.`);
        }
    }
    if (args.createKmsKey === true && args.kmsMasterKeyId !== undefined) {
        fail("createKmsKey", `conflicts with "kmsMasterKeyId": either use your key (kmsMasterKeyId) or let the component create one (createKmsKey).`);
    }
    const keyId = args.kmsMasterKeyId;
    if (typeof keyId === "string" && isAwsManagedSnsKey(keyId)) {
        fail(
            "kmsMasterKeyId",
            `is ${JSON.stringify(keyId)}, the AWS managed SNS key. ${AWS_MANAGED_SNS_KEY_PROBLEM}. Pass a customer managed key whose policy allows ${CLOUDWATCH_SERVICE_PRINCIPAL} ${CLOUDWATCH_TOPIC_KEY_ACTIONS.join(" and ")}, or set createKmsKey: true.`,
        );
    }
}

/** AWS's tagging limits, shared by CloudWatch, SNS and KMS. */
const MAX_TAGS = 50;

function validateTags(tags: NotificationArgs["tags"], fail: Fail): void {
    // Only a plain object can be inspected; an Output of tags is left to AWS.
    if (tags === undefined || pulumi.Output.isInstance(tags) || tags instanceof Promise) {
        return;
    }
    const entries = Object.entries(tags);
    if (entries.length > MAX_TAGS) {
        fail("tags", `has ${entries.length} tags; AWS allows at most ${MAX_TAGS} per resource.`);
    }
    for (const [key, value] of entries) {
        if (key.length < 1 || key.length > 128) {
            fail("tags", `has the key ${JSON.stringify(key)}; tag keys are 1-128 characters.`);
        }
        if (key.toLowerCase().startsWith("aws:")) {
            fail("tags", `has the key ${JSON.stringify(key)}; the "aws:" prefix is reserved for AWS.`);
        }
        if (typeof value === "string" && value.length > 256) {
            fail("tags", `has a ${value.length}-character value for ${JSON.stringify(key)}; tag values are at most 256 characters.`);
        }
    }
}


function validateSubscription(subscription: AlarmSubscription, index: number, fail: Fail): void {
    const at = `subscriptions[${index}]`;
    if (!(SNS_PROTOCOLS as readonly string[]).includes(subscription.protocol)) {
        fail(`${at}.protocol`, `is ${JSON.stringify(subscription.protocol)}; SNS accepts ${SNS_PROTOCOLS.join(", ")}.`);
    }
    const endpoint = subscription.endpoint;
    if (typeof endpoint === "string" && endpoint.trim() === "") {
        fail(`${at}.endpoint`, `is empty; give the ${subscription.protocol} endpoint SNS should deliver to.`);
    }
    if (subscription.protocol === "firehose" && subscription.subscriptionRoleArn === undefined) {
        fail(`${at}.subscriptionRoleArn`, "is missing; SNS needs a role to write to Kinesis Data Firehose.");
    }
}
