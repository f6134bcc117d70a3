/**
 * The hostile suites send their requests through a linear-time encoder
 * (generators.ts `stackRequestBytes`, `analyzeRequestBytes`) instead of
 * google-protobuf's `Struct.fromJavaScript`, which is quadratic in nesting.
 * What they prove rests on the pack receiving the same request, so this
 * checks the encoder byte for byte against google-protobuf on the values
 * those suites send: every hostile value of pack-grpc.test.ts, generated
 * graphs from the fuzzer's arbitraries, and the edge cases of the encoding
 * itself (sorted keys, a `__proto__` key, lone surrogates, long strings).
 */
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import { CIS_V5_PATTERN } from "trailwatch/engine";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { UNKNOWN, secret, stackRequest, type FixtureResource } from "../policy/harness";
import { chain } from "../policy/stacks";
import { ODD_TEXT, analyzeRequest, analyzeRequestBytes, buildGraph, deepList, deepObject, graphSpec, hugeString, stackRequestBytes, PROPERTY_NAMES } from "./generators";

/** Same bytes as google-protobuf's own encoding of the same request. */
function assertSameStackRequest(resources: readonly FixtureResource[], what: string): void {
    const expected = Buffer.from(stackRequest(resources).serializeBinary());
    assert.ok(stackRequestBytes(resources).equals(expected), `${what}: AnalyzeStackRequest bytes differ from google-protobuf's`);
    for (const r of resources) {
        assert.ok(analyzeRequestBytes(r).equals(Buffer.from(analyzeRequest(r).serializeBinary())), `${what}: AnalyzeRequest bytes of ${r.type} differ`);
    }
}

/** A property bag built with `__proto__` as an own, enumerable key, as a computed key in an object literal makes it. */
function withProtoKey(value: unknown): Record<string, unknown> {
    return { z: 1, ["__proto__"]: value, a: 2 };
}

const VALUES: ReadonlyArray<readonly [string, unknown]> = [
    ["null", null],
    ["an empty object", {}],
    ["an empty list", []],
    ["a nested list", [[["x"]]]],
    ["numbers", [0, -0, 1.5, -1e308, 2 ** 53 + 1, Number.MIN_VALUE, NaN, Infinity]],
    ["booleans", [true, false]],
    ["control and bidi characters", ODD_TEXT],
    ["lone and paired surrogates, short and long", ["\ud800", "\udfff\ud800", "😀", `${hugeString(1000)}\ud800`, `${hugeString(1000)}😀`]],
    ["a 20 kB string", hugeString(20 * 1024)],
    ["non-ASCII text over the native-encoding threshold", "é€😀".repeat(200)],
    ["a 100 kB pattern", `{ $.errorCode = "*UnauthorizedOperation" || $.eventName = "${hugeString(100 * 1024)}" }`],
    ["unknown", UNKNOWN],
    ["a secret object", secret({ wrong: [1, 2] })],
    ["unsorted keys, empty and odd keys", { b: 1, a: { "": 0, "\ud800": 1, Z: 2, é: 3, constructor: 4, hasOwnProperty: 5 } }],
    ["a __proto__ key (google-protobuf never sends it)", withProtoKey({ x: 1 })],
    ["the CIS pattern", CIS_V5_PATTERN],
];

describe("hostile: the suites' linear request encoder", function () {
    this.timeout(60_000);

    it("every hostile value in every property of every chain resource: the bytes google-protobuf would send", () => {
        for (const [name, value] of VALUES) {
            const resources = chain({ mode: "update" }).map((r) => ({
                ...r,
                props: { ...Object.fromEntries(Object.keys(r.props).map((k) => [k, value])), extra: value },
            }));
            assertSameStackRequest(resources, name);
        }
    });

    // google-protobuf's side is quadratic in nesting: one property each keeps this test fast.
    it("an object and a list nested 500 levels (pack-grpc's depth) in a property of the trail", () => {
        for (const [name, value] of [
            ["an object nested 500 levels", deepObject(500)],
            ["a list nested 500 levels", deepList(500)],
        ] as const) {
            const trail = chain({ mode: "update" }).filter((r) => r.type === TYPES.trail);
            assertSameStackRequest(trail.map((r) => ({ ...r, props: { ...r.props, isMultiRegionTrail: value } })), name);
        }
    });

    it("the compliant chain, a preview, a bare chain and a 2 MB property outside it", () => {
        assertSameStackRequest(chain({ mode: "update" }), "compliant chain");
        assertSameStackRequest(chain({ mode: "preview" }), "preview chain");
        assertSameStackRequest(chain({ mode: "update" }).map((r) => ({ ...r, props: {}, provider: null })), "bare chain without providers");
        assertSameStackRequest(
            [...chain({ mode: "update" }), { type: TYPES.topic, name: "big", props: { name: "big", policy: hugeString(2 * 1024 * 1024) } }],
            "a 2 MB property (the 20 MB case's encoding path, at a tenth of google-protobuf's cost)",
        );
    });

    it("30 graphs from the fuzzer's arbitraries, property names it uses included", () => {
        assert.ok(PROPERTY_NAMES.includes("__proto__"), "the fuzzer's property names still include __proto__");
        for (const spec of fc.sample(graphSpec(), { seed: 20261123, numRuns: 30 })) {
            assertSameStackRequest(buildGraph(spec), JSON.stringify(spec).slice(0, 200));
        }
    });
});
