/**
 * The constructions the provider tests run both directly and through the
 * component provider, and what one construction is observed to do.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CisMonitoringAlarmsArgs, UnauthorizedApiCallsAlarmArgs } from "trailwatch";
import { captureWarnings, installMocks, registeredOutputs, settle, settleAll, type Registration } from "../harness";
import { CATALOG_COMPONENT_TYPE, COMPONENT_TYPE, type InstalledPackage } from "./installed";

/** One of the package's components, as the provider tests construct it. */
export interface ComponentUnderTest {
    /** Its type token. */
    readonly type: string;
    /** Its class name, which opens its error messages. */
    readonly className: string;
    /** Its outputs that are plain values (the rest are resources). */
    readonly valueOutputs: readonly string[];
    /** Constructs it from the installed package, as a TypeScript program does, and waits for its children. */
    create(installed: InstalledPackage, name: string, args: ComponentArgs): Promise<{ readonly urn: pulumi.Output<string> }>;
}

/** Arguments of either component. */
export type ComponentArgs = UnauthorizedApiCallsAlarmArgs | CisMonitoringAlarmsArgs;

/** `UnauthorizedApiCallsAlarm`. */
export const ALARM: ComponentUnderTest = {
    type: COMPONENT_TYPE,
    className: "UnauthorizedApiCallsAlarm",
    valueOutputs: ["logGroupName", "pattern", "metricFilterName", "metricName", "metricNamespace", "alarmArn", "alarmName", "topicArn"],
    async create(installed, name, args) {
        const component = new installed.module.UnauthorizedApiCallsAlarm(name, args as UnauthorizedApiCallsAlarmArgs);
        await settle(component);
        return component;
    },
};

/** `CisMonitoringAlarms`. */
export const CATALOG: ComponentUnderTest = {
    type: CATALOG_COMPONENT_TYPE,
    className: "CisMonitoringAlarms",
    valueOutputs: ["controls", "logGroupName", "patterns", "alarmArns", "topicArn"],
    async create(installed, name, args) {
        const component = new installed.module.CisMonitoringAlarms(name, args as CisMonitoringAlarmsArgs);
        await settleAll(component);
        return component;
    },
};

/** The CIS 4.5 pattern without StopLogging: parses, but misses trails being stopped, so the component warns. */
export const WEAK_4_5_PATTERN =
    '{ ($.eventSource = cloudtrail.amazonaws.com) && (($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging)) }';

/** A pattern that parses but misses `AccessDenied*` errors, so the component warns. */
export const WEAK_PATTERN = '{ $.errorCode = "*UnauthorizedOperation" }';

/** One way to construct the component; `args` runs after the mocks are installed (some arguments are resources). */
export interface ConstructCase {
    readonly title: string;
    /** Construct in a preview: whatever AWS computes on create (ARNs) is unknown. */
    readonly preview?: boolean;
    /** The component constructed; default `UnauthorizedApiCallsAlarm`. */
    readonly component?: ComponentUnderTest;
    readonly args: () => ComponentArgs;
}

/** Argument sets that together reach every kind of input: plain, Input, Output from another resource, resource, enum. */
export const CASES: ConstructCase[] = [
    {
        title: "a log group name and two subscriptions (the defaults)",
        args: () => ({
            logGroupName: "cloudtrail-logs",
            subscriptions: [
                { protocol: "email", endpoint: "security@example.com" },
                { protocol: "https", endpoint: "https://hooks.example.com/alarm" },
            ],
        }),
    },
    {
        title: "a LogGroup resource, a created KMS key, tags, the v1.2 preset, a longer window and a Region",
        args: () => ({
            logGroup: new aws.cloudwatch.LogGroup("cloudtrail", { retentionInDays: 365 }),
            createKmsKey: true,
            tags: { team: "security" },
            patternPreset: "cisV1_2",
            period: 60,
            evaluationPeriods: 5,
            region: "eu-west-1",
        }),
    },
    {
        title: "an existing topic and an SQS subscriber whose endpoint is another resource's output",
        args: () => ({
            topicArn: "arn:aws:sns:us-east-1:111122223333:security-alarms",
            logGroupName: pulumi.output("cloudtrail-logs"),
            subscriptions: [{ protocol: "sqs", endpoint: new aws.sqs.Queue("alarms", {}).arn, rawMessageDelivery: true }],
        }),
    },
    {
        title: "a preview of a new LogGroup resource, a created KMS key and an SQS subscriber (ARNs unknown)",
        preview: true,
        args: () => ({
            logGroup: new aws.cloudwatch.LogGroup("cloudtrail", { retentionInDays: 365 }),
            createKmsKey: true,
            subscriptions: [{ protocol: "sqs", endpoint: new aws.sqs.Queue("alarms", {}).arn }],
        }),
    },
    {
        title: "a Trail resource, a weak custom pattern and physical names",
        args: () => ({
            trail: new aws.cloudtrail.Trail("trail", {
                s3BucketName: "trail-bucket",
                cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*",
            }),
            pattern: WEAK_PATTERN,
            filterName: "cis-4-1",
            alarmName: "cis-4-1",
            topicName: "cis-alarms",
            metricNamespace: "Security",
            metricName: "Refused",
        }),
    },
    {
        title: "CisMonitoringAlarms: every control on a LogGroup resource, with two subscriptions (the defaults)",
        component: CATALOG,
        args: () => ({
            logGroup: new aws.cloudwatch.LogGroup("cloudtrail", { retentionInDays: 365 }),
            subscriptions: [
                { protocol: "email", endpoint: "security@example.com" },
                { protocol: "https", endpoint: "https://hooks.example.com/alarm" },
            ],
        }),
    },
    {
        title: "CisMonitoringAlarms: a subset, overrides (a preset, names, a window, one control off), an existing topic and an Output log group name",
        component: CATALOG,
        args: () => ({
            logGroupName: pulumi.output("cloudtrail-logs"),
            controls: ["4.1", "4.2", "cis-aws-4.3", "4.10"],
            metricNamespace: "Security/CIS",
            overrides: {
                "4.2": { patternPreset: "cisV5Sso", alarmName: pulumi.output("no-mfa-sign-in") },
                "4.3": { period: 60, evaluationPeriods: 5, metricName: "Root" },
                "4.10": { enabled: false },
            },
            topicArn: "arn:aws:sns:us-east-1:111122223333:security-alarms",
        }),
    },
    {
        title: "CisMonitoringAlarms: a preview with a created KMS key, a Region, tags and an SQS subscriber (ARNs unknown)",
        component: CATALOG,
        preview: true,
        args: () => ({
            logGroup: new aws.cloudwatch.LogGroup("cloudtrail", { retentionInDays: 365 }),
            createKmsKey: true,
            region: "eu-west-1",
            tags: { team: "security" },
            subscriptions: [{ protocol: "sqs", endpoint: new aws.sqs.Queue("alarms", {}).arn }],
        }),
    },
    {
        title: "CisMonitoringAlarms: a Trail resource and a weak custom pattern for 4.5",
        component: CATALOG,
        args: () => ({
            trail: new aws.cloudtrail.Trail("trail", {
                s3BucketName: "trail-bucket",
                cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*",
            }),
            controls: ["4.5", "4.6"],
            overrides: { "4.5": { pattern: WEAK_4_5_PATTERN, filterName: "cis-4-5" } },
        }),
    },
];

