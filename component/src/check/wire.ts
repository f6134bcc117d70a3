/**
 * Property values in the engine's wire encoding.
 *
 * The engine marshals resource properties for the analyzer with
 * `MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipInternalKeys: true}`
 * (pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go, v3.259.0): an unknown
 * value travels as a sentinel string, a secret as a signature object wrapping
 * its value, and keys starting with `__` are dropped. Every input (mock
 * monitor requests, stack exports) is converted to this encoding once, so the
 * session only ever builds protobuf Structs from it.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** A JSON value in the engine's wire encoding (unknowns and secrets included). */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

/** An object of properties in the engine's wire encoding. */
export type WireObject = { [key: string]: WireValue };

/** The string that stands for a value not known until the provider creates the resource. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Key under which a special value (secret, asset, archive, resource reference) names its kind. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Signature that marks a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Signature that marks a resource reference. */
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/**
 * Replaces resource references with what the engine sends analyzers in
 * their place: analyzer marshalling does not set `KeepResources`, so a
 * reference travels as the resource's ID, or its URN when it has none.
 */
export function downgradeResourceReferences(value: WireValue): WireValue {
    if (Array.isArray(value)) {
        return value.map(downgradeResourceReferences);
    }
    if (!isObject(value)) {
        return value;
    }
    if (value[SIG_KEY] === RESOURCE_REFERENCE_SIG) {
        return typeof value.id === "string" && value.id !== "" ? value.id : String(value.urn ?? "");
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, downgradeResourceReferences(v)]));
}

/** Wraps a value as a secret, as the engine sends it. */
export function secret(value: WireValue): WireValue {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** True when the value is a secret wrapper. */
export function isSecret(value: WireValue | undefined): value is { [key: string]: WireValue } {
    return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

/** True when the value is a plain (non-array, non-null) object. */
export function isObject(value: WireValue | undefined): value is { [key: string]: WireValue } {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Drops keys starting with `__`, as `SkipInternalKeys` does; the engine uses
 * them for its own bookkeeping (`__defaults` in inputs, also inside nested
 * maps such as `tags` in v5 state; `__meta` in outputs) and never shows them
 * to analyzers. Like the engine's marshaller it applies at every level
 * (`MarshalPropertyValue` passes its options down). Values without such keys
 * are returned as they are, so large properties are not copied.
 */
export function withoutInternalKeys(props: WireObject): WireObject {
    return stripInternal(props) as WireObject;
}

function stripInternal(value: WireValue): WireValue {
    if (Array.isArray(value)) {
        let changed: WireValue[] | undefined;
        value.forEach((item, i) => {
            const stripped = typeof item === "object" && item !== null ? stripInternal(item) : item;
            if (stripped !== item) {
                changed ??= value.slice();
                changed[i] = stripped;
            }
        });
        return changed ?? value;
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    let changed: WireObject | undefined;
    for (const [key, item] of Object.entries(value)) {
        if (key.startsWith("__")) {
            changed ??= { ...value };
            delete changed[key];
            continue;
        }
        const stripped = typeof item === "object" && item !== null ? stripInternal(item) : item;
        if (stripped !== item) {
            changed ??= { ...value };
            changed[key] = stripped;
        }
    }
    return changed ?? value;
}

/**
 * How deep a property value may nest before a pack cannot read it:
 * `@pulumi/policy` decodes requests with google-protobuf's recursive reader,
 * which runs out of stack somewhere past 1,000 levels (measured with Node's
 * default stack). Half of that leaves a margin for the message's own levels.
 */
export const MAX_DECODABLE_DEPTH = 500;

/**
 * The first top-level property whose value nests deeper than `limit`
 * (objects and arrays each count a level), or undefined. Iterative, so it
 * never overflows on the values it is there to catch.
 */
export function tooDeepProperty(props: WireObject, limit: number = MAX_DECODABLE_DEPTH): string | undefined {
    for (const [key, root] of Object.entries(props)) {
        const stack: Array<[WireValue, number]> = [[root, 1]];
        while (stack.length > 0) {
            const [value, depth] = stack.pop()!;
            if (typeof value !== "object" || value === null) {
                continue;
            }
            if (depth > limit) {
                return key;
            }
            for (const child of Array.isArray(value) ? value : Object.values(value)) {
                stack.push([child, depth + 1]);
            }
        }
    }
    return undefined;
}

/** What to tell the user about a property {@link tooDeepProperty} found. */
export function tooDeepMessage(property: string): string {
    return (
        `property "${property}" nests more than ${MAX_DECODABLE_DEPTH} levels deep, ` +
        "deeper than a policy pack can decode (@pulumi/policy's protobuf reader); flatten or shorten that value"
    );
}

/** The protobuf Struct the engine would send for these properties. */
export function toStruct(props: WireObject): Struct {
    return Struct.fromJavaScript(withoutInternalKeys(props));
}

/**
 * Every plaintext held in a secret, as the strings that could leak into a
 * message: the value itself when it is a string, its JSON text otherwise,
 * and every string nested inside it.
 */
export function secretPlaintexts(value: WireValue | undefined, found: Set<string> = new Set()): Set<string> {
    if (isSecret(value)) {
        collectStrings(value.value, found);
        if (typeof value.value !== "string") {
            found.add(JSON.stringify(value.value));
        }
    } else if (Array.isArray(value)) {
        value.forEach((v) => secretPlaintexts(v, found));
    } else if (isObject(value)) {
        Object.values(value).forEach((v) => secretPlaintexts(v, found));
    }
    return found;
}

function collectStrings(value: WireValue | undefined, found: Set<string>): void {
    if (typeof value === "string") {
        if (value !== UNKNOWN && value !== "") {
            found.add(value);
        }
    } else if (Array.isArray(value)) {
        value.forEach((v) => collectStrings(v, found));
    } else if (isObject(value)) {
        Object.values(value).forEach((v) => collectStrings(v, found));
    }
}
