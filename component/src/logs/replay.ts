/**
 * Replays log files through a filter-pattern matcher offline and counts
 * matches the way CloudWatch Logs' TestMetricFilter does, one log event at a
 * time: each CloudTrail record, JSON line or text line is one event.
 */
import * as fs from "node:fs";
import type { Readable } from "node:stream";
import { STDIN_NAME, decodeInput, rawChunks } from "./decode-input";
import { EventSink, InputFormat } from "./event-sink";
import { EventSplitter } from "./event-splitter";
import { LiteralPrefilter } from "./literal-prefilter";

/** A compiled filter pattern, as the replay needs it. */
export interface EventMatcher {
    /**
     * Decides one event. It gets the parsed value of JSON events when {@link selectsJson}; otherwise text:
     * a CloudTrail record as compact JSON (what CloudWatch Logs receives), a line as it is.
     */
    readonly matches: (event: string | unknown) => boolean;
    /** Substrings at least one of which occurs in the raw text of every event that matches; null when there is no such set. */
    readonly requiredLiterals: readonly string[] | null;
    /** True for JSON patterns (`{ $.field … }`): JSON events are parsed, and reported unreadable when JSON.parse rejects them. */
    readonly selectsJson: boolean;
}

/** Counts for one input, in command-line order. */
export interface FileCounts {
    /** The input as named on the command line (`-` for stdin). */
    readonly file: string;
    /** How the input was laid out; null when nothing could be read from it. */
    readonly format: InputFormat | null;
    /** True when the input was gzip (recognised by its magic bytes). */
    readonly compressed: boolean;
    /** Log events read. */
    readonly events: number;
    /** Log events the pattern matches. */
    readonly matches: number;
    /** Unreadable pieces in this input (all of them, not only those listed). */
    readonly unreadable: number;
}

/** A piece of input that could not be read as a log event; reading continued after it. */
export interface UnreadableInput {
    /** The input as named on the command line. */
    readonly file: string;
    /** 1-based line where the problem starts; null when the input could not be opened at all. */
    readonly line: number | null;
    /** What is wrong, in one line. */
    readonly reason: string;
}

/** One matched event, like an entry of TestMetricFilter's `matches`. */
export interface MatchedEvent {
    /** 1-based position of the event among all events read, across inputs. */
    readonly eventNumber: number;
    /** The input it came from. */
    readonly file: string;
    /** 1-based line on which it starts. */
    readonly line: number;
    /** The event as CloudWatch Logs would hold it: compact JSON for records, the line for text. */
    readonly eventMessage: string;
}

/** The result of a replay; `trailwatch pattern test --json` prints it with the pattern added. */
export interface ReplayReport {
    /** Log events read, over all inputs. */
    readonly events: number;
    /** Log events matched, over all inputs. */
    readonly matches: number;
    /** Per input, in command-line order. */
    readonly files: readonly FileCounts[];
    /** The first {@link ReplayOptions.maxUnreadableListed} unreadable pieces, in reading order. */
    readonly unreadable: readonly UnreadableInput[];
    /** How many unreadable pieces there were in all. */
    readonly unreadableCount: number;
    /** The first {@link ReplayOptions.showMatches} matched events (empty unless asked for). */
    readonly matchedEvents: readonly MatchedEvent[];
}

/** Where the replay is, for a progress display. */
export interface ReplayProgress {
    /** The input being read. */
    readonly file: string;
    /** Decoded bytes read from it so far. */
    readonly bytes: number;
    /** Events so far, over all inputs. */
    readonly events: number;
    /** Matches so far, over all inputs. */
    readonly matches: number;
}

/** What to replay and how. */
export interface ReplayOptions {
    /** Inputs in order: paths, or `-` for stdin. */
    readonly inputs: readonly string[];
    /** The compiled pattern. */
    readonly matcher: EventMatcher;
    /** How many matched events to return (default 0). */
    readonly showMatches?: number;
    /** Cap on listed unreadable pieces, so garbage input cannot exhaust memory (default 100). */
    readonly maxUnreadableListed?: number;
    /** Stream read for `-` (default process.stdin). */
    readonly stdin?: Readable;
    /** Called after every decoded chunk. */
    readonly onProgress?: (progress: ReplayProgress) => void;
}

/** Replays every input through the matcher. Never throws for unreadable input: it is reported instead. */
export async function replayLogs(options: ReplayOptions): Promise<ReplayReport> {
    const counter = new MatchCounter(options);
    const files: FileCounts[] = [];
    for (const input of options.inputs) {
        files.push(await counter.replayInput(input));
    }
    return {
        events: counter.events,
        matches: counter.matches,
        files,
        unreadable: counter.unreadableListed,
        unreadableCount: counter.unreadableCount,
        matchedEvents: counter.matchedEvents,
    };
}

/** The event sink: prefilter, parse, match, count. */
class MatchCounter implements EventSink {
    public events = 0;
    public matches = 0;
    public unreadableCount = 0;
    public readonly unreadableListed: UnreadableInput[] = [];
    public readonly matchedEvents: MatchedEvent[] = [];
    private readonly prefilter: LiteralPrefilter | undefined;
    /** The prefilter also holds for CloudTrail records that text patterns see re-serialized (compact). */
    private readonly prefilterSurvivesCompaction: boolean;
    private readonly showMatches: number;
    private readonly maxUnreadable: number;
    private file = "";
    private fileEvents = 0;
    private fileMatches = 0;
    private fileUnreadable = 0;

