/**
 * Matching semantics: the guide's JSON examples (restated), precedence,
 * missing fields, IS NULL vs NOT EXISTS, arrays, types, terms, space-delimited
 * lines; plus compilePattern and requiredLiterals.
 */
import * as assert from "node:assert/strict";
import { CIS_V5_PATTERN, compilePattern, matchesEvent, parsePattern, requiredLiterals } from "trailwatch/engine";
import type { FilterPattern } from "trailwatch/engine";

function p(text: string): FilterPattern {
    const result = parsePattern(text);
    assert.ok(result.ok, text);
    return result.pattern;
}

/** An event shaped like the guide's JSON example. */
const guideEvent = {
    eventType: "UpdateTrail",
    sourceIPAddress: "111.111.111.111",
    arrayKey: ["value", "another value"],
    objectList: [
        { name: "a", id: 1 },
        { name: "b", id: 2 },
    ],
    SomeObject: null,
    ThisFlag: true,
};

/** An event shaped like the guide's compound-condition example. */
const compoundEvent = {
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
        { id: 2, email: "John.Doe@example.com" },
        { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
        [0, 1, 2],
        [4, 5, 6],
    ],
};

describe("matchesEvent: JSON patterns", () => {
    const table: [string, object, boolean][] = [
        ['{ $.eventType = "UpdateTrail" }', guideEvent, true],
        ["{ $.sourceIPAddress != 123.123.* }", guideEvent, true],
        ['{ $.arrayKey[0] = "value" }', guideEvent, true],
        ["{ $.objectList[1].id = 2 }", guideEvent, true],
        ["{ $.SomeObject IS NULL }", guideEvent, true],
        ["{ $.SomeOtherObject NOT EXISTS }", guideEvent, true],
        ["{ $.ThisFlag IS TRUE }", guideEvent, true],
        ["{ $.ThisFlag IS FALSE }", guideEvent, false],
        // IS NULL and NOT EXISTS differ: an explicit null exists; an absent field is not null.
        ["{ $.SomeObject NOT EXISTS }", guideEvent, false],
        ["{ $.SomeOtherObject IS NULL }", guideEvent, false],
        ["{ $.SomeObject EXISTS }", guideEvent, true],
        // A comparison on a missing field is false, != included.
        ['{ $.missing != "anything" }', guideEvent, false],
        ['{ $.missing = "*" }', guideEvent, false],
        // Case-sensitive, anchored globs.
        ['{ $.eventType = "updatetrail" }', guideEvent, false],
        ['{ $.eventType = "Update*" }', guideEvent, true],
        ['{ $.eventType = "Trail*" }', guideEvent, false],
        ['{ $.eventType = "*Trail" }', guideEvent, true],
        ['{ $.eventType = "U*d*T*l" }', guideEvent, true],
        // An unindexed selector on an array or object reaches no value node: = and != are both false.
        ['{ $.arrayKey = "value" }', guideEvent, false],
        ['{ $.arrayKey != "value" }', guideEvent, false],
        ["{ $.objectList != 1 }", guideEvent, false],
        // Wildcard selectors: any element or property.
        ['{ $.arrayKey[*] = "another value" }', guideEvent, true],
        ['{ $.arrayKey[*] = "third" }', guideEvent, false],
        ["{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }", guideEvent, true],
        // Numbers compare with numbers, strings with strings.
        ['{ $.objectList[1].id = "2" }', guideEvent, false],
        ["{ $.eventType = 5 }", guideEvent, false],
        ["{ $.objectList[0].id < 1.5 }", guideEvent, true],
        ["{ $.objectList[0].id >= 1e0 }", guideEvent, true],
        // Regex values search the string unless anchored.
        ["{ $.eventType = %Trail% }", guideEvent, true],
        ["{ $.eventType = %^Trail% }", guideEvent, false],
        ["{ $.eventType != %Trail% }", guideEvent, false],
        // The guide's compound examples.
        ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', compoundEvent, true],
        ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', compoundEvent, false],
        ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', compoundEvent, true],
        ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', compoundEvent, false],
        ["{ $.coordinates[1][2] = 6 }", compoundEvent, true],
    ];
    for (const [pattern, event, expected] of table) {
        it(`${pattern} → ${expected}`, () => {
            assert.equal(matchesEvent(p(pattern), event), expected);
            assert.equal(matchesEvent(p(pattern), JSON.stringify(event)), expected, "raw text and parsed value agree");
        });
    }

    it("evaluates a mixed chain under the requested reading", () => {
        const pattern = p('{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }');
        assert.equal(matchesEvent(pattern, compoundEvent, { reading: "conventional" }), true);
        assert.equal(matchesEvent(pattern, compoundEvent, { reading: "left-to-right" }), false);
    });

    it("matches nothing on a line that is not a JSON object", () => {
        for (const line of ["not json", "", "[1,2]", "42", "null", '{"eventType": "UpdateTrail"'])
            assert.equal(matchesEvent(p("{ $.x NOT EXISTS }"), line), false, line);
    });

    it("applies the CIS v5.0 pattern's exclusions only to the AccessDenied family (documented precedence)", () => {
        const cis = p(CIS_V5_PATTERN);
        const base = { sourceIPAddress: "203.0.113.24", eventName: "GetObject" };
        assert.equal(matchesEvent(cis, { ...base, errorCode: "AccessDenied" }), true);
        assert.equal(matchesEvent(cis, { ...base, errorCode: "AccessDenied", eventName: "HeadBucket" }), false);
        assert.equal(matchesEvent(cis, { ...base, errorCode: "Client.UnauthorizedOperation", eventName: "HeadBucket" }), true);
        assert.equal(
            matchesEvent(cis, { ...base, errorCode: "Client.UnauthorizedOperation", eventName: "HeadBucket" }, { reading: "left-to-right" }),
            false,
        );
        assert.equal(matchesEvent(cis, { ...base, errorCode: "ThrottlingException" }), false);
    });
});

