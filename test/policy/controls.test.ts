/**
 * Every catalog control through the real pack: all stack policies in one
 * AnalyzeStack call through `@pulumi/policy`'s handler, enforcement levels
 * reconciled from a policy config file's JSON exactly as `trailwatch check`
 * (and the Pulumi CLI) do, `{"all": "mandatory"}` included.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Policy, StackValidationPolicy } from "@pulumi/policy";
import { CIS_4_1, CIS_4_16, MONITORING_CONTROLS, type MonitoringControl } from "trailwatch/engine";
import type * as PolicyConfigModule from "../../component/src/check/policy-config";
import { stackPolicyName } from "trailwatch-policy-pack/dist/controls";
import { STACK_POLICY_NAME, policies } from "trailwatch-policy-pack/dist/policies";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { analyzePack, urnOf, type Analysis, type FixtureResource } from "./harness";
import { MODES, chain, type Mode } from "./stacks";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parsePolicyConfig } = require(path.join(__dirname, "..", "..", "..", "component", "dist", "check", "policy-config")) as typeof PolicyConfigModule;

const ALL_MANDATORY = parsePolicyConfig({ all: "mandatory" });

/** The 4.1 chain's filter and alarm, re-targeted at `control`: its CIS v5.0 pattern, metric and alarm. */
function controlResources(base: readonly FixtureResource[], control: MonitoringControl, pattern = control.patterns.cisV5): FixtureResource[] {
    const slug = control.control.replace(".", "-");
    const filter = base.find((r) => r.type === TYPES.metricFilter)!;
    const alarm = base.find((r) => r.type === TYPES.metricAlarm)!;
    const metric = { name: control.metric.name, namespace: control.metric.namespace, value: control.metric.value };
    return [
        { ...filter, name: `cis-${slug}`, props: { ...filter.props, name: `cis-${slug}`, pattern, metricTransformation: metric } },
        { ...alarm, name: `cis-${slug}-alarm`, props: { ...alarm.props, name: `cis-${slug}`, metricName: metric.name, namespace: metric.namespace } },
    ];
}

/** The Security Hub account as the provider records it (v7 state: region, and the defaults it fills). */
const SECURITY_HUB: FixtureResource = {
    type: CIS_4_16.resourceType,
    name: "security-hub",
    props: {
        region: "us-east-1",
        enableDefaultStandards: true,
        autoEnableControls: true,
        controlFindingGenerator: "SECURITY_CONTROL",
        arn: "arn:aws:securityhub:us-east-1:111122223333:hub/default",
    },
};

/** One trail, one log group, one topic; every control's filter and alarm on them, and Security Hub. */
function allControls(mode: Mode): FixtureResource[] {
    const base = chain({ mode });
    const others = MONITORING_CONTROLS.filter((c) => c.id !== CIS_4_1.id).flatMap((c) => controlResources(base, c));
    return [...base, ...others, SECURITY_HUB];
}

const mandatory = (analysis: Analysis) => [...new Set(analysis.diagnostics.filter((d) => d.level === "mandatory").map((d) => d.policy))].sort();
const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p);

