/**
 * Every example runs under Pulumi mocks with no stack configuration at all
 * (as `trailwatch check` runs them), and builds what its README says. Type
 * checking of the examples is `tsc -p examples/tsconfig.json`, part of `npm test`.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { register, type Service } from "ts-node";
import { CIS_V5_PATTERN, MONITORING_CONTROLS } from "trailwatch";
import { T, captureWarnings, installMocks, valueOf, type Recorder } from "./harness";

const EXAMPLES = path.resolve(__dirname, "../../../examples");

/** Exports of an example program (its stack outputs). */
type ProgramExports = Record<string, unknown>;

/**
 * Runs an example program under fresh mocks, waits for its stack outputs and
 * returns what it registered and the warnings it logged.
 */
async function runExample(name: string): Promise<{ recorder: Recorder; outputs: ProgramExports; warnings: string[] }> {
    const recorder = installMocks();
    let outputs: ProgramExports = {};
    const warnings = await captureWarnings(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require(path.join(EXAMPLES, name, "index.ts")) as ProgramExports;
        outputs = Object.fromEntries(
            await Promise.all(Object.entries(program).map(async ([key, value]) => [key, await valueOf(value as string)] as const)),
        );
        // Let registrations whose outputs nobody exports reach the mocks.
        await new Promise((resolve) => setTimeout(resolve, 50));
    });
    return { recorder, outputs, warnings };
}

describe("examples", function () {
    // Transpiling the examples takes a moment on a shared machine.
    this.timeout(120_000);
    let tsNode: Service;

    before(() => {
        tsNode = register({
            transpileOnly: true,
            skipProject: true,
            compilerOptions: { module: "commonjs", target: "es2022", esModuleInterop: true },
        });
    });

    after(() => {
        // Leave .ts loading off for the rest of the suite.
        tsNode.enabled(false);
    });

    it("baseline: a multi-region trail delivering to CloudWatch Logs, monitored by the component", async () => {
        const { recorder, outputs, warnings } = await runExample("baseline");
        const trail = recorder.one(T.trail).inputs;
        assert.equal(trail.isMultiRegionTrail, true);
        assert.equal(trail.enableLogFileValidation, true);
        const logGroup = recorder.one(T.logGroup).inputs;
        assert.equal(logGroup.retentionInDays, 365);
        assert.match(trail.cloudWatchLogsGroupArn, /^arn:aws:logs:.*:log-group:.*:\*$/);
        assert.ok(trail.cloudWatchLogsRoleArn);
        assert.equal(recorder.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs.blockPublicPolicy, true);
        assert.match(recorder.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy, /cloudtrail\.amazonaws\.com/);

        recorder.one(T.component);
        const filter = recorder.one(T.metricFilter).inputs;
        assert.equal(filter.pattern, CIS_V5_PATTERN);
        assert.equal(trail.cloudWatchLogsGroupArn, `arn:aws:logs:us-east-1:111122223333:log-group:${filter.logGroupName}:*`);
        const subscription = recorder.one(T.subscription).inputs;
        assert.deepEqual([subscription.protocol, subscription.endpoint], ["email", "security@example.com"]);
        assert.deepEqual(Object.keys(outputs).sort(), ["alarmArn", "logGroupName", "topicArn", "trailArn"]);
        assert.deepEqual(warnings, []);
    });

    it("all-controls: the baseline trail, with a filter and an alarm for each of 4.1-4.15 on its log group, notifying one topic", async () => {
        const { recorder, outputs, warnings } = await runExample("all-controls");
        const trail = recorder.one(T.trail).inputs;
        assert.equal(trail.isMultiRegionTrail, true);
        recorder.one(T.cisMonitoring);
        const filters = recorder.ofType(T.metricFilter);
        assert.deepEqual(
            filters.map((f) => f.inputs.pattern),
            MONITORING_CONTROLS.map((c) => c.patterns.default),
        );
        for (const filter of filters) {
            assert.equal(trail.cloudWatchLogsGroupArn, `arn:aws:logs:us-east-1:111122223333:log-group:${filter.inputs.logGroupName}:*`);
        }
        recorder.one(T.topic);
        const topicArn = outputs.topicArn;
        assert.equal(recorder.ofType(T.alarm).length, 15);
        assert.ok(recorder.ofType(T.alarm).every((a) => a.inputs.alarmActions[0] === topicArn));
        recorder.one(T.topicPolicy);
        const subscription = recorder.one(T.subscription).inputs;
        assert.deepEqual([subscription.protocol, subscription.endpoint], ["email", "security@example.com"]);
        assert.deepEqual(outputs.controls, MONITORING_CONTROLS.map((c) => c.control));
        assert.deepEqual(Object.keys(outputs).sort(), ["alarmArns", "controls", "logGroupName", "topicArn", "trailArn"]);
        assert.deepEqual(warnings, []);
    });

    it("existing-topic: only a filter and an alarm, notifying the configured topic", async () => {
        const { recorder, outputs } = await runExample("existing-topic");
        assert.deepEqual(recorder.awsResources().map((r) => r.type).sort(), [T.alarm, T.metricFilter].sort());
        assert.deepEqual(recorder.one(T.alarm).inputs.alarmActions, ["arn:aws:sns:us-east-1:111122223333:security-alarms"]);
        assert.equal(recorder.one(T.metricFilter).inputs.logGroupName, "aws-cloudtrail-logs");
        assert.equal(outputs.notifies, "arn:aws:sns:us-east-1:111122223333:security-alarms");
    });

    it("non-compliant: a trail delivering to CloudWatch Logs, and no metric filter or alarm", async () => {
        const { recorder } = await runExample("non-compliant");
        assert.ok(recorder.one(T.trail).inputs.cloudWatchLogsGroupArn);
        assert.equal(recorder.ofType(T.metricFilter).length, 0);
        assert.equal(recorder.ofType(T.alarm).length, 0);
        assert.equal(recorder.ofType(T.component).length, 0);
    });

    it("weak-pattern: the component keeps the weakened pattern and warns", async () => {
        const { recorder, warnings } = await runExample("weak-pattern");
        const pattern: string = recorder.one(T.metricFilter).inputs.pattern;
        assert.ok(pattern.startsWith(CIS_V5_PATTERN.slice(0, -1).trimEnd()), pattern);
        assert.ok(pattern.endsWith('&& ($.userIdentity.invokedBy != "cloudfront.amazonaws.com") }'), pattern);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /does not catch every unauthorized API call/);
    });

    it("alarm-never-fires: the CIS filter, but an alarm at threshold 5", async () => {
        const { recorder } = await runExample("alarm-never-fires");
        const filter = recorder.one(T.metricFilter).inputs;
        const alarm = recorder.one(T.alarm).inputs;
        assert.equal(filter.pattern, CIS_V5_PATTERN);
        assert.equal(alarm.metricName, filter.metricTransformation.name);
        assert.equal(alarm.namespace, filter.metricTransformation.namespace);
        assert.equal(alarm.threshold, 5);
        assert.equal(recorder.ofType(T.component).length, 0);
    });
});
