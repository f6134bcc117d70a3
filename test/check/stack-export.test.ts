import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import type * as StackExport from "../../component/src/check/stack-export";
import type * as Wire from "../../component/src/check/wire";
import { FIXTURES, loadCheck } from "./helpers";

const { parseStackExport, readStackExport } = loadCheck<typeof StackExport>("stack-export");
const { UNKNOWN, secret } = loadCheck<typeof Wire>("wire");

const exportFile = (name: string) => path.join(FIXTURES, "exports", name);
const subscription = (file: string) =>
    readStackExport(exportFile(file)).resources.find((r) => r.type === "aws:sns/topicSubscription:TopicSubscription")!;

describe("check: stack export input", () => {
    it("reads the stack, project and every resource with its graph edges", () => {
        const graph = readStackExport(exportFile("compliant-plaintext.json"));
        assert.equal(graph.mode, "export");
        assert.equal(graph.stack.stack, "prod");
        assert.equal(graph.stack.project, "trailwatch-baseline");
        const trail = graph.resources.find((r) => r.type === "aws:cloudtrail/trail:Trail")!;
        assert.match(trail.provider!, /::pulumi:providers:aws::default_/);
        assert.ok(!trail.provider!.endsWith("-4b1e-9d2a-6f0c8e1d7a55"), "provider reference's id is stripped");
        assert.ok(graph.resources.some((r) => r.urn === trail.provider));
        assert.ok(trail.dependencies.length > 0);
        assert.ok(Object.keys(trail.propertyDependencies).includes("cloudWatchLogsGroupArn"));
    });

    it("turns ciphertext secrets into unknown secrets", () => {
        const s = subscription("compliant-ciphertext.json");
        assert.deepEqual(s.inputs.endpoint, secret(UNKNOWN));
        assert.deepEqual(s.outputs.endpoint, secret(UNKNOWN));
    });

    it("turns --show-secrets plaintext into secret values", () => {
        assert.deepEqual(subscription("compliant-plaintext.json").inputs.endpoint, secret("security@example.com"));
    });

    it("decodes any --show-secrets plaintext to the secret value it encodes", () => {
        const SIG = "4dabf18193072939515e22adb298388d";
        const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                const graph = parseStackExport({
                    version: 3,
                    deployment: {
                        resources: [
                            {
                                urn: "urn:pulumi:s::p::aws:sns/topic:Topic::t",
                                type: "aws:sns/topic:Topic",
                                inputs: { v: { [SIG]: SECRET_SIG, plaintext: JSON.stringify(value) } },
                            },
                        ],
                    },
                });
                // JSON round trip: the export holds JSON text, so -0 and friends arrive as JSON would carry them.
                assert.deepEqual(graph.resources[0]!.inputs.v, secret(JSON.parse(JSON.stringify(value)) as Wire.WireValue));
            }),
            { seed: 4242 },
        );
    });

    it("skips resources pending deletion, as the engine does", () => {
        const graph = parseStackExport({
            version: 3,
            deployment: {
                resources: [
                    { urn: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", type: "pulumi:pulumi:Stack" },
                    { urn: "urn:pulumi:s::p::aws:sns/topic:Topic::old", type: "aws:sns/topic:Topic", custom: true, delete: true },
                ],
            },
        });
        assert.deepEqual(
            graph.resources.map((r) => r.name),
            ["p-s"],
        );
    });

    it("accepts an empty stack, whose export omits resources", () => {
        assert.deepEqual(parseStackExport({ version: 3, deployment: {} }).resources, []);
    });

    it("rejects other versions and wrong shapes", () => {
        assert.throws(() => parseStackExport({ version: 1, deployment: {} }), /unsupported deployment version 1/);
        assert.throws(() => parseStackExport({ version: 3 }), /deployment is missing/);
        assert.throws(() => parseStackExport({ version: 3, deployment: { resources: {} } }), /resources is not a list/);
        assert.throws(() => parseStackExport({ version: 3, deployment: { resources: [{ type: "x" }] } }), /has no valid urn/);
        assert.throws(
            () => parseStackExport({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:s::p::t::n", type: "t", dependencies: "x" }] } }),
            /dependencies is not a list of strings/,
        );
    });

    it("names the file when it is not JSON", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-export-")), "stack.json");
        fs.writeFileSync(file, "{ not json");
        assert.throws(() => readStackExport(file), (err: Error) => err.message.startsWith(`${file} is not a JSON stack export`));
    });
});
