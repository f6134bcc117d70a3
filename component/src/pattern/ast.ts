/**
 * The syntax tree of a CloudWatch Logs filter pattern.
 *
 * The tree keeps exactly what the text says and nothing more: an
 * unparenthesized mix of `&&` and `||` stays a flat {@link JsonChain} so that
 * the engine can evaluate it under every reading of operator precedence, and
 * parentheses stay {@link JsonGroup} nodes so that formatting reproduces them.
 * Source: "Filter pattern syntax for metric filters, subscription filters,
 * filter log events, and Live Tail" (Amazon CloudWatch Logs User Guide).
 */

/** A logical connective between two JSON (or space-delimited) conditions. */
export type LogicalOp = "&&" | "||";

/** A comparison operator. `=` and `!=` take strings, numbers or regexes; the others take numbers. */
export type ComparisonOp = "=" | "!=" | "<" | ">" | "<=" | ">=";

/** One step of a JSON property selector such as `$.users[0].id`. */
export type SelectorSegment =
    /** `.name` or `.['name']`: the property `name` of an object. */
    | { readonly kind: "key"; readonly name: string }
    /** `[n]`: element `n` of an array. */
    | { readonly kind: "index"; readonly index: number }
    /** `[*]`: any element of an array (wildcard selector). */
    | { readonly kind: "anyIndex" }
    /** `.*`: any property of an object (wildcard selector). */
    | { readonly kind: "anyKey" };

/** The right-hand side of a comparison. */
export type ComparisonValue =
    /** A string, quoted or not; every `*` is a wildcard matching any run of characters. */
    | { readonly kind: "string"; readonly text: string }
    /** A number (integer, decimal or scientific notation). */
    | { readonly kind: "number"; readonly value: number }
    /** A regular expression written `%…%` (CloudWatch's regex subset). */
    | { readonly kind: "regex"; readonly source: string };

/** `SELECTOR OP VALUE`, e.g. `$.errorCode = "AccessDenied*"`. */
export interface JsonComparison {
    readonly kind: "compare";
    readonly selector: readonly SelectorSegment[];
    readonly op: ComparisonOp;
    readonly value: ComparisonValue;
}

/** `SELECTOR IS TRUE`, `IS FALSE` or `IS NULL`. */
export interface JsonIs {
    readonly kind: "is";
    readonly selector: readonly SelectorSegment[];
    readonly value: true | false | null;
}

/** `SELECTOR EXISTS` or `SELECTOR NOT EXISTS`. */
export interface JsonExists {
    readonly kind: "exists";
    readonly selector: readonly SelectorSegment[];
    readonly negated: boolean;
}

/** A parenthesized condition. */
export interface JsonGroup {
    readonly kind: "group";
    readonly expr: JsonExpr;
}

/**
 * Two or more conditions joined by `&&`/`||` without parentheses between them,
 * kept flat: `operators[i]` joins `operands[i]` and `operands[i + 1]`.
 */
export interface JsonChain {
    readonly kind: "chain";
    readonly operands: readonly JsonExpr[];
    readonly operators: readonly LogicalOp[];
}

/** A JSON pattern condition: an atom, a group or a chain. */
export type JsonExpr = JsonComparison | JsonIs | JsonExists | JsonGroup | JsonChain;

/** An atomic JSON condition (the leaves of a {@link JsonExpr}). */
export type JsonAtom = JsonComparison | JsonIs | JsonExists;

/** One term of a term pattern. */
export interface Term {
    /** `word` (unquoted), `phrase` (double-quoted) or `regex` (`%…%`). */
    readonly form: "word" | "phrase" | "regex";
    /** The word, the phrase without quotes, or the regex source without `%`. */
    readonly text: string;
    /** `required` (plain), `excluded` (`-term`) or `optional` (`?term`: at least one optional term must occur). */
    readonly mode: "required" | "excluded" | "optional";
}

/** One comparison inside a space-delimited field, e.g. `status_code = 4*`. */
export interface DelimitedComparison {
    /** The field name the comparison reads (usually the enclosing field's own name). */
    readonly field: string;
    readonly op: ComparisonOp;
    readonly value: ComparisonValue;
}

/** The condition attached to a space-delimited field: comparisons joined flat, as in {@link JsonChain}. */
export interface DelimitedCondition {
    readonly comparisons: readonly DelimitedComparison[];
    readonly operators: readonly LogicalOp[];
}

/** One position of a space-delimited pattern. */
export type DelimitedField =
    /** `...`: any number of fields. */
    | { readonly kind: "ellipsis" }
    /** A named field, optionally with a condition. */
    | { readonly kind: "field"; readonly name: string; readonly condition: DelimitedCondition | null };

/** A parsed filter pattern. */
export type FilterPattern =
    /** The empty pattern: matches every log event. */
    | { readonly kind: "all" }
    /** `{ … }`: a condition on JSON log events. */
    | { readonly kind: "json"; readonly expr: JsonExpr }
    /** Terms, phrases and regexes matched against the raw event text. */
    | { readonly kind: "terms"; readonly terms: readonly Term[] }
    /** `[ … ]`: fields of a space-delimited log event. */
    | { readonly kind: "delimited"; readonly fields: readonly DelimitedField[] };

/** A syntax error, 1-based column into the pattern text. */
export interface PatternSyntaxError {
    readonly message: string;
    readonly column: number;
}

/** What {@link parsePattern} returns: a tree or a structured error, never an exception. */
export type ParseResult =
    | { readonly ok: true; readonly pattern: FilterPattern }
    | { readonly ok: false; readonly error: PatternSyntaxError };
