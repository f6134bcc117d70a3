/**
 * The real policy pack, through its gRPC interface, fed values no provider
 * would produce: wrong types, null, unknown, secret, deeply nested, huge,
 * odd Unicode, patterns at and over CloudWatch's limits. Every case must get
 * a verdict (pass, violation, or an explicit advisory saying what could not
 * be evaluated), within a bound, without the pack crashing; a load-bearing
 * property the pack could not read must never pass.
 */
import * as assert from "node:assert/strict";
import { CIS_V5_PATTERN } from "trailwatch/engine";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { UNKNOWN, secret, type FixtureResource } from "../policy/harness";
import { chain, type Role } from "../policy/stacks";
import { oneChainAmong, trailsWithoutChain } from "./huge-stacks";
import {
    ODD_TEXT,
    POLICIES,
    type PackHarness,
    type Verdict,
    deepList,
    deepObject,
    hugeString,
    startPack,
    verdictOf,
} from "./generators";

/**
 * Nesting every hostile list uses: deep, yet within what the protocol's
 * protobuf library (google-protobuf, recursive, on both sides of the
 * connection) handles on Node's default stack. Deeper values have their own
 * test below, and go through `trailwatch check` in cli-files.test.ts.
 */
const DEPTH = 500;

/** The huge-stack cases' sizes here; `npm run bench` runs them at 50,000 resources and 10,000 trails. */
const SCALE = { resources: 2_000, trails: 500 } as const;

/** Nesting of the dedicated deep test: thousands of levels, as the engine can send them. */
const DEEP = 5000;

/** Values no provider produces for a property of any type. */
const ANY_TYPE_HOSTILE: ReadonlyArray<readonly [string, unknown]> = [
    ["null", null],
    ["an empty object", {}],
    ["an empty list", []],
    ["a nested list", [[["x"]]]],
    ["an object nested 500 levels", deepObject(DEPTH)],
    ["a list nested 500 levels", deepList(DEPTH)],
    ["NaN-like text", "NaN"],
];

/** Hostile values for a string property. */
const STRING_HOSTILE: ReadonlyArray<readonly [string, unknown]> = [
    ...ANY_TYPE_HOSTILE,
    ["a number", 42],
    ["a boolean", true],
    ["the empty string", ""],
    ["control and bidi characters", ODD_TEXT],
    ["a 20 kB string", hugeString(20 * 1024)],
];

/** Hostile values for a boolean property whose only passing value is `true`. */
const BOOLEAN_HOSTILE: ReadonlyArray<readonly [string, unknown]> = [
    ...ANY_TYPE_HOSTILE,
    ["a number", 1],
    ["the string yes", "yes"],
    ["control and bidi characters", ODD_TEXT],
];

/** Hostile values for a number property. */
const NUMBER_HOSTILE: ReadonlyArray<readonly [string, unknown]> = [
    ...ANY_TYPE_HOSTILE,
    ["a boolean", true],
    ["text", "one"],
    ["control and bidi characters", ODD_TEXT],
    ["a 20 kB string of digits", hugeString(20 * 1024, "9")],
];

/** Properties the CIS 4.1 chain depends on: a value the pack cannot read there must not pass. */
const LOAD_BEARING: ReadonlyArray<{ role: Role; property: string; values: ReadonlyArray<readonly [string, unknown]> }> = [
    { role: "trail", property: "isMultiRegionTrail", values: BOOLEAN_HOSTILE },
    { role: "trail", property: "cloudWatchLogsGroupArn", values: STRING_HOSTILE },
    // An empty pattern matches every event in CloudWatch Logs, so it is not hostile there.
    { role: "filter", property: "pattern", values: STRING_HOSTILE.filter(([, v]) => v !== "") },
    { role: "filter", property: "logGroupName", values: STRING_HOSTILE },
    { role: "filter", property: "metricTransformation", values: STRING_HOSTILE },
    { role: "alarm", property: "metricName", values: STRING_HOSTILE },
    { role: "alarm", property: "namespace", values: STRING_HOSTILE },
    { role: "alarm", property: "comparisonOperator", values: STRING_HOSTILE },
    { role: "alarm", property: "statistic", values: STRING_HOSTILE },
    { role: "alarm", property: "threshold", values: NUMBER_HOSTILE },
    { role: "alarm", property: "alarmActions", values: STRING_HOSTILE },
    { role: "subscription", property: "topic", values: STRING_HOSTILE },
];

