/**
 * Splits line-oriented input (JSON lines, or plain text) into one log event
 * per non-blank line, the way a log shipper sends lines to CloudWatch Logs.
 */
import { EventSink, MAX_EVENT_BYTES, Splitter } from "./event-sink";
import { isJsonSpace } from "./cloudtrail-splitter";

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** One event per line; with `json`, each line must hold one JSON object. */
export class LineSplitter implements Splitter {
    private buffer: Buffer = Buffer.alloc(0);
    /** 1-based number of the line that starts at `buffer[0]`. */
    private line = 1;
    /** The current line outgrew MAX_EVENT_BYTES; its bytes are being dropped until the next newline. */
    private oversized = false;

    constructor(
        private readonly sink: EventSink,
        private readonly json: boolean,
    ) {}

    /** @inheritdoc */
    public push(chunk: Buffer): void {
        const buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
        let start = 0;
        for (let newline = buffer.indexOf(NEWLINE); newline !== -1; newline = buffer.indexOf(NEWLINE, start)) {
            this.takeLine(buffer, start, newline);
            start = newline + 1;
            this.line++;
        }
        this.buffer = buffer.subarray(start);
        if (this.buffer.length > MAX_EVENT_BYTES) {
            this.oversized = true;
            this.buffer = Buffer.alloc(0);
        }
    }

    /** @inheritdoc */
    public end(): void {
        if (this.buffer.length > 0 || this.oversized) {
            this.takeLine(this.buffer, 0, this.buffer.length);
        }
        this.buffer = Buffer.alloc(0);
    }

    /** @inheritdoc */
    public abort(reason: string): void {
        this.buffer = Buffer.alloc(0);
        this.oversized = false;
        this.sink.unreadable(this.line, reason);
    }

    private takeLine(buffer: Buffer, start: number, end: number): void {
        if (this.oversized) {
            this.oversized = false;
            this.sink.unreadable(this.line, `line is longer than ${MAX_EVENT_BYTES / 1024 / 1024} MiB; skipped`);
            return;
        }
        let last = end;
        if (last > start && buffer[last - 1] === CARRIAGE_RETURN) {
            last--;
        }
        if (!this.json) {
            if (last > start) {
                this.sink.event(buffer, start, last, this.line, false, 0);
            }
            return;
        }
        let first = start;
        while (first < last && isJsonSpace(buffer[first])) {
            first++;
        }
        while (last > first && isJsonSpace(buffer[last - 1])) {
            last--;
        }
        if (first === last) {
            return;
        }
        if (buffer[first] !== OPEN_BRACE || buffer[last - 1] !== CLOSE_BRACE) {
            this.sink.unreadable(this.line, "not a JSON object (incomplete or not JSON)");
            return;
        }
        this.sink.event(buffer, first, last, this.line, true, 0);
    }
}
