/**
 * The pack's configuration. The Pulumi CLI validates `--policy-pack-config`
 * (and Pulumi Cloud policy-group config) against each policy's
 * `configSchema`, wrapped as `{ type: "object", properties, required }`,
 * with a JSON Schema draft-07 validator (gojsonschema, in Go); these tests
 * use ajv, a draft-07 validator, on the same wrapped schema. The pack's own
 * readers repeat the check for drivers that skip the CLI.
 */
import * as assert from "node:assert/strict";
import Ajv from "ajv";
import type { PolicyConfigSchema } from "@pulumi/policy";
import {
    ConfigError,
    FILTER_CONFIG_SCHEMA,
    STACK_CONFIG_SCHEMA,
    readFilterConfig,
    readStackConfig,
} from "trailwatch-policy-pack/dist/config";
import { policies, unauthorizedApiCallsMonitored } from "trailwatch-policy-pack/dist/policies";
import { analyzeStack } from "./harness";
import { chain } from "./stacks";
import { readSecurityHubConfig } from "trailwatch-policy-pack/dist/policies/security-hub";

/** The schema exactly as the CLI validates it (`convertSchema` in pkg/resource/analyzer/config.go). */
function asValidated(schema: PolicyConfigSchema): object {
    return { type: "object", properties: schema.properties, ...(schema.required?.length ? { required: schema.required } : {}) };
}

function errorsOf(schema: PolicyConfigSchema, config: object): string[] {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(asValidated(schema));
    return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
}

const cloudFrontReads = { eventSource: "s3.amazonaws.com", eventName: "GetObject", "userIdentity.invokedBy": "cloudfront.amazonaws.com" };

const VALID: readonly [string, object][] = [
    ["no configuration", {}],
    ["excluded CloudFront reads", { excludedRecords: [cloudFrontReads] }],
    ["every option", {
        excludedRecords: [cloudFrontReads, { eventName: "HeadBucket" }],
        securityHubCompatible: true,
        requireTrail: true,
        externalLogGroups: [{ name: "org-trail-logs", region: "eu-west-1" }, { name: "shared" }],
        undecidedVerdict: "enforce",
    }],
];

const INVALID: readonly [string, object, RegExp, RegExp][] = [
    ["an empty record shape", { excludedRecords: [{}] }, /excludedRecords\[0\]/, /excludedRecords\[0\]/],
    ["a glob that is not a string", { excludedRecords: [{ eventName: 1 }] }, /should be string/, /excludedRecords\[0\]\.eventName/],
    ["record shapes that are not a list", { excludedRecords: cloudFrontReads }, /should be array/, /expected an array/],
    ["a group without a name", { externalLogGroups: [{ region: "us-east-1" }] }, /name/, /externalLogGroups\[0\]\.name/],
    ["a misspelt group key", { externalLogGroups: [{ name: "g", regoin: "us-east-1" }] }, /additional properties/, /unexpected properties regoin/],
    ["a non-boolean flag", { requireTrail: "yes" }, /should be boolean/, /requireTrail: expected a boolean/],
    ["an unknown undecided verdict", { undecidedVerdict: "block" }, /allowed values/, /undecidedVerdict/],
];

/** Keys the schemas do not have: the engine passes them (a @pulumi/policy schema cannot close its top level); the readers refuse them. */
const UNKNOWN_KEYS: readonly [string, object, RegExp][] = [
    ["requiredTrail (for requireTrail)", { requiredTrail: true }, /requiredTrail: unknown key; did you mean "requireTrail"\?/],
    ["enforcmentLevel (for enforcementLevel, which getConfig strips)", { enforcmentLevel: "mandatory" }, /enforcmentLevel: unknown key/],
];

describe("configuration", () => {
    describe("stack policy schema, as the CLI validates it", () => {
        for (const [name, config] of VALID) {
            it(`accepts ${name}`, () => {
                assert.deepEqual(errorsOf(STACK_CONFIG_SCHEMA, config), []);
                assert.doesNotThrow(() => readStackConfig(config));
            });
        }
        for (const [name, config, schemaError, readerError] of INVALID) {
            it(`rejects ${name}, in the schema and in the reader`, () => {
                const errors = errorsOf(STACK_CONFIG_SCHEMA, config);
                assert.ok(errors.some((e) => schemaError.test(e)), errors.join("\n"));
                assert.throws(() => readStackConfig(config), (e: unknown) => e instanceof ConfigError && readerError.test(e.message));
            });
        }
        for (const [name, config, readerError] of UNKNOWN_KEYS) {
            it(`refuses the unknown key ${name} in the reader`, () => {
                assert.throws(() => readStackConfig(config), (e: unknown) => e instanceof ConfigError && readerError.test(e.message));
            });
        }
        it("refuses an unknown key in the filter and Security Hub readers too", () => {
            assert.throws(() => readFilterConfig({ excludedRecord: [] }), /excludedRecord: unknown key; did you mean "excludedRecords"\?/);
            assert.throws(() => readSecurityHubConfig({ managedElseWhere: true }), /managedElseWhere: unknown key; did you mean "managedElsewhere"\?/);
        });
        it("rejects a region that is not a region name", () => {
            const errors = errorsOf(STACK_CONFIG_SCHEMA, { externalLogGroups: [{ name: "g", region: "Europe" }] });
            assert.ok(errors.some((e) => /should match pattern/.test(e)), errors.join("\n"));
        });
    });

    describe("defaults", () => {
        it("fills in the schema defaults the CLI would send", () => {
            assert.deepEqual(readStackConfig({}), {
                excludedRecords: [],
                securityHubCompatible: false,
                requireTrail: false,
                externalLogGroups: [],
                undecidedVerdict: "advisory",
            });
            assert.deepEqual(readFilterConfig({}), { excludedRecords: [], securityHubCompatible: false });
        });

        it("reads every default from the schema, so the two cannot drift", () => {
            const fromSchema = Object.fromEntries(
                Object.entries(STACK_CONFIG_SCHEMA.properties).map(([k, v]) => [k, (v as { default?: unknown }).default]),
            );
            assert.deepEqual({ ...readStackConfig({}) }, fromSchema);
        });
    });

    describe("metric filter policy schema", () => {
        it("accepts excludedRecords and the Security Hub option", () => {
            assert.deepEqual(errorsOf(FILTER_CONFIG_SCHEMA, { excludedRecords: [cloudFrontReads], securityHubCompatible: true }), []);
        });
        it("rejects a malformed record shape", () => {
            assert.notDeepEqual(errorsOf(FILTER_CONFIG_SCHEMA, { excludedRecords: [{ eventName: ["GetObject"] }] }), []);
            assert.throws(() => readFilterConfig({ excludedRecords: [{ eventName: ["GetObject"] }] }), ConfigError);
        });
    });

    it("fails the analysis, naming the setting, when a driver passes config the CLI would have rejected", async () => {
        await assert.rejects(
            analyzeStack(unauthorizedApiCallsMonitored, chain({ mode: "update" }), { requireTrail: "yes" }),
            /invalid policy configuration at requireTrail: expected a boolean/,
        );
    });

    it("declares no enforcementLevel property, which @pulumi/policy refuses to serve", () => {
        for (const policy of policies) {
            assert.equal(policy.configSchema?.properties["enforcementLevel"], undefined, policy.name);
            assert.equal(policy.configSchema?.required?.includes("enforcementLevel") ?? false, false, policy.name);
        }
    });
});
