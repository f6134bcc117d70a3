/**
 * The Python, Go, C# and YAML example programs (`examples/<language>`) cannot
 * run here: that takes the Pulumi CLI, which generates each SDK from the
 * component provider's schema. What can be checked is that every name they
 * use — arguments, subscription fields, enum members, outputs — is one the
 * schema has, in that language's spelling, so a renamed argument fails here.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { expectedSchema } from "./expected-schema";
import { COMPONENT_TYPE, REPO_ROOT } from "./installed";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const schema = expectedSchema();
const resource = schema.resources[COMPONENT_TYPE];
const subscriptionFields = Object.keys(schema.types["trailwatch:index:AlarmSubscription"].properties ?? {});
const enumMembers = (type: string) => schema.types[`trailwatch:index:${type}`].enum ?? [];

/** The names one program uses, in the schema's own (camelCase) spelling. */
interface Used {
    readonly inputs: string[];
    readonly subscriptionFields: string[];
    readonly outputs: string[];
    /** `SnsProtocol.Email`, `FilterPatternPreset.CisV5`: enum type and member name as in the schema. */
    readonly enums: string[];
}

/** Every example program shows the same thing, so each must use exactly these. */
const SHOWN: Used = {
    inputs: ["logGroup", "patternPreset", "subscriptions", "tags"],
    subscriptionFields: ["endpoint", "protocol"],
    outputs: ["alarmArn", "logGroupName", "topicArn"],
    enums: ["FilterPatternPreset.CisV5", "SnsProtocol.Email"],
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);
/** Python's enum member spelling: `CisV1_2` → `CIS_V1_2`. */
const upperSnake = (name: string) => name.replace(/(?<!^)(?=[A-Z])/g, "_").toUpperCase();

/** Maps each name found in a program back to the schema's name; fails on one the schema lacks. */
function toSchema(found: Iterable<string>, known: readonly string[], spell: (name: string) => string, what: string): string[] {
    const bySpelling = new Map(known.map((name) => [spell(name), name]));
    return [...new Set(found)]
        .map((name) => {
            const schemaName = bySpelling.get(name);
            assert.ok(schemaName !== undefined, `${what} "${name}" is not in the schema (expected one of ${[...bySpelling.keys()].join(", ")})`);
            return schemaName;
        })
        .sort();
}

/** The text between `start` and the first `end` after it. */
function between(text: string, start: string, end: string): string {
    const from = text.indexOf(start);
    assert.ok(from >= 0, `the program has no ${start}`);
    const to = text.indexOf(end, from + start.length);
    assert.ok(to >= 0, `the program has no ${JSON.stringify(end)} after ${start}`);
    return text.slice(from + start.length, to);
}

const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m.slice(1).join("."));

/** Names used by a program in a language whose argument and output names follow one spelling. */
function used(
    call: string,
    program: string,
    names: { argument: RegExp; output: RegExp; enumRef: RegExp },
    spell: (name: string) => string,
    spellMember: (name: string) => string,
): Used {
    const argumentNames = matches(call, names.argument);
    const all = [...Object.keys(resource.inputProperties), ...subscriptionFields];
    const mapped = toSchema(argumentNames, all, spell, "argument");
    const enums = matches(program, names.enumRef).map((ref) => {
        const [type, member] = ref.split(".");
        const [name] = toSchema([member], enumMembers(type).map((m) => m.name), spellMember, `${type} member`);
        return `${type}.${name}`;
    });
    return {
        inputs: mapped.filter((name) => name in resource.inputProperties),
        subscriptionFields: mapped.filter((name) => !(name in resource.inputProperties)),
        outputs: toSchema(matches(program, names.output), Object.keys(resource.properties), spell, "output"),
        enums: [...new Set(enums)].sort(),
    };
}

const read = (...parts: string[]) => fs.readFileSync(path.join(EXAMPLES, ...parts), "utf8");

/** How the names of one language are found in its example program. */
interface Language {
    readonly title: string;
    /** The program, under `examples/`. */
    readonly file: readonly [string, string];
    /** Where the component's arguments start and end. */
    readonly call: readonly [string, string];
    readonly names: { readonly argument: RegExp; readonly output: RegExp; readonly enumRef: RegExp };
    /** The language's spelling of a schema property name, and of an enum member name. */
    readonly spell: (name: string) => string;
    readonly spellMember: (name: string) => string;
}

