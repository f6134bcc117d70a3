/**
 * Hostile inputs and the harness that feeds them to the real policy pack
 * over gRPC: one pack process per test file, started the way `trailwatch
 * check` and the Pulumi CLI start it, with its stderr watched for unhandled
 * rejections and stack traces.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryWriter } from "google-protobuf";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as structpb from "google-protobuf/google/protobuf/struct_pb";
import type * as AnalyzerProcessModule from "../../component/src/check/analyzer-process";
import type * as EngineServiceModule from "../../component/src/check/engine-service";
import type * as PackLogModule from "../../component/src/check/pack-log";
import { ALARM_POLICY_NAME, FILTER_POLICY_NAME, STACK_POLICY_NAME } from "trailwatch-policy-pack/dist/policies";
import * as fc from "fast-check";
import { CIS_V5_PATTERN } from "trailwatch/engine";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import { DEFAULT_PROVIDER, UNKNOWN, secret, stackRequest, toAnalysis, urnOf, type FixtureResource } from "../policy/harness";
import { chain, type Role } from "../policy/stacks";

/** The repository root (tests run from build/test/hostile). */
export const REPO = path.resolve(__dirname, "..", "..", "..");

/** The policy pack directory, as users pass it to `--policy-pack`. */
export const PACK_DIR = path.join(REPO, "policy-pack");

/** Loads a compiled module of `trailwatch check` by path (the package exports only its entry points). */
export function loadCheck<T>(relative: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(REPO, "component", "dist", "check", relative)) as T;
}

const { startAnalyzer } = loadCheck<typeof AnalyzerProcessModule>("analyzer-process");
const { startEngineService } = loadCheck<typeof EngineServiceModule>("engine-service");
const { PackLog } = loadCheck<typeof PackLogModule>("pack-log");

/** The generous bound after which a call counts as hung. */
export const HANG_MS = 60_000;

/**
 * Resolves like `promise`, or rejects when it has not settled within `ms`:
 * a hang detector, not a performance assertion.
 */
