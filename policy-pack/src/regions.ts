/**
 * Which AWS region a resource lives in: its own v7 `region` property, else
 * its provider's `region` (for the default provider, the stack's
 * `aws:region`). When neither is set (the region comes from the environment)
 * resources on the same provider still share a region, so the provider's URN
 * stands in for the region's name.
 */
import type { PolicyProviderResource } from "@pulumi/policy";
import type { ResourceLike } from "./model";
import { YES, no, unknown, type Outcome } from "./outcome";
import { REGION_UNSET } from "./provider-state";
import { Props } from "./resources";

/** A resource's region, as far as the stack says. */
export type Region =
    | { readonly kind: "named"; readonly name: string }
    | { readonly kind: "provider"; readonly providerUrn: string }
    | { readonly kind: "unknown"; readonly why: string };

/** A region known by name. */
export function namedRegion(name: string): Region {
    return { kind: "named", name };
}

/** The region the provider manages resources in. */
export function providerRegion(provider: PolicyProviderResource | undefined): Region {
    if (provider === undefined) {
        return { kind: "unknown", why: "no provider was reported for it" };
    }
    const region = new Props(provider.props, [], false, REGION_UNSET).string("region");
    switch (region.state) {
        case "known":
            return namedRegion(region.value);
        case "unknown":
            return { kind: "unknown", why: `the region of provider "${provider.name}" is unknown during preview` };
        case "absent":
            return { kind: "provider", providerUrn: provider.urn };
    }
}

/** The region of a resource in the stack. */
export function regionOf(resource: ResourceLike): Region {
    const region = new Props(resource.props, [], false, REGION_UNSET).string("region");
    if (region.state === "known") {
        return namedRegion(region.value);
    }
    // The provider fills `region` from its own configuration when the program
    // leaves it unset, so an unknown `region` that depends on no other
    // resource is the provider's region; one computed from another resource's
    // output is genuinely unknown.
    if (region.state === "unknown" && (resource.propertyDependencies?.["region"] ?? []).length > 0) {
        return { kind: "unknown", why: `the region of "${resource.name}" is unknown during preview` };
    }
    return providerRegion(resource.provider);
}

/** Whether two resources are in the same region. */
export function sameRegion(a: Region, b: Region): Outcome {
    if (a.kind === "named" && b.kind === "named") {
        return a.name === b.name ? YES : no(`it is in ${a.name}, not ${b.name}`);
    }
    if (a.kind === "provider" && b.kind === "provider" && a.providerUrn === b.providerUrn) {
        return YES;
    }
    const why = [a, b].find((r): r is Extract<Region, { kind: "unknown" }> => r.kind === "unknown")?.why;
    return unknown(why ?? "the region comes from the environment, not from the stack");
}

/** A region as a fix names it. */
function regionText(region: Region): string {
    return region.kind === "named" ? JSON.stringify(region.name) : "of its provider";
}

/**
 * The fix that moves a resource into `target`'s region: regions and
 * providers, nothing else. A v7 resource takes `region`; any version takes
 * an `aws.Provider` for that region.
 */
export function moveToRegionFix(resource: string, target: Region, why: string): string {
    const name = target.kind === "named" ? target.name : undefined;
    const how =
        name === undefined
            ? "create it with the same provider as the resource it must be next to"
            : `set region: "${name}" on it (@pulumi/aws v7), or create it with an aws.Provider whose region is "${name}" ({ provider })`;
    return `${resource} must be in the region ${regionText(target)} (${why}): ${how}.`;
}