    constructor(private readonly options: ReplayOptions) {
        this.prefilter = LiteralPrefilter.create(options.matcher.requiredLiterals);
        // Re-serializing changes only whitespace and punctuation between JSON tokens; literals without those
        // read the same in the file's bytes and in the compact text.
        this.prefilterSurvivesCompaction = (options.matcher.requiredLiterals ?? []).every((l) => !/[\s,:[\]{}]/.test(l));
        this.showMatches = options.showMatches ?? 0;
        this.maxUnreadable = options.maxUnreadableListed ?? 100;
    }

    public async replayInput(file: string): Promise<FileCounts> {
        this.file = file;
        this.fileEvents = 0;
        this.fileMatches = 0;
        this.fileUnreadable = 0;
        const splitter = new EventSplitter(this);
        const decoded = decodeInput(rawChunks(file, this.options.stdin));
        // Settles once raw bytes arrived: from then on a failure is inside the data, at a line.
        let sniffed = false;
        void decoded.compressed.then(() => {
            sniffed = true;
        });
        let bytes = 0;
        let failed = false;
        try {
            for await (const chunk of decoded.chunks) {
                bytes += chunk.length;
                splitter.push(chunk);
                this.options.onProgress?.({ file, bytes, events: this.events, matches: this.matches });
            }
            splitter.end();
        } catch (err) {
            failed = true;
            const reason = describeReadError(err, await settled(decoded.compressed));
            if (sniffed) {
                splitter.abort(reason);
            } else {
                this.unreadableAt(null, reason);
            }
        }
        let format: InputFormat | null = null;
        if (bytes > 0) {
            format = splitter.format ?? "empty";
        } else if (!failed) {
            format = "empty";
        }
        return {
            file,
            format,
            compressed: await settled(decoded.compressed),
            events: this.fileEvents,
            matches: this.fileMatches,
            unreadable: this.fileUnreadable,
        };
    }

    /** @inheritdoc */
    public event(buffer: Buffer, start: number, end: number, line: number, json: boolean, record: number): void {
        const matcher = this.options.matcher;
        const compacted = json && record > 0 && !matcher.selectsJson;
        const prefilter = compacted && !this.prefilterSurvivesCompaction ? undefined : this.prefilter;
        if (prefilter !== undefined && !prefilter.mayMatch(buffer, start, end)) {
            this.count(false);
            return;
        }
        const text = buffer.toString("utf8", start, end);
        let event: unknown = text;
        // JSON patterns need the value. Text patterns on a CloudTrail record need the text CloudWatch Logs
        // receives, which is compact JSON however the file at hand was printed; a JSON line is sent as is.
        if (json && (matcher.selectsJson || compacted)) {
            let parsed: unknown;
            try {
                parsed = JSON.parse(text);
            } catch (err) {
                const where = record > 0 ? `record ${record}: ` : "";
                this.unreadable(line, `${where}not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
                return;
            }
            event = matcher.selectsJson ? parsed : JSON.stringify(parsed);
        }
        const matched = matcher.matches(event);
        this.count(matched);
        if (matched && this.matchedEvents.length < this.showMatches) {
            this.matchedEvents.push({
                eventNumber: this.events,
                file: this.file,
                line,
                eventMessage: json ? compactJson(text, event) : text,
            });
        }
    }

    /** @inheritdoc */
    public unreadable(line: number, reason: string): void {
        this.unreadableAt(line, reason);
    }

    private unreadableAt(line: number | null, reason: string): void {
        this.unreadableCount++;
        this.fileUnreadable++;
        if (this.unreadableListed.length < this.maxUnreadable) {
            this.unreadableListed.push({ file: this.file, line, reason });
        }
    }

    private count(matched: boolean): void {
        this.events++;
        this.fileEvents++;
        if (matched) {
            this.matches++;
            this.fileMatches++;
        }
    }
}

/** CloudTrail sends each record to CloudWatch Logs as one line of compact JSON; show matches that way. */
function compactJson(text: string, parsed: unknown): string {
    if (typeof parsed !== "string") {
        return JSON.stringify(parsed);
    }
    try {
        return JSON.stringify(JSON.parse(text));
    } catch {
        return text;
    }
}

/** The gzip flag if the first bytes were seen, false otherwise (never waits on an input that failed to open). */
async function settled(compressed: Promise<boolean>): Promise<boolean> {
    return Promise.race([compressed, Promise.resolve(false)]);
}

function describeReadError(err: unknown, compressed: boolean): string {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const message = err instanceof Error ? err.message : String(err);
    if (code === "Z_BUF_ERROR" || code === "Z_DATA_ERROR" || /unexpected end of file/i.test(message)) {
        return `gzip data is truncated or corrupt (${message})`;
    }
    if (code === "EACCES" || code === "EPERM") {
        return "permission denied";
    }
    if (code === "EISDIR") {
        return "is a directory, not a log file";
    }
    return compressed ? `cannot decompress: ${message}` : `cannot read: ${message}`;
}

/** True when `name` is stdin rather than a path. */
export function isStdin(name: string): boolean {
    return name === STDIN_NAME;
}

/** Fails fast, before any reading, on inputs that do not exist: returns the first missing path. */
export function firstMissingInput(inputs: readonly string[]): string | undefined {
    return inputs.find((input) => !isStdin(input) && !fs.existsSync(input));
}
