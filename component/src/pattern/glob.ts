/**
 * CloudWatch string values with `*` wildcards ("globs"): anchored,
 * case-sensitive, `*` matches any run of characters (including none), and no
 * other character is special. Source: "Using filter patterns to match terms
 * in JSON log events" (`*Event` matches PutEvent; `Event*` matches EventId).
 */

/** A compiled glob test, specialised for the common shapes (exact, prefix, suffix, infix). */
export function compileGlob(glob: string): (s: string) => boolean {
    const parts = glob.split("*");
    if (parts.length === 1) {
        return (s) => s === glob;
    }
    const first = parts[0] as string;
    const last = parts[parts.length - 1] as string;
    const middle = parts.slice(1, -1).filter((p) => p !== "");
    const minLength = first.length + last.length + middle.reduce((n, p) => n + p.length, 0);
    if (middle.length === 0) {
        if (last === "") {
            return first === "" ? () => true : (s) => s.startsWith(first);
        }
        if (first === "") {
            return (s) => s.endsWith(last);
        }
        return (s) => s.length >= minLength && s.startsWith(first) && s.endsWith(last);
    }
    if (first === "" && last === "" && middle.length === 1) {
        const needle = middle[0] as string;
        return (s) => s.includes(needle);
    }
    return (s) => {
        if (s.length < minLength || !s.startsWith(first) || !s.endsWith(last)) {
            return false;
        }
        // Leftmost-first placement of each middle part is optimal for `*`-only globs.
        let at = first.length;
        const end = s.length - last.length;
        for (const part of middle) {
            const found = s.indexOf(part, at);
            if (found < 0 || found + part.length > end) {
                return false;
            }
            at = found + part.length;
        }
        return true;
    };
}

/** True when `s` matches `glob`. */
export function globMatches(glob: string, s: string): boolean {
    return compileGlob(glob)(s);
}
