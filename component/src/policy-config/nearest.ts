/** The nearest valid name to a misspelt one, by edit distance, for "did you mean" in config errors. */

/** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length] as number;
}

/** The candidate closest to `word` (the first of equals), or undefined when there is none. */
export function nearestName(word: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}
