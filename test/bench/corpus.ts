/**
 * A generated CloudTrail corpus for the log-replay benchmark: realistic record
 * shapes, a fixed seed, and a known share of records that carry an errorCode.
 * Written as CloudTrail delivers it (`{"Records":[…]}` per file), plain and gzip.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { seeded } from "../support/seeded";

const calls: ReadonlyArray<readonly [string, string]> = [
    ["ec2.amazonaws.com", "DescribeInstances"],
    ["ec2.amazonaws.com", "RunInstances"],
    ["s3.amazonaws.com", "GetObject"],
    ["s3.amazonaws.com", "PutObject"],
    ["s3.amazonaws.com", "HeadBucket"],
    ["iam.amazonaws.com", "ListRoles"],
    ["sts.amazonaws.com", "AssumeRole"],
    ["kms.amazonaws.com", "Decrypt"],
    ["lambda.amazonaws.com", "Invoke"],
    ["logs.amazonaws.com", "PutLogEvents"],
];
const errors = [
    "AccessDenied",
    "AccessDeniedException",
    "Client.UnauthorizedOperation",
    "ThrottlingException",
    "NoSuchBucket",
];

/** One record; `withError` decides whether it carries an errorCode. */
export function record(rand: () => number, i: number, withError: boolean): Record<string, unknown> {
    const [eventSource, eventName] = calls[Math.floor(rand() * calls.length)];
    const user = `user-${Math.floor(rand() * 500)}`;
    const r: Record<string, unknown> = {
        eventVersion: "1.09",
        userIdentity: {
            type: "IAMUser",
            principalId: `AIDA${(1e12 + i).toString(36).toUpperCase()}`,
            arn: `arn:aws:iam::111122223333:user/${user}`,
            accountId: "111122223333",
            accessKeyId: `AKIA${(2e12 + i).toString(36).toUpperCase()}`,
            userName: user,
        },
        eventTime: new Date(Date.UTC(2026, 10, 23, 0, 0, i % 86400)).toISOString().replace(".000", ""),
        eventSource,
        eventName,
        awsRegion: "us-east-1",
        sourceIPAddress: `198.51.100.${i % 250}`,
        userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64",
        requestParameters: { maxResults: 100, filterSet: {} },
        responseElements: null,
        requestID: `req-${i.toString(16).padStart(12, "0")}`,
        eventID: `evt-${(i * 7919).toString(16).padStart(12, "0")}`,
        readOnly: eventName.startsWith("Describe") || eventName.startsWith("Get") || eventName.startsWith("List"),
        eventType: "AwsApiCall",
        managementEvent: true,
        recipientAccountId: "111122223333",
        eventCategory: "Management",
    };
    if (withError) {
        r.errorCode = errors[Math.floor(rand() * errors.length)];
        r.errorMessage = "User is not authorized to perform this operation";
    }
    return r;
}

/** Where the corpus lives and what it holds. */
export interface Corpus {
    readonly plainFiles: readonly string[];
    readonly gzipFiles: readonly string[];
    readonly records: number;
    readonly withErrorCode: number;
}

/**
 * Writes `files` CloudTrail log files of `perFile` records each (plain and
 * gzip), reusing them when a previous run with the same shape left them.
 */
export async function ensureCorpus(dir: string, files: number, perFile: number, errorShare = 0.05): Promise<Corpus> {
    fs.mkdirSync(dir, { recursive: true });
    const manifest = path.join(dir, `manifest-v2-${files}x${perFile}.json`);
    if (fs.existsSync(manifest)) {
        return JSON.parse(fs.readFileSync(manifest, "utf8")) as Corpus;
    }
    const rand = seeded(41);
    const plainFiles: string[] = [];
    const gzipFiles: string[] = [];
    let withErrorCode = 0;
    for (let f = 0; f < files; f++) {
        const lines: string[] = [];
        for (let k = 0; k < perFile; k++) {
            const withError = rand() < errorShare;
            if (withError) withErrorCode++;
            lines.push(JSON.stringify(record(rand, f * perFile + k, withError)));
        }
        const text = `{"Records":[${lines.join(",")}]}`;
        const plain = path.join(dir, `trail-${f}.json`);
        fs.writeFileSync(plain, text);
        // The same records one per line, so the floor can parse record by record without splitting.
        fs.writeFileSync(path.join(dir, `trail-${f}.jsonl`), lines.join("\n"));
        const gz = `${plain}.gz`;
        await pipeline(Readable.from([Buffer.from(text)]), zlib.createGzip({ level: 6 }), fs.createWriteStream(gz));
        plainFiles.push(plain);
        gzipFiles.push(gz);
    }
    const corpus: Corpus = { plainFiles, gzipFiles, records: files * perFile, withErrorCode };
    fs.writeFileSync(manifest, JSON.stringify(corpus));
    return corpus;
}

/**
 * The floor: a loop that only `JSON.parse`s every record of the corpus, one
 * by one, from strings already in memory. Reading, decompressing and
 * splitting are left out of the clock, so the floor is as fast as any
 * replay that parses every record could be.
 */
export function jsonParseFloor(plainFiles: readonly string[]): { records: number; ms: number } {
    let records = 0;
    let ns = 0n;
    for (const file of plainFiles) {
        const lines = fs.readFileSync(file.replace(/\.json$/, ".jsonl"), "utf8").split("\n");
        const start = process.hrtime.bigint();
        for (const line of lines) {
            if ((JSON.parse(line) as { eventVersion?: string }).eventVersion !== undefined) {
                records++;
            }
        }
        ns += process.hrtime.bigint() - start;
    }
    return { records, ms: Number(ns) / 1e6 };
}
