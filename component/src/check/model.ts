/**
 * The resource graph `trailwatch check` analyzes: what the engine knows about
 * each resource at the moment it calls the analyzer. Inputs (a program run
 * under mocks, a stack export) produce it; the session turns it into
 * analyzer calls; nothing else reads the inputs directly.
 */
import type { WireObject } from "./wire";

/** Resource options the engine passes to analyzers (`AnalyzerResourceOptions`). */
export interface GraphResourceOptions {
    /** `protect` resource option. */
    readonly protect: boolean;
    /** Property paths listed in `ignoreChanges`. */
    readonly ignoreChanges: readonly string[];
    /** `deleteBeforeReplace`, when the program set it. */
    readonly deleteBeforeReplace?: boolean;
    /** Output properties marked secret by `additionalSecretOutputs`. */
    readonly additionalSecretOutputs: readonly string[];
    /** Alias URNs. */
    readonly aliases: readonly string[];
    /** Custom timeouts, in seconds (0 when unset). */
    readonly customTimeouts: { readonly create: number; readonly update: number; readonly delete: number; readonly read: number };
}

/** One resource as the engine holds it when it calls the analyzer. */
export interface GraphResource {
    /** The resource's URN. */
    readonly urn: string;
    /** Its type token, e.g. `aws:cloudtrail/trail:Trail`. */
    readonly type: string;
    /** Its logical name (the URN's last segment). */
    readonly name: string;
    /** True for custom (provider-managed) resources, false for components. */
    readonly custom: boolean;
    /**
     * True for a resource the program read (`Resource.get`) rather than
     * manages: the engine includes it in AnalyzeStack but never calls
     * Analyze for it.
     */
    readonly read?: boolean;
    /** Inputs after the provider's Check: what `Analyze` sees. */
    readonly inputs: WireObject;
    /** Outputs: what `AnalyzeStack` sees. */
    readonly outputs: WireObject;
    /** URN of the parent resource, if any. */
    readonly parent?: string;
    /** URN of the provider resource that manages it, if any. */
    readonly provider?: string;
    /** URNs of the resources it depends on. */
    readonly dependencies: readonly string[];
    /** Per input property, the URNs its value came from. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** Its resource options. */
    readonly options: GraphResourceOptions;
}

/** The stack the graph belongs to, as `ConfigureStack` describes it. */
export interface GraphStack {
    /** Stack name. */
    readonly stack: string;
    /** Project name. */
    readonly project: string;
    /** Organization name; empty when not known (local runs). */
    readonly organization: string;
    /** Stack configuration, keys fully qualified (`aws:region`), values as strings. */
    readonly config: Readonly<Record<string, string>>;
    /** Keys of configuration values that are secret. */
    readonly configSecretKeys: readonly string[];
    /** Stack tags. */
    readonly tags: Readonly<Record<string, string>>;
}

/** How the graph was produced; mirrors the engine's dry-run flag. `audit`: read from a live AWS account. */
export type CheckMode = "preview" | "update" | "export" | "audit";

/** Everything the session needs to replay the engine's analyzer calls. */
export interface ResourceGraph {
    /** The stack being analyzed. */
    readonly stack: GraphStack;
    /** Preview (dry run, computed outputs unknown), update, or a stack export. */
    readonly mode: CheckMode;
    /** Resources in registration (or snapshot) order. */
    readonly resources: readonly GraphResource[];
}

/** Options for a resource nobody customized. */
export const DEFAULT_OPTIONS: GraphResourceOptions = {
    protect: false,
    ignoreChanges: [],
    additionalSecretOutputs: [],
    aliases: [],
    customTimeouts: { create: 0, update: 0, delete: 0, read: 0 },
};

/** The logical name in a URN (`urn:pulumi:stack::project::type::name`). */
export function urnName(urn: string): string {
    const parts = urn.split("::");
    return parts.slice(3).join("::");
}

/** The root stack resource's URN, to which stack-level violations without a URN are attributed. */
export function rootStackUrn(stack: string, project: string): string {
    return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}