/** Arguments the component refuses; through the provider the error must be the same. */
export const INVALID: ConstructCase[] = [
    { title: "a period CloudWatch rejects", args: () => ({ logGroupName: "cloudtrail", period: 45 }) },
    { title: "an unknown protocol", args: () => ({ logGroupName: "cloudtrail", subscriptions: [{ protocol: "slack" as "email", endpoint: "#sec" }] }) },
    { title: "two log group sources", args: () => ({ logGroupName: "a", logGroup: new aws.cloudwatch.LogGroup("unused", {}) }) },
    { title: "a pattern that does not parse", args: () => ({ logGroupName: "cloudtrail", pattern: '{ $.errorCode = "x" ' }) },
    { title: "a pattern and a preset", args: () => ({ logGroupName: "cloudtrail", pattern: WEAK_PATTERN, patternPreset: "cisV5" }) },
    { title: "an unknown preset", args: () => ({ logGroupName: "cloudtrail", patternPreset: "cisV9" as "cisV5" }) },
    { title: "an existing topic with a key to create", args: () => ({ logGroupName: "c", topicArn: "arn:aws:sns:us-east-1:111122223333:a", createKmsKey: true }) },
    // Another language can send an Output where the schema says plain; TypeScript needs a cast to.
    { title: "an Output for a plain argument", args: () => ({ logGroupName: "cloudtrail", period: pulumi.output(300) as unknown as number }) },
    { title: "CisMonitoringAlarms: an unknown control id", component: CATALOG, args: () => ({ logGroupName: "cloudtrail", controls: ["4.1", "4.16"] }) },
    { title: "CisMonitoringAlarms: an override for a control not selected", component: CATALOG, args: () => ({ logGroupName: "c", controls: ["4.1"], overrides: { "4.4": { period: 60 } } }) },
    { title: "CisMonitoringAlarms: a period CloudWatch rejects, in an override", component: CATALOG, args: () => ({ logGroupName: "c", overrides: { "4.7": { period: 45 } } }) },
    { title: "CisMonitoringAlarms: a custom pattern that does not parse", component: CATALOG, args: () => ({ logGroupName: "c", overrides: { "4.9": { pattern: "{ $.eventName = " } } }) },
    { title: "CisMonitoringAlarms: an Output for the controls", component: CATALOG, args: () => ({ logGroupName: "c", controls: pulumi.output(["4.1"]) as unknown as string[] }) },
];

/** What one construction did: the registrations it caused, its outputs, and what it warned. */
export interface Observed {
    readonly registrations: Registration[];
    readonly outputs: Record<string, unknown>;
    readonly warnings: string[];
}

/** Registrations made after `from`, without the resources the arguments created. */
export function componentRegistrations(registrations: Registration[], from: number): Registration[] {
    return registrations.slice(from).filter((r) => r.name.startsWith("cis"));
}

/** Constructs directly, as a TypeScript program does. */
export async function direct(installed: InstalledPackage, c: ConstructCase): Promise<Observed> {
    const recorder = installMocks({ preview: c.preview });
    const args = c.args();
    const from = recorder.registrations.length;
    let outputs: Record<string, unknown> = {};
    const warnings = await captureWarnings(async () => {
        const component = await (c.component ?? ALARM).create(installed, "cis", args);
        outputs = await registeredOutputs(component);
    });
    return { registrations: componentRegistrations(recorder.registrations, from), outputs, warnings };
}

/** The error a construction throws, or a failure if it does not. */
export async function refusal(run: () => Promise<unknown>): Promise<pulumi.InputPropertyError> {
    try {
        await run();
    } catch (err) {
        assert.ok(pulumi.InputPropertyError.isInstance(err), `expected an InputPropertyError, got ${String(err)}`);
        return err;
    }
    assert.fail("expected the construction to fail");
}

