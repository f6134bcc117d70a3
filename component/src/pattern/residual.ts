/**
 * What is left of a formula once some fields are assigned: every test on an
 * assigned field folded to its truth value and the constants simplified away,
 * hash-consed so that two prefixes leaving the same residual share one object.
 * The counting walk of search.ts keys its memo on these, since the subtree
 * below a prefix depends on that prefix only through its residual.
 *
 * Folding follows `evaluate` (formula.ts) exactly, and every simplification
 * keeps the three-valued value under every later assignment: `and` drops true
 * parts and is false with a false part, `or` the other way round, both are
 * idempotent and commutative, and `not` of a constant is a constant.
 */
import type { Formula, Tri } from "./formula";
import { type FieldUniverse, type ValueClass, representative } from "./model";
import type { ValueTest } from "./predicate";

/** A simplified formula; `id` is unique per distinct residual. */
export type Residual =
    | { readonly id: number; readonly kind: "false" | "true" | "unknown"; readonly minField: number }
    | {
          readonly id: number;
          readonly kind: "test";
          readonly minField: number;
          readonly field: number;
          readonly test: ValueTest;
          readonly onStrings: boolean;
      }
    | { readonly id: number; readonly kind: "not"; readonly minField: number; readonly part: Residual }
    | { readonly id: number; readonly kind: "and" | "or"; readonly minField: number; readonly parts: readonly Residual[] };

type Constant = Extract<Residual, { kind: "false" | "true" | "unknown" }>;

/** The residuals of one search: one table per universe and constraint set. */
export class ResidualTable {
    private readonly byKey = new Map<string, Residual>();
    /** Test formulas by identity: two test objects are never merged, since their functions are opaque. */
    private readonly testIds = new Map<Formula, number>();
    readonly false: Constant;
    readonly true: Constant;
    readonly unknown: Constant;

    constructor(private readonly universe: FieldUniverse) {
        this.false = this.intern("F", (id) => ({ id, kind: "false", minField: Infinity })) as Constant;
        this.true = this.intern("T", (id) => ({ id, kind: "true", minField: Infinity })) as Constant;
        this.unknown = this.intern("U", (id) => ({ id, kind: "unknown", minField: Infinity })) as Constant;
    }

    private intern(key: string, make: (id: number) => Residual): Residual {
        let r = this.byKey.get(key);
        if (r === undefined) {
            r = make(this.byKey.size);
            this.byKey.set(key, r);
        }
        return r;
    }

    /** The residual of `f` with no field assigned. */
    of(f: Formula): Residual {
        switch (f.kind) {
            case "const":
                return f.value ? this.true : this.false;
            case "unknown":
                return this.unknown;
            case "test": {
                let n = this.testIds.get(f);
                if (n === undefined) {
                    n = this.testIds.size;
                    this.testIds.set(f, n);
                }
                return this.intern(`t${n}`, (id) => ({ id, kind: "test", minField: f.field, field: f.field, test: f.test, onStrings: f.onStrings }));
            }
            case "not":
                return this.not(this.of(f.part));
            case "and":
            case "or":
                return this.junction(f.kind, f.parts.map((p) => this.of(p)));
        }
    }

    private not(part: Residual): Residual {
        if (part.kind === "false") return this.true;
        if (part.kind === "true") return this.false;
        if (part.kind === "unknown") return this.unknown;
        return this.intern(`!${part.id}`, (id) => ({ id, kind: "not", minField: part.minField, part }));
    }

    private junction(kind: "and" | "or", parts: readonly Residual[]): Residual {
        const absorbing = kind === "and" ? "false" : "true";
        const neutral = kind === "and" ? "true" : "false";
        const kept = new Map<number, Residual>();
        for (const p of parts) {
            if (p.kind === absorbing) return p;
            if (p.kind !== neutral) kept.set(p.id, p);
        }
        if (kept.size === 0) return kind === "and" ? this.true : this.false;
        if (kept.size === 1) return kept.values().next().value as Residual;
        const sorted = [...kept.values()].sort((a, b) => a.id - b.id);
        const minField = Math.min(...sorted.map((p) => p.minField));
        return this.intern(`${kind === "and" ? "&" : "|"}${sorted.map((p) => p.id).join(",")}`, (id) => ({ id, kind, minField, parts: sorted }));
    }

    /** `r` with class `cls` assigned to `field`; fields below `field` must be assigned already (they are in the search's order). */
    assign(r: Residual, field: number, cls: number): Residual {
        const value = (this.universe.fields[field] as { classes: ValueClass[] }).classes[cls] as ValueClass;
        const done = new Map<number, Residual>();
        const visit = (x: Residual): Residual => {
            if (x.minField > field) return x;
            const cached = done.get(x.id);
            if (cached !== undefined) return cached;
            let out: Residual;
            switch (x.kind) {
                case "test":
                    // As `evaluate`: a class the automaton could not split is unknown to string tests.
                    out = value.kind === "anyString" && x.onStrings ? this.unknown : x.test(representative(value)) ? this.true : this.false;
                    break;
                case "not":
                    out = this.not(visit(x.part));
                    break;
                case "and":
                case "or":
                    out = this.junction(x.kind, x.parts.map(visit));
                    break;
                default:
                    out = x;
            }
            done.set(x.id, out);
            return out;
        };
        return visit(r);
    }

    /** The residual's value when every field it still tests is unassigned: what `evaluate` gives on the same prefix. */
    truth(r: Residual): Tri {
        return r.kind === "false" ? 0 : r.kind === "true" ? 1 : 2;
    }
}
