/**
 * {@link formatPattern}: the canonical text of a pattern tree. Canonical means
 * single spaces around operators, every string value quoted, numbers in
 * JavaScript's shortest form, and parentheses exactly where the tree has
 * groups, so `parsePattern(formatPattern(p))` yields a tree deep-equal to `p`.
 */
import type {
    ComparisonValue,
    DelimitedCondition,
    DelimitedField,
    FilterPattern,
    JsonExpr,
    SelectorSegment,
    Term,
} from "./ast";
import { PLAIN_KEY } from "./parse-json";

/** Quotes `text`, escaping the two characters the quoted-string syntax escapes. */
export function quote(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The text of a comparison value. */
export function formatValue(value: ComparisonValue): string {
    switch (value.kind) {
        case "string":
            return quote(value.text);
        case "number":
            return String(value.value);
        case "regex":
            return `%${value.source}%`;
    }
}

/** The text of a selector, e.g. `$.users[0].id`. */
export function formatSelector(selector: readonly SelectorSegment[]): string {
    let out = "$";
    for (const seg of selector) {
        switch (seg.kind) {
            case "key":
                out += PLAIN_KEY.test(seg.name) ? `.${seg.name}` : `.['${seg.name}']`;
                break;
            case "index":
                out += `[${seg.index}]`;
                break;
            case "anyIndex":
                out += "[*]";
                break;
            case "anyKey":
                out += ".*";
                break;
        }
    }
    return out;
}

/** The text of a JSON condition (without the surrounding braces). */
export function formatJsonExpr(expr: JsonExpr): string {
    switch (expr.kind) {
        case "compare":
            return `${formatSelector(expr.selector)} ${expr.op} ${formatValue(expr.value)}`;
        case "is":
            return `${formatSelector(expr.selector)} IS ${expr.value === null ? "NULL" : expr.value ? "TRUE" : "FALSE"}`;
        case "exists":
            return `${formatSelector(expr.selector)} ${expr.negated ? "NOT EXISTS" : "EXISTS"}`;
        case "group":
            return `(${formatJsonExpr(expr.expr)})`;
        case "chain":
            return expr.operands
                .map((operand, i) => (i === 0 ? "" : ` ${expr.operators[i - 1]} `) + formatJsonExpr(operand))
                .join("");
    }
}

function formatTerm(term: Term): string {
    const prefix = term.mode === "excluded" ? "-" : term.mode === "optional" ? "?" : "";
    switch (term.form) {
        case "word":
            return prefix + term.text;
        case "phrase":
            return prefix + quote(term.text);
        case "regex":
            return `${prefix}%${term.text}%`;
    }
}

function formatCondition(condition: DelimitedCondition): string {
    return condition.comparisons
        .map(
            (c, i) =>
                (i === 0 ? "" : ` ${condition.operators[i - 1]} `) + `${c.field} ${c.op} ${formatValue(c.value)}`,
        )
        .join("");
}

function formatField(field: DelimitedField): string {
    if (field.kind === "ellipsis") {
        return "...";
    }
    return field.condition === null ? field.name : formatCondition(field.condition);
}

/**
 * Canonical text of `pattern`; `parsePattern(formatPattern(p))` is the same
 * tree. Canonical spacing can make the text of a compactly written pattern
 * longer than CloudWatch's 1,024-character limit, which parsePattern enforces.
 */
export function formatPattern(pattern: FilterPattern): string {
    switch (pattern.kind) {
        case "all":
            return "";
        case "json":
            return `{ ${formatJsonExpr(pattern.expr)} }`;
        case "terms":
            return pattern.terms.map(formatTerm).join(" ");
        case "delimited":
            return `[${pattern.fields.map(formatField).join(", ")}]`;
    }
}
