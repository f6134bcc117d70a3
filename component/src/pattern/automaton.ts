/**
 * Nondeterministic finite automata for the string conditions of a pattern
 * (`*` globs and `%…%` regexes), and the product search that finds, for a set
 * of such conditions, every combination of "matches / does not match" that
 * some string realises, with a short witness string for each.
 *
 * This is what makes the coverage decision exact: it does not sample strings,
 * it explores the product of the automata, so e.g. a string that matches
 * `AccessDenied*` but not `*Exception` is found whenever one exists.
 */
import { ANY_CHAR, type CharSet, type ParsedRegex, type RegexAlternative, charSetHas, parseCloudWatchRegex, singleChar } from "./regex";

/** An NFA with ε-moves; state 0 is the start. */
export interface Nfa {
    readonly accept: number;
    readonly eps: readonly (readonly number[])[];
    readonly edges: readonly (readonly { readonly set: CharSet; readonly to: number }[])[];
}

/** Largest NFA we build; bigger regexes (huge `{m,n}` counts) are left undecided. */
export const MAX_NFA_STATES = 4000;

class NfaBuilder {
    readonly eps: number[][] = [];
    readonly edges: { set: CharSet; to: number }[][] = [];

    state(): number {
        if (this.eps.length >= MAX_NFA_STATES) {
            throw new RangeError("automaton too large");
        }
        this.eps.push([]);
        this.edges.push([]);
        return this.eps.length - 1;
    }

    epsilon(from: number, to: number): void {
        (this.eps[from] as number[]).push(to);
    }

    edge(from: number, set: CharSet, to: number): void {
        (this.edges[from] as { set: CharSet; to: number }[]).push({ set, to });
    }

    /** Appends `set{min,max}` after state `cur`; returns the new end state. */
    piece(cur: number, set: CharSet, min: number, max: number): number {
        for (let i = 0; i < min; i++) {
            const next = this.state();
            this.edge(cur, set, next);
            cur = next;
        }
        if (max === Infinity) {
            const loop = this.state();
            this.epsilon(cur, loop);
            this.edge(loop, set, loop);
            return loop;
        }
        if (max > min) {
            const end = this.state();
            for (let i = min; i < max; i++) {
                const next = this.state();
                this.epsilon(cur, end);
                this.edge(cur, set, next);
                cur = next;
            }
            this.epsilon(cur, end);
            return end;
        }
        return cur;
    }
}

function buildNfa(alternatives: readonly RegexAlternative[]): Nfa {
    const b = new NfaBuilder();
    const start = b.state();
    const accept = b.state();
    for (const alt of alternatives) {
        let cur = b.state();
        b.epsilon(start, cur);
        if (!alt.anchoredStart) {
            cur = b.piece(cur, ANY_CHAR, 0, Infinity);
        }
        for (const p of alt.pieces) {
            cur = b.piece(cur, p.set, p.min, p.max);
        }
        if (!alt.anchoredEnd) {
            cur = b.piece(cur, ANY_CHAR, 0, Infinity);
        }
        b.epsilon(cur, accept);
    }
    return { accept, eps: b.eps, edges: b.edges };
}

/** The NFA of an anchored `*` glob. */
export function globNfa(glob: string): Nfa {
    // Code units, not code points: string comparison sees UTF-16 code units.
    const pieces = [];
    for (let i = 0; i < glob.length; i++) {
        pieces.push(
            glob[i] === "*"
                ? { set: ANY_CHAR, min: 0, max: Infinity }
                : { set: singleChar(glob.charCodeAt(i)), min: 1, max: 1 },
        );
    }
    return buildNfa([{ anchoredStart: true, anchoredEnd: true, pieces }]);
}

/** The NFA of a parsed CloudWatch regex (search semantics), or null when it is too large to build. */
export function buildRegexNfa(regex: ParsedRegex): Nfa | null {
    try {
        return buildNfa(regex.alternatives);
    } catch {
        return null;
    }
}

/** The NFA of a CloudWatch regex source (search semantics), or null when it is invalid or too large. */
export function regexNfa(source: string): Nfa | null {
    try {
        return buildRegexNfa(parseCloudWatchRegex(source));
    } catch {
        return null;
    }
}

