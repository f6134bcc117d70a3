/**
 * Cuts the records out of CloudTrail log files (`{"Records":[…]}`) as they
 * stream by, without parsing them: a byte scanner that knows only about
 * strings (quotes and backslash escapes) and bracket depth. A file of any
 * size costs memory for one record at a time.
 */
import { EventSink, MAX_EVENT_BYTES, Splitter } from "./event-sink";
import { LineCounter } from "./line-counter";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const RECORDS_KEY = Buffer.from('"Records"', "latin1");

/** Where the scanner is in the file's structure. */
const enum State {
    /** Between log files: expects `{` or whitespace. */
    Top,
    /** Inside the Records array, between records. */
    Array,
    /** Inside one record. */
    Record,
    /** After the Records array: expects the closing `}`. */
    AfterArray,
    /** The input is not a CloudTrail log file; the rest is ignored (already reported). */
    Dead,
}

/** True for the four JSON whitespace bytes. */
export function isJsonSpace(byte: number): boolean {
    return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Matches `{ "Records" : [` at `offset` (which holds the `{`). Returns the
 * offset just after `[`, `"incomplete"` when the buffer ends first, or
 * `"mismatch"` when this is some other JSON object.
 */
export function matchRecordsOpening(buffer: Buffer, offset: number): number | "incomplete" | "mismatch" {
    let at = skipSpace(buffer, offset + 1);
    if (at + RECORDS_KEY.length > buffer.length) {
        return buffer.subarray(at).equals(RECORDS_KEY.subarray(0, buffer.length - at)) ? "incomplete" : "mismatch";
    }
    if (!buffer.subarray(at, at + RECORDS_KEY.length).equals(RECORDS_KEY)) {
        return "mismatch";
    }
    at = skipSpace(buffer, at + RECORDS_KEY.length);
    if (at >= buffer.length) {
        return "incomplete";
    }
    if (buffer[at] !== COLON) {
        return "mismatch";
    }
    at = skipSpace(buffer, at + 1);
    if (at >= buffer.length) {
        return "incomplete";
    }
    return buffer[at] === OPEN_BRACKET ? at + 1 : "mismatch";
}

function skipSpace(buffer: Buffer, offset: number): number {
    let at = offset;
    while (at < buffer.length && isJsonSpace(buffer[at])) {
        at++;
    }
    return at;
}

/** Splits one or more concatenated CloudTrail log files into their records. */
export class CloudTrailSplitter implements Splitter {
    private buffer: Buffer = Buffer.alloc(0);
    /** Next byte to scan. */
    private scan = 0;
    private state: State = State.Top;
    /** Start of the `{"Records":[` being matched, or of the current record; -1 once an oversized record was dropped. */
    private start = -1;
    /** Line on which the current record starts. */
    private startLine = 1;
    /** 1-based index of the current record within its log file, for messages about one-line files. */
    private recordNumber = 0;
    private depth = 0;
    private inString = false;
    /** The previous byte was a backslash inside a string (carried across chunks). */
    private escaped = false;
    private readonly lines = new LineCounter();

    constructor(private readonly sink: EventSink) {}

    /** @inheritdoc */
    public push(chunk: Buffer): void {
        this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
        this.run(false);
        this.compact();
    }

    /** @inheritdoc */
    public end(): void {
        this.run(true);
        switch (this.state) {
            case State.Record:
                this.sink.unreadable(
                    this.startLine,
                    `record ${this.recordNumber} is incomplete: the input ends inside it (truncated file?)`,
                );
                break;
            case State.Array:
            case State.AfterArray:
                this.sink.unreadable(
                    this.lines.lineAt(this.buffer, this.buffer.length),
                    "the input ends before the Records array is closed (truncated file?)",
                );
                break;
            default:
                break;
        }
        this.state = State.Dead;
    }

    /** @inheritdoc */
    public abort(reason: string): void {
        const line = this.state === State.Record ? this.startLine : this.lines.lineAt(this.buffer, this.buffer.length);
        this.state = State.Dead;
        this.sink.unreadable(line, reason);
    }

    private fail(at: number, reason: string): void {
        this.sink.unreadable(this.lines.lineAt(this.buffer, at), reason);
        this.state = State.Dead;
        this.scan = this.buffer.length;
    }

    private run(final: boolean): void {
        const buffer = this.buffer;
        const length = buffer.length;
        while (this.scan < length) {
            switch (this.state) {
                case State.Top: {
                    const at = skipSpace(buffer, this.scan);
                    this.scan = at;
                    if (at >= length) {
                        return;
                    }
                    if (buffer[at] !== OPEN_BRACE) {
                        this.fail(at, 'not a CloudTrail log file: expected {"Records":[...]}');
                        return;
                    }
                    const opened = matchRecordsOpening(buffer, at);
                    if (opened === "incomplete") {
                        this.start = at;
                        if (final) {
                            this.fail(at, "the input ends inside the opening of a CloudTrail log file (truncated file?)");
                        }
                        return;
                    }
                    if (opened === "mismatch") {
                        this.fail(at, 'not a CloudTrail log file: expected {"Records":[...]}');
                        return;
                    }
                    this.start = -1;
                    this.recordNumber = 0;
                    this.scan = opened;
                    this.state = State.Array;
                    break;
                }
                case State.Array: {
                    const at = skipSpace(buffer, this.scan);
                    this.scan = at;
                    if (at >= length) {
                        return;
                    }
                    const byte = buffer[at];
                    if (byte === COMMA) {
                        this.scan = at + 1;
                    } else if (byte === CLOSE_BRACKET) {
                        this.scan = at + 1;
                        this.state = State.AfterArray;
                    } else if (byte === OPEN_BRACE) {
                        this.recordNumber++;
                        this.start = at;
                        this.startLine = this.lines.lineAt(buffer, at);
                        this.depth = 1;
                        this.inString = false;
                        this.escaped = false;
                        this.scan = at + 1;
                        this.state = State.Record;
                    } else {
                        this.fail(at, `record ${this.recordNumber + 1} of the Records array is not a JSON object`);
                        return;
                    }
                    break;
                }
                case State.Record:
                    this.scanRecord();
                    break;
                case State.AfterArray: {
                    const at = skipSpace(buffer, this.scan);
                    this.scan = at;
                    if (at >= length) {
                        return;
                    }
                    if (buffer[at] !== CLOSE_BRACE) {
                        this.fail(at, 'unexpected content after the Records array; expected "}"');
                        return;
                    }
                    this.scan = at + 1;
                    this.state = State.Top;
                    break;
                }
                case State.Dead:
                    this.scan = length;
                    return;
            }
        }
    }

    /**
     * The hot loop. Outside strings it looks at every byte; inside strings it
     * jumps from quote to quote with indexOf, and decides whether a quote is
     * escaped by the parity of the backslashes before it. `escaped` carries a
     * dangling backslash across chunk boundaries.
     */
    private scanRecord(): void {
        const buffer = this.buffer;
        const length = buffer.length;
        let at = this.scan;
        let depth = this.depth;
        let inString = this.inString;
        let escaped = this.escaped;
        while (at < length) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                    at++;
                    continue;
                }
                const quote = buffer.indexOf(QUOTE, at);
                const stop = quote === -1 ? length : quote;
                let backslashes = 0;
                for (let k = stop - 1; k >= at && buffer[k] === BACKSLASH; k--) {
                    backslashes++;
                }
                if (quote === -1) {
                    escaped = (backslashes & 1) === 1;
                    at = length;
                    break;
                }
                at = quote + 1;
                if ((backslashes & 1) === 0) {
                    inString = false;
                }
                continue;
            }
            const byte = buffer[at++];
            if (byte === QUOTE) {
                inString = true;
            } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
                depth++;
            } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) {
                this.scan = at;
                this.state = State.Array;
                this.emit(at);
                return;
            }
        }
        this.scan = at;
        this.depth = depth;
        this.inString = inString;
        this.escaped = escaped;
    }

    private emit(end: number): void {
        if (this.start < 0 || end - this.start > MAX_EVENT_BYTES) {
            this.sink.unreadable(
                this.startLine,
                `record ${this.recordNumber} is larger than ${MAX_EVENT_BYTES / 1024 / 1024} MiB; skipped`,
            );
        } else {
            this.sink.event(this.buffer, this.start, end, this.startLine, true, this.recordNumber);
        }
        this.start = -1;
    }

    /** Drops the bytes no longer needed, keeping at most one partial record. */
    private compact(): void {
        let keep = this.scan;
        if (this.state === State.Record && this.start >= 0) {
            if (this.scan - this.start > MAX_EVENT_BYTES) {
                this.start = -1;
            } else {
                keep = this.start;
            }
        } else if (this.state === State.Top && this.start >= 0) {
            keep = this.start;
        }
        if (keep === 0) {
            return;
        }
        this.lines.rebase(this.buffer, keep);
        this.buffer = this.buffer.subarray(keep);
        this.scan -= keep;
        if (this.start >= 0) {
            this.start -= keep;
        }
    }
}