/** Properties the chain does not depend on. */
const INCIDENTAL: ReadonlyArray<{ role: Role; property: string }> = [
    { role: "trail", property: "tags" },
    { role: "logGroup", property: "retentionInDays" },
    { role: "alarm", property: "alarmDescription" },
    { role: "topic", property: "displayName" },
];

function describeVerdict(v: Verdict): string {
    return JSON.stringify(v).slice(0, 600);
}

/** A verdict that is not a pass, with messages that say something. */
function assertNotPass(v: Verdict, what: string): void {
    assert.ok(v.kind === "violation" || v.kind === "advisory", `${what}: expected a violation or an explicit advisory, got ${describeVerdict(v)}`);
    for (const m of v.messages) {
        assert.ok(m.trim().length > 0, `${what}: an empty message`);
    }
}

/**
 * For a resource policy on a resource it may not apply to: not a pass, or
 * an explicit "not applicable" with a reason.
 */
function assertExplicit(v: Verdict, what: string): void {
    if (v.kind === "not-applicable") {
        assert.ok(v.reason.trim().length > 0, `${what}: not applicable without a reason`);
        return;
    }
    assertNotPass(v, what);
}

/** Any verdict but a gRPC error (the caller rejects on those). */
function assertDefined(v: Verdict, what: string): void {
    assert.ok(["pass", "violation", "advisory", "not-applicable"].includes(v.kind), `${what}: ${describeVerdict(v)}`);
}

/** The same resources with `suffix` added to every logical name (URN), dependencies following. */
function renamed(resources: readonly FixtureResource[], suffix: string): FixtureResource[] {
    const rename = (urn: string) => `${urn}${suffix}`;
    return resources.map((r) => ({
        ...r,
        name: `${r.name}${suffix}`,
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [k, urns.map(rename)])),
    }));
}

/** A compliant chain (after the update) with one property of one resource replaced. */
function withProperty(role: Role, property: string, value: unknown): FixtureResource[] {
    return chain({ mode: "update", props: { [role]: { [property]: value } } });
}

