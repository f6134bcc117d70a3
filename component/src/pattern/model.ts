/**
 * The finite record universe the coverage decision searches: one variable per
 * field path that the patterns, the intent or the exclusions mention, each
 * with the value classes that those conditions can tell apart.
 *
 * Classes per field: absent (unless the field is always present); null;
 * true/false; numbers split at the numeric constants compared against the
 * field; strings split by which globs and regexes they match (found exactly
 * by automaton.ts); an object or array when a selector goes deeper.
 *
 * Record model (what "any CloudTrail record" means here):
 * - A field the intent's example record carries keeps that value's JSON type
 *   (CloudTrail's schema fixes field types: `sourceIPAddress` is always a
 *   string), widened to object/array when a selector reaches inside it.
 * - Any other field may be absent, or a string, or any type a condition on it
 *   asks about (a number when compared with a number, null for `IS NULL`, a
 *   boolean for `IS TRUE`/`IS FALSE`), or an object/array when a selector
 *   reaches inside it.
 * - Fields in `presentFields` and their parents are always present. Fields
 *   of `mustMatch` clauses are present where the clause says so, which the
 *   search enforces as a constraint (the overmatch search looks at records
 *   outside the intent, where they may be absent).
 *
 * Witness strings prefer, in order: the example record's value, the values
 * of the intent's out-of-scope examples, the globs' literal text, "example".
 */
import type { ComparisonValue, JsonAtom, SelectorSegment } from "./ast";
import { type ClassExploration, type Nfa, exploreClasses, globNfa, regexNfa, stringClasses } from "./automaton";
import { formatSelector } from "./format";
import type { MonitoringIntent, RecordCondition } from "../intent";
import { MISSING, type ValueTest, compileValueTest, resolveSelector } from "./predicate";
import { clauseGlobs, dottedSegments } from "./clause";

/** One value class of a field. */
export type ValueClass =
    | { readonly kind: "absent" }
    /** A scalar (string, number, boolean or null); every value in the class satisfies the same conditions as this one. */
    | { readonly kind: "value"; readonly value: unknown }
    | { readonly kind: "object" }
    | { readonly kind: "array" }
    /** Strings the automaton search could not split (budget exceeded): string conditions are unknown on it. */
    | { readonly kind: "anyString" };

/** One field variable of the search. */
export interface FieldVar {
    readonly id: number;
    readonly segments: readonly SelectorSegment[];
    /** Canonical selector text, e.g. `$.userIdentity.type`. */
    readonly key: string;
    readonly parent: number | null;
    readonly required: boolean;
    /** Classes in order of preference: the example record's value first, then absent, then the rest. */
    readonly classes: ValueClass[];
}

/** The field variables, parents before children. */
export interface FieldUniverse {
    readonly fields: readonly FieldVar[];
    readonly byKey: ReadonlyMap<string, number>;
    /** Fields whose string classes are incomplete (a regex too large, or the search budget hit). */
    readonly undecided: readonly string[];
}

/** The value a class stands for when conditions are evaluated on it. */
export function representative(cls: ValueClass): unknown {
    switch (cls.kind) {
        case "absent":
            return MISSING;
        case "value":
            return cls.value;
        case "object":
            return {};
        case "array":
            return [];
        case "anyString":
            return "";
    }
}

type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

function jsonType(v: unknown): JsonType {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    const t = typeof v;
    return t === "string" || t === "number" || t === "boolean" ? t : "object";
}

interface PathDraft {
    segments: SelectorSegment[];
    required: boolean;
    stringValues: ComparisonValue[];
    numbers: number[];
    mentions: Set<JsonType>;
    tests: ValueTest[];
    keyChild: boolean;
    indexChild: boolean;
}

/**
 * A free-form string the caller chooses (CloudTrail record contents:
 * `userAgent`). With term patterns it joins the universe as the last
 * variable, so the search puts a term's text there before it alters a field
 * CloudTrail fills from a fixed vocabulary (such as `userIdentity.type`).
 */
const FREE_TEXT_FIELD = "userAgent";
const FREE_TEXT_KEY = formatSelector([{ kind: "key", name: FREE_TEXT_FIELD }]);

/** Inputs of {@link buildUniverse}. */
export interface UniverseInput {
    /** Wildcard-free JSON atoms of all patterns. */
    readonly atoms: readonly JsonAtom[];
    readonly intent: MonitoringIntent;
    /** mayMiss conditions and excluded-record conditions. */
    readonly conditions: readonly RecordCondition[];
    /**
     * Literal texts of term-pattern terms: every string field's classes are
     * split by whether the value contains each, so a term implied by a value is decided exactly.
     */
    readonly terms?: readonly string[];
}

