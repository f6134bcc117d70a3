/**
 * A pattern as a three-valued formula over the search's field classes.
 *
 * JSON patterns translate atom by atom (wildcard selectors stay unknown).
 * Term patterns are matched against the record's JSON text, which the
 * classes do not describe in full, so a term is only ever *implied*: the text
 * contains it when a key every record in the searched set carries is that
 * term, or when a field's class holds strings that all contain it (the
 * universe splits every string field on each term, see model.ts). Otherwise
 * the term is unknown, never false: some other part of the text might hold
 * it. Value implications follow the matcher's reading of terms as
 * substrings of the raw text (compile.ts), and only for terms of printable
 * ASCII without `"` or `\`, which a JSON serializer writes unescaped.
 * Space-delimited patterns are unknown.
 */
import type { MonitoringIntent, RecordCondition } from "../intent";
import type { FilterPattern, JsonAtom, JsonExpr, Term } from "./ast";
import { formatSelector } from "./format";
import type { Formula } from "./formula";
import { type Logic, type Reading, jsonLogic } from "./logic";
import { type FieldUniverse, buildUniverse } from "./model";
import { compileValueTest, hasWildcard } from "./predicate";

/** The atoms of a JSON condition, in order. */
export function jsonAtoms(expr: JsonExpr): JsonAtom[] {
    switch (expr.kind) {
        case "group":
            return jsonAtoms(expr.expr);
        case "chain":
            return expr.operands.flatMap(jsonAtoms);
        default:
            return [expr];
    }
}

const VERBATIM_IN_JSON = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

/** The term texts a value can imply: plain terms whose characters JSON text keeps as they are. */
export function implicableTerms(patterns: readonly FilterPattern[]): string[] {
    const texts = patterns.flatMap((p) => (p.kind === "terms" ? p.terms : [])).filter((t) => t.form !== "regex" && VERBATIM_IN_JSON.test(t.text));
    return [...new Set(texts.map((t) => t.text))];
}

/** What a term formula may rely on. */
export interface TermContext {
    /** Key names every record in the searched set carries (they occur in its JSON text). */
    readonly keys: ReadonlySet<string>;
    /** Terms the universe's string classes are split on. */
    readonly implicable: ReadonlySet<string>;
}

const UNKNOWN: Formula = { kind: "unknown" };

/** "The record's text contains the term": true when implied, unknown otherwise. */
function containsTerm(term: Term, universe: FieldUniverse, context: TermContext): Formula {
    if (term.form === "regex") return UNKNOWN;
    if (context.keys.has(term.text)) return { kind: "const", value: true };
    if (!context.implicable.has(term.text)) return UNKNOWN;
    const needle = term.text;
    const holders: Formula[] = universe.fields.map((f) => ({
        kind: "test",
        field: f.id,
        test: (v: unknown) => typeof v === "string" && v.includes(needle),
        onStrings: true,
    }));
    return { kind: "or", parts: [...holders, UNKNOWN] };
}

function termsFormula(terms: readonly Term[], universe: FieldUniverse, context: TermContext): Formula {
    const contains = (t: Term): Formula => containsTerm(t, universe, context);
    const parts: Formula[] = [
        ...terms.filter((t) => t.mode === "required").map(contains),
        ...terms.filter((t) => t.mode === "excluded").map((t): Formula => ({ kind: "not", part: contains(t) })),
    ];
    const optional = terms.filter((t) => t.mode === "optional");
    if (optional.length > 0) parts.push({ kind: "or", parts: optional.map(contains) });
    return { kind: "and", parts };
}

/** The formula "`pattern` matches the record" under `reading`. */
export function patternFormula(pattern: FilterPattern, reading: Reading, universe: FieldUniverse, context: TermContext): Formula {
    switch (pattern.kind) {
        case "all":
            return { kind: "const", value: true };
        case "terms":
            return termsFormula(pattern.terms, universe, context);
        case "delimited":
            return UNKNOWN;
        case "json": {
            const convert = (logic: Logic<JsonAtom>): Formula => {
                if (logic.kind !== "atom") return { kind: logic.kind, parts: logic.parts.map(convert) };
                const atom = logic.atom;
                if (hasWildcard(atom.selector)) return UNKNOWN;
                const field = universe.byKey.get(formatSelector(atom.selector)) as number;
                const onStrings = atom.kind === "compare" && atom.value.kind !== "number";
                return { kind: "test", field, test: compileValueTest(atom), onStrings };
            };
            return convert(jsonLogic(pattern.expr, reading));
        }
    }
}

/** The field universe of a search over `patterns`, the intent and the extra `conditions`. */
export function patternUniverse(patterns: readonly FilterPattern[], intent: MonitoringIntent, conditions: readonly RecordCondition[]): FieldUniverse {
    const atoms = patterns.flatMap((p) => (p.kind === "json" ? jsonAtoms(p.expr) : [])).filter((a) => !hasWildcard(a.selector));
    return buildUniverse({ atoms, intent, conditions, terms: implicableTerms(patterns) });
}
