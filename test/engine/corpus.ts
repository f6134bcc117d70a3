/**
 * Every stack export the repository's tests feed `trailwatch check`, as
 * files: the checked-in fixtures (provider-shaped exports of every example,
 * the all-controls stack, ciphertext and --show-secrets plaintext secrets),
 * the provider-recorded chain of test/policy/recorded in v6 and v7 state with
 * each way every link breaks, dependencies recorded as `null` (Pulumi 3.92),
 * and hostile-but-valid ones (secret names with quotes, control characters and
 * non-ASCII text, a resource pending deletion).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CASES } from "../policy/recorded/cases";
import { VERSIONS } from "../policy/recorded/shapes";
import { asStackExport, recordedStack } from "../policy/recorded/stacks";
import { REPO } from "./pulumi";
import { replaceStrings, type Json } from "../support/json";

/** One export of the corpus. */
export interface CorpusExport {
    /** What it is, for test titles. */
    readonly name: string;
    /** The export file. */
    readonly file: string;
}

interface ExportResource {
    urn: string;
    type: string;
    delete?: boolean;
    inputs?: Record<string, Json>;
    outputs?: Record<string, Json>;
}

interface StackExport {
    deployment: { resources: ExportResource[] };
}

const EXPORTS = path.join(REPO, "test", "check", "fixtures", "exports");

/** The checked-in exports, by path relative to the repository. */
function checkedIn(): CorpusExport[] {
    const files = [
        ...fs.readdirSync(EXPORTS).filter((f) => f.endsWith(".json")).map((f) => path.join(EXPORTS, f)),
        ...fs.readdirSync(path.join(EXPORTS, "recorded")).filter((f) => f.endsWith(".json")).map((f) => path.join(EXPORTS, "recorded", f)),
    ];
    return files.map((file) => ({ name: path.relative(REPO, file), file }));
}

/** A plaintext secret as `pulumi stack export --show-secrets` writes it. */
function plaintextSecret(value: unknown): Record<string, string> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(value) };
}

/** The hostile-but-valid exports of test/hostile/secrets.test.ts, and a stack with a resource pending deletion. */
function hostile(): Array<{ name: string; document: object }> {
    const compliant = () => JSON.parse(fs.readFileSync(path.join(EXPORTS, "compliant-plaintext.json"), "utf8")) as Json;
    const GROUP = "management-events-events-aad1ecf";
    const secretNames: ReadonlyArray<readonly [string, string]> = [
        ["a plain secret log group name", "grp-S3CRETMARKA/prod.audit#1"],
        ["a secret log group name with quotes, a backslash and a control character", 'grp-S3CRETMARKB-"q"\\b\u0001'],
        ["a secret log group name with non-ASCII text", "grp-S3CRETMARKC-überwachung-監視"],
    ];
    const out = secretNames.map(([name, secretName]) => {
        const exported = replaceStrings(compliant(), GROUP, secretName) as unknown as StackExport;
        for (const r of exported.deployment.resources) {
            if (r.type === "aws:cloudwatch/logGroup:LogGroup") {
                r.inputs!.name = plaintextSecret(secretName);
                r.outputs!.name = plaintextSecret(secretName);
            }
            if (r.type === "aws:cloudwatch/metricAlarm:MetricAlarm") {
                // An alarm that never fires on one call: the stack policy names the group.
                r.inputs!.threshold = 5;
                r.outputs!.threshold = 5;
            }
        }
        return { name: `hostile: ${name}`, document: exported };
    });
    // `pulumi up` interrupted mid-replace leaves the old resource in the state, marked `delete: true`.
    const pending = compliant() as unknown as StackExport;
    const filter = pending.deployment.resources.find((r) => r.type === "aws:cloudwatch/logMetricFilter:LogMetricFilter")!;
    const old = JSON.parse(JSON.stringify(filter)) as ExportResource;
    old.delete = true;
    old.inputs!.pattern = '{ $.errorCode = "AccessDenied" }';
    old.outputs!.pattern = '{ $.errorCode = "AccessDenied" }';
    pending.deployment.resources.splice(pending.deployment.resources.indexOf(filter), 0, old);
    out.push({ name: "hostile: a weaker metric filter pending deletion beside its replacement", document: pending });
    return out;
}

/** Writes the generated exports into `dir` and returns the whole corpus. */
export function corpus(dir: string): CorpusExport[] {
    const generated: Array<{ name: string; document: object }> = [];
    for (const version of VERSIONS) {
        for (const c of CASES) {
            generated.push({ name: `recorded ${version}: ${c.name}`, document: asStackExport(version, recordedStack(version, c)) });
        }
    }
    const broken = CASES.find((c) => c.expected.kind === "violation")!;
    for (const [label, spec] of [["the compliant chain", {}], [broken.name, broken]] as const) {
        generated.push({ name: `recorded v6, dependencies recorded as null (Pulumi 3.92): ${label}`, document: asStackExport("v6", recordedStack("v6", spec), true) });
    }
    generated.push(...hostile());
    return [
        ...checkedIn(),
        ...generated.map((g, i) => {
            const file = path.join(dir, `export-${String(i).padStart(3, "0")}.json`);
            fs.writeFileSync(file, JSON.stringify(g.document, null, 2));
            return { name: g.name, file };
        }),
    ];
}
