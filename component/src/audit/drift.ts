/**
 * Drift between a stack and the account: which chain resources the account
 * has that the stack manages, which the stack declares that the account's
 * chain lacks (deleted, never deployed, or not reachable from any trail),
 * and which the account has that the stack does not manage. Resources are
 * matched by physical identity (ARN, else name and region), never by
 * logical name.
 */
import type { GraphResource, ResourceGraph } from "../check/model";
import { readStackExport } from "../check/stack-export";
import type { WireObject, WireValue } from "../check/wire";
import { AWS_TYPES } from "./to-graph";

/** One resource in a drift report. */
export interface DriftEntry {
    /** Its type token. */
    readonly type: string;
    /** Its name: the logical name in the stack, or the audit's name for an unmanaged one. */
    readonly name: string;
    /** Its region. */
    readonly region: string;
    /** Its URN in the stack, for managed and missing ones. */
    readonly stackUrn?: string;
}

/** The drift report. */
export interface Drift {
    /** The export compared with. */
    readonly stackExport: string;
    /** In the account and managed by the stack. */
    readonly managed: readonly DriftEntry[];
    /** Declared by the stack, not in the account's chain. */
    readonly missing: readonly DriftEntry[];
    /** In the account's chain, managed by no resource of the stack. */
    readonly unmanaged: readonly DriftEntry[];
}

const CHAIN_TYPES: ReadonlySet<string> = new Set(Object.values(AWS_TYPES));

function text(value: WireValue | undefined): string {
    return typeof value === "string" ? value : "";
}

/** The identities a resource can be matched by; the first is the strongest. */
function identities(type: string, state: WireObject, region: string): string[] {
    const arn = text(state.arn);
    const byArn = arn === "" ? [] : [`arn:${arn}`];
    switch (type) {
        case AWS_TYPES.metricFilter:
            return [`${region}/${text(state.logGroupName)}/${text(state.name)}`];
        case AWS_TYPES.topicSubscription:
            return byArn;
        case AWS_TYPES.securityHubAccount:
            return [`hub/${region}`];
        default:
            return [...byArn, `${region}/${text(state.name)}`];
    }
}

/** A stack resource's region: its own (v7), else its provider's. */
function regionIn(resource: GraphResource, byUrn: ReadonlyMap<string, GraphResource>): string {
    const own = text(resource.outputs.region);
    if (own !== "") {
        return own;
    }
    const provider = resource.provider === undefined ? undefined : byUrn.get(resource.provider);
    return text(provider?.inputs.region) || text(provider?.outputs.region);
}

/** Compares the stack in `exportFile` with the account's graph. */
export function driftAgainst(exportFile: string, account: ResourceGraph): Drift {
    const stack = readStackExport(exportFile);
    const byUrn = new Map(stack.resources.map((r) => [r.urn, r]));
    const declared = stack.resources
        .filter((r) => CHAIN_TYPES.has(r.type))
        .map((r) => {
            const region = regionIn(r, byUrn);
            return { resource: r, region, keys: identities(r.type, r.outputs, region) };
        });
    const claimed = new Set<GraphResource>();
    const managed: DriftEntry[] = [];
    const missing: DriftEntry[] = [];
    const accountKeys = account.resources.map((r) => ({ resource: r, keys: new Set(identities(r.type, r.outputs, text(r.outputs.region))) }));
    for (const d of declared) {
        const match = accountKeys.find((a) => a.resource.type === d.resource.type && d.keys.some((k) => a.keys.has(k)));
        const entry = { type: d.resource.type, name: d.resource.name, region: d.region, stackUrn: d.resource.urn };
        if (match === undefined) {
            missing.push(entry);
        } else {
            claimed.add(match.resource);
            managed.push(entry);
        }
    }
    const unmanaged = account.resources
        .filter((r) => !claimed.has(r))
        .map((r) => ({ type: r.type, name: r.name, region: text(r.outputs.region) }));
    return { stackExport: exportFile, managed, missing, unmanaged };
}