describe("hostile: the policy pack over gRPC", function () {
    this.timeout(180_000);
    let pack: PackHarness;

    before(async function () {
        pack = await startPack();
    });

    after(async function () {
        await pack?.close();
    });

    afterEach(async function () {
        // After every case, the same process still answers and printed no crash.
        await pack.assertHealthy();
    });

    it("baseline: the compliant chain passes (so the cases below fail for the reason they name)", async () => {
        assert.deepEqual(verdictOf(await pack.analyzeStack(chain({ mode: "update" })), POLICIES.stack), { kind: "pass" });
    });

    describe("a load-bearing property the pack cannot read never passes", () => {
        for (const { role, property, values } of LOAD_BEARING) {
            it(`${role}.${property}: ${values.map(([name]) => name).join(", ")}`, async () => {
                for (const [name, value] of values) {
                    const response = await pack.analyzeStack(withProperty(role, property, value));
                    assertNotPass(verdictOf(response, POLICIES.stack), `${role}.${property} = ${name}`);
                }
            });
        }
    });

    it("encoding check: a hand-encoded 10-level property reaches the pack like an ordinary one", async () => {
        const resources = chain({ mode: "update" });
        const trail = resources.findIndex((r) => r.type === TYPES.trail);
        const v = verdictOf(await pack.analyzeStackDeep(resources, trail, "isMultiRegionTrail", 10), POLICIES.stack);
        assertNotPass(v, "isMultiRegionTrail = 10-level object (hand-encoded)");
        assert.deepEqual(verdictOf(await pack.analyzeStackDeep(resources, trail, "tags", 10), POLICIES.stack), { kind: "pass" });
    });

    // google-protobuf's recursive reader inside @pulumi/policy cannot decode this deep (upstream);
    // `trailwatch check` refuses such input up front (test/hostile/cli-files). Here the guarantee is
    // that the pack fails the call loudly, never passes it, and keeps serving.
    it(`a ${DEEP}-level object in a load-bearing property (trail, filter, alarm) fails the call loudly, never passes, and the pack keeps serving`, async () => {
        const resources = chain({ mode: "update" });
        for (const [type, property] of [
            [TYPES.trail, "isMultiRegionTrail"],
            [TYPES.metricFilter, "pattern"],
            [TYPES.metricAlarm, "threshold"],
        ] as const) {
            // Remove the compliant value, so the deep one is what the pack must read.
            const index = resources.findIndex((r) => r.type === type);
            const without = resources.map((r, i) => (i === index ? { ...r, props: Object.fromEntries(Object.entries(r.props).filter(([k]) => k !== property)) } : r));
            const outcome = await pack.analyzeStackDeep(without, index, property, DEEP).then(
                (response) => verdictOf(response, POLICIES.stack),
                (err: unknown) => err as Error,
            );
            if (outcome instanceof Error) {
                assert.match(outcome.message, /deserializ|INTERNAL|RESOURCE_EXHAUSTED/i, `${type}.${property}: an explicit decoding error`);
            } else {
                assertNotPass(outcome, `${type}.${property}`);
            }
            assert.deepEqual(verdictOf(await pack.analyzeStack(chain({ mode: "update" })), POLICIES.stack), { kind: "pass" }, "the pack still serves");
        }
    });

    describe("unknown values are reported as undecided, never passed", () => {
        for (const { role, property } of LOAD_BEARING) {
            it(`${role}.${property} unknown after the update`, async () => {
                // Without the property dependency that would tell the pack where the value comes from.
                const resources = withProperty(role, property, UNKNOWN).map((r) => ({
                    ...r,
                    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).filter(([k]) => k !== property)),
                }));
                const v = verdictOf(await pack.analyzeStack(resources), POLICIES.stack);
                assertNotPass(v, `${role}.${property} unknown`);
            });
        }
    });

    describe("secrets are read through, whatever they hold", () => {
        it("a compliant chain whose every load-bearing value is secret still passes", async () => {
            const compliant = chain({ mode: "update" });
            const secretChain = compliant.map((r) => ({
                ...r,
                props: Object.fromEntries(Object.entries(r.props).map(([k, v]) => [k, k === "region" ? v : secret(v)])),
            }));
            assert.deepEqual(verdictOf(await pack.analyzeStack(secretChain), POLICIES.stack), { kind: "pass" });
        });

        for (const { role, property } of LOAD_BEARING) {
            it(`${role}.${property}: a secret holding a wrong-typed value does not pass`, async () => {
                const v = verdictOf(await pack.analyzeStack(withProperty(role, property, secret({ wrong: [1, 2] }))), POLICIES.stack);
                assertNotPass(v, `${role}.${property} = secret(object)`);
            });
        }
    });

    describe("incidental properties and whole property bags", () => {
        for (const { role, property } of INCIDENTAL) {
            it(`${role}.${property}: hostile values leave the verdict a pass`, async () => {
                for (const [name, value] of STRING_HOSTILE) {
                    const v = verdictOf(await pack.analyzeStack(withProperty(role, property, value)), POLICIES.stack);
                    assert.deepEqual(v, { kind: "pass" }, `${role}.${property} = ${name}`);
                }
            });
        }

        it("every resource with no properties at all: a verdict, not a pass", async () => {
            const bare = chain({ mode: "update" }).map((r) => ({ ...r, props: {} }));
            assertNotPass(verdictOf(await pack.analyzeStack(bare), POLICIES.stack), "empty property bags");
        });

        it("a resource of every chain type whose props hold a 500-level object under every key of the compliant chain", async () => {
            const nested = chain({ mode: "update" }).map((r) => ({
                ...r,
                props: Object.fromEntries(Object.keys(r.props).map((k) => [k, deepObject(DEPTH)])),
            }));
            assertNotPass(verdictOf(await pack.analyzeStack(nested), POLICIES.stack), "deeply nested props");
        });

        it("property dependencies naming URNs that do not exist, and resources depending on themselves", async () => {
            const resources = chain({ mode: "preview" }).map((r) => ({
                ...r,
                propertyDependencies: { ...r.propertyDependencies, cloudWatchLogsGroupArn: ["urn:pulumi:dev::x::nope::gone"], topic: ["urn:pulumi:dev::x::nope::gone"] },
            }));
            assertDefined(verdictOf(await pack.analyzeStack(resources), POLICIES.stack), "dangling dependencies");
        });
    });

    describe("odd Unicode and control characters in names", () => {
        const names = ["\u0000", "\u001b[2J\u001b[31mred", "\u202egnp.exe", "😀".repeat(100), "a\r\nb", "\ud800", "name with \"quotes\" and \\", "x".repeat(10_000)];
        it("in logical names (URNs): the compliant chain still passes", async () => {
            for (const odd of names) {
                const resources = renamed(chain({ mode: "update" }), odd);
                const v = verdictOf(await pack.analyzeStack(resources), POLICIES.stack);
                assert.deepEqual(v, { kind: "pass" }, `suffix ${JSON.stringify(odd).slice(0, 80)}`);
            }
        });

        it("in the log group's and topic's physical names, used consistently: a verdict for each", async () => {
            for (const odd of names) {
                const resources = chain({
                    mode: "update",
                    props: {
                        trail: { cloudWatchLogsGroupArn: `arn:aws:logs:us-east-1:111122223333:log-group:${odd}:*` },
                        logGroup: { name: odd, arn: `arn:aws:logs:us-east-1:111122223333:log-group:${odd}` },
                        filter: { logGroupName: odd },
                    },
                });
                assertDefined(verdictOf(await pack.analyzeStack(resources), POLICIES.stack), `group name ${JSON.stringify(odd).slice(0, 80)}`);
            }
        });
    });

    describe("patterns at and over CloudWatch's limits", () => {
        const padded = (length: number) => {
            const base = CIS_V5_PATTERN;
            return `${base.slice(0, -1)}${" ".repeat(length - base.length)}}`;
        };
        const nested = (depth: number) => `{ ${"(".repeat(depth)}($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")${")".repeat(depth)} }`;

        const filterVerdicts = async (pattern: string) => {
            const resources = withProperty("filter", "pattern", pattern);
            const stack = verdictOf(await pack.analyzeStack(resources), POLICIES.stack);
            const filter = resources.find((r) => r.type === TYPES.metricFilter)!;
            const resource = verdictOf(await pack.analyze(filter), POLICIES.filter);
            return { stack, resource };
        };

        it("exactly 1,024 characters: the CIS pattern padded to the limit passes", async () => {
            assert.equal(padded(1024).length, 1024);
            const { stack, resource } = await filterVerdicts(padded(1024));
            assert.deepEqual(stack, { kind: "pass" });
            assert.deepEqual(resource, { kind: "pass" });
        });

        it("1,025 characters: CloudWatch rejects it, so the stack fails and the filter policy says why", async () => {
            const { stack, resource } = await filterVerdicts(padded(1025));
            assertNotPass(stack, "1,025-character pattern");
            assertNotPass(resource, "1,025-character pattern (filter policy)");
            assert.ok(resource.kind !== "pass" && resource.kind !== "error" && resource.kind !== "not-applicable");
            assert.match(resource.messages.join("\n"), /1,?024|1,?025|too long|characters/);
        });

        it("a 1 MB pattern and a 5 MB pattern", async () => {
            for (const size of [1024 * 1024, 5 * 1024 * 1024]) {
                const { stack, resource } = await filterVerdicts(
                    `{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" || $.eventName = "${hugeString(size)}" }`,
                );
                assertNotPass(stack, `${size}-byte pattern`);
                assertNotPass(resource, `${size}-byte pattern (filter policy)`);
            }
        });

        it("5,000 nested parentheses (over the length limit) and 300 (within it, over the nesting limit)", async () => {
            for (const depth of [5000, 300]) {
                const { stack, resource } = await filterVerdicts(nested(depth));
                assertNotPass(stack, `${depth} nested parentheses`);
                assertNotPass(resource, `${depth} nested parentheses (filter policy)`);
            }
        });

        it("60 nested parentheses around the CIS alternatives: within every limit, it passes", async () => {
            const text = nested(60);
            assert.ok(text.length <= 1024);
            const { stack, resource } = await filterVerdicts(text);
            assert.deepEqual(stack, { kind: "pass" });
            assert.deepEqual(resource, { kind: "pass" });
        });

        it("empty and whitespace-only patterns (CloudWatch matches every event): a verdict", async () => {
            for (const pattern of ["", "   ", "\t\n"]) {
                const { stack, resource } = await filterVerdicts(pattern);
                assertDefined(stack, `pattern ${JSON.stringify(pattern)}`);
                assertDefined(resource, `pattern ${JSON.stringify(pattern)} (filter policy)`);
            }
        });

        it("unbalanced, control characters, lone surrogates and NUL", async () => {
            for (const pattern of ["((((((((((", "{ $.errorCode = \"AccessDenied*\" ", ODD_TEXT, "\u0000", "\ud800\udfff\ud800", "{ $.errorCode = \"\u0000*UnauthorizedOperation\" || $.errorCode = \"AccessDenied*\" }"]) {
                const { stack, resource } = await filterVerdicts(pattern);
                assertNotPass(stack, `pattern ${JSON.stringify(pattern)}`);
                if (/UnauthorizedOperation|AccessDenied/.test(pattern)) {
                    assertNotPass(resource, `pattern ${JSON.stringify(pattern)} (filter policy)`);
                } else {
                    // The filter policy only judges patterns that read like unauthorized-call monitoring.
                    assertDefined(resource, `pattern ${JSON.stringify(pattern)} (filter policy)`);
                }
            }
        });
    });

    describe("resource policies (Analyze) on hostile inputs", () => {
        it("the filter and alarm policies give a verdict for every hostile value of every property they read", async () => {
            const compliant = chain({ mode: "update" });
            for (const { role, property, values } of LOAD_BEARING.filter((l) => l.role === "filter" || l.role === "alarm")) {
                const resource = compliant.find((r) => r.type === (role === "filter" ? TYPES.metricFilter : TYPES.metricAlarm))!;
                const policy = role === "filter" ? POLICIES.filter : POLICIES.alarm;
                for (const [name, value] of [...values, ["unknown", UNKNOWN] as const, ["a secret object", secret({ x: 1 })] as const]) {
                    const response = await pack.analyze({ ...resource, props: { ...resource.props, [property]: value } });
                    assertDefined(verdictOf(response, policy), `${role}.${property} = ${name}`);
                }
            }
        });

        it("a metric filter whose pattern is wrong-typed is never silently passed by the filter policy", async () => {
            const filter = chain({ mode: "update" }).find((r) => r.type === TYPES.metricFilter)!;
            for (const value of [42, {}, [CIS_V5_PATTERN], deepObject(DEPTH), true]) {
                const v = verdictOf(await pack.analyze({ ...filter, props: { ...filter.props, pattern: value } }), POLICIES.filter);
                assertExplicit(v, `pattern = ${JSON.stringify(value).slice(0, 60)}`);
            }
        });
    });

    // At 10,000 and 50,000 resources these run in `npm run bench` (scaleVerdicts), with the same verdicts.
    describe("huge stacks", () => {
        it(`${SCALE.resources.toLocaleString("en")} resources: one compliant chain among ${(SCALE.resources - 6).toLocaleString("en")} log groups, filters and topics`, async () => {
            const resources = oneChainAmong(SCALE.resources);
            assert.equal(resources.length, SCALE.resources);
            assert.deepEqual(verdictOf(await pack.analyzeStack(resources), POLICIES.stack), { kind: "pass" });
        });

        it(`${SCALE.trails.toLocaleString("en")} trails, none compliant: a violation, not a pass`, async () => {
            assertNotPass(verdictOf(await pack.analyzeStack(trailsWithoutChain(SCALE.trails)), POLICIES.stack), `${SCALE.trails} trails`);
        });

        it("a 20 MB property on a resource outside the chain leaves the compliant chain passing", async () => {
            const resources = [...chain({ mode: "update" }), { type: TYPES.topic, name: "big", props: { name: "big", policy: hugeString(20 * 1024 * 1024) } }];
            assert.deepEqual(verdictOf(await pack.analyzeStack(resources), POLICIES.stack), { kind: "pass" });
        });
    });
});
