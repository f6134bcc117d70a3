/**
 * Audit step 1 of every section-4 control: the trail is multi-region,
 * logging, and records management events, both read and write. The records
 * the controls count are management events; a trail that skips some of them
 * never delivers those records to the log group, whatever the filters say.
 */
import type { TrailNode } from "../model";
import { YES, allOf, mustBeTrue, no, unknown, type Outcome } from "../outcome";
import { EVENT_SELECTOR_UNSET } from "../provider-state";
import { UNKNOWN_FIELD, asProps, asString, known, type Field, type Props } from "../resources";

/** The trail is multi-region (`isMultiRegionTrail`, AWS default false). */
export function isMultiRegion(trail: TrailNode): Outcome {
    return mustBeTrue(
        trail.isMultiRegion,
        "it is not multi-region (isMultiRegionTrail is false)",
        `isMultiRegionTrail of trail "${trail.label}"`,
        no("it is not multi-region (isMultiRegionTrail is not set; AWS defaults it to false)"),
    );
}

/** Logging is not turned off (`enableLogging`, default true). */
export function isLogging(trail: TrailNode): Outcome {
    return mustBeTrue(trail.enableLogging, "logging is turned off (enableLogging is false)", `enableLogging of trail "${trail.label}"`, YES);
}

/** Which kinds of management event one selector records. */
interface Recorded {
    readonly read: Outcome;
    readonly write: Outcome;
}

const NOTHING: Recorded = { read: no("not recorded"), write: no("not recorded") };

/** A selector that records no management events, saying why (the offending value). */
function nothing(because: string): Recorded {
    return { read: no(because), write: no(because) };
}

function unknownSelector(trail: TrailNode, property: string): Recorded {
    const u = unknown(`${property} of trail "${trail.label}" is unknown during preview`);
    return { read: u, write: u };
}

/** One plain event selector: `includeManagementEvents` (default true), `readWriteType` (default All). */
function basicSelector(trail: TrailNode, selector: Field<Props>): Recorded {
    if (selector.state !== "known") {
        return selector.state === "unknown" ? unknownSelector(trail, "eventSelectors") : NOTHING;
    }
    const include = selector.value.boolean("includeManagementEvents");
    if (include.state === "unknown") {
        return unknownSelector(trail, "eventSelectors[].includeManagementEvents");
    }
    if (include.state === "known" && !include.value) {
        return nothing("includeManagementEvents is false");
    }
    const readWrite = selector.value.string("readWriteType");
    if (readWrite.state === "unknown") {
        return unknownSelector(trail, "eventSelectors[].readWriteType");
    }
    const type = readWrite.state === "known" ? readWrite.value : "All";
    return {
        read: type === "All" || type === "ReadOnly" ? YES : no(`readWriteType is ${JSON.stringify(type)}`),
        write: type === "All" || type === "WriteOnly" ? YES : no(`readWriteType is ${JSON.stringify(type)}`),
    };
}

/** The `equals` (or `notEquals`) values of the field selector on `field`, if there is one. */
function valuesOf(
    fieldSelectors: readonly Field<unknown>[],
    field: string,
    operator: "equals" | "notEquals" = "equals",
): Field<readonly string[]> | undefined {
    for (const element of fieldSelectors) {
        const selector = asProps(element);
        if (selector.state !== "known") {
            continue;
        }
        const name = selector.value.string("field");
        if (name.state === "known" && name.value === field) {
            const equals = selector.value.list(operator);
            if (equals.state !== "known") {
                return equals;
            }
            const values = equals.value.map(asString);
            if (values.some((v) => v.state === "unknown")) {
                return UNKNOWN_FIELD;
            }
            return known(values.flatMap((v) => (v.state === "known" ? [v.value] : [])));
        }
    }
    return undefined;
}

/**
 * One advanced event selector: it records management events when its
 * `eventCategory` equals `Management`, read-only or write-only ones when a
 * `readOnly` selector says so.
 */
