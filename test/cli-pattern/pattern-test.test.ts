/**
 * `trailwatch pattern test`: counts like TestMetricFilter over the committed
 * corpus in every layout, gzip (real and truncated), several files, stdin,
 * text with term patterns; unreadable input by file and line; exit codes.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import type * as Engine from "../../component/src/engine";
import type { PatternTestOutput } from "../../component/src/cli/pattern-test";
import {
    APP_LOG,
    BAD_LINES,
    CORPUS_JSONL,
    CORPUS_ONE_LINE,
    CORPUS_PRETTY,
    corpusRecords,
    expectedRecords,
    loadDist,
    runCli,
    scratchDir,
    stdoutJson,
} from "./helpers";

const { CIS_V5_PATTERN } = loadDist<typeof Engine>("engine.js");

const expected = expectedRecords();
const cisMatches = expected.filter((r) => r.cisV5);

/** `pattern test --json` with the CIS v5.0 pattern (unless given), parsed. */
function testJson(files: readonly string[], extra: readonly string[] = [], pattern = CIS_V5_PATTERN, input?: Buffer) {
    const result = runCli(["pattern", "test", pattern, ...files, "--json", ...extra], { input });
    return { result, json: stdoutJson<PatternTestOutput>(result) };
}

describe("trailwatch pattern test", () => {
    let scratch: ReturnType<typeof scratchDir>;
    before(() => {
        scratch = scratchDir();
    });
    after(() => scratch.remove());

    it("counts the CIS v5.0 matches of the corpus in each layout, with the documented JSON shape", () => {
        for (const [file, format] of [
            [CORPUS_ONE_LINE, "cloudtrail"],
            [CORPUS_PRETTY, "cloudtrail"],
            [CORPUS_JSONL, "json-lines"],
        ] as const) {
            const { result, json } = testJson([file]);
            assert.equal(result.code, 0, result.stderr);
            assert.equal(result.stderr, "", "no progress or warnings when stderr is not a terminal");
            assert.deepEqual(Object.keys(json), ["pattern", "events", "matches", "files", "unreadable", "unreadableCount", "matchedEvents"]);
            assert.equal(json.pattern, CIS_V5_PATTERN);
            assert.equal(json.events, expected.length);
            assert.equal(json.matches, cisMatches.length);
            assert.deepEqual(json.files, [
                { file, format, compressed: false, events: expected.length, matches: cisMatches.length, unreadable: 0 },
            ]);
            assert.deepEqual(json.unreadable, []);
            assert.equal(json.unreadableCount, 0);
            assert.deepEqual(json.matchedEvents, []);
        }
    });

    it("lists the first N matched events like TestMetricFilter's matches", () => {
        const n = 4;
        const { result, json } = testJson([CORPUS_ONE_LINE], ["--show-matches", String(n)]);
        assert.equal(result.code, 0, result.stderr);
        const records = corpusRecords();
        assert.equal(json.matchedEvents.length, n);
        json.matchedEvents.forEach((match, k) => {
            const want = cisMatches[k];
            assert.equal(match.file, CORPUS_ONE_LINE);
            assert.equal(match.line, 1);
            assert.equal(match.eventNumber, expected.findIndex((r) => r.eventID === want.eventID) + 1);
            // The message is the record as CloudTrail sends it to CloudWatch Logs: one line of compact JSON.
            assert.ok(!match.eventMessage.includes("\n"));
            assert.deepEqual(JSON.parse(match.eventMessage), records[match.eventNumber - 1]);
        });
    });

    it("recognises gzip by its magic bytes, whatever the file is called", () => {
        const gz = zlib.gzipSync(fs.readFileSync(CORPUS_ONE_LINE));
        const named = path.join(scratch.dir, "trail.json.gz");
        const disguised = path.join(scratch.dir, "trail-without-extension.json");
        fs.writeFileSync(named, gz);
        fs.writeFileSync(disguised, gz);
        const { result, json } = testJson([named, disguised]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(json.events, 2 * expected.length);
        assert.equal(json.matches, 2 * cisMatches.length);
        for (const f of json.files) {
            assert.equal(f.compressed, true);
            assert.equal(f.format, "cloudtrail");
            assert.equal(f.matches, cisMatches.length);
        }
    });

    it("reports a truncated gzip file by name and line, keeps what it read, and goes on to the next file", () => {
        const pretty = fs.readFileSync(CORPUS_PRETTY);
        const gz = zlib.gzipSync(pretty);
        const truncated = path.join(scratch.dir, "truncated.json.gz");
        fs.writeFileSync(truncated, gz.subarray(0, Math.floor(gz.length / 2)));
        const { result, json } = testJson([truncated, CORPUS_JSONL]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /^trailwatch: warning: 1 unreadable .*truncated\.json\.gz:\d+: gzip data is truncated/);
        assert.equal(result.stderr.trim().split("\n").length, 1);
        const [broken, whole] = json.files;
        assert.equal(broken.compressed, true);
        assert.equal(broken.unreadable, 1);
        assert.ok(broken.events > 0 && broken.events < expected.length, `read ${broken.events} records before the cut`);
        assert.deepEqual(whole, { file: CORPUS_JSONL, format: "json-lines", compressed: false, events: expected.length, matches: cisMatches.length, unreadable: 0 });
        assert.equal(json.unreadable.length, 1);
        const [entry] = json.unreadable;
        assert.equal(entry.file, truncated);
        assert.match(entry.reason, /gzip data is truncated or corrupt/);
        // The line is where the record broken by the cut opened: the line after the last complete record's.
        const text = pretty.toString("utf8").split("\n");
        const opens = text.map((line, k) => (line === "    {" ? k + 1 : 0)).filter((k) => k > 0);
        assert.equal(entry.line, opens[broken.events]);
    });

    it("exits 2 when nothing at all was readable, and still lists why", () => {
        const gz = zlib.gzipSync(fs.readFileSync(CORPUS_ONE_LINE));
        const stub = path.join(scratch.dir, "stub.json.gz");
        fs.writeFileSync(stub, gz.subarray(0, 12));
        const { result, json } = testJson([stub, scratch.dir]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /^trailwatch: error: 2 unreadable/);
        assert.equal(json.events, 0);
        assert.deepEqual(
            json.unreadable.map((u) => [u.file, u.line]),
            [
                [stub, 1],
                [scratch.dir, null],
            ],
        );
        assert.match(json.unreadable[1].reason, /directory/);
    });

    it("reports each broken JSON line by number and counts the rest", () => {
        const lines = fs.readFileSync(BAD_LINES, "utf8").split("\n");
        const parsed = lines.map((line) => {
            try {
                return JSON.parse(line) as Record<string, unknown>;
            } catch {
                return undefined;
            }
        });
        const brokenLines = lines.map((line, k) => (line.trim() !== "" && parsed[k] === undefined ? k + 1 : 0)).filter((k) => k > 0);
        const good = parsed.filter((r): r is Record<string, unknown> => r !== undefined);
        const { result, json } = testJson([BAD_LINES]);
        assert.equal(result.code, 0);
        assert.deepEqual(
            json.unreadable.map((u) => [u.file, u.line]),
            brokenLines.map((line) => [BAD_LINES, line]),
        );
        assert.equal(json.events, good.length);
        const cisIds = new Set(cisMatches.map((r) => r.eventID));
        assert.equal(json.matches, good.filter((r) => cisIds.has(String(r.eventID))).length);
    });

    it("adds up several files in order and numbers events across them", () => {
        const { result, json } = testJson([CORPUS_ONE_LINE, APP_LOG, CORPUS_JSONL], ["--show-matches", "100"]);
        assert.equal(result.code, 0, result.stderr);
        const textEvents = fs
            .readFileSync(APP_LOG, "utf8")
            .split("\n")
            .filter((line) => line !== "").length;
        assert.deepEqual(
            json.files.map((f) => [f.file, f.format, f.events, f.matches]),
            [
                [CORPUS_ONE_LINE, "cloudtrail", expected.length, cisMatches.length],
                [APP_LOG, "text", textEvents, 0],
                [CORPUS_JSONL, "json-lines", expected.length, cisMatches.length],
            ],
        );
        assert.equal(json.events, 2 * expected.length + textEvents);
        assert.equal(json.matches, 2 * cisMatches.length);
        const last = json.matchedEvents[json.matchedEvents.length - 1];
        assert.equal(last.file, CORPUS_JSONL);
        const lastIndex = expected.findIndex((r) => r.eventID === cisMatches[cisMatches.length - 1].eventID);
        assert.equal(last.eventNumber, expected.length + textEvents + lastIndex + 1);
        assert.equal(last.line, lastIndex + 1);
    });

    it("reads stdin for -, plain or gzip", () => {
        const plain = fs.readFileSync(CORPUS_ONE_LINE);
        for (const input of [plain, zlib.gzipSync(plain)]) {
            const { result, json } = testJson(["-"], [], CIS_V5_PATTERN, input);
            assert.equal(result.code, 0, result.stderr);
            assert.deepEqual(json.files, [
                { file: "-", format: "cloudtrail", compressed: input !== plain, events: expected.length, matches: cisMatches.length, unreadable: 0 },
            ]);
        }
    });

    it("matches term patterns against plain-text lines", () => {
        const lines = fs
            .readFileSync(APP_LOG, "utf8")
            .split("\n")
            .filter((line) => line !== "");
        const cases: [string, (line: string) => boolean][] = [
            ["ERROR", (l) => l.includes("ERROR")],
            ["?ERROR ?WARN", (l) => l.includes("ERROR") || l.includes("WARN")],
            ['"Access Denied"', (l) => l.includes("Access Denied")],
            ["ERROR -NoSuchBucket", (l) => l.includes("ERROR") && !l.includes("NoSuchBucket")],
        ];
        for (const [pattern, want] of cases) {
            const { result, json } = testJson([APP_LOG], [], pattern);
            assert.equal(result.code, 0, result.stderr);
            assert.equal(json.events, lines.length, pattern);
            assert.equal(json.matches, lines.filter(want).length, pattern);
            assert.ok(json.matches > 0, `${pattern} should match something in the fixture`);
        }
    });

    it("prints a short human summary", () => {
        const result = runCli(["pattern", "test", CIS_V5_PATTERN, CORPUS_ONE_LINE, APP_LOG, "--show-matches", "1"]);
        assert.equal(result.code, 0, result.stderr);
        const lines = result.stdout.trimEnd().split("\n");
        const textEvents = fs
            .readFileSync(APP_LOG, "utf8")
            .split("\n")
            .filter((line) => line !== "").length;
        assert.equal(lines[0], `${cisMatches.length} of ${expected.length + textEvents} events match`);
        assert.ok(lines.some((line) => line.includes(path.basename(CORPUS_ONE_LINE)) && line.includes("cloudtrail")));
        assert.ok(lines.some((line) => line.startsWith("matched events:")));
        assert.ok(lines.includes(`note: ${APP_LOG} is plain text; a JSON pattern matches only its lines that are JSON objects`));
    });

    it("reports a binary file as unreadable instead of counting its lines", () => {
        const binary = path.join(scratch.dir, "image.json");
        fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x0a, 0x41]));
        const { result, json } = testJson([binary, CORPUS_JSONL]);
        assert.equal(result.code, 0);
        assert.deepEqual(json.files[0], { file: binary, format: "binary", compressed: false, events: 0, matches: 0, unreadable: 1 });
        assert.deepEqual(json.unreadable, [{ file: binary, line: 1, reason: json.unreadable[0].reason }]);
        assert.match(json.unreadable[0].reason, /binary/);
        assert.equal(json.events, expected.length);
    });

    it("exits 2 naming a missing file, before reading anything", () => {
        const missing = path.join(scratch.dir, "no-such-trail.json");
        const result = runCli(["pattern", "test", CIS_V5_PATTERN, CORPUS_ONE_LINE, missing, "--json"]);
        assert.equal(result.code, 2);
        assert.equal(result.stdout, "");
        assert.equal(result.stderr, `trailwatch: ${missing}: no such file\n`);
    });

    it("exits 2 with the column for an invalid pattern", () => {
        const result = runCli(["pattern", "test", '{ $.errorCode = "AccessDenied*" ', CORPUS_ONE_LINE]);
        assert.equal(result.code, 2);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /^trailwatch: invalid pattern: .*\(column \d+\)/);
        assert.equal(result.stderr.trim().split("\n").length, 1);
    });

    it("exits 2 on bad arguments", () => {
        for (const args of [
            ["pattern", "test", CIS_V5_PATTERN],
            ["pattern", "test", CIS_V5_PATTERN, CORPUS_ONE_LINE, "--show-matches", "many"],
            ["pattern", "test", CIS_V5_PATTERN, "-", "-"],
        ]) {
            const result = runCli(args, { input: "" });
            assert.equal(result.code, 2, args.join(" "));
            assert.notEqual(result.stderr, "");
        }
    });
});
