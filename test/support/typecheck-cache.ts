/**
 * Loaded by mocha (`.mocharc.json` `require`): the test run owns a fresh
 * type-check cache directory (component/src/check/typecheck-cache.ts), so the
 * example programs that many tests check again and again are type-checked
 * once per run instead of once per test. The cache is used only while every
 * file the compiler consulted is unchanged, and never holds a type error, so
 * no verdict depends on it (test/check/typecheck-cache.test.ts). Set in the
 * main mocha process before its parallel workers start, which inherit it; a
 * directory the caller named is used as it is and left in place.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const VARIABLE = "TRAILWATCH_TYPECHECK_CACHE";
const owned = process.env[VARIABLE] === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-test-typecheck-")) : undefined;
if (owned !== undefined) {
    process.env[VARIABLE] = owned;
}

/** Mocha's global teardown (main process only): the run's own cache goes with it. */
export function mochaGlobalTeardown(): void {
    if (owned !== undefined) {
        fs.rmSync(owned, { recursive: true, force: true });
    }
}