export function withinBound<T>(promise: Promise<T>, what: string, ms: number = HANG_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s (hang)`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A verdict as a user of `pulumi preview` would read it from one analyzer response. */
export type Verdict =
    | { readonly kind: "pass" }
    | { readonly kind: "violation" | "advisory"; readonly messages: readonly string[] }
    | { readonly kind: "not-applicable"; readonly reason: string }
    | { readonly kind: "error"; readonly message: string };

/** Reads the verdict of one policy from an analyzer response. */
export function verdictOf(response: analyzerpb.AnalyzeResponse, policy: string): Verdict {
    const analysis = toAnalysis(response);
    const mine = analysis.diagnostics.filter((d) => d.policy === policy);
    if (mine.some((d) => d.level === "mandatory")) {
        return { kind: "violation", messages: mine.map((d) => d.message) };
    }
    if (mine.length > 0) {
        return { kind: "advisory", messages: mine.map((d) => d.message) };
    }
    const skipped = analysis.notApplicable.find((n) => n.policy === policy);
    return skipped === undefined ? { kind: "pass" } : { kind: "not-applicable", reason: skipped.reason };
}

/** Every diagnostic message of a response, for leak checks. */
export function messagesOf(response: analyzerpb.AnalyzeResponse): string[] {
    const analysis = toAnalysis(response);
    return [...analysis.diagnostics.map((d) => d.message), ...analysis.notApplicable.map((n) => n.reason)];
}

/** The pack's policies, by role. */
export const POLICIES = { stack: STACK_POLICY_NAME, filter: FILTER_POLICY_NAME, alarm: ALARM_POLICY_NAME } as const;

/** A running pack, driven directly over gRPC. */
export interface PackHarness {
    /** One AnalyzeStack call; rejects on a gRPC error or a hang. */
    analyzeStack(resources: readonly FixtureResource[]): Promise<analyzerpb.AnalyzeResponse>;
    /** One AnalyzeStack call with a prebuilt request. */
    analyzeStackRequest(request: analyzerpb.AnalyzeStackRequest): Promise<analyzerpb.AnalyzeResponse>;
    /** One Analyze call (a resource policy run on one resource's inputs). */
    analyze(resource: FixtureResource): Promise<analyzerpb.AnalyzeResponse>;
    /**
     * One AnalyzeStack call in which resource `index` of `resources` also
     * holds `property`: an object nested `depth` levels deep. The request is
     * encoded by hand (iteratively), because google-protobuf's own encoder
     * recurses and overflows Node's stack beyond ~1,000 levels, while the
     * engine (Go) encodes any depth.
     */
    analyzeStackDeep(resources: readonly FixtureResource[], index: number, property: string, depth: number): Promise<analyzerpb.AnalyzeResponse>;
    /** Everything the pack wrote to stderr so far. */
    stderr(): string[];
    /**
     * Fails when the pack is no longer answering or printed an unhandled
     * rejection, uncaught exception or stack trace.
     */
    assertHealthy(): Promise<void>;
    /** Stops the pack and the engine service. */
    close(): Promise<void>;
}

function unary<Req, Res>(
    method: (req: Req, md: grpc.Metadata, opts: Partial<grpc.CallOptions>, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown,
    self: unknown,
    req: Req,
    hangMs: number = HANG_MS,
): Promise<Res> {
    return new Promise((resolve, reject) => {
        method.call(self, req, new grpc.Metadata(), { deadline: Date.now() + hangMs }, (err, res) => (err ? reject(err) : resolve(res!)));
    });
}

/** Builds the `AnalyzeRequest` the engine sends for one resource's inputs. */
export function analyzeRequest(resource: FixtureResource): analyzerpb.AnalyzeRequest {
    return analyzeRequestWith(resource, structpb.Struct.fromJavaScript(resource.props as Record<string, structpb.JavaScriptValue>));
}

function analyzeRequestWith(resource: FixtureResource, properties: structpb.Struct | undefined): analyzerpb.AnalyzeRequest {
    const request = new analyzerpb.AnalyzeRequest()
        .setType(resource.type)
        .setName(resource.name)
        .setUrn(urnOf(resource.type, resource.name))
        .setOptions(
            new analyzerpb.AnalyzerResourceOptions()
                .setAdditionalsecretoutputsList([...(resource.secretOutputs ?? [])])
                .setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts()),
        );
    if (properties !== undefined) {
        request.setProperties(properties);
    }
    const provider = resource.provider === undefined ? DEFAULT_PROVIDER : resource.provider;
    if (provider !== null) {
        request.setProvider(
            new analyzerpb.AnalyzerProviderResource()
                .setType("pulumi:providers:aws")
                .setName(provider.name)
                .setUrn(urnOf("pulumi:providers:aws", provider.name))
                .setProperties(structpb.Struct.fromJavaScript(provider.props as Record<string, structpb.JavaScriptValue>)),
        );
    }
    return request;
}

/*
 * Encoding property bags in linear time. google-protobuf builds a `Struct`
 * (`Struct.fromJavaScript`, and `jspb.Map#set` under it) by re-walking the
 * whole value below each level it adds (`Message#toArray` syncs every
 * wrapper field), so a value nested d levels costs d² steps: in the hostile
 * suites, seconds per request on the test side before the pack sees a byte.
 * The writer below emits the bytes `Struct#serializeBinary` would, through
 * google-protobuf's own `BinaryWriter` (so numbers and strings, lone
 * surrogates included, are encoded by the same code), walking each value
 * once. hostile/encoding.test.ts checks it byte for byte against
 * google-protobuf on the suites' hostile values and generated graphs.
 */

/** True for strings with a UTF-16 surrogate, which google-protobuf encodes its own way when unpaired. */
const SURROGATE = /[\ud800-\udfff]/;

/** A string field; one without surrogates as Node's UTF-8 (the same bytes, in native code rather than per character). */
function writeText(writer: BinaryWriter, fieldNumber: number, text: string): void {
    if (text.length > 256 && !SURROGATE.test(text)) {
        writer.writeBytes(fieldNumber, Buffer.from(text, "utf8"));
    } else {
        writer.writeString(fieldNumber, text);
    }
}

/** `google.protobuf.Value` as `Value.fromJavaScript(value).serializeBinary()` would encode it. */
function writeValue(value: unknown, writer: BinaryWriter): void {
    if (value === null) {
        writer.writeEnum(1, 0); // null_value = NULL_VALUE
    } else if (typeof value === "number") {
        writer.writeDouble(2, value);
    } else if (typeof value === "string") {
        writeText(writer, 3, value);
    } else if (typeof value === "boolean") {
        writer.writeBool(4, value);
    } else if (Array.isArray(value)) {
        writer.writeMessage(6, value, writeList);
    } else if (typeof value === "object") {
        writer.writeMessage(5, value, writeStruct);
    } else {
        throw new Error("Unexpected struct type."); // google-protobuf's error for anything else
    }
}

