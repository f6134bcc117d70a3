/**
 * The output properties the installed `@pulumi/aws` declares for a resource
 * type, read from its TypeScript declarations with the TypeScript compiler's
 * parser, and the value the provider records for each one left unset.
 *
 * Why declarations: the AWS provider (Terraform-bridged) records every
 * attribute of a resource in its state, unset ones as their zero value, so
 * what a policy pack sees for an existing stack is the full declared shape,
 * not what the program typed. The package's `.d.ts` files are that shape, for
 * exactly the version the program installed (v6 has no per-resource
 * `region`; v7 does). The npm package ships no schema, and the compiler's
 * parser reads the class declarations exactly instead of guessing with
 * regular expressions.
 *
 * Cost (measured on the shared 2-core development machine): loading the
 * compiler 160-290 ms once per program run (free for TypeScript programs,
 * whose ts-node loads the same copy), parsing one resource class about
 * 6 ms; nested types are cut out of `types/output.d.ts` (5.6 MB) by text
 * search before parsing, ~60 ms to read it once. Only update mode pays this.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TypeScript from "typescript";
import { type WireObject, type WireValue, isObject, isSecret } from "./wire";

/** What kind of value a declared property holds. */
export type PropertyKind =
    | { readonly kind: "string" | "number" | "boolean" | "map" | "other" }
    | { readonly kind: "array"; readonly element?: string }
    | { readonly kind: "object"; readonly ref?: string };

/** Declared properties of a type, by name. */
export type Declared = ReadonlyMap<string, PropertyKind>;

/**
 * The value the provider records for an unset property: `""`, `0`, `false`,
 * `{}` for maps, `[]` for lists, `null` for an unset nested block.
 * Evidence: `provider/testdata/recorded/TestProviderUpgrade/sns-topic/5.42.0/state.json`
 * and `examples/testdata/recorded/TestProviderUpgrade/kms-key/6.78.0/stack.json`
 * in pulumi/pulumi-aws.
 */
export function zeroValue(kind: PropertyKind): WireValue {
    switch (kind.kind) {
        case "string":
            return "";
        case "number":
            return 0;
        case "boolean":
            return false;
        case "map":
            return {};
        case "array":
            return [];
        default:
            return null;
    }
}

/** Reads `@pulumi/aws` declarations from one installed package directory; results are cached. */
export class AwsDeclarations {
    private readonly resources = new Map<string, Declared | undefined>();
    private readonly nested = new Map<string, Declared | undefined>();
    private outputTypes: string | undefined;

    /**
     * @param awsDir the installed `@pulumi/aws` package directory
     * @param ts the TypeScript compiler module (any version since 3.8: only the parser is used)
     */
    constructor(
        private readonly awsDir: string,
        private readonly ts: typeof TypeScript,
    ) {}

    /** Output properties of a resource type token (`aws:cloudwatch/logGroup:LogGroup`), or undefined if not found. */
    outputs(type: string): Declared | undefined {
        if (!this.resources.has(type)) {
            this.resources.set(type, this.readResource(type));
        }
        return this.resources.get(type);
    }

    /**
     * Fills every declared output the value lacks with its zero value, and
     * does the same inside nested blocks the value has (the provider records
     * nested blocks whole too: `roleLastUseds: [{ lastUsedDate: "", region: "" }]`
     * in `provider/testdata/recorded/TestProviderUpgrade/cloudwatch/5.42.0/state.json`).
     * Unknown values (strings on the wire) and secrets are left as they are.
     */
    fill(type: string, value: WireObject): WireObject {
        const declared = this.outputs(type);
        return declared === undefined ? value : this.fillWith(declared, value, 0);
    }

    private fillWith(declared: Declared, value: WireObject, depth: number): WireObject {
        const result: WireObject = { ...value };
        for (const [name, kind] of declared) {
            const current = result[name];
            if (current === undefined) {
                result[name] = zeroValue(kind);
            } else if (depth < 8 && kind.kind === "object" && kind.ref !== undefined && isPlain(current)) {
                result[name] = this.fillNested(kind.ref, current, depth);
            } else if (depth < 8 && kind.kind === "array" && kind.element !== undefined && Array.isArray(current)) {
                const ref = kind.element;
                result[name] = current.map((item) => (isPlain(item) ? this.fillNested(ref, item, depth) : item));
            }
        }
        return result;
    }

    private fillNested(ref: string, value: WireObject, depth: number): WireObject {
        const declared = this.nestedType(ref);
        return declared === undefined ? value : this.fillWith(declared, value, depth + 1);
    }