/** The ε-closure of `states`, sorted. */
export function closure(nfa: Nfa, states: Iterable<number>): number[] {
    const seen = new Set<number>();
    const stack = [...states];
    while (stack.length > 0) {
        const s = stack.pop() as number;
        if (seen.has(s)) {
            continue;
        }
        seen.add(s);
        for (const t of nfa.eps[s] ?? []) {
            stack.push(t);
        }
    }
    return [...seen].sort((a, b) => a - b);
}

/** The states reached from `states` on code unit `code`, ε-closed. */
export function step(nfa: Nfa, states: readonly number[], code: number): number[] {
    const next: number[] = [];
    for (const s of states) {
        for (const e of nfa.edges[s] ?? []) {
            if (charSetHas(e.set, code)) {
                next.push(e.to);
            }
        }
    }
    return closure(nfa, next);
}

/** True when the NFA accepts `s` exactly (the NFA itself encodes anchoring). */
export function nfaAccepts(nfa: Nfa, s: string): boolean {
    let states = closure(nfa, [0]);
    for (let i = 0; i < s.length && states.length > 0; i++) {
        states = step(nfa, states, s.charCodeAt(i));
    }
    return states.includes(nfa.accept);
}

/** Preference order for witness characters: readable ones first. */
const CANDIDATE_CHARS =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:/ @#=;,!$%&'()*+<>?[]^`{|}~\"\\\t\n\u00e9";

/**
 * One representative character per class of characters that no set in the
 * automata tells apart. Characters outside the candidate list behave like some
 * candidate with the same membership signature unless a set names them, and
 * every character a set names explicitly is added, so the alphabet is exact.
 */
function alphabet(nfas: readonly Nfa[]): number[] {
    const sets: CharSet[] = [];
    const named = new Set<number>();
    for (const nfa of nfas) {
        for (const list of nfa.edges) {
            for (const e of list) {
                sets.push(e.set);
                for (const [lo, hi] of e.set.ranges) {
                    named.add(lo);
                    named.add(hi);
                    if (lo > 0) named.add(lo - 1);
                    named.add(hi + 1);
                }
            }
        }
    }
    const candidates = [...CANDIDATE_CHARS].map((c) => c.charCodeAt(0));
    for (const code of [...named].sort((a, b) => a - b)) {
        if (code >= 0 && code <= 0xffff && !candidates.includes(code)) {
            candidates.push(code);
        }
    }
    const bySignature = new Map<string, number>();
    for (const code of candidates) {
        const signature = sets.map((s) => (charSetHas(s, code) ? "1" : "0")).join("");
        if (!bySignature.has(signature)) {
            bySignature.set(signature, code);
        }
    }
    return [...bySignature.values()];
}

/** One realisable combination of string conditions, with a witness. */
export interface StringClass {
    /** `accepts[i]` is whether the witness (and every string in the class) satisfies condition `i`. */
    readonly accepts: readonly boolean[];
    /** A string in the class. */
    readonly witness: string;
}

/** Result of {@link stringClasses}. */
export interface StringClassSearch {
    readonly classes: readonly StringClass[];
    /** False when the search hit its budget: some realisable combination may be missing. */
    readonly complete: boolean;
}

/** Product states explored at most, per field. */
export const MAX_PRODUCT_STATES = 20_000;

/** NFA-state visits (subset construction work) allowed per field. */
export const MAX_SUBSET_WORK = 2_000_000;

/** A subset construction built on demand, so only reachable DFA states are ever computed. */
class LazyDfa {
    private readonly ids = new Map<string, number>();
    private readonly sets: number[][] = [];
    private readonly accepting: boolean[] = [];
    private readonly transitions: number[] = [];

    constructor(
        private readonly nfa: Nfa,
        private readonly letters: readonly number[],
        private readonly work: { left: number },
    ) {}

    /** The DFA state of a set of NFA states. */
    intern(states: number[]): number {
        const key = states.join(",");
        let id = this.ids.get(key);
        if (id === undefined) {
            id = this.sets.length;
            this.ids.set(key, id);
            this.sets.push(states);
            this.accepting.push(states.includes(this.nfa.accept));
        }
        return id;
    }

    start(): number {
        return this.intern(closure(this.nfa, [0]));
    }

    accepts(id: number): boolean {
        return this.accepting[id] as boolean;
    }

