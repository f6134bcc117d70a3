/**
 * Parser and formatter behaviour on the documented pattern forms (examples
 * restated from the CloudWatch Logs User Guide in our own words) and on
 * malformed input.
 */
import * as assert from "node:assert/strict";
import { CIS_V1_2_PATTERN, CIS_V5_PATTERN, MAX_NESTING_DEPTH, formatPattern, parsePattern } from "trailwatch/engine";
import type { FilterPattern, JsonExpr } from "trailwatch/engine";

function parsed(text: string): FilterPattern {
    const result = parsePattern(text);
    if (!result.ok) {
        assert.fail(`expected ${JSON.stringify(text)} to parse, got ${result.error.message} at ${result.error.column}`);
    }
    return result.pattern;
}

function errorOf(text: string): { message: string; column: number } {
    const result = parsePattern(text);
    if (result.ok) {
        assert.fail(`expected ${JSON.stringify(text)} to be rejected`);
    }
    return result.error;
}

function jsonExpr(text: string): JsonExpr {
    const p = parsed(text);
    assert.equal(p.kind, "json");
    return (p as { expr: JsonExpr }).expr;
}

describe("parsePattern: pattern kinds", () => {
    it("reads blank text as the empty pattern", () => {
        assert.deepEqual(parsed(""), { kind: "all" });
        assert.deepEqual(parsed("   \t"), { kind: "all" });
    });

    it("keeps an unparenthesized && / || mix as one flat chain (precedence decided later)", () => {
        const expr = jsonExpr(CIS_V5_PATTERN);
        assert.equal(expr.kind, "chain");
        if (expr.kind === "chain") {
            assert.deepEqual(expr.operators, ["||", "&&", "&&"]);
            assert.ok(expr.operands.every((o) => o.kind === "group"));
        }
    });

    it("reads quoted and unquoted string values, with * kept as wildcard text", () => {
        assert.deepEqual(jsonExpr('{ $.sourceIPAddress != 123.123.* }'), {
            kind: "compare",
            selector: [{ kind: "key", name: "sourceIPAddress" }],
            op: "!=",
            value: { kind: "string", text: "123.123.*" },
        });
        assert.deepEqual(jsonExpr('{ $.eventType = "UpdateTrail" }'), {
            kind: "compare",
            selector: [{ kind: "key", name: "eventType" }],
            op: "=",
            value: { kind: "string", text: "UpdateTrail" },
        });
    });

    it("reads numbers in every documented notation, and keeps quoted digits a string", () => {
        const values = ["{ $.latency >= 500 }", "{ $.n[0] < 10e3 }", "{ $.n[0] < 10e-3 }", "{ $.p[4].avg <= 55.5 }", "{ $.latency > +1000 }"].map(
            (t) => (jsonExpr(t) as { value: unknown }).value,
        );
        assert.deepEqual(values, [
            { kind: "number", value: 500 },
            { kind: "number", value: 10000 },
            { kind: "number", value: 0.01 },
            { kind: "number", value: 55.5 },
            { kind: "number", value: 1000 },
        ]);
        assert.deepEqual((jsonExpr('{ $.code = "400" }') as { value: unknown }).value, { kind: "string", text: "400" });
    });

    it("reads array indexes, wildcard selectors and bracket-notation keys", () => {
        assert.deepEqual((jsonExpr("{ $.objectList[1].id = 2 }") as { selector: unknown }).selector, [
            { kind: "key", name: "objectList" },
            { kind: "index", index: 1 },
            { kind: "key", name: "id" },
        ]);
        assert.deepEqual((jsonExpr('{ $.arrayKey[*] = "x" }') as { selector: unknown }).selector, [
            { kind: "key", name: "arrayKey" },
            { kind: "anyIndex" },
        ]);
        assert.deepEqual((jsonExpr("{ $.* = %1[0-9]{1,2}% }") as { selector: unknown }).selector, [{ kind: "anyKey" }]);
        assert.deepEqual((jsonExpr("{ $.['cluster.name'] = \"c\" }") as { selector: unknown }).selector, [
            { kind: "key", name: "cluster.name" },
        ]);
    });

    it("reads IS TRUE / IS FALSE / IS NULL / NOT EXISTS / EXISTS", () => {
        assert.deepEqual(jsonExpr("{ $.ThisFlag IS TRUE }"), { kind: "is", selector: [{ kind: "key", name: "ThisFlag" }], value: true });
        assert.deepEqual(jsonExpr("{ $.f IS FALSE }"), { kind: "is", selector: [{ kind: "key", name: "f" }], value: false });
        assert.deepEqual(jsonExpr("{ $.SomeObject IS NULL }"), { kind: "is", selector: [{ kind: "key", name: "SomeObject" }], value: null });
        assert.deepEqual(jsonExpr("{ $.Other NOT EXISTS }"), { kind: "exists", selector: [{ kind: "key", name: "Other" }], negated: true });
        assert.deepEqual(jsonExpr("{ $.Other EXISTS }"), { kind: "exists", selector: [{ kind: "key", name: "Other" }], negated: false });
    });

    it("reads a regex value in a JSON pattern", () => {
        assert.deepEqual((jsonExpr("{ $.eventType = %Trail% }") as { value: unknown }).value, { kind: "regex", source: "Trail" });
    });

    it("reads term patterns: words, phrases, exclusions, alternatives, standalone regex", () => {
        assert.deepEqual(parsed('ERROR "bad request" -Exiting'), {
            kind: "terms",
            terms: [
                { form: "word", text: "ERROR", mode: "required" },
                { form: "phrase", text: "bad request", mode: "required" },
                { form: "word", text: "Exiting", mode: "excluded" },
            ],
        });
        assert.deepEqual(parsed("?ERROR ?WARN"), {
            kind: "terms",
            terms: [
                { form: "word", text: "ERROR", mode: "optional" },
                { form: "word", text: "WARN", mode: "optional" },
            ],
        });
        assert.deepEqual(parsed("%[Ee]rror|[Ff]ail%"), { kind: "terms", terms: [{ form: "regex", text: "[Ee]rror|[Ff]ail", mode: "required" }] });
    });

    it("reads space-delimited patterns with ellipsis, conditions and && / || inside a field", () => {
        assert.deepEqual(parsed("[ip, user, ..., status_code = 4* || status_code = 5*, bytes > 1000]"), {
            kind: "delimited",
            fields: [
                { kind: "field", name: "ip", condition: null },
                { kind: "field", name: "user", condition: null },
                { kind: "ellipsis" },
                {
                    kind: "field",
                    name: "status_code",
                    condition: {
                        comparisons: [
                            { field: "status_code", op: "=", value: { kind: "string", text: "4*" } },
                            { field: "status_code", op: "=", value: { kind: "string", text: "5*" } },
                        ],
                        operators: ["||"],
                    },
                },
                {
                    kind: "field",
                    name: "bytes",
                    condition: { comparisons: [{ field: "bytes", op: ">", value: { kind: "number", value: 1000 } }], operators: [] },
                },
            ],
        });
        // The guide shows a trailing comma before ']'; it is accepted and dropped.
        assert.deepEqual(parsed("[..., request=*.html*, status_code=4*,]"), parsed("[..., request = \"*.html*\", status_code = \"4*\"]"));
    });
});

