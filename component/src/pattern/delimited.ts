/**
 * Matching space-delimited patterns against a log line.
 *
 * Source: "Using filter patterns to match terms in space-delimited log events"
 * (Amazon CloudWatch Logs User Guide): fields are separated by spaces; the
 * characters between square brackets or between double quotes form one field
 * (the brackets and quotes are not part of its value); `...` stands for any
 * number of fields; numeric operators compare fields that read as numbers.
 */
import type { DelimitedComparison, DelimitedField } from "./ast";
import { type Reading, compileLogic, conditionLogic } from "./logic";
import { NUMBER_SYNTAX } from "./parse-value";
import { compileComparison } from "./predicate";

/**
 * Most alignments of `...` fields tried per line, so hostile input stays
 * bounded. Only patterns with several `...` over very long lines can reach it;
 * the line then counts as not matched.
 */
export const MAX_ALIGNMENTS = 100_000;

/** Splits a log line into space-delimited fields. */
export function splitFields(line: string): string[] {
    const fields: string[] = [];
    let i = 0;
    const n = line.length;
    while (i < n) {
        const ch = line[i];
        if (ch === " " || ch === "\t") {
            i++;
            continue;
        }
        const close = ch === '"' ? '"' : ch === "[" ? "]" : null;
        if (close !== null) {
            const end = line.indexOf(close, i + 1);
            if (end >= 0) {
                fields.push(line.slice(i + 1, end));
                i = end + 1;
                continue;
            }
        }
        let end = i;
        while (end < n && line[end] !== " " && line[end] !== "\t") {
            end++;
        }
        fields.push(line.slice(i, end));
        i = end;
    }
    return fields;
}

function compileDelimitedComparison(c: DelimitedComparison): (bound: Map<string, string>) => boolean {
    const test = compileComparison(c.op, c.value);
    const numeric = c.value.kind === "number";
    return (bound) => {
        const raw = bound.get(c.field);
        if (raw === undefined) {
            return false;
        }
        if (numeric) {
            return NUMBER_SYNTAX.test(raw) && test(Number(raw));
        }
        return test(raw);
    };
}

/** Compiles a space-delimited pattern into a test on one log line. */
export function compileDelimited(fields: readonly DelimitedField[], reading: Reading): (line: string) => boolean {
    const conditions = fields.flatMap((f) =>
        f.kind === "field" && f.condition !== null
            ? [compileLogic(conditionLogic(f.condition, reading), compileDelimitedComparison)]
            : [],
    );
    const minFields = fields.filter((f) => f.kind === "field").length;
    const hasEllipsis = fields.some((f) => f.kind === "ellipsis");
    return (line) => {
        const tokens = splitFields(line);
        if (tokens.length < minFields || (!hasEllipsis && tokens.length !== minFields)) {
            return false;
        }
        const bound = new Map<string, string>();
        let budget = MAX_ALIGNMENTS;
        // Depth-first over the ways `...` can absorb fields; conditions are checked on each complete alignment.
        const align = (pi: number, ti: number): boolean => {
            if (--budget < 0) {
                return false;
            }
            if (pi === fields.length) {
                return ti === tokens.length && conditions.every((c) => c(bound));
            }
            const field = fields[pi] as DelimitedField;
            if (field.kind === "ellipsis") {
                for (let take = tokens.length - ti; take >= 0; take--) {
                    if (align(pi + 1, ti + take)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= tokens.length) {
                return false;
            }
            const previous = bound.get(field.name);
            if (!bound.has(field.name)) {
                bound.set(field.name, tokens[ti] as string);
            }
            const ok = align(pi + 1, ti + 1);
            if (previous === undefined) {
                bound.delete(field.name);
            }
            return ok;
        };
        return align(0, 0);
    };
}
