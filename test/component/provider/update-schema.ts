/**
 * Rewrites `schema.expected.json` from what the component provider's analyzer
 * infers from the installed package today. Run it after an intended change to
 * the component's arguments or outputs, and review the diff:
 *
 *     npx tsc -b && node build/test/component/provider/update-schema.js
 */
import { EXPECTED_SCHEMA_FILE, writeExpectedSchema } from "./expected-schema";
import { installedPackage } from "./installed";

installedPackage().then(
    ({ schema }) => {
        writeExpectedSchema(schema);
        console.log(`wrote ${EXPECTED_SCHEMA_FILE}`);
    },
    (err: unknown) => {
        console.error(`update-schema: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
    },
);