    private readResource(type: string): Declared | undefined {
        const match = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(type);
        if (match === null) {
            return undefined;
        }
        const [, module, file, className] = match;
        const text = readText(path.join(this.awsDir, module === "index" ? "" : module!, `${file}.d.ts`));
        // Only the class is parsed: its Args and State interfaces and their documentation are four
        // fifths of the file, and parsing them would cost five times as much (measured: 74 ms against
        // 359 ms for the 13 types of the examples).
        const start = text?.indexOf(`export declare class ${className} `) ?? -1;
        const end = start < 0 ? -1 : text!.indexOf("\n}\n", start);
        if (end < 0) {
            return undefined;
        }
        const source = this.ts.createSourceFile(`${file}.d.ts`, text!.slice(start, end + 3), this.ts.ScriptTarget.Latest, false);
        for (const statement of source.statements) {
            if (this.ts.isClassDeclaration(statement) && statement.name?.text === className) {
                return this.classOutputs(statement);
            }
        }
        return undefined;
    }

    /** The class's `readonly name: pulumi.Output<T>` members: its output properties. */
    private classOutputs(declaration: TypeScript.ClassDeclaration): Declared {
        const ts = this.ts;
        const result = new Map<string, PropertyKind>();
        for (const member of declaration.members) {
            if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name) || member.type === undefined) {
                continue;
            }
            const modifiers = (member as { modifiers?: readonly TypeScript.Node[] }).modifiers ?? [];
            if (modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) {
                continue;
            }
            const type = member.type;
            if (ts.isTypeReferenceNode(type) && entityName(ts, type.typeName).endsWith("Output") && type.typeArguments?.length === 1) {
                result.set(member.name.text, this.kindOf(type.typeArguments[0]!));
            }
        }
        return result;
    }

    /** `outputs.cloudwatch.MetricAlarmMetricQuery` → its properties, cut out of `types/output.d.ts`. */
    private nestedType(ref: string): Declared | undefined {
        if (!this.nested.has(ref)) {
            this.nested.set(ref, this.readNested(ref));
        }
        return this.nested.get(ref);
    }

    private readNested(ref: string): Declared | undefined {
        const parts = ref.split(".");
        if (parts.length !== 3 || parts[0] !== "outputs") {
            return undefined;
        }
        this.outputTypes ??= readText(path.join(this.awsDir, "types", "output.d.ts")) ?? "";
        const text = this.outputTypes;
        const namespace = text.indexOf(`export declare namespace ${parts[1]} {`);
        if (namespace < 0) {
            return undefined;
        }
        // Members of a namespace are indented by four spaces; the interface ends at its own closing brace.
        const start = text.indexOf(`\n    interface ${parts[2]} {`, namespace);
        const end = start < 0 ? -1 : text.indexOf("\n    }\n", start);
        if (end < 0) {
            return undefined;
        }
        const ts = this.ts;
        const source = ts.createSourceFile("nested.d.ts", text.slice(start, end + 6), ts.ScriptTarget.Latest, false);
        const declaration = source.statements.find(ts.isInterfaceDeclaration);
        if (declaration === undefined) {
            return undefined;
        }
        const result = new Map<string, PropertyKind>();
        for (const member of declaration.members) {
            if (ts.isPropertySignature(member) && ts.isIdentifier(member.name) && member.type !== undefined) {
                result.set(member.name.text, this.kindOf(member.type));
            }
        }
        return result;
    }

    private kindOf(node: TypeScript.TypeNode): PropertyKind {
        const ts = this.ts;
        if (ts.isUnionTypeNode(node)) {
            const kept = node.types.filter(
                (t) => t.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
            );
            return kept.length === 0 ? { kind: "other" } : this.kindOf(kept[0]!);
        }
        if (ts.isParenthesizedTypeNode(node)) {
            return this.kindOf(node.type);
        }
        switch (node.kind) {
            case ts.SyntaxKind.StringKeyword:
                return { kind: "string" };
            case ts.SyntaxKind.NumberKeyword:
                return { kind: "number" };
            case ts.SyntaxKind.BooleanKeyword:
                return { kind: "boolean" };
        }
        if (ts.isLiteralTypeNode(node)) {
            return { kind: ts.isStringLiteral(node.literal) ? "string" : node.literal.kind === ts.SyntaxKind.NumericLiteral ? "number" : "other" };
        }
        if (ts.isArrayTypeNode(node)) {
            const element = node.elementType;
            return { kind: "array", element: ts.isTypeReferenceNode(element) ? entityName(ts, element.typeName) : undefined };
        }
        if (ts.isTypeLiteralNode(node)) {
            return node.members.some(ts.isIndexSignatureDeclaration) ? { kind: "map" } : { kind: "object" };
        }
        if (ts.isTypeReferenceNode(node)) {
            const name = entityName(ts, node.typeName);
            // Enums are string-valued in @pulumi/aws.
            return name.startsWith("enums.") ? { kind: "string" } : { kind: "object", ref: name };
        }
        return { kind: "other" };
    }
}

function entityName(ts: typeof TypeScript, name: TypeScript.EntityName): string {
    return ts.isIdentifier(name) ? name.text : `${entityName(ts, name.left)}.${name.right.text}`;
}

function readText(file: string): string | undefined {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
}

function isPlain(value: WireValue | undefined): value is WireObject {
    return isObject(value) && !isSecret(value);
}
