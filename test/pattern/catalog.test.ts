/**
 * The control catalog (CIS AWS v5.0 4.1–4.16) judged by the engine: every
 * benchmark text covers its control, the other published texts get the
 * verdict their meaning gives, weakened texts get a pinned counterexample,
 * and overmatch names a record the control does not mean.
 *
 * Every reported record is re-checked here, independently of the engine:
 * the pattern's verdict on it with `matchesEvent`, and the intent's clauses
 * with the test-only glob matcher.
 */
import * as assert from "node:assert/strict";
import type { MonitoringControl, MonitoringIntent, PatternAssessment } from "trailwatch/engine";
import {
    CIS_4_1,
    CIS_4_16,
    CIS_CONTROLS,
    MONITORING_CONTROLS,
    assessPattern,
    decideCoverage,
    findControl,
    clauseHoldsForTest,
    findOvermatch,
    matchesEvent,
    parsedForTest,
    valueAtForTest,
} from "./support";

const p = parsedForTest;

function control(id: string): MonitoringControl {
    const entry = findControl(id);
    assert.ok(entry !== undefined && entry.kind !== "service", id);
    return entry as MonitoringControl;
}

const valueAt = valueAtForTest;
const holds = clauseHoldsForTest;

function meant(record: unknown, intent: MonitoringIntent): boolean {
    return intent.mustMatch.every((c) => holds(record, c));
}

function inScope(record: unknown, intent: MonitoringIntent): boolean {
    return (
        intent.presentFields.every((f) => valueAt(record, f) !== undefined) &&
        meant(record, intent) &&
        !intent.mayMiss.some((condition) => condition.every((c) => holds(record, c)))
    );
}

const READINGS = ["conventional", "left-to-right"] as const;

/** The assessment, with its counterexample and overmatch re-checked. */
function assess(text: string, c: MonitoringControl): PatternAssessment {
    const result = assessPattern(text, c.intent);
    assert.equal(result.valid, true, text);
    if (result.counterexample !== null) {
        assert.ok(inScope(result.counterexample, c.intent), `counterexample is in scope for ${c.control}: ${JSON.stringify(result.counterexample)}`);
        assert.ok(READINGS.some((reading) => !matchesEvent(p(text), result.counterexample, { reading })), "the pattern misses it");
    }
    if (result.overmatch !== null) {
        assert.ok(!meant(result.overmatch, c.intent), `overmatch is not meant by ${c.control}: ${JSON.stringify(result.overmatch)}`);
        assert.ok(intentPresent(result.overmatch, c.intent), "overmatch has CloudTrail's always-present fields");
        assert.ok(READINGS.some((reading) => matchesEvent(p(text), result.overmatch, { reading })), "the pattern matches it");
    }
    return result;
}

function intentPresent(record: unknown, intent: MonitoringIntent): boolean {
    return intent.presentFields.every((f) => valueAt(record, f) !== undefined);
}