function advancedSelector(trail: TrailNode, selector: Field<Props>): Recorded {
    if (selector.state !== "known") {
        return selector.state === "unknown" ? unknownSelector(trail, "advancedEventSelectors") : NOTHING;
    }
    const fields = selector.value.list("fieldSelectors");
    if (fields.state === "unknown") {
        return unknownSelector(trail, "advancedEventSelectors[].fieldSelectors");
    }
    if (fields.state === "absent" || fields.value.some((f) => f.state === "unknown")) {
        return fields.state === "absent" ? NOTHING : unknownSelector(trail, "advancedEventSelectors[].fieldSelectors");
    }
    const category = valuesOf(fields.value, "eventCategory");
    if (category?.state === "unknown") {
        return unknownSelector(trail, "advancedEventSelectors[].fieldSelectors (eventCategory)");
    }
    if (category?.state !== "known" || !category.value.includes("Management")) {
        return NOTHING;
    }
    const readOnly = valuesOf(fields.value, "readOnly");
    const notReadOnly = valuesOf(fields.value, "readOnly", "notEquals");
    if (readOnly?.state === "unknown" || notReadOnly?.state === "unknown") {
        return unknownSelector(trail, "advancedEventSelectors[].fieldSelectors (readOnly)");
    }
    // readOnly "true" selects read events, "false" write events; notEquals drops them.
    const selects = (value: "true" | "false"): Outcome => {
        const included = readOnly?.state !== "known" || readOnly.value.length === 0 || readOnly.value.includes(value);
        const excluded = notReadOnly?.state === "known" && notReadOnly.value.includes(value);
        return included && !excluded ? YES : no("not recorded");
    };
    return { read: selects("true"), write: selects("false") };
}

function union(selectors: readonly Recorded[], what: string): Outcome {
    const side = (pick: (r: Recorded) => Outcome, kind: string): Outcome => {
        const outcomes = selectors.map(pick);
        if (outcomes.some((o) => o.status === "yes")) {
            return YES;
        }
        const u = outcomes.find((o) => o.status === "unknown");
        // The offending values, as the selectors record them.
        const because = [...new Set(outcomes.flatMap((o) => (o.status === "no" && o.why !== "not recorded" ? [o.why] : [])))];
        return u ?? no(`its ${what} do not record ${kind} management events${because.length > 0 ? ` (${because.join("; ")})` : ""}`);
    };
    return allOf([() => side((r) => r.read, "read"), () => side((r) => r.write, "write")]);
}

/**
 * The trail records management events, read and write. No selectors means
 * CloudTrail's default, which records all management events.
 */
export function recordsManagementEvents(trail: TrailNode): Outcome {
    const { eventSelectors: basic, advancedEventSelectors: advanced } = trail;
    if (advanced.state === "unknown") {
        return unknown(`advancedEventSelectors of trail "${trail.label}" is unknown during preview`);
    }
    if (advanced.state === "known" && advanced.value.length > 0) {
        return union(advanced.value.map((s) => advancedSelector(trail, asProps(s))), "advanced event selectors");
    }
    if (basic.state === "unknown") {
        return unknown(`eventSelectors of trail "${trail.label}" is unknown during preview`);
    }
    if (basic.state === "known" && basic.value.length > 0) {
        return union(basic.value.map((s) => basicSelector(trail, asProps(s, EVENT_SELECTOR_UNSET))), "event selectors");
    }
    return YES;
}

/**
 * Audit step 1 as a whole, in the order an auditor reads it. The same for
 * every section-4 control: all the records they count (unauthorized calls,
 * console sign-ins, IAM, EC2, KMS, S3, Config and Organizations changes) are
 * management events.
 */
export function trailRecordsManagementEvents(trail: TrailNode): Outcome {
    return allOf([() => isMultiRegion(trail), () => isLogging(trail), () => recordsManagementEvents(trail)]);
}
