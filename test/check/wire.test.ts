import * as assert from "node:assert/strict";
import type * as Scrub from "../../component/src/check/scrub";
import type * as Wire from "../../component/src/check/wire";
import { loadCheck } from "./helpers";

const { MASK, makeScrubber } = loadCheck<typeof Scrub>("scrub");
const { SECRET_SIG, SIG_KEY, UNKNOWN, downgradeResourceReferences, secret, secretPlaintexts, withoutInternalKeys } =
    loadCheck<typeof Wire>("wire");

describe("check: wire encoding", () => {
    it("wraps secrets the way the engine marshals them", () => {
        assert.deepEqual(secret("x"), { [SIG_KEY]: SECRET_SIG, value: "x" });
        assert.equal(SIG_KEY, "4dabf18193072939515e22adb298388d");
        assert.equal(SECRET_SIG, "1b47061264138c4ac30d75fd1eb44270");
        assert.equal(UNKNOWN, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    });

    it("finds every plaintext a secret could leak as, and nothing outside secrets", () => {
        const props = {
            open: "visible-value",
            token: secret("s3cr3t-token"),
            nested: { list: [secret({ user: "admin-user", port: 5432 })] },
            pending: secret(UNKNOWN),
        };
        const found = secretPlaintexts(props);
        assert.ok(found.has("s3cr3t-token"));
        assert.ok(found.has("admin-user"));
        assert.ok(found.has('{"user":"admin-user","port":5432}'));
        assert.ok(!found.has("visible-value"));
        assert.ok(!found.has(UNKNOWN));
    });

    it("drops internal keys as SkipInternalKeys does", () => {
        assert.deepEqual(withoutInternalKeys({ __defaults: ["name"], name: "a", __meta: "{}" }), { name: "a" });
        // v5 state records `__defaults` inside maps too (recorded TestProviderUpgrade/cloudwatch-loggroup/5.42.0/state.json).
        assert.deepEqual(
            withoutInternalKeys({ tags: { __defaults: [], env: "prod" }, rules: [{ __defaults: [], id: "r" }, "x"] }),
            { tags: { env: "prod" }, rules: [{ id: "r" }, "x"] },
        );
        const untouched = { tags: { env: "prod" }, list: [{ a: 1 }] };
        assert.equal(withoutInternalKeys(untouched), untouched, "nothing to strip, nothing copied");
    });

    it("sends resource references as their id, or their URN when they have none", () => {
        const ref = (id: string) => ({ [SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::t::n", id });
        assert.deepEqual(downgradeResourceReferences({ a: ref("i-123"), b: [ref("")] }), {
            a: "i-123",
            b: ["urn:pulumi:s::p::t::n"],
        });
    });
});

describe("check: secret scrubbing", () => {
    it("masks every occurrence, longest secret first", () => {
        const scrub = makeScrubber(["hunter2-long", "hunter2-long-and-longer"]);
        assert.equal(scrub("a hunter2-long-and-longer b hunter2-long"), `a ${MASK} b ${MASK}`);
    });

    it("leaves text alone when no secret is long enough to mask meaningfully", () => {
        assert.equal(makeScrubber(["1", "ab"])("version 1 ab"), "version 1 ab");
    });
});
