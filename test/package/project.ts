/**
 * The files of the temporary user project the package test installs into:
 * what `pulumi new aws-typescript` writes (pulumi/templates,
 * `aws-typescript/`: Pulumi.yaml with the npm package manager, package.json
 * with `@pulumi/pulumi`, `@pulumi/aws`, `typescript` and `@types/node` and
 * no ts-node, the template's tsconfig.json, and the stack file with the
 * region it asks for), and the programs a user would write with trailwatch.
 */

/** The project files `pulumi new aws-typescript` creates, with the given dependency specs (ranges or dist-tags). */
export function pulumiNewFiles(name: string, specs: Readonly<Record<string, string>>): Record<string, string> {
    const dependency = (pkg: string) => specs[pkg]!;
    return {
        "Pulumi.yaml": [
            `name: ${name}`,
            "description: A minimal AWS TypeScript Pulumi program",
            "runtime:",
            "  name: nodejs",
            "  options:",
            "    packagemanager: npm",
            "config:",
            "  pulumi:tags:",
            "    value:",
            "      pulumi:template: aws-typescript",
            "",
        ].join("\n"),
        "Pulumi.dev.yaml": "config:\n  aws:region: us-east-1\n",
        "package.json": `${JSON.stringify(
            {
                name,
                main: "index.ts",
                devDependencies: { "@types/node": dependency("@types/node"), typescript: dependency("typescript") },
                dependencies: { "@pulumi/aws": dependency("@pulumi/aws"), "@pulumi/pulumi": dependency("@pulumi/pulumi") },
            },
            null,
            4,
        )}\n`,
        "tsconfig.json": `${JSON.stringify(
            {
                compilerOptions: {
                    strict: true,
                    outDir: "bin",
                    target: "es2020",
                    module: "commonjs",
                    moduleResolution: "node",
                    sourceMap: true,
                    experimentalDecorators: true,
                    pretty: true,
                    noFallthroughCasesInSwitch: true,
                    noImplicitReturns: true,
                    forceConsistentCasingInFileNames: true,
                },
                files: ["index.ts"],
            },
            null,
            4,
        )}\n`,
    };
}

/** A trail delivering to CloudWatch Logs, as both programs build it; `monitor` adds trailwatch's component. */
function program(monitor: boolean, retentionInDays: number): string {
    return `import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
${monitor ? 'import { UnauthorizedApiCallsAlarm } from "trailwatch";\n' : ""}
const bucket = new aws.s3.Bucket("trail-logs", { forceDestroy: true });
const logGroup = new aws.cloudwatch.LogGroup("cloudtrail", { retentionInDays: ${retentionInDays} });
const role = new aws.iam.Role("cloudtrail-to-logs", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "cloudtrail.amazonaws.com" }),
});
new aws.iam.RolePolicy("cloudtrail-to-logs", {
    role: role.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate\`\${logGroup.arn}:*\` }],
    }),
});
const trail = new aws.cloudtrail.Trail("management-events", {
    s3BucketName: bucket.id,
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    cloudWatchLogsGroupArn: pulumi.interpolate\`\${logGroup.arn}:*\`,
    cloudWatchLogsRoleArn: role.arn,
});
${
    monitor
        ? `const monitoring = new UnauthorizedApiCallsAlarm("unauthorized-api-calls", {
    logGroup,
    subscriptions: [{ protocol: "email", endpoint: "security@example.com" }],
});
export const alarmArn = monitoring.alarmArn;
`
        : ""
}export const trailArn = trail.arn;
`;
}

/** CIS 4.1 in place: the component watches the trail's log group. */
export const compliantProgram = program(true, 365);

/** The same trail with nothing watching its log group, and a month of retention (which the org pack refuses). */
export const nonCompliantProgram = program(false, 30);

/**
 * A unit test a user would write: the component under `pulumi.runtime.setMocks`,
 * printing the types it registered and the filter pattern it chose.
 */
export const mockedComponentScript = `const pulumi = require("@pulumi/pulumi");
const types = [];
let pattern = "";
pulumi.runtime.setMocks(
    {
        newResource: (args) => {
            types.push(args.type);
            if (args.type === "aws:cloudwatch/logMetricFilter:LogMetricFilter") {
                pattern = args.inputs.pattern;
            }
            return { id: args.name + "-id", state: { ...args.inputs, arn: "arn:aws:mock:us-east-1:123456789012:" + args.name } };
        },
        call: (args) => ({ accountId: "123456789012", id: "123456789012", name: "us-east-1", region: "us-east-1", partition: "aws", ...args.inputs }),
    },
    "app",
    "dev",
    false,
);
const { UnauthorizedApiCallsAlarm } = require("trailwatch");
const monitoring = new UnauthorizedApiCallsAlarm("unauthorized-api-calls", {
    logGroupName: "org-trail",
    subscriptions: [{ protocol: "email", endpoint: "security@example.com" }],
});
monitoring.alarmArn.apply(() => setImmediate(() => console.log(JSON.stringify({ types, pattern }))));
`;