describe("catalog: the CIS AWS v5.0 section-4 controls as data", () => {
    it("has 4.1–4.16 in order, with v6/v7 numbers 5.x and ids cis-aws-4.N-…", () => {
        assert.deepEqual(
            CIS_CONTROLS.map((c) => c.control),
            Array.from({ length: 16 }, (_, i) => `4.${i + 1}`),
        );
        for (const c of CIS_CONTROLS) {
            assert.equal(c.controlV6, c.control.replace("4.", "5."));
            assert.match(c.id, new RegExp(`^cis-aws-${c.control.replace(".", "\\.")}-[a-z0-9-]+$`));
            assert.equal(c.benchmark, "CIS AWS Foundations Benchmark v5.0");
        }
        assert.equal(MONITORING_CONTROLS.length, 15);
        assert.equal(CIS_4_16.kind, "service");
        assert.equal(CIS_4_16.resourceType, "aws:securityhub/account:Account");
        assert.equal(new Set(MONITORING_CONTROLS.map((c) => c.metric.name)).size, 15, "metric names are distinct");
    });

    it("finds a control by number, short id and full id, and nothing else", () => {
        assert.equal(findControl("4.3"), findControl("cis-aws-4.3"));
        assert.equal(findControl("cis-aws-4.3-root-account-usage")?.control, "4.3");
        assert.equal(findControl("4.1"), CIS_4_1);
        assert.equal(findControl("4.17"), undefined);
        assert.equal(findControl("4."), undefined);
        assert.equal(findControl("5.3"), undefined, "v6 numbers are not v5 ids");
    });

    /** Every leaf of `part` has the value `whole` has at the same path. */
    function leavesAgree(part: unknown, whole: unknown, path = "$"): void {
        if (typeof part === "object" && part !== null && !Array.isArray(part)) {
            for (const [k, v] of Object.entries(part)) leavesAgree(v, (whole as Record<string, unknown>)[k], `${path}.${k}`);
        } else {
            assert.deepEqual(part, whole, path);
        }
    }

    for (const c of MONITORING_CONTROLS) {
        it(`${c.control}: a pattern that matches nothing gets the example record itself as counterexample, trimmed to the fields the verdict needs`, () => {
            const verdict = decideCoverage([p('{ $.eventName = "NoSuchEvent" }')], c.intent);
            assert.equal(verdict.covers, false);
            assert.ok(verdict.counterexample !== null && inScope(verdict.counterexample, c.intent));
            leavesAgree(verdict.counterexample, c.intent.exampleRecord);
        });

        it(`${c.control}: the example record is in scope and matched by the CIS v5.0 text; the out-of-scope examples are not meant`, () => {
            assert.ok(inScope(c.intent.exampleRecord, c.intent), "example in scope");
            assert.equal(matchesEvent(p(c.patterns.cisV5), c.intent.exampleRecord), true);
            for (const record of c.intent.outOfScopeExamples ?? []) {
                assert.ok(!meant(record, c.intent), JSON.stringify(record));
            }
        });
    }
});

/** Expected verdicts of every published text, by control and preset: covers, and what an overmatch record must show. */
type Expectation = { covers: true; overmatch: null | ((record: Record<string, unknown>) => boolean) } | { covers: false; missed: string };
const otherSource = (source: string) => (r: Record<string, unknown>) => r["eventSource"] !== source && typeof r["eventName"] === "string";

