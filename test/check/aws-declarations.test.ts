/**
 * The declared outputs `check --mode update` fills, read from the
 * installed `@pulumi/aws` declarations with either TypeScript the language
 * host might provide (the project's 5.x, or the 3.8 copy `@pulumi/pulumi`
 * vendors), and from a v6-shaped package without per-resource `region`.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as Declarations from "../../component/src/check/aws-declarations";
import type * as AwsShapes from "../../component/src/check/aws-shapes";
import { REPO, declaredInJavaScript, loadCheck } from "./helpers";

const { AwsDeclarations } = loadCheck<typeof Declarations>("aws-declarations");
const { createdState } = loadCheck<typeof AwsShapes>("aws-shapes");

/* eslint-disable @typescript-eslint/no-require-imports */
const TS5 = require("typescript");
const TS38 = require(path.join(REPO, "node_modules", "@pulumi", "pulumi", "vendor", "typescript@3.8.3", "typescript.js"));
/* eslint-enable @typescript-eslint/no-require-imports */
const AWS = path.join(REPO, "node_modules", "@pulumi", "aws");
const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";

const CHAIN = [
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudtrail/trail:Trail",
    "aws:sns/topic:Topic",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:kms/key:Key",
];

describe("check: declared AWS outputs", () => {
    for (const [label, ts] of [["TypeScript 5", TS5], ["the vendored TypeScript 3.8", TS38]] as const) {
        it(`reads every output of the chain's types with ${label}`, () => {
            const declarations = new AwsDeclarations(AWS, ts);
            for (const type of CHAIN) {
                assert.deepEqual([...declarations.outputs(type)!.keys()].sort(), declaredInJavaScript(type).sort(), type);
            }
        });
    }

    it("gives each kind its zero value, nested blocks included", () => {
        const declarations = new AwsDeclarations(AWS, TS5);
        const alarm = declarations.fill("aws:cloudwatch/metricAlarm:MetricAlarm", { metricQueries: [{ id: "m1", metric: { metricName: "X", period: 60, stat: "Sum" } }] });
        assert.equal(alarm.extendedStatistic, "");
        assert.equal(alarm.datapointsToAlarm, 0);
        assert.equal(alarm.actionsEnabled, false, "the zero; update mode lays the schema default over it");
        assert.deepEqual(alarm.okActions, []);
        assert.deepEqual(alarm.dimensions, {});
        assert.equal(alarm.warmUpConfiguration, null, "an unset nested block");
        const [query] = alarm.metricQueries as Record<string, unknown>[];
        assert.equal(query!.expression, "");
        assert.equal(query!.returnData, false);
        assert.equal((query!.metric as Record<string, unknown>).unit, "");
        assert.deepEqual((query!.metric as Record<string, unknown>).dimensions, {});
    });

    it("leaves secrets and unknowns alone, and types it cannot find", () => {
        const declarations = new AwsDeclarations(AWS, TS5);
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: { name: "x" } };
        assert.deepEqual(declarations.fill(FILTER, { metricTransformation: secret }).metricTransformation, secret);
        assert.deepEqual(declarations.fill("aws:nosuch/thing:Thing", { a: 1 }), { a: 1 });
        assert.deepEqual(declarations.fill("random:index/randomId:RandomId", { a: 1 }), { a: 1 });
    });

    it("follows the installed version: a v6-shaped package declares no per-resource region", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-aws6-"));
        fs.mkdirSync(path.join(dir, "cloudwatch"));
        // The class as @pulumi/aws 6.x declares it (no `region`, no `deletionProtectionEnabled`).
        fs.writeFileSync(
            path.join(dir, "cloudwatch", "logGroup.d.ts"),
            [
                'import * as pulumi from "@pulumi/pulumi";',
                "export declare class LogGroup extends pulumi.CustomResource {",
                "    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: LogGroupState, opts?: pulumi.CustomResourceOptions): LogGroup;",
                "    static isInstance(obj: any): obj is LogGroup;",
                "    readonly arn: pulumi.Output<string>;",
                "    readonly kmsKeyId: pulumi.Output<string | undefined>;",
                "    readonly logGroupClass: pulumi.Output<string>;",
                "    readonly name: pulumi.Output<string>;",
                "    readonly namePrefix: pulumi.Output<string>;",
                "    readonly retentionInDays: pulumi.Output<number | undefined>;",
                "    readonly skipDestroy: pulumi.Output<boolean | undefined>;",
                "    readonly tags: pulumi.Output<{",
                "        [key: string]: string;",
                "    } | undefined>;",
                "    readonly tagsAll: pulumi.Output<{",
                "        [key: string]: string;",
                "    }>;",
                "    constructor(name: string, args?: LogGroupArgs, opts?: pulumi.CustomResourceOptions);",
                "}",
                "",
            ].join("\n"),
        );
        const filled = new AwsDeclarations(dir, TS5).fill("aws:cloudwatch/logGroup:LogGroup", { name: "g" });
        assert.deepEqual(filled, { name: "g", arn: "", kmsKeyId: "", logGroupClass: "", namePrefix: "", retentionInDays: 0, skipDestroy: false, tags: {}, tagsAll: {} });
        const v6 = new AwsDeclarations(dir, TS5);
        const where = { region: "ap-southeast-2", accountId: "444455556666" };
        const { outputs } = createdState("aws:cloudwatch/logGroup:LogGroup", "urn:x", "g", { name: "g" }, where, false, (t, o) => v6.fill(t, o));
        assert.equal(outputs.arn, "arn:aws:logs:ap-southeast-2:444455556666:log-group:g");
        assert.equal(outputs.logGroupClass, "STANDARD");
        assert.equal("region" in outputs, false, "v6 state has no region");
        const v7 = new AwsDeclarations(AWS, TS5);
        const seven = createdState("aws:cloudwatch/logGroup:LogGroup", "urn:x", "g", { name: "g" }, where, false, (t, o) => v7.fill(t, o));
        assert.equal(seven.outputs.region, "ap-southeast-2");
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
