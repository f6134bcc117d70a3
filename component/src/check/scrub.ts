/**
 * Keeps secret values out of everything `trailwatch check` prints. A pack
 * sees secret inputs in plaintext and may quote them in a violation message
 * or a log line; every such text passes through a scrubber before it leaves
 * the check.
 */
import { inspect } from "node:util";

/** Replacement text, as the Pulumi CLI masks secrets. */
export const MASK = "[secret]";

/**
 * Plaintexts shorter than this are not masked: masking every "a" or "1" in
 * a report would make it unreadable while protecting nothing a reader could
 * not guess anyway.
 */
const MIN_LENGTH = 3;

/** A function that masks every known secret plaintext in a text. */
export type Scrubber = (text: string) => string;

/**
 * The forms a secret takes once a pack has quoted it: as it is, escaped
 * inside a JSON string (`JSON.stringify(props)`), escaped the way
 * `util.inspect` and `console.log` print strings, and, for a multi-line
 * secret, each of its lines (a message may wrap or cut it).
 */
export function secretForms(secret: string): string[] {
    const forms = [secret, JSON.stringify(secret).slice(1, -1), inspect(secret).slice(1, -1)];
    if (/[\r\n]/.test(secret)) {
        forms.push(...secret.split(/\r?\n|\r/).map((line) => line.trim()));
    }
    return forms;
}

/** Builds a scrubber for these plaintexts; longest first, so a secret containing another is masked whole. */
export function makeScrubber(plaintexts: Iterable<string>): Scrubber {
    const secrets = [...new Set([...plaintexts].flatMap(secretForms))]
        .filter((s) => s.length >= MIN_LENGTH)
        .sort((a, b) => b.length - a.length);
    if (secrets.length === 0) {
        return (text) => text;
    }
    return (text) => secrets.reduce((out, secret) => out.split(secret).join(MASK), text);
}
