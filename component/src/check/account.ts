/**
 * Which AWS account a program's update-mode ARNs name. Offline there is no
 * caller identity to ask, and a fixed account makes a program that names
 * its real account in a literal ARN (an existing topic, a key) look like a
 * cross-account setup. In this order, the first that gives one wins:
 *
 * 1. `--account <12 digits>`;
 * 2. stack config `trailwatch:account`;
 * 3. stack config `aws:allowedAccountIds` (the provider refuses any other
 *    account): the one the program's literal ARNs name if listed, else the first;
 * 4. the account the program's own literal ARNs name most often (in the
 *    entry file and the files it imports by relative path, and in stack
 *    config values);
 * 5. `123456789012`, AWS's documentation account.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../cli/errors";
import { MOCK_ACCOUNT_ID } from "./aws-shapes";

/** The stack config key that names the account. */
export const ACCOUNT_CONFIG_KEY = "trailwatch:account";

/** Where the account came from, for messages and tests. */
export type AccountSource = "option" | "config" | "allowedAccountIds" | "literal ARNs" | "default";

/** The account chosen, and why. */
export interface ResolvedAccount {
    /** Twelve digits. */
    readonly accountId: string;
    /** Which rule chose it. */
    readonly source: AccountSource;
}

/** Most source files the ARN scan reads before it stops following imports. */
const MAX_SCANNED_FILES = 500;

/** A literal ARN with an account field: `arn:<partition>:<service>:<region>:<account>:`. */
const ARN_ACCOUNT = /\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g;

/** Fails with a one-line error unless the text is an AWS account id. */
export function parseAccount(value: string, where: string): string {
    if (!/^\d{12}$/.test(value)) {
        throw new UserError(`${where} ${JSON.stringify(value)} is not an AWS account id: give its 12 digits, e.g. 123456789012`);
    }
    return value;
}

/** Picks the account (see the module comment). */
export function resolveAccount(options: {
    readonly option?: string;
    readonly config: Readonly<Record<string, string>>;
    readonly programDir: string;
    readonly main: string;
}): ResolvedAccount {
    if (options.option !== undefined) {
        return { accountId: parseAccount(options.option, "--account"), source: "option" };
    }
    const configured = options.config[ACCOUNT_CONFIG_KEY];
    if (configured !== undefined) {
        return { accountId: parseAccount(configured, `stack config ${ACCOUNT_CONFIG_KEY}`), source: "config" };
    }
    const literal = literalArnAccounts(options.programDir, options.main, options.config);
    const allowed = allowedAccountIds(options.config["aws:allowedAccountIds"]);
    if (allowed.length > 0) {
        return { accountId: allowed.find((a) => literal.includes(a)) ?? allowed[0]!, source: "allowedAccountIds" };
    }
    if (literal.length > 0) {
        return { accountId: literal[0]!, source: "literal ARNs" };
    }
    return { accountId: MOCK_ACCOUNT_ID, source: "default" };
}

/** `aws:allowedAccountIds` as the engine passes it: a JSON list (or one id). Entries that are not ids are skipped. */
function allowedAccountIds(value: string | undefined): string[] {
    if (value === undefined) {
        return [];
    }
    let parsed: unknown = value;
    try {
        parsed = JSON.parse(value);
    } catch {
        // a bare id
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map(String).filter((a) => /^\d{12}$/.test(a));
}

/** Accounts named by literal ARNs, most often named first (ties: first seen first). */
export function literalArnAccounts(programDir: string, main: string, config: Readonly<Record<string, string>>): string[] {
    const counts = new Map<string, number>();
    const count = (text: string) => {
        for (const [, account] of text.matchAll(ARN_ACCOUNT)) {
            counts.set(account!, (counts.get(account!) ?? 0) + 1);
        }
    };
    for (const file of programSources(programDir, main)) {
        count(fs.readFileSync(file, "utf8"));
    }
    Object.values(config).forEach(count);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([account]) => account);
}

/** The entry file and the files it imports by relative path, transitively (never node_modules). */
function programSources(programDir: string, main: string): string[] {
    const seen = new Set<string>();
    const queue = [resolveSource(path.resolve(programDir, main))].filter((f): f is string => f !== undefined);
    while (queue.length > 0 && seen.size < MAX_SCANNED_FILES) {
        const file = queue.shift()!;
        if (seen.has(file) || file.split(path.sep).includes("node_modules")) {
            continue;
        }
        seen.add(file);
        const text = fs.readFileSync(file, "utf8");
        for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']*)["']/g)) {
            const resolved = resolveSource(path.resolve(path.dirname(file), specifier!));
            if (resolved !== undefined) {
                queue.push(resolved);
            }
        }
    }
    return [...seen];
}

const EXTENSIONS = [".ts", ".js", ".mts", ".cts", ".mjs", ".cjs", ".tsx", ".jsx"];

/** A module path as Node or ts-node would resolve it: the file, with an extension, or a directory's index. */
function resolveSource(base: string): string | undefined {
    const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
    if (isDirectory(base)) {
        const main = packageMain(base);
        if (main !== undefined) {
            candidates.unshift(path.resolve(base, main), ...EXTENSIONS.map((e) => path.resolve(base, main) + e));
        }
    }
    return candidates.find(isFile);
}

function packageMain(dir: string): string | undefined {
    try {
        const main = (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { main?: unknown }).main;
        return typeof main === "string" ? main : undefined;
    } catch {
        return undefined;
    }
}

function isFile(file: string): boolean {
    try {
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

function isDirectory(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return false;
    }
}