/** Builds the field variables and their value classes. */
export function buildUniverse(input: UniverseInput): FieldUniverse {
    const drafts = new Map<string, PathDraft>();
    const touch = (segments: readonly SelectorSegment[]): PathDraft => {
        for (let len = 1; len <= segments.length; len++) {
            const prefix = segments.slice(0, len);
            const key = formatSelector(prefix);
            if (!drafts.has(key)) {
                drafts.set(key, {
                    segments: prefix,
                    required: false,
                    stringValues: [],
                    numbers: [],
                    mentions: new Set(),
                    tests: [],
                    keyChild: false,
                    indexChild: false,
                });
            }
            if (len < segments.length) {
                const child = segments[len] as SelectorSegment;
                const draft = drafts.get(key) as PathDraft;
                if (child.kind === "index") draft.indexChild = true;
                else draft.keyChild = true;
            }
        }
        return drafts.get(formatSelector(segments)) as PathDraft;
    };
    const require = (segments: readonly SelectorSegment[]): void => {
        touch(segments);
        for (let len = 1; len <= segments.length; len++) {
            (drafts.get(formatSelector(segments.slice(0, len))) as PathDraft).required = true;
        }
    };

    for (const atom of input.atoms) {
        const d = touch(atom.selector);
        d.tests.push(compileValueTest(atom));
        if (atom.kind === "compare") {
            if (atom.value.kind === "number") {
                d.numbers.push(atom.value.value);
                d.mentions.add("number");
            } else {
                d.stringValues.push(atom.value);
            }
        } else if (atom.kind === "is") {
            d.mentions.add(atom.value === null ? "null" : "boolean");
        }
    }
    for (const condition of [input.intent.mustMatch, ...input.conditions]) {
        for (const clause of condition) {
            const d = touch(dottedSegments(clause.field));
            for (const glob of clauseGlobs(clause)) d.stringValues.push({ kind: "string", text: glob });
        }
    }
    for (const field of input.intent.presentFields) {
        require(dottedSegments(field));
    }
    if ((input.terms ?? []).length > 0) touch([{ kind: "key", name: FREE_TEXT_FIELD }]);
    for (const term of input.terms ?? []) {
        for (const d of drafts.values()) d.stringValues.push({ kind: "string", text: `*${term}*` });
    }

    const freeTextLast = (key: string): number => (key === FREE_TEXT_KEY ? 1 : 0);
    const ordered = [...drafts.entries()].sort((a, b) => freeTextLast(a[0]) - freeTextLast(b[0]) || a[1].segments.length - b[1].segments.length);
    const byKey = new Map<string, number>();
    const fields: FieldVar[] = [];
    const undecided: string[] = [];
    for (const [key, d] of ordered) {
        const parentKey = d.segments.length > 1 ? formatSelector(d.segments.slice(0, -1)) : null;
        const parent = parentKey === null ? null : (byKey.get(parentKey) ?? null);
        const example = resolveSelector(input.intent.exampleRecord, d.segments);
        const neighbours = (input.intent.outOfScopeExamples ?? [])
            .map((r) => resolveSelector(r, d.segments))
            .filter((v): v is string => typeof v === "string");
        // The intent names fields by path (`errorCode`), the model by selector (`$.errorCode`).
        const realistic = input.intent.realisticValues?.[key.replace(/^\$\./, "")] ?? [];
        const { classes, complete } = classesFor(d, example, [...neighbours, ...realistic]);
        if (!complete) undecided.push(key);
        byKey.set(key, fields.length);
        fields.push({ id: fields.length, segments: d.segments, key, parent, required: d.required, classes });
    }
    return { fields, byKey, undecided };
}

