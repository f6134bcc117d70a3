/** Small text helpers for the pattern commands' human output. */
import { visible } from "./terminal-text";

/**
 * The line of `text` that holds 1-based `column`, with a caret under that
 * column. Tabs become spaces so the caret lines up in any terminal.
 */
export function caretUnder(text: string, column: number): string[] {
    const index = Math.max(0, Math.min(column - 1, text.length));
    const lineStart = text.lastIndexOf("\n", index - 1) + 1;
    const lineEndAt = text.indexOf("\n", index);
    const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt).replace(/\t/g, " ");
    // The caret sits under the character as displayed, after escaping what a terminal would act on.
    const before = visible(line.slice(0, index - lineStart));
    return [visible(line), `${" ".repeat(before.length)}^`];
}


/** Prefixes every line of `text` with `prefix`. */
export function indent(text: string, prefix: string): string {
    return text
        .split("\n")
        .map((line) => `${prefix}${line}`)
        .join("\n");
}

/** At most `max` characters of `text` on one line, with an ellipsis when cut. */
export function oneLine(text: string, max: number): string {
    const flat = visible(text.replace(/\s*\n\s*/g, " "));
    return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1))}…`;
}
