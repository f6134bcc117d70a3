/**
 * Runs jobs at most `limit` at a time: each job here is a process (the Pulumi
 * engine with a pack, or `trailwatch check` with a pack), and the machine the
 * suite runs on has few cores.
 */
import * as os from "node:os";

/** As many jobs as the machine has cores, at most 2 (each job is itself two processes, the CLI and the pack). */
export const PARALLEL = Math.max(1, Math.min(2, os.availableParallelism()));

/** Runs every job, `limit` at a time; results in the jobs' order. */
export async function inPool<T>(jobs: ReadonlyArray<() => Promise<T>>, limit: number = PARALLEL): Promise<T[]> {
    const results = new Array<T>(jobs.length);
    let next = 0;
    const worker = async () => {
        while (next < jobs.length) {
            const i = next++;
            results[i] = await jobs[i]!();
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
    return results;
}
