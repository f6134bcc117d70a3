/**
 * The literal prefilter may only ever skip events that cannot contain a
 * required literal; everything else must reach the matcher.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import type * as Logs from "../../component/src/logs";
import { loadDist } from "./helpers";

const { LiteralPrefilter } = loadDist<typeof Logs>("logs/index.js");

describe("LiteralPrefilter", () => {
    it("is absent when no literal set guarantees anything", () => {
        assert.equal(LiteralPrefilter.create(null), undefined);
        assert.equal(LiteralPrefilter.create([]), undefined);
        assert.equal(LiteralPrefilter.create(["errorCode", ""]), undefined);
    });

    it("is absent when a literal holds a character JSON may escape in several ways", () => {
        for (const literal of ['say "hi"', "a/b", "back\\slash", "tab\there"]) {
            assert.equal(LiteralPrefilter.create([literal]), undefined, literal);
        }
    });

    it("looks for the literal inside each event's own bytes only", () => {
        const filter = LiteralPrefilter.create(["errorCode"]);
        assert.ok(filter !== undefined);
        const buffer = Buffer.from('{"a":1}{"errorCode":"x"}{"b":2}{"c":"errorCode"}');
        // Event boundaries: [0,7) [7,24) [24,31) [31,48)
        assert.deepEqual(
            [
                [0, 7],
                [7, 24],
                [24, 31],
                [31, 48],
            ].map(([start, end]) => filter.mayMatch(buffer, start, end)),
            [false, true, false, true],
        );
    });

    it("lets through events with a \\u escape, which may spell a literal", () => {
        const filter = LiteralPrefilter.create(["errorCode"]);
        assert.ok(filter !== undefined);
        const buffer = Buffer.from('{"error\\u0043ode":"AccessDenied"}');
        assert.equal(filter.mayMatch(buffer, 0, buffer.length), true);
    });

    it("agrees with a plain substring search on any events and buffers (property)", () => {
        const piece = fc.constantFrom("err", "or", "Code", "errorCode", "Denied", "\\u", "x", "é", "}", '"');
        fc.assert(
            fc.property(
                fc.array(fc.array(fc.array(piece, { maxLength: 6 }), { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
                fc.subarray(["errorCode", "Denied", "or"], { minLength: 1 }),
                (buffers, literals) => {
                    const filter = LiteralPrefilter.create(literals);
                    assert.ok(filter !== undefined);
                    for (const events of buffers) {
                        const texts = events.map((parts) => parts.join(""));
                        const buffer = Buffer.from(texts.join(""));
                        let start = 0;
                        for (const text of texts) {
                            const end = start + Buffer.byteLength(text);
                            const expected = [...literals, "\\u"].some((l) => text.includes(l));
                            assert.equal(filter.mayMatch(buffer, start, end), expected, `${text} in ${buffer.toString()}`);
                            start = end;
                        }
                    }
                },
            ),
            { numRuns: 500 },
        );
    });
});