/** A `Value` field (`writeMessage` would skip a null one, which is a Value holding null_value). */
function writeValueField(writer: BinaryWriter, fieldNumber: number, value: unknown): void {
    writer.beginSubMessage(fieldNumber);
    writeValue(value, writer);
    writer.endSubMessage(fieldNumber);
}

/** `google.protobuf.ListValue` (values = 1). */
function writeList(values: readonly unknown[], writer: BinaryWriter): void {
    for (const v of values) {
        writeValueField(writer, 1, v);
    }
}

/**
 * `google.protobuf.Struct` (fields = 1, map entries key = 1, value = 2) as
 * google-protobuf writes it: every enumerable key (`for … in`), sorted, and
 * `__proto__` left out (its map stores entries in a plain object, where that
 * key sets the prototype instead of an entry, so it is never sent).
 */
function writeStruct(object: Record<string, unknown>, writer: BinaryWriter): void {
    const keys: string[] = [];
    for (const key in object) {
        if (key !== "__proto__") {
            keys.push(key);
        }
    }
    keys.sort();
    for (const key of keys) {
        writer.beginSubMessage(1);
        writeText(writer, 1, key);
        writeValueField(writer, 2, object[key]);
        writer.endSubMessage(1);
    }
}

/** The encoded `Struct` of a property bag: the bytes of `Struct.fromJavaScript(props).serializeBinary()`, in linear time. */
export function structBytes(props: Readonly<Record<string, unknown>>): Buffer {
    const writer = new BinaryWriter();
    writeStruct(props as Record<string, unknown>, writer);
    return Buffer.from(writer.getResultBuffer());
}

/**
 * An encoded message of the analyzer protocol whose field 2 is `properties`
 * (AnalyzerResource, AnalyzeRequest), from the message without it: the
 * properties go after field 1 (`type`), where google-protobuf writes them.
 */
function withProperties(withoutProperties: Uint8Array, properties: Buffer): Buffer {
    const bytes = Buffer.from(withoutProperties);
    let split = 0;
    if (bytes[0] === 0x0a) {
        // type = 1: tag, varint length, text
        let length = 0;
        let shift = 0;
        let i = 1;
        for (; bytes[i] & 0x80; i++, shift += 7) {
            length += (bytes[i] & 0x7f) * 2 ** shift;
        }
        length += bytes[i] * 2 ** shift;
        split = i + 1 + length;
    }
    return Buffer.concat([bytes.subarray(0, split), field(0x12, properties), bytes.subarray(split)]);
}

/** The bytes of `stackRequest(resources).serializeBinary()`, with every property bag written in linear time. */
export function stackRequestBytes(resources: readonly FixtureResource[]): Buffer {
    const request = stackRequest(resources.map((r) => ({ ...r, props: {} })));
    const offset = request.getResourcesList().length - resources.length; // providers come first, with their own props
    return Buffer.concat(
        request.getResourcesList().map((r, i) => {
            if (i < offset) {
                return field(0x0a, Buffer.from(r.serializeBinary()));
            }
            r.clearProperties();
            return field(0x0a, withProperties(r.serializeBinary(), structBytes(resources[i - offset].props))); // AnalyzeStackRequest.resources = 1
        }),
    );
}

/** The bytes of `analyzeRequest(resource).serializeBinary()`, with the property bag written in linear time. */
export function analyzeRequestBytes(resource: FixtureResource): Buffer {
    return withProperties(analyzeRequestWith(resource, undefined).serializeBinary(), structBytes(resource.props));
}

function varint(n: number): number[] {
    const out: number[] = [];
    while (n > 0x7f) {
        out.push((n & 0x7f) | 0x80);
        n >>>= 7;
    }
    out.push(n);
    return out;
}

/** A length-delimited protobuf field. */
function field(tag: number, body: Buffer): Buffer {
    return Buffer.concat([Buffer.from([tag, ...varint(body.length)]), body]);
}

/** A `Struct` map entry `{ key: value }` (Struct.fields = 1; entry key = 1, value = 2). */
function structEntry(key: string, valueBytes: Buffer): Buffer {
    return field(0x0a, Buffer.concat([field(0x0a, Buffer.from(key, "utf8")), field(0x12, valueBytes)]));
}

/** The encoded `google.protobuf.Value` of `{ a: { a: … "bottom" } }`, `depth` levels, built without recursion. */
export function deepValueBytes(depth: number): Buffer {
    let value = field(0x1a, Buffer.from("bottom")); // Value.string_value = 3
    for (let i = 0; i < depth; i++) {
        value = field(0x2a, structEntry("a", value)); // Value.struct_value = 5
    }
    return value;
}

