/**
 * The defensive readers against `@pulumi/policy`'s real unknown-checking
 * proxy: reading through them never throws, and every value comes back as
 * known, unknown or absent.
 */
import * as assert from "node:assert/strict";
import { Secret } from "@pulumi/policy";
import { Props, UNKNOWN } from "trailwatch-policy-pack/dist/resources";

// `@pulumi/policy` exports the proxy it wraps every `props` in, without typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy") as { unknownCheckingProxy<T extends object>(target: T): T };

describe("defensive property readers", () => {
    const raw = {
        arn: UNKNOWN,
        name: "cloudtrail-logs",
        threshold: 1,
        enableLogging: false,
        alarmActions: ["arn:aws:sns:us-east-1:111122223333:alerts", UNKNOWN],
        metricTransformation: { name: "UnauthorizedAPICalls", value: UNKNOWN },
        blocks: [{ value: "1" }],
    };
    const proxied = unknownCheckingProxy(raw);

    it("reads through the proxy that throws on unknown values", () => {
        assert.throws(() => proxied.arn, /can't be known during preview/);
        const props = new Props(proxied);
        assert.deepEqual(props.string("arn"), { state: "unknown" });
        assert.deepEqual(props.string("name"), { state: "known", value: "cloudtrail-logs", secret: false });
        assert.deepEqual(props.number("threshold"), { state: "known", value: 1, secret: false });
        assert.deepEqual(props.boolean("enableLogging"), { state: "known", value: false, secret: false });
        assert.deepEqual(props.string("missing"), { state: "absent" });
    });

    it("classifies list elements and nested bags one by one", () => {
        const props = new Props(proxied);
        const actions = props.list("alarmActions");
        assert.equal(actions.state, "known");
        assert.deepEqual(
            actions.state === "known" ? actions.value.map((f) => f.state) : [],
            ["known", "unknown"],
        );
        const transformation = props.props("metricTransformation");
        assert.equal(transformation.state, "known");
        if (transformation.state === "known") {
            assert.deepEqual(transformation.value.string("value"), { state: "unknown" });
            assert.equal(transformation.value.string("name").state, "known");
        }
        const single = props.props("blocks");
        assert.equal(single.state === "known" && single.value.string("value").state, "known", "a one-element list reads as its element");
    });

    it("treats a value of the wrong type as absent", () => {
        assert.deepEqual(new Props(proxied).boolean("name"), { state: "absent" });
    });

    it("remembers secrets: declared secret outputs and Secret wrappers", () => {
        const props = new Props(unknownCheckingProxy({ name: "g", pattern: new Secret("{ $.x = 1 }") }), ["name"]);
        assert.deepEqual(props.string("name"), { state: "known", value: "g", secret: true });
        assert.deepEqual(props.string("pattern"), { state: "known", value: "{ $.x = 1 }", secret: true });
    });
});