const LANGUAGES: Language[] = [
    {
        title: "Python (examples/python)",
        file: ["python", "__main__.py"],
        call: ["trailwatch.UnauthorizedApiCallsAlarm(", "\n)\n"],
        names: { argument: /\b([a-z][a-z_]*)=(?!=)/g, output: /\bmonitoring\.([a-z_]+)/g, enumRef: /\btrailwatch\.(SnsProtocol|FilterPatternPreset)\.([A-Z0-9_]+)/g },
        spell: snake,
        spellMember: upperSnake,
    },
    {
        title: "Go (examples/go)",
        file: ["go", "main.go"],
        call: ["&trailwatch.UnauthorizedApiCallsAlarmArgs{", "\n\t\t})"],
        names: { argument: /\b([A-Z]\w*):/g, output: /\bmonitoring\.([A-Z]\w*)/g, enumRef: /\btrailwatch\.(SnsProtocol|FilterPatternPreset)([A-Z]\w*)/g },
        spell: pascal,
        spellMember: (name) => name,
    },
    {
        title: "C# (examples/csharp)",
        file: ["csharp", "Program.cs"],
        call: ["new Trailwatch.UnauthorizedApiCallsAlarmArgs", "\n    });"],
        names: { argument: /\b([A-Z]\w*) =/g, output: /\bmonitoring\.([A-Z]\w*)/g, enumRef: /\bTrailwatch\.(SnsProtocol|FilterPatternPreset)\.(\w+)/g },
        spell: pascal,
        spellMember: (name) => name,
    },
];

describe("example programs in other languages use the schema's names", () => {
    for (const language of LANGUAGES) {
        it(language.title, () => {
            const program = read(...language.file);
            const call = between(program, ...language.call);
            assert.deepEqual(used(call, program, language.names, language.spell, language.spellMember), SHOWN);
        });
    }

    it("YAML (examples/yaml)", () => {
        const project = YAML.parse(read("yaml", "Pulumi.yaml")) as {
            runtime: string;
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        assert.equal(project.runtime, "yaml");
        const [name, component] = Object.entries(project.resources).find(([, r]) => r.type === COMPONENT_TYPE) ?? assert.fail("no trailwatch resource");
        const properties = component.properties;
        const subscriptions = properties.subscriptions as Record<string, string>[];
        const enumValue = (type: string, value: unknown) => {
            const member = enumMembers(type).find((m) => m.value === value);
            assert.ok(member !== undefined, `${String(value)} is not a ${type}`);
            return `${type}.${member.name}`;
        };
        const outputs = Object.values(project.outputs).map((expression) => {
            const match = new RegExp(`^\\$\\{${name}\\.(\\w+)\\}$`).exec(expression);
            assert.ok(match !== null, `output ${expression} reads the component`);
            return match[1];
        });
        const found: Used = {
            inputs: toSchema(Object.keys(properties), Object.keys(resource.inputProperties), (n) => n, "property"),
            subscriptionFields: toSchema(subscriptions.flatMap(Object.keys), subscriptionFields, (n) => n, "subscription field"),
            outputs: toSchema(outputs, Object.keys(resource.properties), (n) => n, "output"),
            enums: [enumValue("FilterPatternPreset", properties.patternPreset), ...subscriptions.map((s) => enumValue("SnsProtocol", s.protocol))].sort(),
        };
        assert.deepEqual(found, SHOWN);
    });

    it("each example is a project of its language, added from a git tag of this repository", () => {
        const runtimes: Record<string, string> = { python: "python", go: "go", csharp: "dotnet", yaml: "yaml" };
        for (const [dir, runtime] of Object.entries(runtimes)) {
            const project = YAML.parse(read(dir, "Pulumi.yaml")) as { runtime: string | { name: string } };
            assert.equal(typeof project.runtime === "string" ? project.runtime : project.runtime.name, runtime, dir);
            const files = fs.readdirSync(path.join(EXAMPLES, dir)).map((f) => read(dir, f)).join("\n");
            assert.match(files, /pulumi package add github\.com\/<org>\/trailwatch\.git\/component@v0\.1\.0/, dir);
        }
        // The SDK's module names: what `pulumi package add` generates for a package named trailwatch.
        assert.match(read("python", "__main__.py"), /^import pulumi_trailwatch as trailwatch$/m);
        assert.match(read("go", "main.go"), /"example\.com\/pulumi-trailwatch\/sdk\/go\/trailwatch"/);
        assert.match(read("csharp", "Program.cs"), /^using Trailwatch = Pulumi\.Trailwatch;$/m);
    });
});
