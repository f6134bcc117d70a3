/**
 * The human report's first screen, end to end through `trailwatch check` and
 * the real pack process: per trail and log group the controls in numeric
 * order with the link each breaks at, and one change that repairs them; and
 * that change, pasted into the program, makes every control it named pass.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import MarkdownIt from "markdown-it";
import { CIS_CONTROLS, MONITORING_CONTROLS } from "trailwatch/engine";
import { copyExample, fixture, runCli, sharedCheck, type CliRun } from "./helpers";

const SCREEN = { lines: 40, columns: 80 };
const NUMBERS = MONITORING_CONTROLS.map((c) => c.control);

/** The first screen of a human report, checked to fit 80 columns and to carry no colour. */
function firstScreen(run: CliRun): string[] {
    assert.ok(run.code === 0 || run.code === 1, `check could not run (exit ${run.code}): ${run.stderr}`);
    assert.ok(!run.stdout.includes("\u001b["), "no colour off a terminal");
    const lines = run.stdout.split("\n");
    for (const line of lines) {
        assert.ok([...line].length <= SCREEN.columns, `wider than ${SCREEN.columns} columns: ${line}`);
    }
    return lines.slice(0, SCREEN.lines);
}

/** Matrix rows of the chain whose title starts with `title`: control → the words of its row. */
function rowsOf(screen: readonly string[], title: string): Map<string, string[]> {
    // A title wider than the screen wraps: the matrix starts at the heading after it.
    const first = screen.findIndex((l) => l.startsWith(title));
    assert.ok(first >= 0, `no chain "${title}" on the first screen:\n${screen.join("\n")}`);
    const start = screen.findIndex((l, i) => i >= first && l.startsWith("  CIS ")) - 1;
    assert.match(screen[start + 1]!, /^ {2}CIS +trail +log group +filters +alarm +notify +level$/);
    const rows = new Map<string, string[]>();
    for (const line of screen.slice(start + 2)) {
        const m = /^ {2}(4\.\d+) +(.*)$/.exec(line);
        if (!m) {
            break;
        }
        rows.set(m[1]!, m[2]!.split(/ {2,}|(?<=held|BROKEN|undecided|unreached) /).map((w) => w.trim()).filter((w) => w !== ""));
    }
    return rows;
}

