/**
 * Readings of `&&`/`||` chains, and the boolean trees they produce.
 *
 * Operator precedence: the archived CloudWatch Logs guide ("Filter and Pattern
 * Syntax", section "JSON Compound Conditions") states "the syntax follows
 * standard order of operations () > && > ||", and its worked example
 * `{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }`
 * matches, which only the conventional reading explains. The current guide
 * ("Using filter patterns to match terms in JSON log events") no longer
 * states precedence. The matcher therefore uses the conventional reading by
 * default, and the coverage decision requires a verdict to hold under both the
 * conventional and the left-to-right reading whenever a chain mixes the two
 * operators without parentheses.
 */
import type { DelimitedCondition, FilterPattern, JsonAtom, JsonExpr, LogicalOp } from "./ast";

/** How an unparenthesized chain mixing `&&` and `||` groups. */
export type Reading = "conventional" | "left-to-right";

/** Both readings, conventional (the documented one) first. */
export const READINGS: readonly Reading[] = ["conventional", "left-to-right"];

/** A boolean formula over atoms of type `A`. */
export type Logic<A> =
    | { readonly kind: "atom"; readonly atom: A }
    | { readonly kind: "and"; readonly parts: readonly Logic<A>[] }
    | { readonly kind: "or"; readonly parts: readonly Logic<A>[] };

/** Groups a flat chain under `reading`. */
export function groupChain<A>(operands: readonly Logic<A>[], operators: readonly LogicalOp[], reading: Reading): Logic<A> {
    const head = operands[0] as Logic<A>;
    if (reading === "left-to-right") {
        let acc = head;
        operators.forEach((op, i) => {
            acc = { kind: op === "&&" ? "and" : "or", parts: [acc, operands[i + 1] as Logic<A>] };
        });
        return acc;
    }
    // Conventional: && binds tighter, so the chain is an OR of AND-runs.
    const runs: Logic<A>[][] = [[head]];
    operators.forEach((op, i) => {
        const next = operands[i + 1] as Logic<A>;
        if (op === "&&") {
            (runs[runs.length - 1] as Logic<A>[]).push(next);
        } else {
            runs.push([next]);
        }
    });
    const ands = runs.map((run): Logic<A> => (run.length === 1 ? (run[0] as Logic<A>) : { kind: "and", parts: run }));
    return ands.length === 1 ? (ands[0] as Logic<A>) : { kind: "or", parts: ands };
}

/** The boolean tree of a JSON condition under `reading`. */
export function jsonLogic(expr: JsonExpr, reading: Reading): Logic<JsonAtom> {
    switch (expr.kind) {
        case "group":
            return jsonLogic(expr.expr, reading);
        case "chain":
            return groupChain(
                expr.operands.map((e) => jsonLogic(e, reading)),
                expr.operators,
                reading,
            );
        default:
            return { kind: "atom", atom: expr };
    }
}

/** The boolean tree of a space-delimited field condition under `reading`. */
export function conditionLogic(condition: DelimitedCondition, reading: Reading): Logic<DelimitedCondition["comparisons"][number]> {
    return groupChain(
        condition.comparisons.map((atom) => ({ kind: "atom" as const, atom })),
        condition.operators,
        reading,
    );
}

function chainIsMixed(operators: readonly LogicalOp[]): boolean {
    return operators.includes("&&") && operators.includes("||");
}

function exprHasMixedChain(expr: JsonExpr): boolean {
    if (expr.kind === "group") {
        return exprHasMixedChain(expr.expr);
    }
    if (expr.kind === "chain") {
        return chainIsMixed(expr.operators) || expr.operands.some(exprHasMixedChain);
    }
    return false;
}

/** True when the pattern has an unparenthesized chain mixing `&&` and `||`, i.e. its meaning depends on precedence. */
export function dependsOnPrecedence(pattern: FilterPattern): boolean {
    if (pattern.kind === "json") {
        return exprHasMixedChain(pattern.expr);
    }
    if (pattern.kind === "delimited") {
        return pattern.fields.some((f) => f.kind === "field" && f.condition !== null && chainIsMixed(f.condition.operators));
    }
    return false;
}

/** The readings under which `pattern` must be evaluated: one when precedence cannot matter, both otherwise. */
export function readingsOf(pattern: FilterPattern): readonly Reading[] {
    return dependsOnPrecedence(pattern) ? READINGS : ["conventional"];
}

/** Compiles a boolean tree given a compiler for its atoms. */
export function compileLogic<A, T>(logic: Logic<A>, compileLeaf: (atom: A) => (input: T) => boolean): (input: T) => boolean {
    if (logic.kind === "atom") {
        return compileLeaf(logic.atom);
    }
    const parts = logic.parts.map((p) => compileLogic(p, compileLeaf));
    if (parts.length === 2) {
        const [a, b] = parts as [(input: T) => boolean, (input: T) => boolean];
        return logic.kind === "and" ? (x) => a(x) && b(x) : (x) => a(x) || b(x);
    }
    // Plain loops: no closure is allocated per evaluated event.
    if (logic.kind === "and") {
        return (x) => {
            for (const p of parts) if (!p(x)) return false;
            return true;
        };
    }
    return (x) => {
        for (const p of parts) if (p(x)) return true;
        return false;
    };
}
