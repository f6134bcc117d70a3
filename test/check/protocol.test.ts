/**
 * What a policy pack receives from `trailwatch check`, observed from inside a
 * real pack process: the probe pack echoes its inputs as violation messages.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as Errors from "../../component/src/cli/errors";
import type * as Human from "../../component/src/check/report/human";
import type * as Json from "../../component/src/check/report/json";
import type * as Sarif from "../../component/src/check/report/sarif";
import type * as Run from "../../component/src/check/run";
import { FIXTURES, REPO, declaredInJavaScript, fixture, loadCheck } from "./helpers";

const { runCheck } = loadCheck<typeof Run>("run");
const { renderHuman } = loadCheck<typeof Human>("report/human");
const { renderJson } = loadCheck<typeof Json>("report/json");
const { renderSarif } = loadCheck<typeof Sarif>("report/sarif");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UserError } = require(path.join(REPO, "component", "dist", "cli", "errors")) as typeof Errors;

const PROBE = path.join(FIXTURES, "packs", "probe");
const PROGRAM = path.join(FIXTURES, "programs", "probe");
const SECRET = "probe-secret-kms-key-4711";
const TOPIC = "urn:pulumi:ci::probe::probe:index:Group$aws:sns/topic:Topic::alerts";
const TRAIL = "urn:pulumi:ci::probe::pulumi:pulumi:Stack$aws:cloudtrail/trail:Trail::main";

type Echo = Record<string, unknown>;

/** The JSON a probe policy echoed, parsed (its message is the description, a newline, then JSON). */
function echoed(result: Run.CheckResult, policy: string): Echo {
    const v = result.violations.find((x) => x.policy === policy);
    assert.ok(v, `expected a ${policy} violation`);
    return JSON.parse(v.message.slice(v.message.indexOf("\n") + 1)) as Echo;
}

function stackResource(result: Run.CheckResult, urn: string): Echo {
    const resources = echoed(result, "probe-stack").resources as Echo[];
    const found = resources.find((r) => r.urn === urn);
    assert.ok(found, `AnalyzeStack did not include ${urn}`);
    return found;
}