describe("parsePattern: errors are structured, with 1-based columns", () => {
    const cases: [string, number, RegExp][] = [
        ["{ $.a = }", 9, /expected a value/],
        ["{ $.a = 1", 10, /expected '&&', '\|\|' or '}'/],
        ["{ a = 1 }", 3, /expected a selector/],
        ["{ $.a < abc }", 9, /compares numbers/],
        ["{ $.a = 1 } trailing", 13, /after the closing/],
        ["{ ($.a = 1 }", 12, /expected '&&', '\|\|' or '\)'/],
        ["{ $.a = %a(b% }", 11, /parentheses/],
        ["{ $.a = %x% && $.b = %y% && $.c = %z% }", 35, /at most 2 regexes/],
        ["{ $.a[*].b.* = 1 }", 11, /at most 1 wildcard/],
        ["?ERROR WARN", 8, /cannot be combined/],
        ["[]", 2, /at least one field/],
        ['{ $.a = "open }', 9, /unterminated quoted string/],
        ["{ $.a IS MAYBE }", 10, /TRUE, FALSE or NULL/],
        ["{ $.a = 1e999 }", 9, /out of range/],
    ];
    for (const [text, column, message] of cases) {
        it(`rejects ${text}`, () => {
            const error = errorOf(text);
            assert.equal(error.column, column, error.message);
            assert.match(error.message, message);
        });
    }

    it("rejects patterns over 1,024 characters at column 1,025 and accepts exactly 1,024", () => {
        const exact = `{ $.a = "${"x".repeat(1024 - 12)}" }`;
        assert.equal(exact.length, 1024);
        assert.ok(parsePattern(exact).ok);
        const error = errorOf(`${exact} `);
        assert.equal(error.column, 1025);
        assert.match(error.message, /1025 characters/);
    });

    it("bounds nesting: a structured error past the documented depth, success at it", () => {
        const nest = (n: number): string => `{ ${"(".repeat(n)}$.a = 1${")".repeat(n)} }`;
        assert.ok(parsePattern(nest(MAX_NESTING_DEPTH)).ok);
        const error = errorOf(nest(MAX_NESTING_DEPTH + 1));
        assert.match(error.message, /nested deeper/);
        assert.equal(error.column, 3 + MAX_NESTING_DEPTH);
        assert.equal(errorOf("{" + "(".repeat(5000)).column, 1025);
    });
});

describe("formatPattern", () => {
    it("prints canonical text that parses back to the same tree", () => {
        for (const text of [
            CIS_V5_PATTERN,
            CIS_V1_2_PATTERN,
            "",
            'ERROR "bad \\"quoted\\" request" -Exiting',
            "?a ?b",
            "{ $.a[0].b = %^x\\d+$% && ($.c IS NULL || $.d NOT EXISTS) }",
            "{ $.['a.b'] != \"back\\\\slash\" || $.n >= -2.5e-3 }",
            "[w1 = ERROR, ..., bytes > 10 && code != 404]",
        ]) {
            const tree = parsed(text);
            assert.deepEqual(parsed(formatPattern(tree)), tree, text);
        }
    });

    it("normalises spacing and quoting", () => {
        assert.equal(formatPattern(parsed(CIS_V1_2_PATTERN)), CIS_V1_2_PATTERN);
        assert.equal(formatPattern(parsed("{$.sourceIPAddress!=123.123.*}")), '{ $.sourceIPAddress != "123.123.*" }');
    });
});
