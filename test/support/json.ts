/** A JSON value, as `JSON.parse` returns it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces `from` by `to` in every string of a JSON value (keys are left as they are). */
export function replaceStrings(value: Json, from: string, to: string): Json {
    if (typeof value === "string") {
        return value.split(from).join(to);
    }
    if (Array.isArray(value)) {
        return value.map((v) => replaceStrings(v, from, to));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, from, to)]));
    }
    return value;
}
