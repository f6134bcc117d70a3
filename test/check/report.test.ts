import * as assert from "node:assert/strict";
import type * as Human from "../../component/src/check/report/human";
import type * as Json from "../../component/src/check/report/json";
import type * as Order from "../../component/src/check/report/order";
import type * as Sarif from "../../component/src/check/report/sarif";
import type { CheckResult } from "../../component/src/check/run";
import { loadCheck } from "./helpers";

const { renderHuman } = loadCheck<typeof Human>("report/human");
const { jsonReport } = loadCheck<typeof Json>("report/json");
const { displayType, sortViolations } = loadCheck<typeof Order>("report/order");
const { sarifLog } = loadCheck<typeof Sarif>("report/sarif");

const STACK = "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev";
const ALARM = "urn:pulumi:dev::app::pulumi:pulumi:Stack$aws:cloudwatch/metricAlarm:MetricAlarm::calls";
const TRAIL = "urn:pulumi:dev::app::pulumi:pulumi:Stack$aws:cloudtrail/trail:Trail::main";

const result: CheckResult = {
    pack: {
        name: "pack",
        version: "1.2.3",
        pluginVersion: "1.21.0",
        dir: "/repo/policy-pack",
        policies: [
            { name: "alarm-fires", displayName: "", description: "Alarms fire.", enforcementLevel: "advisory", type: "resource" },
            { name: "chain", displayName: "Chain", description: "The chain holds.", enforcementLevel: "mandatory", type: "stack", severity: "high", url: "https://example.com/chain" },
        ],
    },
    mode: "preview",
    violations: [
        { policy: "alarm-fires", enforcementLevel: "advisory", message: "Alarms fire.\nthreshold 5", urn: ALARM, phase: "resource" },
        { policy: "chain", enforcementLevel: "mandatory", message: "The chain holds.\nbroken at the alarm\n", urn: TRAIL, phase: "stack", severity: "high" },
    ],
    resources: 9,
    logs: [],
    timings: { ready: 1, packStart: 1, analysis: 1 },
};

describe("check: reports", () => {
    it("shows types as the CLI does", () => {
        assert.equal(displayType("aws:cloudtrail/trail:Trail"), "aws:cloudtrail:Trail");
        assert.equal(displayType("aws:cloudwatch/metricAlarm:MetricAlarm"), "aws:cloudwatch:MetricAlarm");
        assert.equal(displayType("aws:s3/bucketV2:Bucket"), "aws:s3/bucketV2:Bucket");
        assert.equal(displayType("pulumi:pulumi:Stack"), "pulumi:pulumi:Stack");
    });

    it("orders by enforcement level, severity, policy, then URN", () => {
        const sorted = sortViolations([
            { policy: "b", enforcementLevel: "advisory", message: "", urn: "u1", phase: "stack" },
            { policy: "a", enforcementLevel: "advisory", message: "", urn: "u2", phase: "stack", severity: "low" },
            { policy: "z", enforcementLevel: "mandatory", message: "", urn: "u3", phase: "stack" },
            { policy: "a", enforcementLevel: "advisory", message: "", urn: "u0", phase: "stack", severity: "low" },
        ]);
        assert.deepEqual(sorted.map((v) => `${v.policy}@${v.urn}`), ["z@u3", "a@u0", "a@u2", "b@u1"]);
    });

    it("renders the Policies: section, plain off a terminal", () => {
        assert.equal(
            renderHuman(result, { color: false, cwd: "/repo" }),
            [
                "Policies:",
                "    ❌ pack@v1.2.3 (local: policy-pack)",
                "        - [mandatory] [severity: high]  chain  (aws:cloudtrail:Trail: main)",
                "          The chain holds.",
                "          broken at the alarm",
                "        - [advisory]  alarm-fires  (aws:cloudwatch:MetricAlarm: calls)",
                "          Alarms fire.",
                "          threshold 5",
                "",
                "failed: 1 mandatory violation, 1 advisory violation, 9 resources analyzed (preview)",
                "",
            ].join("\n"),
        );
    });

    it("colours levels on a terminal", () => {
        const text = renderHuman(result, { color: true, cwd: "/repo" });
        assert.ok(text.includes("\u001b[31m[mandatory]\u001b[39m"));
        assert.ok(text.includes("\u001b[33m[advisory]\u001b[39m"));
    });

    it("marks a clean pack with a check and a pack with only advisories with a warning", () => {
        assert.match(renderHuman({ ...result, violations: [] }, { color: false, cwd: "/repo" }), /✅ pack@v1\.2\.3/);
        assert.match(renderHuman({ ...result, violations: [result.violations[0]!] }, { color: false, cwd: "/repo" }), /⚠️ pack@v1\.2\.3/);
        assert.match(renderHuman({ ...result, violations: [] }, { color: false, cwd: "/elsewhere" }), /\(local: \/repo\/policy-pack\)/);
    });

    it("builds exactly the JSON schema", () => {
        assert.deepEqual(jsonReport(result), {
            pack: { name: "pack", version: "1.2.3" },
            mode: "preview",
            violations: [
                { policy: "chain", enforcementLevel: "mandatory", message: "The chain holds.\nbroken at the alarm\n", urn: TRAIL },
                { policy: "alarm-fires", enforcementLevel: "advisory", message: "Alarms fire.\nthreshold 5", urn: ALARM },
            ],
            summary: { mandatory: 1, advisory: 1, resources: 9 },
        });
    });

    it("builds SARIF rules from the policies and results located by URN", () => {
        const log = sarifLog({ ...result, violations: [...result.violations, { ...result.violations[1]!, urn: STACK }] }, {
            artifactUri: "infra/Pulumi.yaml",
            toolVersion: "0.1.0",
        });
        const run = log.runs[0]!;
        assert.deepEqual(run.tool.driver.rules!.map((r) => [r.id, r.name, r.defaultConfiguration!.level, r.helpUri]), [
            ["alarm-fires", "alarm-fires", "warning", undefined],
            ["chain", "Chain", "error", "https://example.com/chain"],
        ]);
        assert.deepEqual(run.results!.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations![0]!.logicalLocations![0]!.fullyQualifiedName]), [
            ["chain", 1, "error", TRAIL],
            ["chain", 1, "error", STACK],
            ["alarm-fires", 0, "warning", ALARM],
        ]);
        assert.equal(run.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, "infra/Pulumi.yaml");
    });
});