const VERDICTS: Record<string, Record<string, Expectation>> = {
    "4.1": {
        cisV5: { covers: true, overmatch: null },
        cisV1_2: { covers: true, overmatch: null },
        securityHub: { covers: true, overmatch: null },
        terraformModule: { covers: true, overmatch: null },
        // `||` between every clause: a successful call is counted.
        cisV3: { covers: true, overmatch: (r) => !("errorCode" in r) && r["eventName"] === "RunInstances" },
    },
    "4.2": {
        cisV5: { covers: true, overmatch: null },
        cisV5Sso: { covers: true, overmatch: null },
        securityHub: { covers: true, overmatch: null },
        terraformModule: { covers: true, overmatch: null },
    },
    "4.3": { cisV5: { covers: true, overmatch: null }, securityHub: { covers: true, overmatch: null }, terraformModule: { covers: true, overmatch: null } },
    // The CIS text lists IAM's names without eventSource: Organizations' CreatePolicy is counted too.
    "4.4": Object.fromEntries(
        ["cisV5", "securityHub", "terraformModule"].map((k) => [
            k,
            { covers: true, overmatch: (r: Record<string, unknown>) => r["eventSource"] === "organizations.amazonaws.com" && r["eventName"] === "CreatePolicy" },
        ]),
    ),
    "4.5": Object.fromEntries(["cisV5", "securityHub", "terraformModule"].map((k) => [k, { covers: true, overmatch: otherSource("cloudtrail.amazonaws.com") }])),
    "4.6": { cisV5: { covers: true, overmatch: null }, securityHub: { covers: true, overmatch: null }, terraformModule: { covers: true, overmatch: null } },
    "4.7": { cisV5: { covers: true, overmatch: null }, securityHub: { covers: true, overmatch: null }, terraformModule: { covers: true, overmatch: null } },
    "4.8": { cisV5: { covers: true, overmatch: null }, securityHub: { covers: true, overmatch: null }, terraformModule: { covers: true, overmatch: null } },
    "4.9": { cisV5: { covers: true, overmatch: null }, securityHub: { covers: true, overmatch: null }, terraformModule: { covers: true, overmatch: null } },
    "4.10": {
        cisV5: { covers: true, overmatch: otherSource("ec2.amazonaws.com") },
        // Both predate ModifySecurityGroupRules.
        securityHub: { covers: false, missed: "ModifySecurityGroupRules" },
        terraformModule: { covers: false, missed: "ModifySecurityGroupRules" },
    },
    "4.11": Object.fromEntries(["cisV5", "securityHub", "terraformModule"].map((k) => [k, { covers: true, overmatch: otherSource("ec2.amazonaws.com") }])),
    "4.12": Object.fromEntries(["cisV5", "securityHub", "terraformModule"].map((k) => [k, { covers: true, overmatch: otherSource("ec2.amazonaws.com") }])),
    "4.13": {
        // API Gateway v2 has CreateRoute too.
        cisV5: { covers: true, overmatch: (r) => r["eventSource"] === "apigateway.amazonaws.com" && r["eventName"] === "CreateRoute" },
        // The audit form ties only CreateRoute to ec2: CreateRoute from API Gateway is not counted, the other names from anywhere are.
        cisV5Audit: { covers: true, overmatch: (r) => r["eventSource"] !== "ec2.amazonaws.com" && r["eventName"] !== "CreateRoute" },
        securityHub: { covers: true, overmatch: (r) => r["eventSource"] === "apigateway.amazonaws.com" },
        terraformModule: { covers: true, overmatch: (r) => r["eventSource"] === "apigateway.amazonaws.com" },
    },
    "4.14": Object.fromEntries(["cisV5", "securityHub", "terraformModule"].map((k) => [k, { covers: true, overmatch: otherSource("ec2.amazonaws.com") }])),
    "4.15": { cisV5: { covers: true, overmatch: null }, terraformModule: { covers: true, overmatch: null } },
};

describe("catalog: every published text gets the verdict its meaning gives", () => {
    it("the table names every preset of every control", () => {
        for (const c of MONITORING_CONTROLS) {
            const presets = Object.keys(c.patterns).filter((k) => k !== "default");
            assert.deepEqual(Object.keys(VERDICTS[c.control] ?? {}).sort(), presets.sort(), c.control);
            assert.equal(c.patterns.default, c.patterns.cisV5, `${c.control} defaults to the CIS v5.0 text`);
            if (c.securityHub !== undefined) assert.equal(c.patterns["securityHub"], c.securityHub.pattern);
        }
    });

    for (const c of MONITORING_CONTROLS) {
        for (const [preset, expected] of Object.entries(VERDICTS[c.control] ?? {})) {
            it(`${c.control} ${preset}: ${expected.covers ? "covers" : `misses ${expected.missed}`}${expected.covers && expected.overmatch !== null ? ", overmatches" : ""}`, () => {
                const text = c.patterns[preset] as string;
                const result = assess(text, c);
                assert.equal(result.covers, expected.covers, JSON.stringify(result));
                if (expected.covers) {
                    assert.equal(result.counterexample, null);
                    if (expected.overmatch === null) assert.equal(result.overmatch, null, JSON.stringify(result.overmatch));
                    else assert.ok(result.overmatch !== null && expected.overmatch(result.overmatch), JSON.stringify(result.overmatch));
                } else {
                    assert.equal(result.counterexample?.["eventName"], expected.missed);
                }
            });
        }
    }
});

