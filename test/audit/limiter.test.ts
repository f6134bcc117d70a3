/**
 * The audit's bound on requests in flight: never more than the limit at
 * once, every task runs, a failing task frees its slot.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as ApiModule from "../../component/src/audit/aws-api";
import { REPO } from "../check/helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Limiter } = require(path.join(REPO, "component", "dist", "audit", "aws-api")) as typeof ApiModule;

describe("audit: Limiter", () => {
    it("runs every task, at most `limit` at once, and frees the slot of one that fails", async () => {
        const limiter = new Limiter(3);
        let running = 0;
        let peak = 0;
        const task = (i: number) =>
            limiter.run(async () => {
                running++;
                peak = Math.max(peak, running);
                await new Promise((r) => setTimeout(r, 5 + (i % 4)));
                running--;
                if (i % 7 === 0) {
                    throw new Error(`task ${i}`);
                }
                return i;
            });
        const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => task(i)));
        assert.equal(peak, 3);
        assert.equal(running, 0);
        assert.equal(results.filter((r) => r.status === "fulfilled").length, 40 - 6);
        assert.deepEqual(
            results.flatMap((r, i) => (r.status === "fulfilled" ? [r.value] : [i])),
            Array.from({ length: 40 }, (_, i) => i),
        );
    });
});
