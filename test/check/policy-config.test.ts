import * as assert from "node:assert/strict";
import * as path from "node:path";
import fc from "fast-check";
import type * as JsonSchema from "../../component/src/check/json-schema";
import type * as PolicyConfig from "../../component/src/check/policy-config";
import { FIXTURES, loadCheck } from "./helpers";

const { validateJsonSchema } = loadCheck<typeof JsonSchema>("json-schema");
const { loadPolicyConfigFile, parsePolicyConfig, reconcilePolicyConfig } = loadCheck<typeof PolicyConfig>("policy-config");

const LEVEL_SCHEMA = { type: "string", enum: ["advisory", "mandatory", "remediate", "disabled"] };
const policies: PolicyConfig.PolicyConfigTarget[] = [
    {
        name: "alarm",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: { threshold: { type: "integer", minimum: 1, default: 1 }, enforcementLevel: LEVEL_SCHEMA },
            required: [],
        },
    },
    { name: "topic", enforcementLevel: "advisory" },
];

describe("check: policy config", () => {
    it("parses levels as strings and as objects with properties", () => {
        assert.deepEqual(parsePolicyConfig({ all: "advisory", alarm: { enforcementLevel: "disabled", threshold: 2 } }), {
            all: { enforcementLevel: "advisory" },
            alarm: { enforcementLevel: "disabled", properties: { threshold: 2 } },
        });
    });

    it("rejects what the engine rejects", () => {
        assert.throws(() => parsePolicyConfig([]), /JSON object/);
        assert.throws(() => parsePolicyConfig({ alarm: "strict" }), /"strict" is not a valid enforcement level/);
        assert.throws(() => parsePolicyConfig({ alarm: 3 }), /must be a string or object/);
        assert.throws(() => parsePolicyConfig({ environments: ["prod"] }), /not supported offline/);
    });

    it("fills schema defaults, then initial config, then the file; `all` sets every level", () => {
        const { config, errors } = reconcilePolicyConfig(policies, { topic: { enforcementLevel: "mandatory" } }, {
            all: { enforcementLevel: "advisory" },
            alarm: { properties: { threshold: 3 } },
        });
        assert.deepEqual(errors, []);
        assert.deepEqual(config.alarm, { enforcementLevel: "advisory", properties: { threshold: 3 } });
        assert.deepEqual(config.topic, { enforcementLevel: "advisory", properties: {} });
        assert.deepEqual(config.all, { enforcementLevel: "advisory", properties: {} });
    });

    it("reports schema violations per policy, sorted, and configures nothing", () => {
        const { errors } = reconcilePolicyConfig(policies, {}, { alarm: { properties: { threshold: 0, extra: true } } });
        assert.deepEqual(errors, ["alarm: threshold: Must be greater than or equal to 1"]);
    });

    it("reads config files and names the file when it cannot", () => {
        assert.deepEqual(loadPolicyConfigFile(path.join(FIXTURES, "config", "valid.json"))["trail-forbidden"], {
            enforcementLevel: "mandatory",
        });
        assert.throws(() => loadPolicyConfigFile(path.join(FIXTURES, "config", "not-json.json")), /not-json\.json is not valid JSON/);
        assert.throws(() => loadPolicyConfigFile(path.join(FIXTURES, "config", "missing.json")), /missing\.json: no such file/);
    });
});

describe("check: JSON Schema subset", () => {
    it("words errors like gojsonschema, root errors unprefixed", () => {
        const schema = {
            type: "object",
            properties: { name: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
            required: ["name"],
            additionalProperties: false,
        };
        assert.deepEqual(validateJsonSchema(schema, { tags: ["a", 1], other: 1 }), [
            "name is required",
            "tags.1: Invalid type. Expected: string, given: integer",
            "Additional property other is not allowed",
        ]);
        assert.deepEqual(validateJsonSchema({ enum: ["a", "b"] }, "c"), ['(root) must be one of the following: "a", "b"']);
    });

    it("counts an object's properties against minProperties and maxProperties", () => {
        const schema = { type: "array", items: { type: "object", minProperties: 1, maxProperties: 2 } };
        assert.deepEqual(validateJsonSchema(schema, [{ a: 1 }, {}, { a: 1, b: 2, c: 3 }]), [
            "1: Must have at least 1 properties",
            "2: Must have at most 2 properties",
        ]);
    });

    it("accepts exactly the integers at or above a minimum", () => {
        fc.assert(
            fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (minimum, value) => {
                const errors = validateJsonSchema({ type: "integer", minimum }, value);
                assert.equal(errors.length === 0, value >= minimum);
            }),
        );
    });
});