describe("matchesEvent: term patterns", () => {
    const table: [string, string, boolean][] = [
        ["ERROR", "[ERROR 400] BAD REQUEST", true],
        ["ERROR", "[error 400] bad request", false],
        ["ERROR ARGUMENTS", "[ERROR] missing ARGUMENTS", true],
        ["ERROR ARGUMENTS", "[ERROR] missing args", false],
        ["?ERROR ?WARN", "[WARN] disk almost full", true],
        ["?ERROR ?WARN", "[INFO] all good", false],
        ["ERROR -Exiting", "[ERROR] retrying", true],
        ["ERROR -Exiting", "[ERROR] Exiting now", false],
        ['"INTERNAL SERVER ERROR"', "500 INTERNAL SERVER ERROR", true],
        ['"INTERNAL SERVER ERROR"', "INTERNAL ERROR SERVER", false],
        ["%AUTHORIZED%", "[ERROR 401] UNAUTHORIZED REQUEST", true],
        ["%[Ee]rror|[Ff]ail%", "A FAILURE", false],
        ["%[Ee]rror|[Ff]ail%", "a Failure", true],
        ["", "anything at all", true],
    ];
    for (const [pattern, line, expected] of table) {
        it(`${JSON.stringify(pattern)} on ${JSON.stringify(line)} → ${expected}`, () => {
            assert.equal(matchesEvent(p(pattern), line), expected);
        });
    }

    it("matches a parsed event through its JSON text", () => {
        assert.equal(matchesEvent(p("AccessDenied"), { errorCode: "AccessDenied" }), true);
        assert.equal(matchesEvent(p("errorCode"), { eventName: "x" }), false);
    });
});

