/**
 * JSON Schema validation for policy configuration.
 *
 * The engine validates each policy's config against the policy's
 * `configSchema` with gojsonschema before it calls `Configure`
 * (pkg/resource/analyzer/config.go). Policy config schemas use a small part
 * of JSON Schema, so this module implements that part (type, enum, const,
 * properties, required, additionalProperties, items, min/max for numbers,
 * strings and arrays, pattern) instead of adding a validator dependency.
 * Keywords outside it are accepted without checking. Messages follow
 * gojsonschema's wording: `<field>: <description>`, root errors unprefixed.
 */

/** A JSON Schema document (the subset above). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Validates `value`; returns one message per violation, empty when valid. */
export function validateJsonSchema(schema: JsonSchema, value: unknown): string[] {
    const errors: string[] = [];
    check(schema, value, "", errors);
    return errors;
}

function check(schema: JsonSchema, value: unknown, at: string, errors: string[]): void {
    const report = (message: string) => errors.push(at === "" ? message : `${at}: ${message}`);
    const types = schema.type === undefined ? undefined : ([] as unknown[]).concat(schema.type).map(String);
    if (types !== undefined && !types.some((t) => hasType(value, t))) {
        report(`Invalid type. Expected: ${types.join(" or ")}, given: ${typeName(value)}`);
        return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) {
        report(`${at === "" ? "(root)" : at.split(".").pop()} must be one of the following: ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    }
    if ("const" in schema && !deepEqual(schema.const, value)) {
        report(`Does not match: ${JSON.stringify(schema.const)}`);
    }
    if (typeof value === "number") {
        checkNumber(schema, value, report);
    }
    if (typeof value === "string") {
        checkString(schema, value, report);
    }
    if (Array.isArray(value)) {
        if (typeof schema.minItems === "number" && value.length < schema.minItems) {
            report(`Array must have at least ${schema.minItems} items`);
        }
        if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
            report(`Array must have at most ${schema.maxItems} items`);
        }
        if (isSchema(schema.items)) {
            value.forEach((item, i) => check(schema.items as JsonSchema, item, join(at, String(i)), errors));
        }
    }
    if (isPlainObject(value)) {
        checkObject(schema, value, at, errors);
    }
}

function checkNumber(schema: JsonSchema, value: number, report: (m: string) => void): void {
    if (typeof schema.minimum === "number" && value < schema.minimum) {
        report(`Must be greater than or equal to ${schema.minimum}`);
    }
    if (typeof schema.maximum === "number" && value > schema.maximum) {
        report(`Must be less than or equal to ${schema.maximum}`);
    }
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) {
        report(`Must be greater than ${schema.exclusiveMinimum}`);
    }
    if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) {
        report(`Must be less than ${schema.exclusiveMaximum}`);
    }
}

function checkString(schema: JsonSchema, value: string, report: (m: string) => void): void {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength) {
        report(`String length must be greater than or equal to ${schema.minLength}`);
    }
    if (typeof schema.maxLength === "number" && length > schema.maxLength) {
        report(`String length must be less than or equal to ${schema.maxLength}`);
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
        report(`Does not match pattern '${schema.pattern}'`);
    }
}

function checkObject(schema: JsonSchema, value: Record<string, unknown>, at: string, errors: string[]): void {
    const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
    const where = at === "" ? "" : `${at}: `;
    const count = Object.keys(value).length;
    if (typeof schema.minProperties === "number" && count < schema.minProperties) {
        errors.push(`${where}Must have at least ${schema.minProperties} properties`);
    }
    if (typeof schema.maxProperties === "number" && count > schema.maxProperties) {
        errors.push(`${where}Must have at most ${schema.maxProperties} properties`);
    }
    if (Array.isArray(schema.required)) {
        for (const name of schema.required) {
            if (typeof name === "string" && !(name in value)) {
                errors.push(`${at === "" ? "" : `${at}: `}${name} is required`);
            }
        }
    }
    for (const [key, item] of Object.entries(value)) {
        const itemSchema = properties[key];
        if (isSchema(itemSchema)) {
            check(itemSchema, item, join(at, key), errors);
        } else if (schema.additionalProperties === false) {
            errors.push(`${at === "" ? "" : `${at}: `}Additional property ${key} is not allowed`);
        } else if (isSchema(schema.additionalProperties)) {
            check(schema.additionalProperties, item, join(at, key), errors);
        }
    }
}

function join(at: string, key: string): string {
    return at === "" ? key : `${at}.${key}`;
}

function isSchema(value: unknown): value is JsonSchema {
    return isPlainObject(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
    switch (type) {
        case "null":
            return value === null;
        case "boolean":
            return typeof value === "boolean";
        case "string":
            return typeof value === "string";
        case "number":
            return typeof value === "number";
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "array":
            return Array.isArray(value);
        case "object":
            return isPlainObject(value);
        default:
            return true;
    }
}

function typeName(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}
