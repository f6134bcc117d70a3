/**
 * `assessPattern` gives, on a fixed corpus, exactly the answers main's engine
 * gave before the overmatch search learnt to count instead of walk (recorded
 * in assess-answers.ts): valid, covers, counterexample (key order too),
 * overmatch, error and notes, compared through a SHA-256 of the JSON.
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { assessPattern } from "trailwatch/engine";
import { SLOW_PATTERNS, answerDigest, answerSummary, assessCorpus, controlOf } from "./assess-corpus";
import { MAIN_ANSWERS } from "./assess-answers";

const caseKey = (control: string, text: string): string => createHash("sha256").update(`${control}\n${text}`).digest("hex").slice(0, 16);

describe("assessPattern: the answers recorded from main before the overmatch speed-up", () => {
    const cases = assessCorpus();

    it("the corpus is the one the answers were recorded for (same samples, same order)", () => {
        assert.equal(cases.length, MAIN_ANSWERS.length);
        cases.forEach((c, i) => assert.equal(caseKey(c.control, c.text), MAIN_ANSWERS[i]?.[0], `case ${i}: ${JSON.stringify(c.text)}`));
        // The two patterns the slow-assessment report named, under every monitoring control.
        assert.equal(cases.filter((c) => SLOW_PATTERNS.includes(c.text)).length >= 30, true);
    });

    it("every case gives main's answer", function () {
        this.timeout(60_000);
        const changed: string[] = [];
        cases.forEach((c, i) => {
            const answer = assessPattern(c.text, controlOf(c).intent);
            const [, digest, summary] = MAIN_ANSWERS[i] as readonly [string, string, string];
            if (answerDigest(answer) !== digest) {
                changed.push(`${c.control} ${JSON.stringify(c.text)}: main ${summary}, now ${answerSummary(answer)} ${JSON.stringify(answer)}`);
            }
        });
        assert.deepEqual(changed, []);
    });
});
