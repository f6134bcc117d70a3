/**
 * What the pattern tests import: the engine as users import it, plus a
 * test-only glob check written independently of the engine's.
 */
export * from "trailwatch/engine";

/** True when `s` matches one of the `*` globs (anchored, case-sensitive), via a regex built here, not by the engine. */
export function globMatchesForTest(globs: readonly string[], s: string): boolean {
    return globs.some((g) => new RegExp(`^${g.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*")}$`).test(s));
}
