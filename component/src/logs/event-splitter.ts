/**
 * Recognises how an input is laid out from its first bytes, then hands the
 * stream to the matching splitter: a CloudTrail log file, JSON lines, or
 * plain text.
 */
import { CloudTrailSplitter, isJsonSpace, matchRecordsOpening } from "./cloudtrail-splitter";
import { EventSink, InputFormat, Splitter } from "./event-sink";
import { LineSplitter } from "./line-splitter";

/** Bytes looked at before settling the format even if they are all whitespace. */
const SNIFF_LIMIT_BYTES = 64 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Swallows the rest of an input that was already reported as unreadable. */
const IGNORE_REST: Splitter = {
    push: () => undefined,
    end: () => undefined,
    abort: () => undefined,
};

/**
 * Detects the format, then splits. The format is decided by the first
 * non-blank byte: `{"Records":[` means CloudTrail log files, any other `{`
 * JSON lines, anything else plain text.
 */
export class EventSplitter implements Splitter {
    private pending: Buffer[] = [];
    private pendingBytes = 0;
    private delegate: Splitter | undefined;
    private detected: InputFormat | undefined;

    constructor(private readonly sink: EventSink) {}

    /** The detected format, once known. */
    public get format(): InputFormat | undefined {
        return this.detected;
    }

    /** @inheritdoc */
    public push(chunk: Buffer): void {
        if (this.delegate !== undefined) {
            this.delegate.push(chunk);
            return;
        }
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        this.decide(false);
    }

    /** @inheritdoc */
    public end(): void {
        if (this.delegate === undefined) {
            this.decide(true);
        }
        this.delegate?.end();
    }

    /** @inheritdoc */
    public abort(reason: string): void {
        if (this.delegate === undefined) {
            this.decide(true);
        }
        if (this.delegate !== undefined) {
            this.delegate.abort(reason);
        } else {
            this.sink.unreadable(1, reason);
        }
    }

    private decide(final: boolean): void {
        let buffer = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
        this.pending = [buffer];
        if (buffer.length >= UTF8_BOM.length && buffer.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)) {
            buffer = buffer.subarray(UTF8_BOM.length);
        } else if (!final && buffer.length < UTF8_BOM.length) {
            return;
        }
        if (buffer.subarray(0, SNIFF_LIMIT_BYTES).includes(0)) {
            // Text logs and JSON never hold NUL; counting "lines" of a binary file would only mislead.
            this.detected = "binary";
            this.delegate = IGNORE_REST;
            this.pending = [];
            this.sink.unreadable(1, "binary data, not a log file (not text, JSON or gzip)");
            return;
        }
        let at = 0;
        while (at < buffer.length && isJsonSpace(buffer[at])) {
            at++;
        }
        const patient = !final && this.pendingBytes < SNIFF_LIMIT_BYTES;
        let format: InputFormat;
        if (at >= buffer.length) {
            if (patient) {
                return;
            }
            format = final ? "empty" : "text";
        } else if (buffer[at] === 0x7b) {
            const opened = matchRecordsOpening(buffer, at);
            if (opened === "incomplete" && patient) {
                return;
            }
            // A truncated opening at end of input is still meant as a CloudTrail file; its splitter reports it.
            format = opened === "mismatch" ? "json-lines" : "cloudtrail";
        } else {
            format = "text";
        }
        // "empty" goes to the JSON-lines splitter, which drops blank lines: whitespace is no event.
        this.detected = format;
        this.delegate = format === "cloudtrail" ? new CloudTrailSplitter(this.sink) : new LineSplitter(this.sink, format !== "text");
        this.pending = [];
        if (buffer.length > 0) {
            this.delegate.push(buffer);
        }
    }
}
