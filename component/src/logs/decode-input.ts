/**
 * Opens one input (a file path, or `-` for stdin) as a stream of decoded
 * bytes: gzip is recognised by its magic bytes, whatever the file is called,
 * because CloudTrail copies are often renamed or piped.
 */
import * as fs from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/** The name by which stdin is given on the command line. */
export const STDIN_NAME = "-";

/** Bytes every gzip member starts with (RFC 1952, ID1 ID2). */
const GZIP_MAGIC_1 = 0x1f;
const GZIP_MAGIC_2 = 0x8b;

/** Large reads keep per-chunk overhead negligible next to the scanning work. */
const READ_CHUNK_BYTES = 1024 * 1024;
const GUNZIP_CHUNK_BYTES = 256 * 1024;

/** One opened input: whether it turned out to be gzip, and its decoded bytes. */
export interface DecodedInput {
    /** Resolves once the first bytes were seen; true when the input is gzip. */
    readonly compressed: Promise<boolean>;
    /** The decoded bytes, in order. Throws when reading or decompression fails. */
    readonly chunks: AsyncIterable<Buffer>;
}

/** Raw bytes of a file, or of stdin when `name` is `-`. */
export function rawChunks(name: string, stdin: Readable = process.stdin): AsyncIterable<Buffer> {
    if (name === STDIN_NAME) {
        return stdin as AsyncIterable<Buffer>;
    }
    return fs.createReadStream(name, { highWaterMark: READ_CHUNK_BYTES });
}

/**
 * Wraps raw bytes so that gzip input is decompressed on the fly. Memory stays
 * bounded by one chunk: nothing is read ahead beyond what the consumer pulls.
 */
export function decodeInput(raw: AsyncIterable<Buffer>): DecodedInput {
    let settle: (gzip: boolean) => void = () => undefined;
    const compressed = new Promise<boolean>((resolve) => {
        settle = resolve;
    });
    async function* decoded(): AsyncGenerator<Buffer> {
        const iterator = raw[Symbol.asyncIterator]();
        // Collect at least two bytes: a first chunk of one byte is legal on pipes.
        const head: Buffer[] = [];
        let headBytes = 0;
        let exhausted = false;
        while (headBytes < 2) {
            const next = await iterator.next();
            if (next.done === true) {
                exhausted = true;
                break;
            }
            const chunk = toBuffer(next.value);
            head.push(chunk);
            headBytes += chunk.length;
        }
        const first = head.length === 1 ? head[0] : Buffer.concat(head);
        const gzip = first.length >= 2 && first[0] === GZIP_MAGIC_1 && first[1] === GZIP_MAGIC_2;
        settle(gzip);
        const bytes = replayed(first, iterator, exhausted);
        if (!gzip) {
            yield* bytes;
            return;
        }
        const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
        const source = Readable.from(bytes, { objectMode: false });
        // pipe() does not forward source errors; do it by hand so a read failure ends the iteration.
        source.on("error", (err) => gunzip.destroy(err));
        source.pipe(gunzip);
        try {
            for await (const chunk of gunzip) {
                yield chunk as Buffer;
            }
        } finally {
            source.destroy();
        }
    }
    return { compressed, chunks: decoded() };
}

/** The bytes already read for sniffing, then the rest of the raw input. */
async function* replayed(first: Buffer, rest: AsyncIterator<unknown>, exhausted: boolean): AsyncGenerator<Buffer> {
    if (first.length > 0) {
        yield first;
    }
    if (exhausted) {
        return;
    }
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
        yield toBuffer(next.value);
    }
}

function toBuffer(value: unknown): Buffer {
    if (Buffer.isBuffer(value)) {
        return value;
    }
    return typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value as Uint8Array);
}