function classesFor(d: PathDraft, example: unknown, neighbours: readonly string[]): { classes: ValueClass[]; complete: boolean } {
    const types = new Set<JsonType>();
    if (example !== MISSING) {
        types.add(jsonType(example));
    } else {
        types.add("string");
        for (const t of d.mentions) types.add(t);
    }
    if (d.keyChild && (example === MISSING || example === null || jsonType(example) === "object")) types.add("object");
    if (d.indexChild && (example === MISSING || example === null || jsonType(example) === "array")) types.add("array");

    const out: ValueClass[] = [];
    let complete = true;
    if (types.has("string")) {
        const result = stringClassesFor(d.stringValues, [...(typeof example === "string" ? [example] : []), ...neighbours]);
        complete = result.complete;
        out.push(...result.classes);
    }
    if (types.has("number")) {
        out.push(...numberClasses(d.numbers, typeof example === "number" ? example : undefined, d.tests));
    }
    if (types.has("boolean")) out.push({ kind: "value", value: true }, { kind: "value", value: false });
    if (types.has("null")) out.push({ kind: "value", value: null });
    if (types.has("object")) out.push({ kind: "object" });
    if (types.has("array")) out.push({ kind: "array" });

    // Preference: the class holding the example value first (with that value), then absent, then the rest.
    const exampleIndex =
        example === MISSING
            ? -1
            : out.findIndex((c) =>
                  c.kind === "value" ? Object.is(c.value, example) : c.kind === jsonType(example),
              );
    const ordered: ValueClass[] = [];
    if (exampleIndex >= 0) ordered.push(out.splice(exampleIndex, 1)[0] as ValueClass);
    if (!d.required) ordered.push({ kind: "absent" });
    ordered.push(...out);
    return { classes: ordered, complete };
}

/**
 * Class explorations by the conditions they were run for. A term pattern puts
 * every term on every string field, and coverage and overmatch each build a
 * universe, so the same automata come back many times per assessment; the
 * exploration depends on them alone (the witness preference is applied after).
 */
const explorations = new Map<string, ClassExploration>();
const MAX_EXPLORATIONS = 256;

function exploreOnce(key: string, nfas: readonly Nfa[]): ClassExploration {
    let explored = explorations.get(key);
    if (explored === undefined) {
        explored = exploreClasses(nfas);
        if (explorations.size >= MAX_EXPLORATIONS) explorations.clear();
        explorations.set(key, explored);
    }
    return explored;
}

function stringClassesFor(values: readonly ComparisonValue[], realistic: readonly string[]): { classes: ValueClass[]; complete: boolean } {
    const unique = new Map<string, ComparisonValue>();
    for (const v of values) unique.set(`${v.kind}:${v.kind === "regex" ? v.source : v.kind === "string" ? v.text : v.value}`, v);
    const nfas: Nfa[] = [];
    let complete = true;
    const preferred: string[] = [...realistic];
    for (const v of unique.values()) {
        if (v.kind === "string") {
            nfas.push(globNfa(v.text));
            // The glob's own literal text is a realistic witness (e.g. "AccessDenied" for `AccessDenied*`).
            preferred.push(v.text.replace(/\*/g, ""));
        } else if (v.kind === "regex") {
            const nfa = regexNfa(v.source);
            if (nfa === null) complete = false;
            else nfas.push(nfa);
        }
    }
    preferred.push("example");
    // The automata follow from the distinct values in order, so those name the exploration.
    const search = stringClasses(nfas, preferred, exploreOnce(JSON.stringify([...unique.keys()]), nfas));
    const classes: ValueClass[] = search.classes.map((c) => ({ kind: "value", value: c.witness }));
    if (!complete || !search.complete) {
        classes.push({ kind: "anyString" });
    }
    return { classes, complete: complete && search.complete };
}

function numberClasses(constants: readonly number[], example: number | undefined, tests: readonly ValueTest[]): ValueClass[] {
    const cs = [...new Set(constants)].sort((a, b) => a - b);
    const reps: number[] = [];
    if (cs.length === 0) {
        reps.push(example ?? 0);
    } else {
        // Step away by at least 1 and by the magnitude, so the neighbour differs even for huge constants.
        const lowest = cs[0] as number;
        const highest = cs[cs.length - 1] as number;
        reps.push(lowest - Math.max(1, Math.abs(lowest)));
        cs.forEach((c, i) => {
            reps.push(c);
            const next = cs[i + 1];
            const mid = next === undefined ? c : c + (next - c) / 2;
            // No double lies strictly between adjacent constants when the midpoint rounds onto one of them.
            if (next !== undefined && mid !== c && mid !== next) reps.push(mid);
        });
        reps.push(highest + Math.max(1, Math.abs(highest)));
    }
    // Put the example value in place of the representative it is equivalent to.
    if (example !== undefined) {
        const signature = (n: number): string => tests.map((t) => (t(n) ? "1" : "0")).join("");
        const target = signature(example);
        const i = reps.findIndex((r) => signature(r) === target);
        if (i >= 0) reps[i] = example;
    }
    return [...new Set(reps)].map((value) => ({ kind: "value", value }));
}
