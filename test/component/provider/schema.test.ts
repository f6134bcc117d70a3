/**
 * The schema `@pulumi/pulumi/provider/experimental` infers from the installed
 * package: what Python, Go, C# and YAML programs get from `pulumi package add`.
 * A change to the arguments that the analyzer cannot infer fails here (the
 * analysis throws); a change it can infer fails until the expected schema is
 * regenerated and reviewed.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import type { CisMonitoringAlarmsArgs, ControlOverride, UnauthorizedApiCallsAlarmArgs } from "trailwatch";
import { UPDATE_SCHEMA_COMMAND, expectedSchema } from "./expected-schema";
import { CATALOG_COMPONENT_TYPE, COMPONENT_TYPE, installedPackage, type InstalledPackage, type PropertySchema } from "./installed";

/** The arguments both components share: the log group source and the notification. */
const SHARED_ARGUMENTS = {
    logGroupName: true,
    logGroup: true,
    trail: true,
    topicArn: true,
    topicName: true,
    subscriptions: true,
    kmsMasterKeyId: true,
    createKmsKey: true,
    region: true,
    tags: true,
} as const;

/** Every argument of the TypeScript API; the compiler keeps this list complete. */
const ARGUMENTS = {
    ...SHARED_ARGUMENTS,
    pattern: true,
    patternPreset: true,
    filterName: true,
    metricNamespace: true,
    metricName: true,
    alarmName: true,
    alarmDescription: true,
    period: true,
    evaluationPeriods: true,
} as const satisfies Record<keyof UnauthorizedApiCallsAlarmArgs, true>;

/** Every argument of `CisMonitoringAlarms`, and of one override. */
const CATALOG_ARGUMENTS = {
    ...SHARED_ARGUMENTS,
    controls: true,
    overrides: true,
    metricNamespace: true,
    period: true,
    evaluationPeriods: true,
} as const satisfies Record<keyof CisMonitoringAlarmsArgs, true>;
const OVERRIDE_SETTINGS = {
    enabled: true,
    pattern: true,
    patternPreset: true,
    filterName: true,
    metricNamespace: true,
    metricName: true,
    alarmName: true,
    alarmDescription: true,
    period: true,
    evaluationPeriods: true,
} as const satisfies Record<keyof ControlOverride, true>;

/** What decides which resources `CisMonitoringAlarms` creates (and the resource references), plain in every language. */
const CATALOG_PLAIN = ["controls", "createKmsKey", "evaluationPeriods", "logGroup", "metricNamespace", "overrides", "period", "subscriptions", "trail"];
/** Within an override, only the physical names and the description may come from another resource. */
const OVERRIDE_INPUTS = ["alarmDescription", "alarmName", "filterName"];

/**
 * The arguments that decide what the component creates and are checked at
 * construction, so they are plain values in every language; `logGroup` and
 * `trail` are resources passed by reference. Everything else is an Input.
 */
const PLAIN = ["createKmsKey", "evaluationPeriods", "logGroup", "metricName", "metricNamespace", "pattern", "patternPreset", "period", "subscriptions", "trail"];