/** The code of the one fix on the screen (from `new ...(` to `});`). */
function fixCode(screen: readonly string[]): string[] {
    const start = screen.findIndex((l) => /^ {4}new \w+\(/.test(l));
    assert.ok(start >= 0, `no fix code on the first screen:\n${screen.join("\n")}`);
    const end = screen.findIndex((l, i) => i > start && l === "    });");
    return screen.slice(start, end + 1).map((l) => l.slice(4));
}

/** The controls a fix's `controls: [...]` names. */
function fixControls(code: readonly string[]): string[] {
    const text = code.join(" ");
    const list = /controls: \[([^\]]*)\]/.exec(text);
    assert.ok(list, text);
    return [...list[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe("check: the human report's first screen", function () {
    this.timeout(300_000);

    it("examples/non-compliant: 4.1–4.15 broken at the filters, in numeric order, and one CisMonitoringAlarms with exactly them", async () => {
        const run = await sharedCheck(["check", "examples/non-compliant"]);
        assert.equal(run.code, 1);
        const screen = firstScreen(run);
        const rows = rowsOf(screen, 'Trail "unmonitored-events" → log group "unmonitored-events-events');
        assert.deepEqual([...rows.keys()], NUMBERS, "one row per control, numeric order (4.2 before 4.10)");
        for (const [control, words] of rows) {
            assert.deepEqual(words.slice(0, 5), ["✓ held", "✓ held", "✗ BROKEN", "· unreached", "· unreached"], `${control}: ${words.join(" | ")}`);
            assert.equal(words[5], control === "4.1" ? "mandatory" : "advisory");
        }
        assert.ok(screen.includes("  One change repairs 4.1–4.15 here (from the trailwatch package):"), screen.join("\n"));
        const code = fixCode(screen);
        assert.match(code[0]!, /^new CisMonitoringAlarms\("cis-monitoring", \{$/);
        assert.deepEqual(fixControls(code), NUMBERS);
        assert.equal(run.stdout.split("new CisMonitoringAlarms(").length - 1, 1, "one component call, not one per control");
        assert.ok(screen.some((l) => /^4\.16 +AWS Security Hub is enabled: ✗ BROKEN \(advisory\)$/.test(l)), screen.join("\n"));
        assert.ok(screen.includes("failed, exit 1: mandatory broken: 1 mandatory, 15 advisory (preview)"), screen.join("\n"));
    });

    it("examples/all-controls with 4.3 left out: only 4.3 broken, and a fix naming 4.3 alone", async () => {
        const run = await sharedCheck(["check", fixture("programs", "all-controls-off"), "--stack", "no-4-3"]);
        assert.equal(run.code, 0, run.stderr);
        const screen = firstScreen(run);
        const rows = rowsOf(screen, 'Trail "management-events"');
        assert.deepEqual([...rows.keys()], NUMBERS);
        for (const [control, words] of rows) {
            const expected = control === "4.3" ? ["✓ held", "✓ held", "✗ BROKEN", "· unreached", "· unreached"] : Array(5).fill("✓ held");
            assert.deepEqual(words.slice(0, 5), expected, control);
        }
        // The program's CisMonitoringAlarms already watches the log group: the fix edits it, it adds no second component.
        const at = screen.indexOf("  One edit repairs 4.3 here:");
        assert.ok(at >= 0, screen.join("\n"));
        assert.match(
            screen.slice(at + 1, at + 4).join(" ").replace(/\s+/g, " "),
            /on the CisMonitoringAlarms "cis-monitoring" already watching this log group, turn on "4\.3": remove `enabled: false` from its override, or add it to `controls`\./,
        );
        assert.ok(!run.stdout.includes("new CisMonitoringAlarms("), run.stdout);
        assert.ok(screen.includes("passed, exit 0: advisories do not block: 0 mandatory, 1 advisory (preview)"));
    });

    it("two trails, one monitored: the unmonitored one shows only what is reported there, and one fix repairs 4.15 for both", async () => {
        const run = await sharedCheck(["check", fixture("programs", "two-trails")]);
        assert.equal(run.code, 0, run.stderr);
        const screen = firstScreen(run);
        const watched = rowsOf(screen, 'Trail "watched"');
        assert.deepEqual([...watched.keys()], NUMBERS);
        assert.deepEqual(watched.get("4.15")!.slice(0, 3), ["✓ held", "✓ held", "✗ BROKEN"]);
        const unwatched = rowsOf(screen, 'Trail "unwatched"');
        assert.deepEqual([...unwatched.keys()], ["4.15"], "controls held on the other trail are not rows here");
        assert.ok(screen.includes("  4.1–4.14: broken here, held on another chain (not reported)"), screen.join("\n"));
        assert.ok(screen.some((l) => l.startsWith('  4.15: repaired by the change on Trail "watched"')), screen.join("\n"));
        const edits = screen.filter((l) => l.startsWith("  One edit repairs") || l.startsWith("  One change repairs"));
        assert.deepEqual(edits, ["  One edit repairs 4.15 here:"], "one change for the stack, on the component already there");
        assert.match(screen.join(" ").replace(/\s+/g, " "), /on the CisMonitoringAlarms "cis-monitoring" already watching this log group, turn on "4\.15"/);
        assert.ok(!run.stdout.includes("new CisMonitoringAlarms("), run.stdout);
        assert.ok(screen.some((l) => l.startsWith("passed, exit 0: advisories do not block: 0 mandatory, 2 advisory")));
    });

    it("the suggested single fix, pasted into examples/non-compliant, makes every control it named pass", async () => {
        const before = await sharedCheck(["check", "examples/non-compliant"]);
        const code = fixCode(firstScreen(before));
        const named = fixControls(code);
        const program = copyExample("non-compliant");
        const index = path.join(program, "index.ts");
        // The fix names the program's LogGroup; in this program the variable is `logGroup`, as the comment says.
        assert.deepEqual(code.slice(1, 3), ['    // the aws.cloudwatch.LogGroup "unmonitored-events-events"', "    logGroup,"]);
        fs.writeFileSync(index, `import { CisMonitoringAlarms } from "trailwatch";\n${fs.readFileSync(index, "utf8")}\n${code.join("\n")}\n`);
        const after = await runCli(["check", program, "--format", "json"]);
        assert.equal(after.code, 0, after.stdout + after.stderr);
        const report = JSON.parse(after.stdout) as {
            violations: { policy: string }[];
            matrix: { chains: { rows: { control: string; status: string }[] }[] };
        };
        const rows = report.matrix.chains[0]!.rows;
        for (const control of named) {
            assert.equal(rows.find((r) => r.control === control)?.status, "pass", `${control} passes after the fix`);
        }
        const policies = new Set(report.violations.map((v) => v.policy));
        assert.deepEqual([...policies].filter((p) => !p.startsWith("cis-aws-4-16-")), [], "only 4.16, which the fix does not name, is left");
    });

    it("examples/all-controls in update: a subscription pending confirmation is one note for the topic, not one per control", async () => {
        const run = await sharedCheck(["check", "examples/all-controls", "--mode", "update"]);
        const screen = firstScreen(run);
        const rows = rowsOf(screen, 'Trail "management-events"');
        assert.deepEqual([...rows.keys()], NUMBERS);
        for (const [control, words] of rows) {
            assert.deepEqual(words, [...Array(5).fill("✓ held"), control === "4.1" ? "mandatory" : "advisory"], "a held row keeps its policy's level");
        }
        const notes = screen.filter((l) => l.startsWith("  note ("));
        assert.equal(notes.length, 1, screen.join("\n"));
        assert.match(notes[0]!, /^ {2}note \(4\.1–4\.15\): every subscription of topic "cis-monitoring-topic"/);
        const at = screen.indexOf(notes[0]!);
        assert.match(screen.slice(at, at + 3).join(" "), /pendingConfirmation/, "the note says what is pending");
        const json = JSON.parse((await sharedCheck(["check", "examples/all-controls", "--mode", "update", "--format", "json"])).stdout) as { violations: unknown[] };
        // The pack says it once too, under the first control that runs and reaches the topic (see pack-findings.test).
        assert.equal(json.violations.filter((v) => /pendingConfirmation: true/.test(JSON.stringify(v))).length, 1, "one note for the topic from the pack as well");
    });

    it("examples/weak-pattern: the component's own pulumi.log.warn reaches the report, and nothing runs past 80 columns", async () => {
        const run = await sharedCheck(["check", "examples/weak-pattern"]);
        firstScreen(run);
        const text = run.stdout.replace(/\n/g, " ").replace(/\s+/g, " ");
        assert.match(text, /program warning: UnauthorizedApiCallsAlarm "unauthorized-api-calls": the filter/);
        const json = JSON.parse((await sharedCheck(["check", "examples/weak-pattern", "--mode", "preview", "--format", "json"])).stdout) as { programWarnings?: string[] };
        assert.equal(json.programWarnings?.length, 1, JSON.stringify(json.programWarnings));
        assert.match(json.programWarnings![0]!, /^UnauthorizedApiCallsAlarm "unauthorized-api-calls": /);
    });

    it("JSON keeps its fields and adds the matrix; SARIF 2.1.0 keeps one rule per policy and adds control ids", async () => {
        const json = await sharedCheck(["check", "examples/non-compliant", "--mode", "preview", "--format", "json"]);
        const report = JSON.parse(json.stdout) as Record<string, unknown>;
        assert.deepEqual(Object.keys(report), ["pack", "mode", "violations", "summary", "matrix"]);
        const matrix = report.matrix as { chains: { rows: { control: string; link: string }[]; fix: { controls: string[] } }[]; stack: { control: string }[] };
        assert.deepEqual(matrix.chains[0]!.rows.map((r) => r.control), NUMBERS);
        assert.ok(matrix.chains[0]!.rows.every((r) => r.link === "filters"));
        assert.deepEqual(matrix.chains[0]!.fix.controls, NUMBERS);
        assert.deepEqual(matrix.stack.map((r) => r.control), ["4.16"]);

        const sarif = JSON.parse((await sharedCheck(["check", "examples/non-compliant", "--format", "sarif"])).stdout) as {
            version: string;
            runs: { tool: { driver: { rules: { id: string; properties: { cisControls?: string[] } }[] } }; properties: { matrix?: unknown } }[];
        };
        assert.equal(sarif.version, "2.1.0");
        const rules = sarif.runs[0]!.tool.driver.rules;
        assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, "one rule per policy");
        const controls = new Set(rules.flatMap((r) => r.properties.cisControls ?? []));
        assert.deepEqual([...controls].sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1])), CIS_CONTROLS.map((c) => c.control));
        assert.deepEqual(sarif.runs[0]!.properties.matrix, report.matrix);
    });

    it("--format markdown parses (markdown-it, GitHub's table rules) into the matrix table and one fenced fix", async () => {
        const run = await sharedCheck(["check", "examples/non-compliant", "--format", "markdown"]);
        assert.equal(run.code, 1, run.stderr);
        const tokens = new MarkdownIt("commonmark").enable("table").parse(run.stdout, {});
        // Each table as rows of cell texts (inline content, markup stripped of its emphasis markers).
        const tables: string[][][] = [];
        let row: string[] | undefined;
        for (const [i, token] of tokens.entries()) {
            if (token.type === "table_open") {
                tables.push([]);
            } else if (token.type === "tr_open") {
                row = [];
                tables[tables.length - 1]!.push(row);
            } else if (token.type === "inline" && row !== undefined && /^t[hd]_open$/.test(tokens[i - 1]!.type)) {
                row.push((token.children ?? []).filter((c) => c.type === "text").map((c) => c.content).join(""));
            }
        }
        assert.equal(tables.length, 2, "the matrix, then the stack-wide controls");
        const [header, ...body] = tables[0]!;
        assert.deepEqual(header, ["CIS", "Trail", "Log group", "Filters", "Alarm", "Notify", "Level"]);
        assert.deepEqual(body.map((r) => r[0]), NUMBERS, "numeric order");
        for (const r of body) {
            assert.deepEqual(r.slice(1), ["✅ held", "✅ held", "❌ broken", "➖ unreached", "➖ unreached", r[0] === "4.1" ? "mandatory" : "advisory"]);
        }
        assert.deepEqual(tables[1]!.slice(1).map((r) => r.slice(0, 3)), [["4.16", "AWS Security Hub is enabled", "❌ broken"]]);
        const fences = tokens.filter((t) => t.type === "fence");
        assert.equal(fences.length, 1, "one fix");
        assert.equal(fences[0]!.info, "ts");
        assert.deepEqual(fixControls(fences[0]!.content.split("\n")), NUMBERS);
    });
});
