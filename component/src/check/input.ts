/**
 * What `trailwatch check` reads: a program directory or a stack export
 * file. Opening an input is cheap and validates it; loading it may run a
 * program, so the pack can start while the program runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../cli/errors";
import type { CheckMode, GraphStack, ResourceGraph } from "./model";
import { type ProgramMode, openProgram } from "./program-runner";
import { readStackExport } from "./stack-export";

/** An opened input: the stack it describes now, its resources when loaded. */
export interface CheckInput {
    /** The stack, as ConfigureStack and the pack's environment describe it. */
    readonly stack: GraphStack;
    /** How the resources are produced. */
    readonly mode: CheckMode;
    /** Produces the resource graph; aborting stops a running program. */
    load(signal: AbortSignal): Promise<ResourceGraph>;
}

/** Opens a program directory or a stack export file; fails with exit 2 naming the path. */
export function openInput(input: string, mode: ProgramMode, stack: string | undefined, account?: string): CheckInput {
    const resolved = path.resolve(input);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(resolved);
    } catch {
        throw new UserError(`${resolved} does not exist (expected a Pulumi program directory or a stack export file)`);
    }
    if (stat.isDirectory()) {
        return openProgram(resolved, { mode, stack, account });
    }
    const graph = readStackExport(resolved);
    return { stack: graph.stack, mode: graph.mode, load: () => Promise.resolve(graph) };
}
