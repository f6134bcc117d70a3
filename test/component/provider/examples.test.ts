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
import { CATALOG_COMPONENT_TYPE, COMPONENT_TYPE, REPO_ROOT } from "./installed";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const schema = expectedSchema();
const fieldsOf = (type: string) => Object.keys(schema.types[`trailwatch:index:${type}`].properties ?? {});
const enumMembers = (type: string) => schema.types[`trailwatch:index:${type}`].enum ?? [];

/** The names one program uses for one component, in the schema's own (camelCase) spelling. */
interface Used {
    readonly inputs: string[];
    /** Fields of the component's nested argument type (subscriptions, overrides). */
    readonly fields: string[];
    readonly outputs: string[];
    /** `SnsProtocol.Email`, `FilterPatternPreset.CisV5`: enum type and member name as in the schema. */
    readonly enums: string[];
}

/** A component the programs use, and what every program must show of it. */
interface Shown {
    readonly token: string;
    /** The object type whose fields the program sets inside the call. */
    readonly fieldsType: string;
    readonly used: Used;
}

/** Every example program shows the same thing, so each must use exactly these. */
const SHOWN: Shown[] = [
    {
        token: COMPONENT_TYPE,
        fieldsType: "AlarmSubscription",
        used: {
            inputs: ["logGroup", "patternPreset", "subscriptions", "tags"],
            fields: ["endpoint", "protocol"],
            outputs: ["alarmArn", "logGroupName", "topicArn"],
            enums: ["FilterPatternPreset.CisV5", "SnsProtocol.Email"],
        },
    },
    {
        token: CATALOG_COMPONENT_TYPE,
        fieldsType: "ControlOverride",
        used: { inputs: ["logGroup", "overrides", "topicArn"], fields: ["enabled", "patternPreset"], outputs: ["alarmArns"], enums: [] },
    },
];

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

/** How one language's program uses one component. */
interface Use {
    /** Where the component's arguments start and end. */
    readonly call: readonly [string, string];
    /** The variable the program holds the component in, in front of its outputs. */
    readonly variable: string;
    /** Enum references are looked for in the whole program (a Go preset is a variable), else in the call. */
    readonly enumsInProgram: boolean;
}

/** How the names of one language are found in its example program. */
interface Language {
    readonly title: string;
    /** The program, under `examples/`. */
    readonly file: readonly [string, string];
    /** One use per entry of SHOWN, in that order. */
    readonly uses: readonly [Use, Use];
    readonly names: { readonly argument: RegExp; readonly output: (variable: string) => RegExp; readonly enumRef: RegExp };
    /** The language's spelling of a schema property name, and of an enum member name. */
    readonly spell: (name: string) => string;
    readonly spellMember: (name: string) => string;
}

/** Names used by a program for one component, in a language whose argument and output names follow one spelling. */
function used(program: string, language: Language, use: Use, shown: Shown): Used {
    const resource = schema.resources[shown.token];
    const call = between(program, ...use.call);
    const fields = fieldsOf(shown.fieldsType);
    const mapped = toSchema(matches(call, language.names.argument), [...Object.keys(resource.inputProperties), ...fields], language.spell, "argument");
    const enums = matches(use.enumsInProgram ? program : call, language.names.enumRef).map((ref) => {
        const [type, member] = ref.split(".");
        const [name] = toSchema([member], enumMembers(type).map((m) => m.name), language.spellMember, `${type} member`);
        return `${type}.${name}`;
    });
    return {
        inputs: mapped.filter((name) => name in resource.inputProperties),
        fields: mapped.filter((name) => !(name in resource.inputProperties)),
        outputs: toSchema(matches(program, language.names.output(use.variable)), Object.keys(resource.properties), language.spell, "output"),
        enums: [...new Set(enums)].sort(),
    };
}

const read = (...parts: string[]) => fs.readFileSync(path.join(EXAMPLES, ...parts), "utf8");

