/** Text that is safe to print on a user's terminal. */

/**
 * Characters a terminal would act on instead of showing (C0 and C1 controls,
 * DEL, bidirectional overrides, lone surrogates), written as `\u{…}` escapes,
 * so a pattern or log line can neither clear the screen nor reorder the text
 * the user reads.
 */
export function visible(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) =>
        `\\u{${c.charCodeAt(0).toString(16)}}`,
    );
}