/** An encoded AnalyzeStackRequest whose resource `index` also has `property` nested `depth` levels deep. */
function deepStackRequest(resources: readonly FixtureResource[], index: number, property: string, depth: number): Buffer {
    const request = stackRequest(resources);
    const offset = request.getResourcesList().length - resources.length; // providers come first
    const parts = request.getResourcesList().map((r, i) => {
        if (i !== offset + index) {
            return field(0x0a, Buffer.from(r.serializeBinary()));
        }
        const props = Buffer.from(r.getProperties()?.serializeBinary() ?? new Uint8Array());
        r.clearProperties();
        // AnalyzerResource.properties = 2; map entries of one Struct may be split and concatenated.
        const withDeep = Buffer.concat([Buffer.from(r.serializeBinary()), field(0x12, Buffer.concat([props, structEntry(property, deepValueBytes(depth))]))]);
        return field(0x0a, withDeep); // AnalyzeStackRequest.resources = 1
    });
    return Buffer.concat(parts);
}

/** The analyzer service's methods, as the generated client names them. */
const ANALYZE_STACK = "/pulumirpc.Analyzer/AnalyzeStack";
const ANALYZE = "/pulumirpc.Analyzer/Analyze";

/** Stderr lines that betray a crash the pack did not handle. */
export const CRASH_LINE = /unhandled|uncaught|^\s+at\s|RangeError|TypeError|Maximum call stack/i;

/**
 * Starts the real pack (policy-pack/dist) as the Pulumi CLI does, with an
 * engine service for its logs. A call taking longer than `hangMs` counts as a
 * hang (the bench's full-size stacks allow more than the suite's).
 */
export async function startPack(hangMs: number = HANG_MS): Promise<PackHarness> {
    const log = new PackLog();
    const engine = await startEngineService(log);
    const variables = {
        PULUMI_CONFIG: "{}",
        PULUMI_NODEJS_PROJECT: "trailwatch-test",
        PULUMI_NODEJS_STACK: "dev",
        PULUMI_NODEJS_DRY_RUN: "false",
        PULUMI_PROJECT: "trailwatch-test",
        PULUMI_STACK: "dev",
        PULUMI_DRY_RUN: "false",
        PULUMI_NODEJS_ENGINE: engine.address,
    };
    const pack = await startAnalyzer(PACK_DIR, engine.address, { variables }, log);
    const client = pack.client;
    /** One unary call with a request already encoded. */
    const encoded = (method: string, request: Buffer) =>
        new Promise<analyzerpb.AnalyzeResponse>((resolve, reject) => {
            client.makeUnaryRequest(
                method,
                (b: Buffer) => b,
                (b: Buffer) => analyzerpb.AnalyzeResponse.deserializeBinary(b),
                request,
                new grpc.Metadata(),
                { deadline: Date.now() + hangMs },
                (err, res) => (err ? reject(err) : resolve(res!)),
            );
        });
    const stderr = () => log.entries.filter((e) => e.source === "stderr").map((e) => e.message);
    return {
        analyzeStackRequest: (request) => withinBound(unary(client.analyzeStack, client, request, hangMs), "AnalyzeStack", hangMs),
        // The bytes the generated client would send, encoded in linear time (see `structBytes`).
        analyzeStack: (resources) => withinBound(encoded(ANALYZE_STACK, stackRequestBytes(resources)), "AnalyzeStack", hangMs),
        analyze: (resource) => withinBound(encoded(ANALYZE, analyzeRequestBytes(resource)), "Analyze", hangMs),
        analyzeStackDeep: (resources, index, property, depth) =>
            withinBound(encoded(ANALYZE_STACK, deepStackRequest(resources, index, property, depth)), "AnalyzeStack (deep)", hangMs),
        stderr,
        async assertHealthy(): Promise<void> {
            const info = await withinBound(unary(client.getAnalyzerInfo, client, new Empty()), "GetAnalyzerInfo");
            assert.equal(info.getName(), "trailwatch-cis-aws-section-4", "the pack still answers");
            const crashes = stderr().filter((line) => CRASH_LINE.test(line));
            assert.deepEqual(crashes, [], "the pack printed no unhandled rejection or stack trace");
        },
        async close(): Promise<void> {
            await pack.close();
            await engine.close();
        },
    };
}

/** An object nested `depth` levels deep (`{ a: { a: … } }`), built without recursion. */
export function deepObject(depth: number, leaf: unknown = "bottom"): Record<string, unknown> {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) {
        value = { a: value };
    }
    return value as Record<string, unknown>;
}