    /** The successor of DFA state `id` on letter number `letter`; memoised. */
    next(id: number, letter: number): number {
        const slot = id * this.letters.length + letter;
        const cached = this.transitions[slot];
        if (cached !== undefined) {
            return cached;
        }
        const states = this.sets[id] as number[];
        this.work.left -= states.length + 1;
        const target = this.intern(step(this.nfa, states, this.letters[letter] as number));
        this.transitions[slot] = target;
        return target;
    }
}

/** One combination the breadth-first search met, with the first string that showed it and the first non-empty one. */
export interface ExploredClass {
    readonly key: string;
    readonly accepts: readonly boolean[];
    readonly firstText: string;
    readonly firstNonEmpty: string | null;
}

/** The combinations of acceptances a breadth-first search over `nfas` meets, in the order it meets them; it does not depend on any witness preference. */
export interface ClassExploration {
    readonly found: readonly ExploredClass[];
    /** False when the search hit its budget: some realisable combination may be missing. */
    readonly complete: boolean;
}

const keyOf = (accepts: readonly boolean[]): string => accepts.map((a) => (a ? "1" : "0")).join("");

/**
 * The breadth-first search over the product of the (lazily built) subset
 * constructions of `nfas`: every combination of acceptances it reaches, in
 * order, with its shortest strings. Depends on the automata only, so a caller
 * may reuse it for every field with the same conditions.
 */
export function exploreClasses(nfas: readonly Nfa[]): ClassExploration {
    const found = new Map<string, { key: string; accepts: boolean[]; firstText: string; firstNonEmpty: string | null }>();
    const letters = alphabet(nfas);
    const work = { left: MAX_SUBSET_WORK };
    const dfas = nfas.map((n) => new LazyDfa(n, letters, work));
    const start = dfas.map((d) => d.start());
    const seen = new Set<string>([start.join(",")]);
    let frontier: { states: number[]; text: string }[] = [{ states: start, text: "" }];
    let complete = true;
    while (frontier.length > 0 && complete) {
        const next: { states: number[]; text: string }[] = [];
        for (const node of frontier) {
            const accepts = node.states.map((s, i) => (dfas[i] as LazyDfa).accepts(s));
            const key = keyOf(accepts);
            const prior = found.get(key);
            if (prior === undefined) {
                found.set(key, { key, accepts, firstText: node.text, firstNonEmpty: node.text === "" ? null : node.text });
            } else if (prior.firstNonEmpty === null && node.text !== "") {
                prior.firstNonEmpty = node.text;
            }
            for (let letter = 0; letter < letters.length; letter++) {
                const states = node.states.map((s, i) => (dfas[i] as LazyDfa).next(s, letter));
                const k = states.join(",");
                if (seen.has(k)) {
                    continue;
                }
                if (seen.size >= MAX_PRODUCT_STATES || work.left < 0) {
                    complete = false;
                    break;
                }
                seen.add(k);
                next.push({ states, text: node.text + String.fromCharCode(letters[letter] as number) });
            }
        }
        frontier = next;
    }
    return { found: [...found.values()], complete };
}

/**
 * Every combination of acceptances of `nfas` that some string realises, by
 * breadth-first search over the product of their (lazily built) subset
 * constructions ({@link exploreClasses}; pass its result when it is already
 * known for these automata). `preferred` strings are tried first, so a class
 * containing a realistic value (e.g. the example record's) gets it as
 * witness; otherwise the witness is a shortest string, non-empty when the
 * class has one.
 */
export function stringClasses(nfas: readonly Nfa[], preferred: readonly string[], explored: ClassExploration = exploreClasses(nfas)): StringClassSearch {
    const found = new Map<string, { accepts: readonly boolean[]; witness: string }>();
    for (const s of preferred) {
        const accepts = nfas.map((n) => nfaAccepts(n, s));
        const key = keyOf(accepts);
        if (!found.has(key)) {
            found.set(key, { accepts, witness: s });
        }
    }
    for (const c of explored.found) {
        const prior = found.get(c.key);
        if (prior === undefined) {
            found.set(c.key, { accepts: c.accepts, witness: c.firstText === "" ? (c.firstNonEmpty ?? "") : c.firstText });
        } else if (prior.witness === "" && c.firstNonEmpty !== null) {
            prior.witness = c.firstNonEmpty;
        }
    }
    return { classes: [...found.values()], complete: explored.complete };
}
