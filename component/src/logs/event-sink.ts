/**
 * The interface between the byte-level splitters and whatever consumes log
 * events. Splitters hand out slices of their working buffer instead of
 * strings, so that a consumer can decide cheaply, on bytes, whether an event
 * is worth decoding at all.
 */

/** How an input file is laid out. */
export type InputFormat =
    /** A CloudTrail log file, `{"Records":[…]}` (one line or pretty-printed; several may follow each other). */
    | "cloudtrail"
    /** One JSON object per line. */
    | "json-lines"
    /** One plain-text log event per line. */
    | "text"
    /** Nothing but whitespace. */
    | "empty"
    /** Not text at all (NUL bytes near the start): reported unreadable and not read. */
    | "binary";

/** Receives the log events cut out of one input. */
export interface EventSink {
    /**
     * One log event: bytes `[start, end)` of `buffer`, valid only during the
     * call (the splitter reuses the buffer afterwards).
     *
     * @param line 1-based line of the input on which the event starts.
     * @param json True when the event is a JSON object by the file's format (not yet validated by JSON.parse).
     * @param record 1-based position in its file's Records array for CloudTrail files (where every record may be
     *   on line 1); 0 for line-oriented input.
     */
    event(buffer: Buffer, start: number, end: number, line: number, json: boolean, record: number): void;
    /** A piece of the input that is not a log event of the file's format; reading goes on after it. */
    unreadable(line: number, reason: string): void;
}

/** A byte-level splitter: feed it chunks in order, then call `end()` once. */
export interface Splitter {
    /** Consumes the next chunk of decoded bytes. */
    push(chunk: Buffer): void;
    /** Signals end of input; reports an incomplete trailing event as unreadable. */
    end(): void;
    /**
     * The input broke off (a read or gzip error): reports `reason` once, at the
     * line where the incomplete event began, or else where reading stopped.
     */
    abort(reason: string): void;
}

/**
 * The largest single log event kept in memory. Larger ones are skipped and
 * reported, so memory stays bounded whatever the input. CloudWatch Logs
 * accepts events up to 1 MiB; 8 MiB leaves room for oversized CloudTrail records.
 */
export const MAX_EVENT_BYTES = 8 * 1024 * 1024;