describe("catalog: weakened texts get a pinned counterexample", () => {
    it("4.4 without DetachGroupPolicy misses an IAM DetachGroupPolicy call", () => {
        const c = control("4.4");
        const text = (c.patterns.cisV5 as string).replace("||($.eventName=DetachGroupPolicy)", "");
        assert.notEqual(text, c.patterns.cisV5);
        const result = assess(text, c);
        assert.equal(result.covers, false);
        assert.equal(result.counterexample?.["eventName"], "DetachGroupPolicy");
        assert.equal(result.counterexample?.["eventSource"], "iam.amazonaws.com");
    });

    it("4.5 with a wrong case (createTrail) misses CreateTrail", () => {
        const c = control("4.5");
        const result = assess((c.patterns.cisV5 as string).replace("= CreateTrail", "= createTrail"), c);
        assert.equal(result.covers, false);
        assert.equal(result.counterexample?.["eventName"], "CreateTrail");
    });

    it('4.3 with "root" in lower case misses every root call', () => {
        const c = control("4.3");
        const result = assess((c.patterns.cisV5 as string).replace('"Root"', '"root"'), c);
        assert.equal(result.covers, false);
        assert.equal((result.counterexample?.["userIdentity"] as Record<string, unknown>)["type"], "Root");
    });

    it("4.2 with an exclusion on userIdentity.userName misses a sign-in whose identity has no userName", () => {
        const c = control("4.2");
        const text = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.userName != "break-glass") }';
        const result = assess(text, c);
        assert.equal(result.covers, false);
        const identity = result.counterexample?.["userIdentity"] as Record<string, unknown>;
        assert.equal("userName" in identity, false);
        assert.equal(identity["type"], "IAMUser");
        assert.equal((result.counterexample?.["additionalEventData"] as Record<string, unknown>)["MFAUsed"], "No");
    });

    it("4.10 with an exclusion on userIdentity.invokedBy misses a change nobody invoked on the caller's behalf", () => {
        const c = control("4.10");
        const text = `{ (${(c.patterns.cisV5 as string).slice(1, -1)}) && $.userIdentity.invokedBy != "cloudformation.amazonaws.com" }`;
        const result = assess(text, c);
        assert.equal(result.covers, false);
        assert.equal("invokedBy" in (result.counterexample?.["userIdentity"] as Record<string, unknown>), false);
    });

    it("4.10 without ModifySecurityGroupRules misses it; a second filter for it covers together", () => {
        const c = control("4.10");
        const old = c.patterns["terraformModule"] as string;
        const result = assess(old, c);
        assert.equal(result.counterexample?.["eventName"], "ModifySecurityGroupRules");
        const together = decideCoverage([p(old), p("{ $.eventName = ModifySecurityGroupRules }")], c.intent);
        assert.deepEqual([together.covers, together.counterexample], [true, null]);
    });

    it("4.2's SSO form covers only because the intent lets federated and failed sign-ins be missed", () => {
        const c = control("4.2");
        const strict: MonitoringIntent = { ...c.intent, mayMiss: [] };
        const verdict = decideCoverage([p(c.patterns["cisV5Sso"] as string)], strict);
        assert.equal(verdict.covers, false);
        assert.ok(verdict.counterexample !== null && inScope(verdict.counterexample, strict));
        assert.equal(decideCoverage([p(c.patterns.cisV5)], strict).covers, true);
    });

    it("4.2 counts MFAUsed present and not Yes: EXISTS plus != covers, = \"No\" does not", () => {
        const c = control("4.2");
        assert.equal(assess('{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed EXISTS && $.additionalEventData.MFAUsed != "Yes" }', c).covers, true);
        // "= No" leaves out other values the record could hold: the intent says "not Yes".
        const result = assess('{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed = "No" }', c);
        assert.equal(result.covers, false);
        assert.notEqual((result.counterexample?.["additionalEventData"] as Record<string, unknown>)["MFAUsed"], "No");
    });
});

