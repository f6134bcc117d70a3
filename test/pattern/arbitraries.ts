/**
 * fast-check generators for pattern trees. They produce only trees the parser
 * can produce (e.g. chain operands are atoms or groups, at most two regexes,
 * at most three wildcard selectors), so round-trip properties are meaningful.
 */
import * as fc from "fast-check";
import type {
    ComparisonOp,
    ComparisonValue,
    DelimitedField,
    FilterPattern,
    JsonExpr,
    LogicalOp,
    SelectorSegment,
    Term,
} from "trailwatch/engine";

const REGEXES = ["Trail", "^Access", "Operation$", "[Ee]rror|[Ff]ail", "\\d{1,3}\\.x", "a.c+", "[^a-c]?z"];

const plainKey = fc.stringMatching(/^[A-Za-z0-9_@-]{1,8}$/);
const bracketKey = fc.stringMatching(/^[A-Za-z0-9 .:/]{1,8}$/).filter((k) => !/^[A-Za-z0-9_@-]+$/.test(k));
const keySegment: fc.Arbitrary<SelectorSegment> = fc.oneof(plainKey, bracketKey).map((name) => ({ kind: "key", name }));
const laterSegment: fc.Arbitrary<SelectorSegment> = fc.oneof(
    { weight: 4, arbitrary: keySegment },
    { weight: 2, arbitrary: fc.nat({ max: 20 }).map((index): SelectorSegment => ({ kind: "index", index })) },
    { weight: 1, arbitrary: fc.constantFrom<SelectorSegment>({ kind: "anyIndex" }, { kind: "anyKey" }) },
);
const selector = fc
    .tuple(keySegment, fc.array(laterSegment, { maxLength: 2 }))
    .map(([first, rest]) => [first, ...rest])
    .filter((segs) => segs.filter((s) => s.kind === "anyIndex" || s.kind === "anyKey").length <= 1);

const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n));
const value: fc.Arbitrary<ComparisonValue> = fc.oneof(
    fc.string().map((text): ComparisonValue => ({ kind: "string", text })),
    number.map((n): ComparisonValue => ({ kind: "number", value: n })),
    fc.constantFrom(...REGEXES).map((source): ComparisonValue => ({ kind: "regex", source })),
);
const comparison = fc.tuple(fc.constantFrom<ComparisonOp>("=", "!=", "<", ">", "<=", ">="), value).map(([op, v]) =>
    op === "=" || op === "!=" || v.kind === "number" ? { op, value: v } : { op, value: { kind: "number", value: 1 } as ComparisonValue },
);

const atom: fc.Arbitrary<JsonExpr> = fc.oneof(
    fc.tuple(selector, comparison).map(([s, c]): JsonExpr => ({ kind: "compare", selector: s, op: c.op, value: c.value })),
    fc.tuple(selector, fc.constantFrom(true, false, null)).map(([s, v]): JsonExpr => ({ kind: "is", selector: s, value: v })),
    fc.tuple(selector, fc.boolean()).map(([s, negated]): JsonExpr => ({ kind: "exists", selector: s, negated })),
);

const logicalOp = fc.constantFrom<LogicalOp>("&&", "||");

/** JSON conditions as the parser builds them. */
export const jsonExprArb: fc.Arbitrary<JsonExpr> = fc.letrec<{ expr: JsonExpr; operand: JsonExpr; group: JsonExpr; chain: JsonExpr }>((tie) => ({
    expr: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("operand"), tie("chain")),
    operand: fc.oneof({ depthSize: "small" }, atom, tie("group")),
    group: tie("expr").map((expr): JsonExpr => ({ kind: "group", expr })),
    chain: fc
        .array(fc.tuple(logicalOp, tie("operand")), { minLength: 1, maxLength: 3 })
        .chain((rest) => tie("operand").map((head): JsonExpr => ({ kind: "chain", operands: [head, ...rest.map((r) => r[1])], operators: rest.map((r) => r[0]) }))),
})).expr;

const word = fc.stringMatching(/^[A-Za-z0-9_.:/]{1,8}$/);
const termArb = (mode: Term["mode"]): fc.Arbitrary<Term> =>
    fc.oneof(
        word.map((text): Term => ({ form: "word", text, mode })),
        fc.string({ maxLength: 8 }).map((text): Term => ({ form: "phrase", text, mode })),
        fc.constantFrom(...REGEXES).map((text): Term => ({ form: "regex", text, mode })),
    );
const termsArb: fc.Arbitrary<FilterPattern> = fc.oneof(
    fc.array(fc.constantFrom<Term["mode"]>("required", "excluded").chain(termArb), { minLength: 1, maxLength: 4 }),
    fc.array(termArb("optional"), { minLength: 1, maxLength: 4 }),
).map((terms): FilterPattern => ({ kind: "terms", terms }));

const fieldName = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/);
const delimitedField: fc.Arbitrary<DelimitedField> = fc.oneof(
    fc.constant<DelimitedField>({ kind: "ellipsis" }),
    fieldName.map((name): DelimitedField => ({ kind: "field", name, condition: null })),
    fc
        .tuple(fieldName, comparison, fc.array(fc.tuple(logicalOp, fieldName, comparison), { maxLength: 2 }))
        .map(([name, first, rest]): DelimitedField => ({
            kind: "field",
            name,
            condition: {
                comparisons: [{ field: name, ...first }, ...rest.map(([, field, c]) => ({ field, ...c }))],
                operators: rest.map((r) => r[0]),
            },
        })),
);

function regexCount(p: FilterPattern): number {
    return JSON.stringify(p).split('"kind":"regex"').length - 1;
}

function wildcardCount(p: FilterPattern): number {
    return JSON.stringify(p).split(/"kind":"any(Index|Key)"/).length - 1;
}

/** Any filter pattern tree the parser can produce (within the documented quotas). */
export const patternArb: fc.Arbitrary<FilterPattern> = fc
    .oneof(
        { weight: 1, arbitrary: fc.constant<FilterPattern>({ kind: "all" }) },
        { weight: 6, arbitrary: jsonExprArb.map((expr): FilterPattern => ({ kind: "json", expr })) },
        { weight: 2, arbitrary: termsArb },
        {
            weight: 2,
            arbitrary: fc.array(delimitedField, { minLength: 1, maxLength: 5 }).map((fields): FilterPattern => ({ kind: "delimited", fields })),
        },
    )
    .filter((p) => (p.kind === "terms" || regexCount(p) <= 2) && wildcardCount(p) <= 3);
