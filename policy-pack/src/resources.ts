/**
 * Defensive readers for the raw property bags `@pulumi/policy` hands to
 * policies.
 *
 * `@pulumi/policy` wraps every `props` in a proxy that throws
 * `UnknownValueError` on reading a value that is unknown during preview, and
 * turns that error into a "can't be known during preview" advisory that skips
 * the whole policy. A gate built on that proxy never closes on a brand-new
 * stack. The readers here never go through the proxy's `get` trap: they read
 * own-property descriptors, which the proxy forwards untouched to the
 * deserialized object, and classify each value as known, unknown or absent.
 */
import { Secret } from "@pulumi/policy";

/**
 * The sentinels the Pulumi engine sends in place of values it cannot know
 * until the update (`plugin.Unknown*Value` in the engine's `rpc.go`): one per
 * property type. `@pulumi/policy` passes them through deserialization as
 * plain strings.
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also the engine's default)
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The sentinel the engine uses for an unknown value of any type; exported for tests and fixtures. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is one of the engine's unknown-value sentinels. */
function isUnknownValue(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/**
 * One property value as a policy can know it: known (with whether it is
 * secret, so messages never print it), unknown until the update, or absent
 * (not set, or of a type the provider never produces for it).
 */
export type Field<T> =
    | { readonly state: "known"; readonly value: T; readonly secret: boolean }
    | { readonly state: "unknown" }
    | { readonly state: "absent" };

/** The unknown field. */
export const UNKNOWN_FIELD: Field<never> = Object.freeze({ state: "unknown" });
/** The absent field. */
export const ABSENT_FIELD: Field<never> = Object.freeze({ state: "absent" });

/** A known field holding `value`. */
export function known<T>(value: T, secret = false): Field<T> {
    return { state: "known", value, secret };
}

/**
 * Classifies one raw value. `Secret` wrappers (present when a caller
 * deserialized with secret proxying) are unwrapped and remembered.
 */
function classify(raw: unknown, secret = false): Field<unknown> {
    if (raw instanceof Secret) {
        return classify(raw.value, true);
    }
    if (raw === undefined || raw === null) {
        return ABSENT_FIELD;
    }
    if (isUnknownValue(raw)) {
        return UNKNOWN_FIELD;
    }
    return known(raw, secret);
}

function narrow<T>(field: Field<unknown>, test: (value: unknown) => value is T): Field<T> {
    if (field.state !== "known") {
        return field;
    }
    return test(field.value) ? known(field.value, field.secret) : ABSENT_FIELD;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isList = (v: unknown): v is readonly unknown[] => Array.isArray(v);
const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Secret);

/** Narrows a field to a string. */
export function asString(field: Field<unknown>): Field<string> {
    return narrow(field, isString);
}

/** Narrows a field to a boolean. */
function asBoolean(field: Field<unknown>): Field<boolean> {
    return narrow(field, isBoolean);
}

/** Narrows a field to a finite number. */
function asNumber(field: Field<unknown>): Field<number> {
    return narrow(field, isNumber);
}

/** Narrows a field to a list whose elements are classified one by one. */
function asList(field: Field<unknown>): Field<readonly Field<unknown>[]> {
    const list = narrow(field, isList);
    if (list.state !== "known") {
        return list;
    }
    return known(
        list.value.map((element) => classify(element, list.secret)),
        list.secret,
    );
}

/**
 * The values a provider records for attributes nobody set, by key, that mean
 * "not set" (see `provider-state.ts`): reading one of them yields absent.
 */
export type UnsetValues = Readonly<Record<string, string | number>>;

/** Narrows a field to a nested property bag, whose recorded zero values in `unset` read as absent. */
export function asProps(field: Field<unknown>, unset: UnsetValues = {}): Field<Props> {
    const record = narrow(field, isRecord);
    if (record.state !== "known") {
        return record;
    }
    return known(new Props(record.value, [], record.secret, unset), record.secret);
}

/**
 * Typed, non-throwing access to one property bag (a resource's `props`, or
 * an object nested in it).
 */
export class Props {
    /**
     * @param bag the (possibly proxied) property bag
     * @param secretKeys top-level keys to treat as secret (`additionalSecretOutputs`)
     * @param secret whether the whole bag is secret
     * @param unset per key, the value the provider records when it is not set, read as absent
     */
    constructor(
        private readonly bag: object,
        private readonly secretKeys: readonly string[] = [],
        private readonly secret = false,
        private readonly unset: UnsetValues = {},
    ) {}

    /** The raw value of `key`, read without triggering the unknown-checking proxy. */
    get(key: string): Field<unknown> {
        const descriptor = Object.getOwnPropertyDescriptor(this.bag, key);
        const field = classify(descriptor?.value, this.secret || this.secretKeys.includes(key));
        // Own keys only: a bag's prototype (`toString`, ...) never names a property.
        const zero = Object.prototype.hasOwnProperty.call(this.unset, key) ? this.unset[key] : undefined;
        return field.state === "known" && zero !== undefined && field.value === zero ? ABSENT_FIELD : field;
    }

    /** `key` as a string. */
    string(key: string): Field<string> {
        return asString(this.get(key));
    }

    /** `key` as a boolean. */
    boolean(key: string): Field<boolean> {
        return asBoolean(this.get(key));
    }

    /** `key` as a number. */
    number(key: string): Field<number> {
        return asNumber(this.get(key));
    }

    /** `key` as a list of classified elements. */
    list(key: string): Field<readonly Field<unknown>[]> {
        return asList(this.get(key));
    }

    /**
     * `key` as a nested bag, whose recorded zero values in `unset` read as
     * absent. A one-element list is read as its element: the
     * Terraform-bridged provider models single blocks (a metric filter's
     * `metricTransformation`) as objects, older state may still hold a list.
     */
    props(key: string, unset: UnsetValues = {}): Field<Props> {
        const value = this.get(key);
        if (value.state === "known" && Array.isArray(value.value) && value.value.length === 1) {
            return asProps(classify(value.value[0], value.secret), unset);
        }
        return asProps(value, unset);
    }
}

/** A known value as a message may print it: never a secret. */
export function shown(field: Field<string | number | boolean>, fallback = "?"): string {
    if (field.state !== "known") {
        return fallback;
    }
    return field.secret ? "[secret]" : String(field.value);
}