const LANGUAGES: Language[] = [
    {
        title: "Python (examples/python)",
        file: ["python", "__main__.py"],
        uses: [
            { call: ["trailwatch.UnauthorizedApiCallsAlarm(", "\n)\n"], variable: "monitoring", enumsInProgram: true },
            { call: ["trailwatch.CisMonitoringAlarms(", "\n)\n"], variable: "cis_monitoring", enumsInProgram: false },
        ],
        names: {
            argument: /\b([a-z][a-z_]*)=(?!=)/g,
            output: (variable) => new RegExp(`(?<![\\w.])${variable}\\.([a-z_]+)`, "g"),
            enumRef: /\btrailwatch\.(SnsProtocol|FilterPatternPreset)\.([A-Z0-9_]+)/g,
        },
        spell: snake,
        spellMember: upperSnake,
    },
    {
        title: "Go (examples/go)",
        file: ["go", "main.go"],
        uses: [
            { call: ["&trailwatch.UnauthorizedApiCallsAlarmArgs{", "\n\t\t})"], variable: "monitoring", enumsInProgram: true },
            { call: ["&trailwatch.CisMonitoringAlarmsArgs{", "\n\t\t})"], variable: "cisMonitoring", enumsInProgram: false },
        ],
        names: {
            argument: /\b([A-Z]\w*):/g,
            output: (variable) => new RegExp(`(?<![\\w.])${variable}\\.([A-Z]\\w*)`, "g"),
            enumRef: /\btrailwatch\.(SnsProtocol|FilterPatternPreset)([A-Z]\w*)/g,
        },
        spell: pascal,
        spellMember: (name) => name,
    },
    {
        title: "C# (examples/csharp)",
        file: ["csharp", "Program.cs"],
        uses: [
            { call: ["new Trailwatch.UnauthorizedApiCallsAlarmArgs", "\n    });"], variable: "monitoring", enumsInProgram: true },
            { call: ["new Trailwatch.CisMonitoringAlarmsArgs", "\n    });"], variable: "cisMonitoring", enumsInProgram: false },
        ],
        names: {
            argument: /\b([A-Z]\w*) =/g,
            output: (variable) => new RegExp(`(?<![\\w.])${variable}\\.([A-Z]\\w*)`, "g"),
            enumRef: /\bTrailwatch\.(SnsProtocol|FilterPatternPreset)\.(\w+)/g,
        },
        spell: pascal,
        spellMember: (name) => name,
    },
];

describe("example programs in other languages use the schema's names", () => {
    for (const language of LANGUAGES) {
        it(language.title, () => {
            const program = read(...language.file);
            assert.deepEqual(
                language.uses.map((use, i) => used(program, language, use, SHOWN[i])),
                SHOWN.map((s) => s.used),
            );
        });
    }

    it("YAML (examples/yaml)", () => {
        const project = YAML.parse(read("yaml", "Pulumi.yaml")) as {
            runtime: string;
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        assert.equal(project.runtime, "yaml");
        const enumValue = (type: string, value: unknown) => {
            const member = enumMembers(type).find((m) => m.value === value);
            assert.ok(member !== undefined, `${String(value)} is not a ${type}`);
            return `${type}.${member.name}`;
        };
        const found = SHOWN.map(({ token, fieldsType }): Used => {
            const resource = schema.resources[token];
            const [name, component] = Object.entries(project.resources).find(([, r]) => r.type === token) ?? assert.fail(`no ${token} resource`);
            const properties = component.properties;
            // The nested objects: the subscriptions list, or the overrides map's values.
            const nested = (fieldsType === "AlarmSubscription" ? properties.subscriptions : Object.values(properties.overrides as object)) as Record<string, unknown>[];
            const outputs = Object.values(project.outputs)
                .map((expression) => new RegExp(`^\\$\\{${name}\\.(\\w+)\\}$`).exec(expression)?.[1])
                .filter((output): output is string => output !== undefined);
            return {
                inputs: toSchema(Object.keys(properties), Object.keys(resource.inputProperties), (n) => n, "property"),
                fields: toSchema(nested.flatMap(Object.keys), fieldsOf(fieldsType), (n) => n, `${fieldsType} field`),
                outputs: toSchema(outputs, Object.keys(resource.properties), (n) => n, "output"),
                enums:
                    fieldsType === "AlarmSubscription"
                        ? [enumValue("FilterPatternPreset", properties.patternPreset), ...nested.map((s) => enumValue("SnsProtocol", s.protocol))].sort()
                        : [],
            };
        });
        assert.deepEqual(found, SHOWN.map((s) => s.used));
        assert.equal(Object.keys(project.outputs).length, 4, "every output reads one of the components");
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
