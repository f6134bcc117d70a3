/**
 * `trailwatch/policies`, as an organisation's own pack imports it: the CIS
 * 4.1 policies with their names and config schemas, and no server started
 * (a second `PolicyPack` in the process would fail). The package test
 * (test/package) composes them into a real pack; this checks the entry
 * point resolves through the package's `exports` to the pack the package
 * carries.
 */
import * as assert from "node:assert/strict";
import type * as Library from "trailwatch-policy-pack/dist/library";
import { FILTER_CONFIG_SCHEMA, STACK_CONFIG_SCHEMA } from "trailwatch-policy-pack/dist/config";
import { policies } from "trailwatch-policy-pack/dist/policies";

describe("trailwatch/policies", function () {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const library = require("trailwatch/policies") as typeof Library;

    it("resolves to the pack inside the trailwatch package", function () {
        assert.match(require.resolve("trailwatch/policies"), /component[\\/]policy-pack[\\/]dist[\\/]library\.js$/);
    });

    it("exports every policy of the pack, and the three CIS 4.1 ones, stack policy first, with their config schemas", function () {
        assert.deepEqual(
            library.cisAwsPolicies.map((p) => p.name),
            policies.map((p) => p.name),
        );
        assert.equal(library.cisAwsPolicies.length, 18);
        assert.deepEqual(
            library.cisAws41Policies.map((p) => p.name),
            policies.slice(0, 3).map((p) => p.name),
        );
        assert.equal(library.cisAws41Policies[0]!.name, library.STACK_POLICY_NAME);
        assert.deepEqual(library.unauthorizedApiCallsMonitored.configSchema, STACK_CONFIG_SCHEMA);
        assert.deepEqual(library.filterCoversUnauthorizedCalls.configSchema, FILTER_CONFIG_SCHEMA);
        assert.deepEqual(library.STACK_CONFIG_SCHEMA, STACK_CONFIG_SCHEMA);
        assert.equal(library.PACK_NAME, "trailwatch-cis-aws-section-4");
        assert.deepEqual(library.LEGACY_PACK_NAMES, ["trailwatch-cis-aws-4-1"], "the name users configured before section 4");
    });
});