describe("check: the analyzer protocol, seen from a real pack", function () {
    let preview: Run.CheckResult;
    let update: Run.CheckResult;

    before(async function () {
        this.timeout(120_000);
        preview = await runCheck({ input: PROGRAM, mode: "preview", stack: "ci", packDir: PROBE });
        update = await runCheck({ input: PROGRAM, mode: "update", stack: "ci", packDir: PROBE });
    });

    it("reports the pack and its policies from GetAnalyzerInfo and GetPluginInfo", () => {
        assert.equal(update.pack.name, "trailwatch-probe");
        assert.equal(update.pack.version, "0.0.2", "PulumiPolicy.yaml's version wins over the pack's own (0.0.1)");
        assert.match(update.pack.pluginVersion, /^\d+\.\d+\.\d+/);
        assert.deepEqual(
            update.pack.policies.map((p) => [p.name, p.type, p.enforcementLevel, p.severity]),
            [
                ["probe-resource", "resource", "advisory", undefined],
                ["probe-stack", "stack", "advisory", undefined],
                ["trail-forbidden", "stack", "mandatory", "high"],
            ],
        );
    });

    it("sends Analyze the checked inputs, options, parent and provider", () => {
        const seen = echoed(update, "probe-resource");
        assert.equal(seen.urn, TOPIC);
        assert.equal(seen.name, "alerts");
        assert.match(String((seen.props as Echo).name), /^alerts-[0-9a-f]{7}$/, "auto-name assigned by Check");
        assert.deepEqual(seen.opts, {
            protect: true,
            ignoreChanges: ["tags"],
            aliases: [],
            customTimeouts: { createSeconds: 300, updateSeconds: 0, deleteSeconds: 5400 },
            additionalSecretOutputs: [],
            deleteBeforeReplace: true,
            parent: "urn:pulumi:ci::probe::pulumi:pulumi:Stack$probe:index:Group::group",
        });
        assert.deepEqual(seen.provider, {
            urn: "urn:pulumi:ci::probe::pulumi:providers:aws::default_7_48_0",
            type: "pulumi:providers:aws",
            props: { region: "eu-west-1", version: "7.48.0" },
        });
        assert.deepEqual(seen.config, { limit: 3 }, "schema default configured");
    });

    it("sends AnalyzeStack outputs, parents, providers, dependencies and property dependencies", () => {
        const subscription = stackResource(update, "urn:pulumi:ci::probe::pulumi:pulumi:Stack$aws:sns/topicSubscription:TopicSubscription::alerts-email");
        assert.deepEqual(subscription.dependencies, [TOPIC]);
        assert.deepEqual(subscription.propertyDependencies, { topic: [TOPIC] });
        assert.equal(subscription.parent, "urn:pulumi:ci::probe::pulumi:pulumi:Stack::probe-ci");
        const trail = stackResource(update, TRAIL);
        assert.equal(trail.provider, "urn:pulumi:ci::probe::pulumi:pulumi:Stack$pulumi:providers:aws::us-west");
        assert.deepEqual(trail.propertyDependencies, { snsTopicName: [TOPIC] });
        // Every output @pulumi/aws declares for a topic, as the provider records it, and never `__defaults`/`__meta`.
        assert.deepEqual(stackResource(update, TOPIC).outputKeys, [...declaredInJavaScript("aws:sns/topic:Topic"), "id"].sort());
        assert.deepEqual(stackResource(update, "urn:pulumi:ci::probe::pulumi:pulumi:Stack::probe-ci").outputKeys, ["topicArn"]);
    });

    it("includes read resources in AnalyzeStack only, as the engine does", () => {
        const existing = "urn:pulumi:ci::probe::pulumi:pulumi:Stack$aws:sns/topic:Topic::existing";
        assert.deepEqual(stackResource(update, existing).outputKeys, [...declaredInJavaScript("aws:sns/topic:Topic"), "id"].sort());
        assert.deepEqual(
            update.violations.filter((v) => v.policy === "probe-resource").map((v) => v.urn),
            [TOPIC],
            "Analyze is never called for a read resource",
        );
    });

    it("configures the stack: name, project, dry run and config reach the pack", () => {
        assert.deepEqual(echoed(preview, "probe-stack").stack, { stack: "ci", project: "probe", dryRun: "true", region: "eu-west-1" });
        assert.deepEqual(echoed(update, "probe-stack").stack, { stack: "ci", project: "probe", dryRun: "false", region: "eu-west-1" });
    });

    it("sends computed outputs as unknowns in preview, so a policy reading them is deferred", () => {
        const deferred = preview.violations.find((v) => v.policy === "trail-forbidden");
        assert.equal(deferred?.enforcementLevel, "advisory");
        assert.match(deferred!.message, /can't run policy 'trail-forbidden' .* during preview: .*\.arn can't be known during preview/);
        assert.equal(deferred!.urn, "urn:pulumi:ci::probe::pulumi:pulumi:Stack::probe-ci", "stack violations without a URN go to the stack");
    });

    it("sends AWS-shaped outputs in update, in the region of the resource's provider", () => {
        const verdict = update.violations.find((v) => v.policy === "trail-forbidden");
        assert.equal(verdict?.enforcementLevel, "mandatory");
        assert.equal(verdict!.urn, TRAIL);
        assert.match(verdict!.message, /has ARN arn:aws:cloudtrail:us-west-2:123456789012:trail\/main-[0-9a-f]{7}$/);
    });

    it("passes secrets to the pack but never prints them, in any format", () => {
        const seen = echoed(update, "probe-resource");
        assert.equal((seen.props as Echo).kmsMasterKeyId, "[secret]", "the pack saw a value, and it was masked");
        for (const result of [preview, update]) {
            const outputs = [
                renderHuman(result, { color: false, cwd: REPO }),
                renderJson(result),
                renderSarif(result, { artifactUri: "Pulumi.yaml", toolVersion: "0.0.0" }),
                JSON.stringify(result),
            ];
            for (const text of outputs) {
                assert.ok(!text.includes(SECRET), "secret plaintext leaked");
            }
        }
    });

    it("shows the pack's log calls, received by the engine service", () => {
        assert.ok(update.logs.some((l) => l.source === "engine" && l.severity === "info" && l.message === "probe saw 8 resources"));
    });

    it("applies a config file: levels from `all` and per policy, properties reach getConfig", async function () {
        this.timeout(60_000);
        const configured = await runCheck({
            input: PROGRAM,
            mode: "update",
            stack: "ci",
            packDir: PROBE,
            configFile: path.join(FIXTURES, "config", "valid.json"),
        });
        assert.deepEqual(echoed(configured, "probe-resource").config, { limit: 7, label: "from-config-file" });
        assert.deepEqual(
            configured.pack.policies.map((p) => [p.name, p.enforcementLevel]),
            [
                ["probe-resource", "advisory"],
                ["probe-stack", "advisory"],
                ["trail-forbidden", "mandatory"],
            ],
        );
    });

    it("validates config against each policy's schema before Configure, as the engine does", async function () {
        this.timeout(60_000);
        const configFile = path.join(FIXTURES, "config", "schema-violation.json");
        await assert.rejects(
            runCheck({ input: fixture("exports", "broken-no-filter.json"), mode: "preview", packDir: PROBE, configFile }),
            (err: Error) =>
                err instanceof UserError &&
                err.message ===
                    `invalid policy config for "trailwatch-probe" (${configFile}): ` +
                        "probe-resource: label: Invalid type. Expected: string, given: integer; " +
                        "probe-resource: limit: Must be greater than or equal to 1",
        );
    });
});