describe("matchesEvent: space-delimited patterns", () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 404 1534';
    const table: [string, boolean][] = [
        ["[ip, user, username, timestamp, request, status_code, bytes]", true],
        ["[ip, user, username, timestamp, request, status_code]", false],
        ["[..., status_code, bytes]", true],
        ["[ip, user, ...]", true],
        ["[ip, user, username, timestamp, request, status_code = 4*, bytes]", true],
        ["[ip, user, username, timestamp, request, status_code = 200, bytes]", false],
        ["[ip, user, username, timestamp, request = *gif*, status_code = 4*, bytes > 1000]", true],
        ["[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]", true],
        ["[ip, user, username, timestamp, request, status_code = 4* && bytes > 2000]", false],
        ["[..., status_code = 404, bytes < 1000]", false],
        ['[ip = "127.*", ...]', true],
        ["[ip != 127.0.0.1, ...]", false],
    ];
    for (const [pattern, expected] of table) {
        it(`${pattern} → ${expected}`, () => {
            assert.equal(matchesEvent(p(pattern), line), expected);
        });
    }
});

describe("compilePattern", () => {
    it("agrees with matchesEvent and accepts raw lines or parsed values", () => {
        const pattern = p(CIS_V5_PATTERN);
        const matcher = compilePattern(pattern);
        const events = [
            { errorCode: "AccessDenied", sourceIPAddress: "1.2.3.4", eventName: "GetObject" },
            { errorCode: "AccessDenied", sourceIPAddress: "delivery.logs.amazonaws.com", eventName: "GetObject" },
            { eventName: "GetObject" },
            { errorCode: "Client.UnauthorizedOperation" },
        ];
        assert.deepEqual(
            events.map((e) => matcher(e)),
            [true, false, false, true],
        );
        assert.deepEqual(
            events.map((e) => matcher(JSON.stringify(e))),
            events.map((e) => matchesEvent(pattern, e)),
        );
    });

    it("still matches records that spell keys with \\u escapes (the prefilter lets them through)", () => {
        const matcher = compilePattern(p('{ $.errorCode = "AccessDenied" }'));
        assert.equal(matcher('{"error\\u0043ode": "AccessDenied"}'), true);
    });
});

describe("requiredLiterals", () => {
    it("gives the errorCode key for the CIS patterns", () => {
        assert.deepEqual(requiredLiterals(p(CIS_V5_PATTERN)), ["errorCode"]);
    });

    it("is null when a match can lack every named key", () => {
        for (const text of ["{ $.a NOT EXISTS }", '{ $.a = "x" || $.b NOT EXISTS }', "", "-ERROR", "%ab%", "[a, b]"]) {
            assert.equal(requiredLiterals(p(text)), null, text);
        }
    });

    it("takes one conjunct's keys for && and every branch's keys for ||", () => {
        assert.deepEqual(requiredLiterals(p('{ $.a = "x" && $.b NOT EXISTS }')), ["a"]);
        assert.deepEqual(requiredLiterals(p('{ $.a = "x" || $.b.c IS NULL }'))?.sort(), ["a", "c"]);
        assert.deepEqual(requiredLiterals(p("{ $.users[0].id = 2 }")), ["id"]);
    });

    it("gives term literals: the longest required term, or every ? term", () => {
        assert.deepEqual(requiredLiterals(p("ERROR ARGUMENTS -x")), ["ARGUMENTS"]);
        assert.deepEqual(requiredLiterals(p("?ERROR ?WARN")), ["ERROR", "WARN"]);
    });

    it("never rejects an event the pattern matches", () => {
        const patterns = [CIS_V5_PATTERN, '{ $.a = "x" || $.b.c IS NULL }', "{ $.n > 3 && $.m NOT EXISTS }", "ERROR ARGUMENTS"].map(p);
        const events = [
            '{"errorCode":"AccessDenied","sourceIPAddress":"x","eventName":"y"}',
            '{"a":"x"}',
            '{"b":{"c":null}}',
            '{"n":4}',
            "ERROR: ARGUMENTS missing",
        ];
        for (const pattern of patterns) {
            const literals = requiredLiterals(pattern);
            for (const event of events) {
                if (literals !== null && matchesEvent(pattern, event)) {
                    assert.ok(literals.some((l) => event.includes(l)), `${event} matched but lacks ${literals.join(",")}`);
                }
            }
        }
    });
});