describe("catalog: overmatch", () => {
    it("4.3 without the invokedBy clause counts a call a service made for the root user", () => {
        const c = control("4.3");
        const result = assess('{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }', c);
        assert.equal(result.covers, true);
        assert.equal((result.overmatch?.["userIdentity"] as Record<string, unknown>)["invokedBy"], "autoscaling.amazonaws.com");
    });

    it("4.2 without the MFAUsed clause counts a sign-in with MFA", () => {
        const result = assess('{ $.eventName = "ConsoleLogin" }', control("4.2"));
        assert.equal(result.covers, true);
        assert.equal((result.overmatch?.["additionalEventData"] as Record<string, unknown>)["MFAUsed"], "Yes");
    });

    it("a glob that is too wide counts a neighbouring event (DisableKey* and DisableKeyRotation)", () => {
        const result = assess("{ $.eventSource = kms.amazonaws.com && ($.eventName = DisableKey* || $.eventName = ScheduleKeyDeletion) }", control("4.7"));
        assert.equal(result.covers, true);
        assert.equal(result.overmatch?.["eventName"], "DisableKeyRotation");
    });

    it("an overmatch the examples do not show is built from the pattern's conditions", () => {
        const c = control("4.6");
        const verdict = findOvermatch([p('{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed*" }')], c.intent);
        assert.ok(verdict.record !== null);
        assert.match(verdict.record["errorMessage"] as string, /^Failed/);
        assert.notEqual(verdict.record["errorMessage"], "Failed authentication");
        assert.ok(verdict.notes.some((n) => /built from the pattern's own conditions/.test(n)));
    });

    it("the empty pattern overmatches every control; no pattern at all overmatches nothing", () => {
        for (const c of MONITORING_CONTROLS) {
            assert.ok(findOvermatch([p("")], c.intent).record !== null, c.control);
            assert.equal(findOvermatch([], c.intent).record, null);
        }
    });
});

describe("catalog: term patterns proven through what the intent fixes", () => {
    it("?AccessDenied ?UnauthorizedOperation covers 4.1; either alone does not", () => {
        assert.equal(assess("?AccessDenied ?UnauthorizedOperation", CIS_4_1).covers, true);
        const onlyDenied = assess("AccessDenied", CIS_4_1);
        assert.equal(onlyDenied.covers, false);
        assert.match(onlyDenied.counterexample?.["errorCode"] as string, /UnauthorizedOperation$/);
        assert.equal(matchesEvent(p("AccessDenied"), JSON.stringify(onlyDenied.counterexample)), false);
    });

    it('ConsoleLogin "Failed authentication" covers 4.6 but counts the phrase anywhere; ConsoleLogin alone counts successful sign-ins', () => {
        const c = control("4.6");
        const both = assess('ConsoleLogin "Failed authentication"', c);
        assert.equal(both.covers, true);
        // Terms match the whole text: the phrase in a free-form field is enough.
        assert.equal(both.overmatch?.["userAgent"], "Failed authentication");
        assert.equal("errorMessage" in (both.overmatch ?? {}), false);
        const alone = assess("ConsoleLogin", c);
        assert.equal(alone.covers, true);
        assert.equal((alone.overmatch?.["responseElements"] as Record<string, unknown>)["ConsoleLogin"], "Success");
    });

    it("an excluded term that an in-scope value can hold yields a counterexample holding it", () => {
        const result = assess("errorCode -Client", CIS_4_1);
        assert.equal(result.covers, false);
        assert.ok(JSON.stringify(result.counterexample).includes("Client"));
        // Any text may hold it: the free-form userAgent is where the engine puts it first.
        assert.equal(assess("-DEBUG", CIS_4_1).counterexample?.["userAgent"], "DEBUG");
    });
});
