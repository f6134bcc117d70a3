/**
 * The coverage decision on the known truths of CIS 4.1: verdicts and the
 * exact properties of each counterexample.
 */
import * as assert from "node:assert/strict";
import {
    CIS_4_1,
    CIS_V1_2_PATTERN,
    CIS_V5_PATTERN,
    assessPattern,
    decideCoverage,
    globMatchesForTest,
    matchesEvent,
    parsePattern,
} from "./support";
import type { CoverageVerdict, FilterPattern, RecordShape } from "trailwatch/engine";

function p(text: string): FilterPattern {
    const result = parsePattern(text);
    assert.ok(result.ok, text);
    return result.pattern;
}

function decide(texts: readonly string[], excludedRecords?: readonly RecordShape[]): CoverageVerdict {
    return decideCoverage(texts.map(p), CIS_4_1.intent, { excludedRecords });
}

const intent = CIS_4_1.intent;
const example = intent.exampleRecord as Record<string, unknown>;

/** The counterexample is a real miss: in scope for CIS 4.1 and matched by no pattern under `reading`. */
function assertRealMiss(verdict: CoverageVerdict, texts: readonly string[], reading: "conventional" | "left-to-right" = "conventional"): Record<string, unknown> {
    assert.equal(verdict.covers, false);
    const record = verdict.counterexample;
    assert.ok(record !== null, "a counterexample is reported");
    const errorCode = record["errorCode"];
    assert.equal(typeof errorCode, "string");
    assert.ok(globMatchesForTest(["*UnauthorizedOperation", "AccessDenied*"], errorCode as string), `errorCode ${String(errorCode)} is in scope`);
    assert.ok(!(record["sourceIPAddress"] === "delivery.logs.amazonaws.com" || record["eventName"] === "HeadBucket"), "not a mayMiss record");
    for (const text of texts) {
        assert.equal(matchesEvent(p(text), record, { reading }), false, `${text} misses it`);
    }
    // Realistic: starts from the example record's values for the fields it keeps.
    for (const field of ["eventVersion", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "eventID", "eventType"]) {
        assert.equal(record[field], example[field], field);
    }
    const userIdentity = record["userIdentity"] as Record<string, unknown> | undefined;
    assert.equal(userIdentity?.["type"], "IAMUser", "userIdentity.type is a present field");
    return record;
}

