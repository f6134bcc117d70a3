/**
 * A cursor over pattern text shared by the three sub-parsers, and the
 * internal failure they throw. {@link parsePattern} turns every failure into a
 * structured {@link PatternSyntaxError}; nothing thrown here leaves the engine.
 */
import type { LogicalOp } from "./ast";

/** Internal: a syntax error on its way to becoming a `PatternSyntaxError`. */
export class PatternParseFailure extends Error {
    /** 1-based column of the offending character. */
    public readonly column: number;

    constructor(message: string, column: number) {
        super(message);
        this.name = "PatternParseFailure";
        this.column = column;
    }
}

/** Whitespace the pattern grammar skips between tokens. */
export function isSpace(ch: string | undefined): boolean {
    return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

/** A position in the pattern text with the small helpers every sub-parser needs. */
export class Scanner {
    /** Index of the next unread character. */
    public pos = 0;

    constructor(public readonly text: string) {}

    /** The character at `pos + offset`, or `undefined` past the end. */
    peek(offset = 0): string | undefined {
        return this.text[this.pos + offset];
    }

    /** True when every character has been read. */
    atEnd(): boolean {
        return this.pos >= this.text.length;
    }

    /** Skips whitespace. */
    skipSpace(): void {
        while (isSpace(this.text[this.pos])) {
            this.pos++;
        }
    }

    /** True when the text at `pos` starts with `s`. */
    lookingAt(s: string): boolean {
        return this.text.startsWith(s, this.pos);
    }

    /** Consumes `&&` or `||` after any whitespace and returns it; null (nothing consumed but the space) when neither follows. */
    takeLogicalOp(): LogicalOp | null {
        this.skipSpace();
        const op: LogicalOp | null = this.lookingAt("&&") ? "&&" : this.lookingAt("||") ? "||" : null;
        if (op !== null) {
            this.pos += 2;
        }
        return op;
    }

    /** True when the text at `pos` is the keyword `word` followed by a non-word character. */
    lookingAtKeyword(word: string): boolean {
        if (!this.lookingAt(word)) {
            return false;
        }
        const next = this.text[this.pos + word.length];
        return next === undefined || !/[A-Za-z0-9_]/.test(next);
    }

    /** Consumes `s` or fails with `message`. */
    expect(s: string, message: string): void {
        if (!this.lookingAt(s)) {
            this.fail(message);
        }
        this.pos += s.length;
    }

    /** Throws a failure at `at` (default: the current position). */
    fail(message: string, at: number = this.pos): never {
        throw new PatternParseFailure(message, at + 1);
    }

    /** A short, printable description of what is at `pos`, for error messages. */
    describeHere(): string {
        const ch = this.peek();
        return ch === undefined ? "end of pattern" : `'${ch}'`;
    }
}
