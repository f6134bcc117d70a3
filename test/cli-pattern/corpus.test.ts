/**
 * The corpus is only useful if what it claims is true: the three layouts
 * hold the same records, expected.json and the README say the same thing,
 * and the pattern engine agrees with both.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Engine from "../../component/src/engine";
import { APP_LOG, CORPUS_DIR, CORPUS_JSONL, CORPUS_PRETTY, corpusRecords, expectedRecords, loadDist } from "./helpers";

const engine = loadDist<typeof Engine>("engine.js");

function compiled(text: string): Engine.FilterPattern {
    const parsed = engine.parsePattern(text);
    assert.ok(parsed.ok, `the pattern ${text} must parse`);
    return parsed.pattern;
}

/** Rows of the markdown table that follows `heading` in the README, as cells. */
function tableAfter(readme: string, heading: string): string[][] {
    const start = readme.indexOf(heading);
    assert.ok(start >= 0, `README has ${heading}`);
    const rows: string[][] = [];
    let inTable = false;
    for (const line of readme.slice(start).split("\n").slice(1)) {
        if (line.startsWith("|")) {
            inTable = true;
            rows.push(line.split("|").slice(1, -1).map((cell) => cell.trim()));
        } else if (inTable) {
            break;
        }
    }
    // Drop the header and the separator.
    return rows.slice(2);
}

describe("CloudTrail corpus", () => {
    const records = corpusRecords();
    const expected = expectedRecords();
    const readme = fs.readFileSync(path.join(CORPUS_DIR, "README.md"), "utf8");

    it("holds the same records, in the same order, in every layout", () => {
        const pretty = (JSON.parse(fs.readFileSync(CORPUS_PRETTY, "utf8")) as { Records: unknown[] }).Records;
        const lines = fs
            .readFileSync(CORPUS_JSONL, "utf8")
            .trimEnd()
            .split("\n")
            .map((line) => JSON.parse(line) as unknown);
        assert.deepEqual(pretty, records);
        assert.deepEqual(lines, records);
        assert.deepEqual(
            expected.map((r) => r.eventID),
            records.map((r) => r.eventID),
        );
        assert.equal(new Set(expected.map((r) => r.eventID)).size, expected.length);
    });

    it("documents every record in expected.json truthfully", () => {
        expected.forEach((want, k) => {
            const record = records[k];
            assert.equal(record.eventSource, want.eventSource, want.name);
            assert.equal(record.eventName, want.eventName, want.name);
            assert.equal(record.errorCode ?? null, want.errorCode, want.name);
            assert.equal(record.sourceIPAddress, want.sourceIPAddress, want.name);
        });
    });

    it("lists every record in the README with the same verdicts as expected.json", () => {
        const rows = tableAfter(readme, "## Records");
        assert.deepEqual(
            rows.map(([index, name, , , , v5, v12]) => [Number(index), name.replace(/`/g, ""), v5, v12]),
            expected.map((r, k) => [k + 1, r.name, r.cisV5 ? "yes" : "no", r.cisV1_2 ? "yes" : "no"]),
        );
    });

    it("has verdicts the pattern engine agrees with, for parsed records and raw lines", () => {
        const v5 = compiled(engine.CIS_V5_PATTERN);
        const v12 = compiled(engine.CIS_V1_2_PATTERN);
        expected.forEach((want, k) => {
            const record = records[k];
            for (const event of [record, JSON.stringify(record)]) {
                assert.equal(engine.matchesEvent(v5, event), want.cisV5, `CIS v5.0 on ${want.name}`);
                assert.equal(engine.matchesEvent(v12, event), want.cisV1_2, `CIS v1.2 on ${want.name}`);
            }
        });
        // The corpus must exercise both outcomes and the v5.0 exclusions.
        assert.ok(expected.some((r) => r.cisV5) && expected.some((r) => !r.cisV1_2));
        assert.ok(expected.some((r) => r.cisV1_2 && !r.cisV5));
    });

    it("documents app.log's term-pattern matches as the engine computes them", () => {
        const lines = fs.readFileSync(APP_LOG, "utf8").split("\n");
        const rows = tableAfter(readme, "## app.log");
        assert.ok(rows.length >= 3);
        for (const [patternCell, linesCell] of rows) {
            const pattern = compiled(patternCell.replace(/^`|`$/g, ""));
            const matching = lines.map((line, k) => (line !== "" && engine.matchesEvent(pattern, line) ? k + 1 : 0)).filter((k) => k > 0);
            assert.deepEqual(matching.join(", "), linesCell, patternCell);
        }
    });
});