describe("component provider schema (installed package)", () => {
    let installed: InstalledPackage;

    before(async () => {
        installed = await installedPackage();
    });

    it("ships what the analyzer reads: PulumiPlugin.yaml (nodejs), tsconfig.json and the TypeScript source", () => {
        for (const file of ["PulumiPlugin.yaml", "tsconfig.json", "src/index.ts", "src/component/args.ts", "dist/index.js"]) {
            assert.ok(installed.files.includes(file), `the tarball lacks ${file}`);
        }
        assert.deepEqual(YAML.parse(fs.readFileSync(path.join(installed.dir, "PulumiPlugin.yaml"), "utf8")), { runtime: "nodejs" });
        assert.ok(!fs.existsSync(path.join(installed.dir, "..", "..", "tsconfig.base.json")), "the base config is not beside the installed package");
    });

    it("is exactly the checked-in schema", () => {
        assert.deepEqual(
            installed.schema,
            expectedSchema(),
            `the inferred schema changed; if intended, regenerate it with \`${UPDATE_SCHEMA_COMMAND}\` and review the diff`,
        );
    });

    it("is the same when TypeScript is not installed (the analyzer then uses the TypeScript 3.8 @pulumi/pulumi vendors)", async () => {
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, [path.join(__dirname, "without-typescript.js"), installed.dir], { maxBuffer: 16 << 20 }, (err, out, stderr) =>
                err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(out),
            ),
        );
        const { typescript, schema } = JSON.parse(stdout) as { typescript: string; schema: unknown };
        assert.equal(typescript, "3.8.3");
        assert.deepEqual(schema, installed.schema);
    });

    it("has the two components, each with every TypeScript argument as an input and no required input", () => {
        assert.deepEqual(Object.keys(installed.schema.resources).sort(), [CATALOG_COMPONENT_TYPE, COMPONENT_TYPE].sort());
        const catalog = installed.schema.resources[CATALOG_COMPONENT_TYPE];
        assert.equal(catalog.isComponent, true);
        assert.deepEqual(Object.keys(catalog.inputProperties).sort(), Object.keys(CATALOG_ARGUMENTS).sort());
        assert.deepEqual(catalog.requiredInputs, []);
        assert.deepEqual(Object.keys(installed.schema.types["trailwatch:index:ControlOverride"].properties ?? {}).sort(), Object.keys(OVERRIDE_SETTINGS).sort());
        const resource = installed.schema.resources[COMPONENT_TYPE];
        assert.equal(resource.isComponent, true);
        assert.deepEqual(Object.keys(resource.inputProperties).sort(), Object.keys(ARGUMENTS).sort());
        // The log group may be given three ways, so none of them is required; the rest have defaults.
        assert.deepEqual(resource.requiredInputs, []);
    });

    it("takes an Input wherever a value may come from another resource", () => {
        const inputs = installed.schema.resources[COMPONENT_TYPE].inputProperties;
        const plain = Object.entries(inputs)
            .filter(([, property]) => property.plain === true)
            .map(([name]) => name)
            .sort();
        assert.deepEqual(plain, PLAIN);
        const catalogPlain = Object.entries(installed.schema.resources[CATALOG_COMPONENT_TYPE].inputProperties)
            .filter(([, property]) => property.plain === true)
            .map(([name]) => name)
            .sort();
        assert.deepEqual(catalogPlain, CATALOG_PLAIN);
        const override = installed.schema.types["trailwatch:index:ControlOverride"].properties ?? {};
        assert.deepEqual(
            Object.entries(override)
                .filter(([, property]) => property.plain !== true)
                .map(([name]) => name)
                .sort(),
            OVERRIDE_INPUTS,
        );
        const subscription = installed.schema.types["trailwatch:index:AlarmSubscription"].properties ?? {};
        assert.deepEqual(
            Object.entries(subscription).map(([name, property]) => [name, property.plain === true]),
            [["protocol", true], ["endpoint", false], ["subscriptionRoleArn", false], ["rawMessageDelivery", false]],
        );
    });

    it("describes every input, output and type property in plain text, from the JSDoc", () => {
        const resource = installed.schema.resources[COMPONENT_TYPE];
        const described: [string, PropertySchema][] = [
            ...Object.entries(installed.schema.resources).flatMap(([token, r]) => [
                ...Object.entries(r.inputProperties).map(([name, p]): [string, PropertySchema] => [`${token} input ${name}`, p]),
                ...Object.entries(r.properties).map(([name, p]): [string, PropertySchema] => [`${token} output ${name}`, p]),
            ]),
            ...Object.entries(installed.schema.types).flatMap(([type, t]) =>
                Object.entries(t.properties ?? {}).map(([name, p]): [string, PropertySchema] => [`${type}.${name}`, p]),
            ),
        ];
        assert.ok(described.length > 30);
        for (const [where, property] of described) {
            assert.ok((property.description ?? "").trim().length > 10, `${where} has no description`);
            // The analyzer renders a JSDoc link tag as "[object Object]".
            assert.doesNotMatch(property.description ?? "", /\[object Object\]|\{@link/, `${where}'s description`);
        }
        assert.match(resource.description ?? "", /CIS AWS Foundations Benchmark v5\.0/);
        assert.match(installed.schema.resources[CATALOG_COMPONENT_TYPE].description ?? "", /CIS AWS Foundations Benchmark v5\.0 section-4 controls 4\.1–4\.15/);
    });

    it("offers the SNS protocols and the pattern presets as enums", () => {
        const values = (token: string) => (installed.schema.types[token].enum ?? []).map((member) => member.value);
        assert.deepEqual(values("trailwatch:index:SnsProtocol"), [...installed.module.SNS_PROTOCOLS]);
        assert.deepEqual(values("trailwatch:index:FilterPatternPreset"), Object.keys(installed.module.FilterPatterns));
    });
});
