/**
 * The byte-level splitters: every record comes out whole, whatever the chunk
 * boundaries, string contents, layout or line endings, with the right line
 * numbers; broken input is reported, not thrown.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import fc from "fast-check";
import type * as Logs from "../../component/src/logs";
import { CORPUS_JSONL, CORPUS_ONE_LINE, CORPUS_PRETTY, corpusRecords, loadDist } from "./helpers";

const logs = loadDist<typeof Logs>("logs/index.js");

interface Collected {
    readonly events: { readonly text: string; readonly line: number; readonly json: boolean; readonly record?: number }[];
    readonly unreadable: { readonly line: number; readonly reason: string }[];
    readonly format: Logs.InputFormat | undefined;
}

/** Splits `bytes` fed in chunks of the given sizes (cycled), collecting what the sink receives. */
function split(bytes: Buffer, chunkSizes: readonly number[] = [bytes.length || 1]): Collected {
    const events: Collected["events"] = [];
    const unreadable: Collected["unreadable"] = [];
    const splitter = new logs.EventSplitter({
        event: (buffer, start, end, line, json, record) =>
            events.push({ text: buffer.toString("utf8", start, end), line, json, ...(record > 0 ? { record } : {}) }),
        unreadable: (line, reason) => unreadable.push({ line, reason }),
    });
    let at = 0;
    for (let k = 0; at < bytes.length; k++) {
        const size = Math.max(1, chunkSizes[k % chunkSizes.length]);
        // Copies, so that no test can pass by the splitter reading past a chunk's end.
        splitter.push(Buffer.from(bytes.subarray(at, at + size)));
        at += size;
    }
    splitter.end();
    return { events, unreadable, format: splitter.format };
}

/** 1-based line numbers on which `needle` starts a line in `text`. */
function linesStartingWith(text: string, needle: string): number[] {
    return text
        .split("\n")
        .map((line, index) => (line.startsWith(needle) ? index + 1 : 0))
        .filter((line) => line > 0);
}

