/**
 * decodeInput: gzip by magic bytes however the bytes arrive, plain input
 * untouched, and decompression failures surfaced as errors.
 */
import * as assert from "node:assert/strict";
import * as zlib from "node:zlib";
import type * as Logs from "../../component/src/logs";
import { loadDist } from "./helpers";

const { decodeInput } = loadDist<typeof Logs>("logs/index.js");

/** An async source yielding `bytes` in pieces of the given sizes. */
async function* pieces(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
    let at = 0;
    for (let k = 0; at < bytes.length; k++) {
        const size = sizes[k % sizes.length];
        yield bytes.subarray(at, at + size);
        at += size;
    }
}

async function decodeAll(bytes: Buffer, sizes: readonly number[]): Promise<{ gzip: boolean; text: string }> {
    const decoded = decodeInput(pieces(bytes, sizes));
    const out: Buffer[] = [];
    for await (const chunk of decoded.chunks) {
        out.push(chunk);
    }
    return { gzip: await decoded.compressed, text: Buffer.concat(out).toString("utf8") };
}

describe("decodeInput", () => {
    const text = '{"Records":[{"eventName":"GetObject","key":"résumé"}]}';

    it("passes plain input through unchanged, even one byte at a time", async () => {
        assert.deepEqual(await decodeAll(Buffer.from(text), [1]), { gzip: false, text });
        assert.deepEqual(await decodeAll(Buffer.from(text), [1000]), { gzip: false, text });
    });

    it("decompresses gzip when the magic bytes arrive split across chunks", async () => {
        const gz = zlib.gzipSync(text);
        assert.deepEqual(await decodeAll(gz, [1, 3, 7]), { gzip: true, text });
    });

    it("decompresses concatenated gzip members as one stream", async () => {
        const twice = Buffer.concat([zlib.gzipSync(text), zlib.gzipSync(text)]);
        assert.deepEqual(await decodeAll(twice, [64]), { gzip: true, text: text + text });
    });

    it("treats empty input as plain and empty", async () => {
        assert.deepEqual(await decodeAll(Buffer.alloc(0), [1]), { gzip: false, text: "" });
    });

    it("throws when gzip data ends early", async () => {
        const gz = zlib.gzipSync(text.repeat(50));
        await assert.rejects(decodeAll(gz.subarray(0, gz.length - 10), [16]), /unexpected end of file/i);
    });
});