describe("decideCoverage: CIS 4.1 known truths", () => {
    it("the CIS v5.0 pattern covers, under both precedence readings, and says it checked both", () => {
        const verdict = decide([CIS_V5_PATTERN]);
        assert.equal(verdict.covers, true);
        assert.equal(verdict.counterexample, null);
        assert.ok(verdict.notes.some((n) => /conventional: covers; left-to-right: covers/.test(n)), verdict.notes.join("\n"));
        // The benchmark's own text: its verdict does not depend on the reading, so nothing advises changing it.
        assert.ok(verdict.notes.some((n) => /The verdict does not depend on the reading; nothing to change for it\./.test(n)), verdict.notes.join("\n"));
        assert.ok(!verdict.notes.some((n) => /Add parentheses/.test(n)), verdict.notes.join("\n"));
    });

    it("the CIS v1.2 pattern covers, with no precedence note", () => {
        const verdict = decide([CIS_V1_2_PATTERN]);
        assert.deepEqual([verdict.covers, verdict.counterexample, verdict.notes], [true, null, []]);
    });

    it("AccessDenied* alone misses the UnauthorizedOperation family", () => {
        const texts = ['{ $.errorCode = "AccessDenied*" }'];
        const record = assertRealMiss(decide(texts), texts);
        assert.match(record["errorCode"] as string, /UnauthorizedOperation$/);
        // The example record's own value is in the needed class, so it is used.
        assert.equal(record["errorCode"], "Client.UnauthorizedOperation");
    });

    it("*UnauthorizedOperation alone misses the AccessDenied family", () => {
        const texts = ['{ $.errorCode = "*UnauthorizedOperation" }'];
        const record = assertRealMiss(decide(texts), texts);
        assert.match(record["errorCode"] as string, /^AccessDenied/);
    });

    it("a != on an optional field misses records without that field", () => {
        const texts = ['{ ($.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*") && $.userIdentity.invokedBy != "cloudfront.amazonaws.com" }'];
        const record = assertRealMiss(decide(texts), texts);
        assert.equal(Object.prototype.hasOwnProperty.call(record["userIdentity"], "invokedBy"), false);
        assert.deepEqual(record["userIdentity"], { type: "IAMUser" });
    });

    it("reordered and rewritten equivalents cover", () => {
        for (const text of [
            '{ $.errorCode = "AccessDenied*" || $.errorCode = "*UnauthorizedOperation" }',
            '{ ((($.errorCode = "*UnauthorizedOperation")) || (($.errorCode = "AccessDenied*"))) }',
            '{ $.errorCode = "Client.UnauthorizedOperation" || $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" }',
            '{ ($.eventName != "HeadBucket") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.errorCode = "AccessDenied*") || ($.errorCode = "*UnauthorizedOperation") }',
            '{ $.errorCode = "*Operation" || $.errorCode = "Access*" }',
            "{ $.errorCode = %UnauthorizedOperation$% || $.errorCode = %^AccessDenied% }",
        ]) {
            assert.equal(decide([text]).covers, true, text);
        }
    });

    it("a rewrite that drops a case is caught, with the missed value in the gap", () => {
        const texts = ['{ $.errorCode = "Client.UnauthorizedOperation" || $.errorCode = "AccessDenied*" }'];
        const record = assertRealMiss(decide(texts), texts);
        assert.match(record["errorCode"] as string, /UnauthorizedOperation$/);
        assert.notEqual(record["errorCode"], "Client.UnauthorizedOperation");
    });

    it("two patterns cover together while each alone does not", () => {
        const a = '{$.errorCode="*UnauthorizedOperation"}';
        const b = '{$.errorCode="AccessDenied*"}';
        assert.equal(decide([a, b]).covers, true);
        assert.equal(decide([a]).covers, false);
        assert.equal(decide([b]).covers, false);
    });

    it("an exclusion covers when the excluded records are declared, and not otherwise", () => {
        const text =
            '{ ($.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*") && ($.userIdentity.invokedBy NOT EXISTS || $.userIdentity.invokedBy != "cloudfront.amazonaws.com") }';
        const withExclusion = decide([text], [{ "userIdentity.invokedBy": "cloudfront.amazonaws.com" }]);
        assert.deepEqual([withExclusion.covers, withExclusion.counterexample], [true, null]);
        const record = assertRealMiss(decide([text]), [text]);
        assert.equal((record["userIdentity"] as Record<string, unknown>)["invokedBy"], "cloudfront.amazonaws.com");
    });

    it("a bare wildcard on errorCode and the empty pattern cover", () => {
        assert.equal(decide(['{ $.errorCode = "*" }']).covers, true);
        assert.equal(decide([""]).covers, true);
    });

    it("a numeric comparison on errorCode (a string field) does not cover", () => {
        const texts = ["{ $.errorCode > 0 }"];
        const record = assertRealMiss(decide(texts), texts);
        assert.equal(record["errorCode"], "Client.UnauthorizedOperation");
    });

    it("a pattern that covers only under the documented precedence does not cover, and says which reading fails", () => {
        // Conventional: A || B || (C && D) covers. Left-to-right: ((A || B) || C) && D misses every eventName but Get*.
        const text = '{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" || $.eventName = "x" && $.eventName = "Get*" }';
        const verdict = decide([text]);
        assert.equal(verdict.covers, false);
        assert.ok(verdict.notes.some((n) => /conventional: covers; left-to-right: does not cover/.test(n)), verdict.notes.join("\n"));
        assert.ok(verdict.notes.some((n) => /Add parentheses to make the intent explicit\./.test(n)), "the reading changes the verdict: parentheses advised");
        const record = assertRealMiss(verdict, [text], "left-to-right");
        assert.equal(matchesEvent(p(text), record, { reading: "conventional" }), true);
        assert.equal(record["eventName"], "RunInstances");
    });

    it("term patterns: coverage is proven only through keys every record carries", () => {
        const keyTerm = decide(["errorCode"]);
        assert.equal(keyTerm.covers, true);
        assert.ok(keyTerm.notes.some((n) => /Term patterns/.test(n)));
        const texts = ["AccessDenied"];
        const record = assertRealMiss(decide(texts), texts);
        assert.equal(matchesEvent(p("AccessDenied"), JSON.stringify(record)), false);
        assert.equal(decide(["errorCode -HeadBucket"]).covers, false);
    });

    it("never claims coverage it cannot prove (space-delimited, wildcard selectors)", () => {
        const delimited = decide(["[a, ...]"]);
        assert.equal(delimited.covers, false);
        assert.ok(delimited.notes.some((n) => /could not be proven/.test(n)));
        const wildcard = decide(['{ $.* = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" }']);
        assert.equal(wildcard.covers, false);
    });
});