/** A list nested `depth` levels deep (`[[[…]]]`). */
export function deepList(depth: number): unknown[] {
    let value: unknown[] = [];
    for (let i = 0; i < depth; i++) {
        value = [value];
    }
    return value;
}

/** A string of `bytes` characters. */
export function hugeString(bytes: number, unit = "x"): string {
    return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** Control characters, bidi overrides, a lone surrogate, emoji, NUL and an ANSI escape, in one string. */
export const ODD_TEXT = "a\u0000b\u0007c\u001b[31md\u202ee\u200bf\ud800g😀h\r\ni\u2028j\"k\\l";

/** A temp directory for generated files, removed by the returned cleanup. */
export function tempDir(prefix = "trailwatch-hostile-"): { readonly dir: string; readonly remove: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Roles of the CIS 4.1 chain, as test/policy/stacks.ts names them. */
export const ROLES: readonly Role[] = ["trail", "logGroup", "filter", "alarm", "topic", "subscription"];

/** Property names the pack reads somewhere in the chain, plus a few it never reads. */
export const PROPERTY_NAMES: readonly string[] = [
    "name",
    "arn",
    "region",
    "isMultiRegionTrail",
    "enableLogging",
    "eventSelectors",
    "advancedEventSelectors",
    "cloudWatchLogsGroupArn",
    "logGroupName",
    "pattern",
    "metricTransformation",
    "metricName",
    "namespace",
    "statistic",
    "threshold",
    "comparisonOperator",
    "evaluationPeriods",
    "datapointsToAlarm",
    "actionsEnabled",
    "alarmActions",
    "metricQueries",
    "dimensions",
    "topic",
    "protocol",
    "tags",
    "__proto__",
    "constructor",
];

/** Any value a hostile state file or engine could carry in a property. */
export function hostileValue(): fc.Arbitrary<unknown> {
    return fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constant(UNKNOWN),
        fc.constant(null),
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.constantFrom(CIS_V5_PATTERN, `${CIS_V5_PATTERN} `, CIS_V5_PATTERN.replace("||", "&&"), "", "*", ODD_TEXT, UNKNOWN),
        fc.jsonValue({ maxDepth: 2 }).map((v) => secret(v)),
        fc.integer({ min: 1, max: 200 }).map((d) => deepObject(d)),
    );
}

/** One change to a compliant chain. */
export interface Mutation {
    /** Which resource. */
    readonly role: Role;
    /** Which property. */
    readonly property: string;
    /** Its new value. */
    readonly value: unknown;
}

/** A generated resource graph: a chain (or part of one) with mutations and unrelated extras. */
export interface GraphSpec {
    /** Preview of a new stack or the state after the update. */
    readonly mode: "preview" | "update";
    /** Roles left out. */
    readonly omit: readonly Role[];
    /** Property changes. */
    readonly mutations: readonly Mutation[];
    /** Unrelated resources of chain types with hostile props. */
    readonly extras: readonly FixtureResource[];
    /** A suffix for logical names. */
    readonly suffix: string;
}

/** Arbitrary resource graphs built from the compliant chain by mutation. */
export function graphSpec(): fc.Arbitrary<GraphSpec> {
    const types = Object.values(TYPES);
    const extra = fc.record({
        type: fc.constantFrom(...types),
        name: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
        props: fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), hostileValue(), { maxKeys: 5 }),
    });
    return fc.record({
        mode: fc.constantFrom("preview" as const, "update" as const),
        omit: fc.subarray([...ROLES], { maxLength: 2 }),
        mutations: fc.array(fc.record({ role: fc.constantFrom(...ROLES), property: fc.constantFrom(...PROPERTY_NAMES), value: hostileValue() }), {
            maxLength: 4,
        }),
        extras: fc.array(extra, { maxLength: 3 }).map((xs) => xs.map((x, i) => ({ ...x, name: `${x.name}-${i}` }))),
        suffix: fc.constantFrom("", "-b", "\u202e", "😀"),
    });
}

/** The resources a spec describes. */
export function buildGraph(spec: GraphSpec): FixtureResource[] {
    const props: Partial<Record<Role, Record<string, unknown>>> = {};
    for (const m of spec.mutations) {
        props[m.role] = { ...(props[m.role] ?? {}), [m.property]: m.value };
    }
    // The chain helper drops properties set to undefined; everything else replaces the compliant value.
    return [...chain({ mode: spec.mode, omit: spec.omit, props, suffix: spec.suffix }), ...spec.extras];
}