describe("EventSplitter", () => {
    const records = corpusRecords();

    it("cuts every record out of a one-line CloudTrail file, all on line 1", () => {
        const result = split(fs.readFileSync(CORPUS_ONE_LINE));
        assert.equal(result.format, "cloudtrail");
        assert.deepEqual(result.unreadable, []);
        assert.deepEqual(result.events.map((e) => JSON.parse(e.text) as unknown), records);
        assert.ok(result.events.every((e) => e.line === 1 && e.json));
        assert.deepEqual(
            result.events.map((e) => e.record),
            records.map((_, k) => k + 1),
        );
    });

    it("reports, for a pretty-printed file, the line on which each record opens", () => {
        const text = fs.readFileSync(CORPUS_PRETTY, "utf8");
        const result = split(Buffer.from(text), [4096]);
        assert.equal(result.format, "cloudtrail");
        assert.deepEqual(result.events.map((e) => JSON.parse(e.text) as unknown), records);
        // The file is indented by two: records open with "    {" on a line of their own.
        assert.deepEqual(
            result.events.map((e) => e.line),
            linesStartingWith(text, "    {"),
        );
    });

    it("reads JSON lines one event per line, with CRLF endings and blank lines", () => {
        const lines = fs.readFileSync(CORPUS_JSONL, "utf8").trimEnd().split("\n");
        const withCrlfAndBlanks = `${lines.slice(0, 3).join("\r\n")}\r\n\r\n   \n${lines.slice(3).join("\n")}`;
        const result = split(Buffer.from(withCrlfAndBlanks), [7, 300, 1]);
        assert.equal(result.format, "json-lines");
        assert.deepEqual(result.unreadable, []);
        assert.deepEqual(result.events.map((e) => JSON.parse(e.text) as unknown), records);
        const expectedLines = records.map((_, index) => (index < 3 ? index + 1 : index + 3));
        assert.deepEqual(
            result.events.map((e) => e.line),
            expectedLines,
        );
    });

    it("reads plain text one event per non-empty line, without the line ending", () => {
        const result = split(Buffer.from("first event\r\n\nsecond {not json}\nlast without newline"), [5]);
        assert.equal(result.format, "text");
        assert.deepEqual(result.events, [
            { text: "first event", line: 1, json: false },
            { text: "second {not json}", line: 3, json: false },
            { text: "last without newline", line: 4, json: false },
        ]);
    });

    it("recognises a CloudTrail file behind a byte-order mark and whitespace, fed one byte at a time", () => {
        const body = fs.readFileSync(CORPUS_ONE_LINE);
        const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("\n  \t"), body]);
        const result = split(input, [1]);
        assert.equal(result.format, "cloudtrail");
        assert.equal(result.events.length, records.length);
        assert.ok(result.events.every((e) => e.line === 2));
    });

    it("reads CloudTrail files concatenated back to back (zcat *.json.gz)", () => {
        const one = fs.readFileSync(CORPUS_ONE_LINE);
        const result = split(Buffer.concat([one, one, Buffer.from("\n"), one]), [65536]);
        assert.deepEqual(result.unreadable, []);
        assert.equal(result.events.length, 3 * records.length);
        assert.deepEqual(result.events.at(-1)?.line, 2);
        // Record positions restart with each log file.
        assert.equal(result.events[records.length]?.record, 1);
    });

    it("treats an empty or blank input as no events and no error", () => {
        for (const input of ["", " \n\n\t "]) {
            const result = split(Buffer.from(input));
            assert.equal(result.format, "empty");
            assert.deepEqual(result.events, []);
            assert.deepEqual(result.unreadable, []);
        }
    });

    it("reports a truncated record with the line where it opened, after reading the complete ones", () => {
        const text = fs.readFileSync(CORPUS_PRETTY, "utf8");
        const opens = linesStartingWith(text, "    {");
        const lines = text.split("\n");
        // Cut two lines into the fifth record.
        const cut = lines.slice(0, opens[4] + 1).join("\n");
        const result = split(Buffer.from(cut), [1000]);
        assert.equal(result.events.length, 4);
        assert.equal(result.unreadable.length, 1);
        assert.equal(result.unreadable[0].line, opens[4]);
        assert.match(result.unreadable[0].reason, /record 5 is incomplete/);
    });

    it("reports a Records array that holds something other than objects, and stops there", () => {
        const result = split(Buffer.from('{"Records":[{"a":1},\n42,{"b":2}]}'));
        assert.deepEqual(
            result.events.map((e) => e.text),
            ['{"a":1}'],
        );
        assert.equal(result.unreadable.length, 1);
        assert.equal(result.unreadable[0].line, 2);
        assert.match(result.unreadable[0].reason, /record 2 .* not a JSON object/);
    });

    it("skips and reports a record larger than the limit, then reads on", () => {
        const huge = `{"blob":"${"x".repeat(logs.MAX_EVENT_BYTES + 10)}"}`;
        const result = split(Buffer.from(`{"Records":[{"a":1},${huge},{"b":2}]}`), [1024 * 1024]);
        assert.deepEqual(
            result.events.map((e) => e.text),
            ['{"a":1}', '{"b":2}'],
        );
        assert.equal(result.unreadable.length, 1);
        assert.match(result.unreadable[0].reason, /record 2 is larger than/);
    });

    it("reports JSON lines that are not whole objects, by line", () => {
        const result = split(Buffer.from('{"a":1}\n{"a":\nnot json\n{"b":2}\n'));
        assert.deepEqual(
            result.events.map((e) => [e.text, e.line]),
            [
                ['{"a":1}', 1],
                ['{"b":2}', 4],
            ],
        );
        assert.deepEqual(
            result.unreadable.map((u) => u.line),
            [2, 3],
        );
    });

    it("cuts out exactly the original records for any strings and any chunking (property)", () => {
        // Keys and strings full of the bytes the scanner cares about: quotes, backslashes, brackets, non-ASCII.
        const tricky = fc.string({ unit: fc.constantFrom("a", '"', "\\", "{", "}", "[", "]", ",", ":", "é", "€", "😀", "\n", " ") });
        const value = fc.letrec((tie) => ({
            value: fc.oneof(
                { depthSize: "small" },
                tricky,
                fc.integer(),
                fc.boolean(),
                fc.constant(null),
                fc.array(tie("value"), { maxLength: 3 }),
                fc.dictionary(tricky, tie("value"), { maxKeys: 3 }),
            ),
        })).value;
        const record = fc.dictionary(tricky, value, { maxKeys: 5 });
        fc.assert(
            fc.property(
                // One to three log files back to back, each one-line or pretty-printed.
                fc.array(fc.tuple(fc.array(record, { maxLength: 5 }), fc.boolean()), { minLength: 1, maxLength: 3 }),
                fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 5 }),
                (files, chunks) => {
                    const text = files
                        .map(([recs, pretty]) => (pretty ? JSON.stringify({ Records: recs }, null, 2) : JSON.stringify({ Records: recs })))
                        .join("\n");
                    const result = split(Buffer.from(text), chunks);
                    assert.deepEqual(result.unreadable, []);
                    // Compared as JSON text: fast-check builds null-prototype objects, JSON.parse plain ones.
                    assert.deepEqual(
                        result.events.map((e) => JSON.stringify(JSON.parse(e.text))),
                        files.flatMap(([recs]) => recs.map((r) => JSON.stringify(r))),
                    );
                },
            ),
            { numRuns: 300 },
        );
    });
});