describe("assessPattern", () => {
    it("returns the check result for valid text", () => {
        const result = assessPattern(CIS_V1_2_PATTERN);
        assert.deepEqual(result, { valid: true, covers: true, counterexample: null, overmatch: null, error: null, notes: [] });
    });

    it("returns a structured error and covers=null for invalid text", () => {
        const result = assessPattern("{ $.errorCode = }");
        assert.deepEqual(result, {
            valid: false,
            covers: null,
            counterexample: null,
            overmatch: null,
            error: { message: "expected a value after '=' but found '}'", column: 17 },
            notes: [],
        });
    });

    it("notes lengths near and over the limit, and the undocumented EXISTS", () => {
        const near = `{ $.errorCode = "*" || $.x = "${"a".repeat(900)}" }`;
        assert.ok(assessPattern(near).notes.some((n) => /of the 1024 characters/.test(n)));
        const over = assessPattern(`{ $.x = "${"a".repeat(1100)}" }`);
        assert.equal(over.valid, false);
        assert.ok(over.notes.some((n) => /rejects patterns over 1024/.test(n)));
        assert.ok(assessPattern("{ $.errorCode EXISTS }").notes.some((n) => /EXISTS without NOT/.test(n)));
    });

    it("uses the given intent and exclusions", () => {
        const text = '{ $.errorCode = "*" && $.userIdentity.invokedBy NOT EXISTS }';
        assert.equal(assessPattern(text, intent).covers, false);
        assert.equal(assessPattern(text, intent, { excludedRecords: [{ "userIdentity.invokedBy": "*" }] }).covers, true);
    });
});

describe("decideCoverage: nested fields, arrays and types", () => {
    const small: Parameters<typeof decideCoverage>[1] = {
        mustMatch: [{ field: "a", anyOf: ["x*"] }],
        mayMiss: [],
        presentFields: ["a"],
        exampleRecord: { a: "x1", u: { v: "p" } },
    };
    const table: [string, readonly Record<string, string>[], Record<string, unknown> | null][] = [
        ['{ $.a = "x*" && ($.u.v NOT EXISTS || $.u.v != "q") }', [{ "u.v": "q" }], null],
        ['{ $.a = "x*" && ($.u.v NOT EXISTS || $.u.v != "q") }', [], { a: "x1", u: { v: "q" } }],
        ['{ $.a = "x*" && $.u.v NOT EXISTS }', [], { a: "x1", u: { v: "p" } }],
        ['{ $.l[0] NOT EXISTS && $.a = "x*" }', [], { a: "x1", l: ["example"] }],
        ['{ $.a = "x*" && $.u EXISTS }', [], { a: "x1" }],
        // A field the example lacks may hold a string, so numeric conditions alone cannot cover it.
        ['{ $.a = "x*" && ($.n NOT EXISTS || $.n != 3 || $.n = 3) }', [], { a: "x1", n: "example" }],
        ['{ $.a = "x*" && ($.n NOT EXISTS || $.n = "*" || $.n = 3 || $.n != 3) }', [], null],
        // A field named like an object internal is an ordinary key, as JSON.parse makes it.
        ['{ $.a = "x*" && $.__proto__ NOT EXISTS }', [], { a: "x1", ["__proto__"]: "example" }],
        // IS NULL is not NOT EXISTS: an absent field is not null.
        ['{ $.a = "x*" && ($.n IS NULL || $.n = "*") }', [], { a: "x1" }],
    ];
    for (const [text, excludedRecords, expected] of table) {
        it(`${text} with ${JSON.stringify(excludedRecords)} → ${expected === null ? "covers" : JSON.stringify(expected)}`, () => {
            const verdict = decideCoverage([p(text)], small, { excludedRecords });
            assert.equal(verdict.covers, expected === null);
            assert.deepEqual(verdict.counterexample, expected);
        });
    }
});
