/**
 * The constructions the provider tests run both directly and through the
 * component provider, and what one construction is observed to do.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { UnauthorizedApiCallsAlarmArgs } from "trailwatch";
import { captureWarnings, installMocks, registeredOutputs, settle, type Registration } from "../harness";
import type { InstalledPackage } from "./installed";

/** A pattern that parses but misses `AccessDenied*` errors, so the component warns. */
export const WEAK_PATTERN = '{ $.errorCode = "*UnauthorizedOperation" }';

/** One way to construct the component; `args` runs after the mocks are installed (some arguments are resources). */
export interface ConstructCase {
    readonly title: string;
    /** Construct in a preview: whatever AWS computes on create (ARNs) is unknown. */
    readonly preview?: boolean;
    readonly args: () => UnauthorizedApiCallsAlarmArgs;
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
];

/** What one construction did: the registrations it caused, its outputs, and what it warned. */
export interface Observed {
    readonly registrations: Registration[];
    readonly outputs: Record<string, unknown>;
    readonly warnings: string[];
}

/** The component's outputs that are plain values (the rest are resources). */
export const VALUE_OUTPUTS = ["logGroupName", "pattern", "metricFilterName", "metricName", "metricNamespace", "alarmArn", "alarmName", "topicArn"];

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
        const component = new installed.module.UnauthorizedApiCallsAlarm("cis", args);
        await settle(component);
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

