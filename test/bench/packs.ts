/**
 * The packs the start-up benchmark compares ours against, written fresh into a
 * scratch directory inside the repo (so they resolve the workspace's
 * node_modules) on every run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";

const policyYaml = (description: string) => `runtime: nodejs\ndescription: ${JSON.stringify(description)}\n`;

/** Writes a pack's files into `dir`, emptying it first unless `keepOthers` (e.g. an installed node_modules). */
function writePack(dir: string, files: Record<string, string>, keepOthers = false): string {
    if (!keepOthers) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

/**
 * The floor: compiled JavaScript, `stackPolicies` no-op stack policies (one
 * by default), no provider SDK. Nothing a real pack can start faster than.
 * With as many no-op stack policies as ours it is what `@pulumi/policy`
 * itself charges per stack policy: it decodes every resource again for each.
 */
export function floorPack(root: string, stackPolicies = 1): string {
    const name = stackPolicies === 1 ? "floor" : `floor-${stackPolicies}`;
    return writePack(path.join(root, name), {
        "PulumiPolicy.yaml": policyYaml(`floor: ${stackPolicies} no-op stack policies`),
        "package.json": JSON.stringify({ name, version: "0.0.1", main: "index.js" }),
        "index.js": [
            `"use strict";`,
            `const { PolicyPack } = require("@pulumi/policy");`,
            `const policies = Array.from({ length: ${stackPolicies} }, (_, i) => ({ name: "noop-" + i, description: "does nothing", enforcementLevel: "advisory", validateStack: () => {} }));`,
            `new PolicyPack(${JSON.stringify(name)}, { policies });`,
            ``,
        ].join("\n"),
    });
}

/**
 * The naive pack: the same check written the usual way, a TypeScript pack that
 * imports `@pulumi/aws` for its typed helpers (the Pulumi CLI's shim type-checks
 * it with ts-node at every start).
 */
export function naivePack(root: string): string {
    return writePack(path.join(root, "naive"), {
        "PulumiPolicy.yaml": policyYaml("naive: typed helpers from @pulumi/aws"),
        "package.json": JSON.stringify({ name: "naive", version: "0.0.1" }),
        "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2020", module: "commonjs", esModuleInterop: true } }),
        "index.ts": [
            `import * as aws from "@pulumi/aws";`,
            `import { PolicyPack, validateResourceOfType } from "@pulumi/policy";`,
            ``,
            `new PolicyPack("naive", {`,
            `    policies: [`,
            `        {`,
            `            name: "unauthorized-api-calls-alarm",`,
            `            description: "An alarm on the unauthorized API calls metric fires on one event.",`,
            `            enforcementLevel: "mandatory",`,
            `            validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, _args, report) => {`,
            `                if (alarm.metricName === "UnauthorizedAPICalls" && (alarm.threshold ?? 0) > 1) {`,
            `                    report("threshold must be 1");`,
            `                }`,
            `            }),`,
            `        },`,
            `        {`,
            `            name: "unauthorized-api-calls-filter",`,
            `            description: "A metric filter counts unauthorized API calls.",`,
            `            enforcementLevel: "mandatory",`,
            `            validateStack: (args, report) => {`,
            `                const filters = args.resources.filter((r) => r.isType(aws.cloudwatch.LogMetricFilter));`,
            `                if (!filters.some((f) => String(f.props.pattern).includes("UnauthorizedOperation"))) {`,
            `                    report("no unauthorized API calls filter");`,
            `                }`,
            `            },`,
            `        },`,
            `    ],`,
            `});`,
            ``,
        ].join("\n"),
    });
}

/**
 * A pack that instantiates Pulumi's AWSGuard, installed into its own folder
 * (it pins its own @pulumi/aws). Returns null when it cannot be installed here.
 */
export function awsguardPack(root: string): string | null {
    const dir = path.join(root, "awsguard");
    const marker = path.join(dir, "node_modules", "@pulumi", "awsguard", "package.json");
    // The pack's files are rewritten every run; its node_modules is kept, as installing takes a while.
    writePack(
        dir,
        {
            "PulumiPolicy.yaml": policyYaml("awsguard: Pulumi's AWS best-practice pack"),
            "package.json": JSON.stringify({ name: "awsguard-bench", version: "0.0.1", private: true }),
            "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2020", module: "commonjs", esModuleInterop: true } }),
            "index.ts": `import { AwsGuard } from "@pulumi/awsguard";\n\nnew AwsGuard({ all: "advisory" });\n`,
        },
        true,
    );
    if (!fs.existsSync(marker)) {
        try {
            execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "@pulumi/awsguard", "typescript@5", "ts-node@10"], {
                cwd: dir,
                stdio: "ignore",
                timeout: 240_000,
            });
        } catch {
            return null;
        }
    }
    return fs.existsSync(marker) ? dir : null;
}
