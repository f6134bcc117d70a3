/**
 * A trail delivering to a CloudWatch Logs group in another region: AWS
 * documents a multi-Region trail's S3 bucket as free to be in another Region
 * and says no such thing of its log group (CloudTrail User Guide, "Receiving
 * CloudTrail log files from multiple Regions"), so the chain reports that
 * delivery as undecidable (an advisory by default), never as a silent pass.
 */
import * as assert from "node:assert/strict";
import { unauthorizedApiCallsMonitored } from "trailwatch-policy-pack/dist/policies";
import { analyzeStack } from "./harness";
import { MODES, chain, type Mode } from "./stacks";

const ACCOUNT = "111122223333";

/** The compliant chain, but with the log group and everything after it in `region`; the trail stays in us-east-1. */
function groupIn(mode: Mode, region: string) {
    const arn = `arn:aws:logs:${region}:${ACCOUNT}:log-group:cloudtrail-logs`;
    const topicArn = `arn:aws:sns:${region}:${ACCOUNT}:security-alerts`;
    const preview = mode === "preview";
    return chain({
        mode,
        props: {
            trail: preview ? {} : { cloudWatchLogsGroupArn: `${arn}:*` },
            logGroup: { region, ...(preview ? {} : { arn }) },
            filter: { region },
            alarm: { region, ...(preview ? {} : { alarmActions: [topicArn] }) },
            topic: { region, ...(preview ? {} : { arn: topicArn }) },
            subscription: { region, ...(preview ? {} : { topic: topicArn }) },
        },
    });
}

describe("stack policy: a trail delivering to a log group in another region", () => {
    for (const mode of MODES) {
        it(`is undecidable in ${mode}: one advisory naming both regions and the fix, not a pass`, async () => {
            const analysis = await analyzeStack(unauthorizedApiCallsMonitored, groupIn(mode, "eu-west-1"));
            assert.equal(analysis.diagnostics.length, 1, JSON.stringify(analysis.diagnostics, null, 1));
            const [d] = analysis.diagnostics;
            assert.equal(d!.level, "advisory");
            assert.match(d!.message, /trail "main" \(in us-east-1\) delivers to log group cloudtrail-logs in eu-west-1; AWS documents/);
            assert.match(d!.message, /put the log group in us-east-1, the trail's home Region/);
        });

        it(`words the undecided delivery for ${mode}: no "in this preview", no waiting for pulumi up`, async () => {
            // Neither a preview nor an update decides it: the message must not say the update will.
            const [d] = (await analyzeStack(unauthorizedApiCallsMonitored, groupIn(mode, "eu-west-1"))).diagnostics;
            assert.match(d!.message, /cannot be decided: trail "main"/);
            assert.doesNotMatch(d!.message, /in this preview|pulumi up|unknown during preview/);
            assert.match(d!.message, /Fix: put the log group in us-east-1, the trail's home Region, with its metric filters, alarms and topic\.$/);
        });

        it(`passes in ${mode} with everything in the trail's region`, async () => {
            assert.deepEqual((await analyzeStack(unauthorizedApiCallsMonitored, groupIn(mode, "us-east-1"))).diagnostics, []);
        });

        it(`still fails in ${mode} when the chain breaks further on (no filter reads the group in its region)`, async () => {
            const resources = groupIn(mode, "eu-west-1").map((r) => (r.name === "unauthorized-calls" ? { ...r, props: { ...r.props, region: "us-east-1" } } : r));
            const analysis = await analyzeStack(unauthorizedApiCallsMonitored, resources);
            const mandatory = analysis.diagnostics.filter((d) => d.level === "mandatory");
            assert.equal(mandatory.length, 1, JSON.stringify(analysis.diagnostics, null, 1));
            assert.match(mandatory[0]!.message, /broken at link 3/);
        });

        it(`blocks in ${mode} with undecidedVerdict: enforce`, async () => {
            const analysis = await analyzeStack(unauthorizedApiCallsMonitored, groupIn(mode, "eu-west-1"), { undecidedVerdict: "enforce" });
            assert.equal(analysis.diagnostics.filter((d) => d.level === "mandatory").length, 1, JSON.stringify(analysis.diagnostics, null, 1));
        });
    }
});
