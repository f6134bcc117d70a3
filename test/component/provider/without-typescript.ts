/**
 * Child-process entry: prints the schema `ComponentProvider.getSchema()`
 * infers for the package directory in `argv[2]` when TypeScript is not
 * installed. `@pulumi/pulumi` then falls back to the TypeScript it vendors
 * (`vendor/typescript@3.8.3`, see its `typescript-shim`); this process makes
 * `typescript` unresolvable from that shim, as in a project without it.
 */
import Module from "node:module";

type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request, parent, ...rest) {
    if (request === "typescript" && parent?.filename?.endsWith("typescript-shim.js") === true) {
        throw Object.assign(new Error("Cannot find module 'typescript'"), { code: "MODULE_NOT_FOUND" });
    }
    return resolve.call(this, request, parent, ...rest);
};

async function main(dir: string): Promise<void> {
    // Loaded after the hook, from the package's own resolution, as run-plugin would.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const experimental = require(require.resolve("@pulumi/pulumi/provider/experimental", { paths: [dir] })) as typeof import("@pulumi/pulumi/provider/experimental");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shim = require(require.resolve("@pulumi/pulumi/typescript-shim", { paths: [dir] })) as { version: string };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const components = experimental.getPulumiComponents(require(dir));
    const provider = new experimental.ComponentProvider({ name: "trailwatch", dirname: dir, components });
    process.stdout.write(JSON.stringify({ typescript: shim.version, schema: JSON.parse(await provider.getSchema()) }));
}

main(process.argv[2]).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
});
