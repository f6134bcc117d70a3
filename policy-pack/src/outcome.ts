/**
 * Three-valued answers with reasons. During preview many questions ("does
 * this alarm act on that topic?") have no answer yet; every check answers
 * yes, no (why) or unknown (what exactly is not known), and the chain
 * combines the answers without ever turning "unknown" into "yes".
 */
import type { Field } from "./resources";

/** A "no", with why, and the fix when it is more specific than the broken link's usual one. */
export interface No {
    readonly status: "no";
    readonly why: string;
    readonly fix?: string;
}

/** An "unknown until the update", with what exactly is unknown. */
export interface Unknown {
    readonly status: "unknown";
    readonly why: string;
}

/** The answer to one question about the stack. */
export type Outcome = { readonly status: "yes" } | No | Unknown;

/** Yes. */
export const YES: Outcome = Object.freeze({ status: "yes" });

/** No, because `why`; `fix` when this cause has a fix of its own (a region, a unit, an ARN). */
export function no(why: string, fix?: string): No {
    return fix === undefined ? { status: "no", why } : { status: "no", why, fix };
}

/** Not known until the update, because `why`. */
export function unknown(why: string): Unknown {
    return { status: "unknown", why };
}

/**
 * A boolean property that must be true: true passes, false fails because
 * `whyFalse`, unknown names `unknownWhat`, and absent takes AWS's default.
 */
export function mustBeTrue(field: Field<boolean>, whyFalse: string, unknownWhat: string, ifAbsent: Outcome): Outcome {
    switch (field.state) {
        case "known":
            return field.value ? YES : no(whyFalse);
        case "unknown":
            return unknown(`${unknownWhat} is unknown during preview`);
        case "absent":
            return ifAbsent;
    }
}

/**
 * All must hold: the first "no" wins (checks are listed in chain order, so
 * it names the first broken link), else the first "unknown", else yes.
 */
export function allOf(checks: readonly (() => Outcome)[]): Outcome {
    let firstUnknown: Outcome | undefined;
    for (const check of checks) {
        const outcome = check();
        if (outcome.status === "no") {
            return outcome;
        }
        if (outcome.status === "unknown" && firstUnknown === undefined) {
            firstUnknown = outcome;
        }
    }
    return firstUnknown ?? YES;
}

/**
 * One must hold: yes if any is yes, else unknown if any is unknown, else the
 * first "no" (or `none` when there is nothing to choose from).
 */
export function anyOf(outcomes: readonly Outcome[], none: string): Outcome {
    if (outcomes.some((o) => o.status === "yes")) {
        return YES;
    }
    const unknowns = outcomes.filter((o) => o.status === "unknown");
    if (unknowns.length > 0) {
        return unknown(unknowns.map((o) => (o.status === "unknown" ? o.why : "")).join("; "));
    }
    const first = outcomes.find((o) => o.status === "no");
    return first ?? no(none);
}
