/**
 * Decides on raw bytes, before any decoding, whether an event can possibly
 * match: it must contain at least one of the pattern's required literals.
 * Most CloudTrail records contain none of them, so most records are never
 * decoded or JSON.parsed.
 */

/**
 * JSON may spell a character as a `\u` escape, hiding a literal from a byte
 * search; events containing one are always treated as candidates.
 */
const UNICODE_ESCAPE = "\\u";

/**
 * Literals with characters JSON may write in escaped form (`\/`, `\"`,
 * `\\`, control characters) cannot be searched for safely in raw text.
 */
function isUnsafeLiteral(literal: string): boolean {
    for (let i = 0; i < literal.length; i++) {
        const code = literal.charCodeAt(i);
        if (code < 0x20 || code === 0x22 || code === 0x2f || code === 0x5c) {
            return true;
        }
    }
    return false;
}

/** A byte-level "might match" test over events that are slices of shared buffers. */
export class LiteralPrefilter {
    private readonly needles: readonly Buffer[];
    /** Per needle: next occurrence at or after the last asked start in `current` (-1 none, -2 unknown). */
    private readonly next: Int32Array;
    private current: Buffer | undefined;
    private lastStart = 0;

    private constructor(literals: readonly string[]) {
        this.needles = [...literals, UNICODE_ESCAPE].map((literal) => Buffer.from(literal, "utf8"));
        this.next = new Int32Array(this.needles.length);
    }

    /**
     * A prefilter for `literals`, or undefined when every event must be
     * examined: no literals were given, one is empty, or one holds a
     * character JSON can escape in more than one way.
     */
    public static create(literals: readonly string[] | null): LiteralPrefilter | undefined {
        if (literals === null || literals.length === 0 || literals.some((l) => l === "" || isUnsafeLiteral(l))) {
            return undefined;
        }
        return new LiteralPrefilter(literals);
    }

    /**
     * True when bytes `[start, end)` of `buffer` contain one of the literals.
     * Calls on the same buffer with increasing `start` reuse earlier searches,
     * so a buffer full of events is searched about once per literal overall.
     */
    public mayMatch(buffer: Buffer, start: number, end: number): boolean {
        if (buffer !== this.current || start < this.lastStart) {
            this.current = buffer;
            this.next.fill(-2);
        }
        this.lastStart = start;
        const needles = this.needles;
        for (let k = 0; k < needles.length; k++) {
            let found = this.next[k];
            if (found === -1) {
                continue;
            }
            if (found < start) {
                found = buffer.indexOf(needles[k], start);
                this.next[k] = found;
                if (found === -1) {
                    continue;
                }
            }
            if (found + needles[k].length <= end) {
                return true;
            }
        }
        return false;
    }
}