describe("every catalog control, through the pack", function () {
    this.timeout(120_000);

    it("has one stack policy per catalog control, 4.1 mandatory under its old name, every other one advisory", function () {
        const names = [...MONITORING_CONTROLS, CIS_4_16].map(stackPolicyName);
        assert.deepEqual(stackPolicies.map((p) => p.name), names);
        assert.equal(names[0], STACK_POLICY_NAME);
        assert.equal(STACK_POLICY_NAME, "cis-aws-4-1-unauthorized-api-calls-monitored");
        for (const p of stackPolicies) {
            assert.equal(p.enforcementLevel, p.name === STACK_POLICY_NAME ? "mandatory" : "advisory", p.name);
        }
    });

    for (const mode of MODES) {
        describe(`${mode}`, function () {
            it('passes a stack with every control with {"all": "mandatory"}', async function () {
                const analysis = await analyzePack(policies, allControls(mode), ALL_MANDATORY);
                assert.deepEqual(analysis.diagnostics, []);
            });

            for (const control of MONITORING_CONTROLS) {
                it(`fails exactly ${stackPolicyName(control)} when CIS ${control.control}'s filter is removed`, async function () {
                    const stack = allControls(mode);
                    const slugs = control.id === CIS_4_1.id ? "unauthorized-calls" : `cis-${control.control.replace(".", "-")}`;
                    const without = stack.filter((r) => !(r.type === TYPES.metricFilter && r.name === slugs));
                    assert.equal(without.length, stack.length - 1);
                    const analysis = await analyzePack(policies, without, ALL_MANDATORY);
                    assert.deepEqual(mandatory(analysis), [stackPolicyName(control)]);
                    const message = analysis.diagnostics.find((d) => d.level === "mandatory")!.message;
                    // The control by number (its title is the policy's display name, beside every message), the broken link,
                    // and a pasteable component call.
                    assert.match(message, new RegExp(`the metric filters of CIS ${control.control.replace(".", "\\.")}[: ]`), message);
                    assert.match(message, /broken at link 3 of 5, the metric filters/);
                    const component = control.id === CIS_4_1.id ? /new UnauthorizedApiCallsAlarm\("unauthorized-api-calls", \{ logGroup/ : new RegExp(`new CisMonitoringAlarms\\("cis-monitoring", \\{ logGroup .*controls: \\["${control.control.replace(".", "\\.")}"\\], subscriptions`);
                    assert.match(message, component);
                });
            }

            it("fails exactly the Security Hub policy when the stack has no Security Hub account, and passes it when config says it is managed elsewhere", async function () {
                const without = allControls(mode).filter((r) => r.type !== CIS_4_16.resourceType);
                const analysis = await analyzePack(policies, without, ALL_MANDATORY);
                assert.deepEqual(mandatory(analysis), [stackPolicyName(CIS_4_16)]);
                assert.match(analysis.diagnostics[0]!.message, /Trail "main" \(home region us-east-1\): CIS 4\.16 "Ensure AWS Security Hub is enabled": no aws\.securityhub\.Account in its region\. Fix: add new aws\.securityhub\.Account\("security-hub", \{\}\) in us-east-1/);
                const elsewhere = parsePolicyConfig({ all: "mandatory", [stackPolicyName(CIS_4_16)]: { managedElsewhere: true } });
                assert.deepEqual((await analyzePack(policies, without, elsewhere)).diagnostics, []);
            });

            it("fails the Security Hub policy for an account in another region than the trail's", async function () {
                const moved = allControls(mode).map((r) => (r.type === CIS_4_16.resourceType ? { ...r, props: { ...r.props, region: "eu-west-1" } } : r));
                const analysis = await analyzePack(policies, moved, ALL_MANDATORY);
                assert.deepEqual(mandatory(analysis), [stackPolicyName(CIS_4_16)]);
                assert.match(analysis.diagnostics[0]!.message, /the stack's aws\.securityhub\.Account is in eu-west-1/);
            });
        });
    }

    describe("one filter serving two controls", function () {
        const [iam, cloudtrail] = ["4.4", "4.5"].map((n) => MONITORING_CONTROLS.find((c) => c.control === n)!) as [MonitoringControl, MonitoringControl];
        const inner = (c: MonitoringControl) => c.patterns.cisV5.trim().replace(/^\{\s*/, "").replace(/\s*\}$/, "");
        const shared = `{ (${inner(iam)}) || (${inner(cloudtrail)}) }`;

        function stack(mode: Mode, pattern: string): FixtureResource[] {
            const separate = new Set([`cis-4-4`, `cis-4-4-alarm`, `cis-4-5`, `cis-4-5-alarm`]);
            const base = allControls(mode).filter((r) => !separate.has(r.name));
            return [...base, ...controlResources(chain({ mode }), iam, pattern).map((r) => ({ ...r, name: `shared-${r.name}` }))];
        }

        for (const mode of MODES) {
            it(`${mode}: passes both 4.4 and 4.5 with one filter whose pattern covers each`, async function () {
                const analysis = await analyzePack(policies, stack(mode, shared), ALL_MANDATORY);
                assert.deepEqual(analysis.diagnostics, []);
            });

            it(`${mode}: fails exactly 4.5 when the shared pattern drops 4.5's half`, async function () {
                const analysis = await analyzePack(policies, stack(mode, iam.patterns.cisV5), ALL_MANDATORY);
                assert.deepEqual(mandatory(analysis), [stackPolicyName(cloudtrail)]);
                assert.match(analysis.diagnostics.find((d) => d.level === "mandatory")!.message, /no metric filter|miss some CloudTrail configuration changes/);
            });
        }
    });

    describe("upgrade: a stack the 4.1-only pack judged gets the same mandatory verdicts by default", function () {
        const variants: Record<string, FixtureResource[]> = {
            "the compliant chain": chain({ mode: "update" }),
            "the compliant chain in preview": chain({ mode: "preview" }),
            "no filter": chain({ mode: "update", omit: ["filter"] }),
            "no alarm": chain({ mode: "update", omit: ["alarm"] }),
            "no subscription": chain({ mode: "update", omit: ["subscription"] }),
            "a single-region trail": chain({ mode: "update", props: { trail: { isMultiRegionTrail: false } } }),
            "no trail": chain({ mode: "update", omit: ["trail"] }),
        };
        const oldPack: Policy[] = policies.filter((p) => p.name.startsWith("cis-aws-4-1-"));
        for (const [name, resources] of Object.entries(variants)) {
            it(`${name}: mandatory findings as with the 4.1 policies alone; the new controls only advise`, async function () {
                const before = await analyzePack(oldPack, resources, {});
                const after = await analyzePack(policies, resources, {});
                const mandatoryOf = (a: Analysis) => a.diagnostics.filter((d) => d.level === "mandatory");
                assert.deepEqual(mandatoryOf(after), mandatoryOf(before));
                const added = after.diagnostics.filter((d) => !d.policy.startsWith("cis-aws-4-1-"));
                assert.ok(added.every((d) => d.level === "advisory"), JSON.stringify(added));
            });
        }
    });

    it("reports the new controls at mandatory on a 4.1-only stack once configured per policy", async function () {
        const config = parsePolicyConfig({ [stackPolicyName(MONITORING_CONTROLS[2]!)]: "mandatory" });
        const analysis = await analyzePack(policies, [...chain({ mode: "update" }), SECURITY_HUB], config);
        assert.deepEqual(mandatory(analysis), [stackPolicyName(MONITORING_CONTROLS[2]!)]);
        assert.ok(urnOf(TYPES.trail, "main") === analysis.diagnostics.find((d) => d.level === "mandatory")!.urn);
    });
});
