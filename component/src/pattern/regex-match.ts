/**
 * Regex matching without catastrophic backtracking. CloudWatch regexes have
 * no groups, so the only way a backtracking engine (JavaScript's) can take
 * super-linear time is an alternative with several variable-length pieces
 * such as `a*a*a*b`. Those are run on a lazily built DFA instead, which is
 * linear in the input; the rest use the faster native RegExp. Both read the
 * same parsed regex, so they agree on every input.
 */
import { type Nfa, buildRegexNfa, closure, step } from "./automaton";
import { type ParsedRegex, parseCloudWatchRegex, toJsRegExp } from "./regex";

/** DFA states cached per matcher; past this the cache is reset, keeping memory bounded. */
export const MAX_CACHED_DFA_STATES = 10_000;

/** True when some alternative has two or more variable-length pieces (the backtracking risk). */
export function mayBacktrack(regex: ParsedRegex): boolean {
    return regex.alternatives.some((alt) => alt.pieces.filter((p) => p.max !== p.min).length >= 2);
}

function dfaMatcher(nfa: Nfa): (s: string) => boolean {
    let ids = new Map<string, number>();
    let sets: number[][] = [];
    let accepting: boolean[] = [];
    let transitions: Map<number, number>[] = [];
    const intern = (states: number[]): number => {
        const key = states.join(",");
        let id = ids.get(key);
        if (id === undefined) {
            id = sets.length;
            ids.set(key, id);
            sets.push(states);
            accepting.push(states.includes(nfa.accept));
            transitions.push(new Map());
        }
        return id;
    };
    const startStates = closure(nfa, [0]);
    return (s) => {
        if (sets.length > MAX_CACHED_DFA_STATES) {
            ids = new Map();
            sets = [];
            accepting = [];
            transitions = [];
        }
        let current = intern(startStates);
        for (let i = 0; i < s.length; i++) {
            const code = s.charCodeAt(i);
            const row = transitions[current] as Map<number, number>;
            let next = row.get(code);
            if (next === undefined) {
                next = intern(step(nfa, sets[current] as number[], code));
                row.set(code, next);
            }
            current = next;
        }
        return accepting[current] as boolean;
    };
}

/** Compiles a CloudWatch regex (search semantics) into a test that runs in linear time when backtracking could be slow. */
export function compileRegex(source: string): (s: string) => boolean {
    const parsed = parseCloudWatchRegex(source);
    if (mayBacktrack(parsed)) {
        const nfa = buildRegexNfa(parsed);
        if (nfa !== null) {
            return dfaMatcher(nfa);
        }
    }
    const re = toJsRegExp(parsed);
    return (s) => re.test(s);
}
