/**
 * The checked-in schema the component provider must produce, and how to
 * rewrite it after an intended change to the arguments or outputs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, type PackageSchema } from "./installed";

/** The expected schema, in the source tree (tests run from `build/`). */
export const EXPECTED_SCHEMA_FILE = path.join(REPO_ROOT, "test", "component", "provider", "schema.expected.json");

/** The command that rewrites {@link EXPECTED_SCHEMA_FILE} from the analyzer's current output. */
export const UPDATE_SCHEMA_COMMAND = "npx tsc -b && node build/test/component/provider/update-schema.js";

/** The expected schema, parsed. */
export function expectedSchema(): PackageSchema {
    return JSON.parse(fs.readFileSync(EXPECTED_SCHEMA_FILE, "utf8")) as PackageSchema;
}

/** Writes the schema as the expected one (2-space JSON, trailing newline). */
export function writeExpectedSchema(schema: PackageSchema): void {
    fs.writeFileSync(EXPECTED_SCHEMA_FILE, `${JSON.stringify(schema, null, 2)}\n`);
}
