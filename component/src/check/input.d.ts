import type { CheckMode, GraphStack, ResourceGraph } from "./model";
import { type ProgramMode } from "./program-runner";
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
export declare function openInput(input: string, mode: ProgramMode, stack: string | undefined): CheckInput;
