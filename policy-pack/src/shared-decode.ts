/**
 * One decode of an `AnalyzeStack` request for all of the pack's stack policies.
 *
 * `@pulumi/policy` (1.21) runs stack policies one after another, and for each
 * it decodes every resource of the request again (`makeAnalyzeStackRpcFun`:
 * `deserializeProperties`, an unknown-checking proxy, options, provider and
 * dependencies, per resource, inside the per-policy loop). With one policy per
 * CIS control that is 18 decodes of the same stack: at 50,000 resources most
 * of an analysis.
 *
 * Here the first of our stack policies to run in a request keeps the resources
 * `@pulumi/policy` decoded for it, and each of our later stack policies in the
 * same request is handed those instead of decoding them again. Everything else
 * stays `@pulumi/policy`'s own: which policies run (enforcement levels from
 * config, `disabled`), each policy's `getConfig`, `reportViolation` (its name,
 * level, severity), `notApplicable` and the response. Other policies in the
 * same pack (an organisation's own, next to `trailwatch/policies`) decode as
 * before.
 *
 * How: for each stack policy, `@pulumi/policy` reads `validateStack.__pulumiType`
 * (its resource-type fast check), then iterates the request's resource list,
 * then calls `validateStack`, all in one synchronous stretch. Our policies'
 * `validateStack` answers the first read with `undefined` (no type filter, as
 * before) and notes whose turn it is; the request's resource list (from
 * `AnalyzeStackRequest#getResourcesList`) is a view that, in one of our turns
 * after the first, iterates as empty. Both are internals, so at start a probe
 * runs a three-policy request through `@pulumi/policy`'s own handler and the
 * fast path stays on only if the handler behaved exactly so; otherwise the
 * list view is removed and every policy decodes for itself, as without this
 * module. `TRAILWATCH_SHARED_DECODE=off` turns it off too.
 */
import * as path from "node:path";
import type { Policy, PolicyResource, StackValidation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";

/** Whether the fast path is serving: `probing` until the start-up probe has answered. */
export type SharedDecodeMode = "on" | "off" | "probing";

/** The resources decoded in one request's first turn of ours, for its later turns. */
interface RequestState {
    resources?: readonly PolicyResource[];
}

/** One stack policy's turn in `@pulumi/policy`'s loop, from the type-check read to the `validateStack` call. */
interface Turn {
    readonly policy: StackValidation;
    /** Set when this turn decoded the request itself: where to keep what it decoded. */
    lead?: RequestState;
    /** Set when this turn's decode was skipped: the resources of the request's first turn. */
    shared?: readonly PolicyResource[];
    /** The request's list is iterated once per turn; a second iteration is never skipped. */
    iterated?: boolean;
}

let mode: SharedDecodeMode = "off";
let turn: Turn | undefined;
/** Turns that were handed an earlier turn's resources instead of decoding (for tests and the bench). */
let skipped = 0;
const states = new WeakMap<object, RequestState>();
const views = new WeakMap<object, unknown[]>();

const iterateNothing = function (): Iterator<never> {
    return [][Symbol.iterator]();
};

/** The view of a request's resource list that our later turns see as empty. */
function viewOf(list: unknown[]): unknown[] {
    let view = views.get(list);
    if (view === undefined) {
        view = new Proxy(list, {
            get(target, key) {
                const t = turn;
                if (key === Symbol.iterator && t !== undefined && !t.iterated && mode !== "off") {
                    t.iterated = true;
                    let state = states.get(target);
                    if (state === undefined) {
                        state = {};
                        states.set(target, state);
                    }
                    if (state.resources !== undefined) {
                        t.shared = state.resources;
                        return iterateNothing;
                    }
                    t.lead = state;
                }
                // Bound to the array itself, so iterating costs no trap per element.
                return key === Symbol.iterator ? () => target[Symbol.iterator]() : Reflect.get(target, key, target);
            },
        });
        views.set(list, view);
    }
    return view;
}

function beginTurn(policy: StackValidation): void {
    const t: Turn = { policy };
    turn = t;
    // A turn is one synchronous stretch; nothing may carry it further.
    queueMicrotask(() => {
        if (turn === t) {
            turn = undefined;
        }
    });
}

/**
 * Wraps a stack validation so that, in a request where one of our stack
 * policies already ran, it is handed the resources decoded then rather than
 * having `@pulumi/policy` decode them again. Without the fast path it is the
 * validation itself.
 */
export function sharingDecode(validate: StackValidation): StackValidation {
    const wrapped: StackValidation = (args: StackValidationArgs, report) => {
        const t = turn;
        if (t !== undefined && t.policy === wrapped) {
            turn = undefined;
            if (t.lead !== undefined) {
                t.lead.resources = args.resources;
            } else if (t.shared !== undefined) {
                skipped++;
                return validate({ ...args, resources: t.shared as PolicyResource[] }, report);
            }
        }
        return validate(args, report);
    };
    // `@pulumi/policy` reads this right before decoding the request for this policy.
    Object.defineProperty(wrapped, "__pulumiType", {
        get(): undefined {
            if (mode !== "off") {
                beginTurn(wrapped);
            }
            return undefined;
        },
    });
    return wrapped;
}

/** `@pulumi/policy`'s stack handler factory (internal, exported by its `server` module). */
export type StackHandlerFactory = (
    pack: string,
    version: string,
    level: string,
    policies: Policy[],
) => (call: { request: unknown }, callback: (error: unknown, response?: { getDiagnosticsList(): { getPolicyname(): string }[] }) => void) => Promise<void>;

/** The protobuf messages the probe builds its request from. */
interface AnalyzerMessages {
    AnalyzeStackRequest: new () => { setResourcesList(list: unknown[]): unknown };
    AnalyzerResource: new () => {
        setType(t: string): unknown;
        setUrn(u: string): unknown;
        setName(n: string): unknown;
        setProperties(s: unknown): unknown;
        setOptions(o: unknown): unknown;
    };
    AnalyzerResourceOptions: new () => unknown;
}

/**
 * Runs a request of two resources through `makeStackHandler` with two of our
 * policies and then a plain one, and answers whether the handler behaved as
 * the fast path needs: the first of ours decoded both resources, the second
 * was handed those very objects, the plain one decoded its own, and each
 * reported under its own name.
 */
export async function probeSharedDecode(
    makeStackHandler: StackHandlerFactory,
    messages: AnalyzerMessages,
    struct: { fromJavaScript(value: Record<string, unknown>): unknown },
): Promise<boolean> {
    const seen = new Map<string, readonly PolicyResource[]>();
    const policy = (name: string, validate: StackValidation): StackValidationPolicy => ({ name, description: name, enforcementLevel: "advisory", validateStack: validate });
    const record =
        (name: string): StackValidation =>
        (args, report) => {
            seen.set(name, args.resources);
            report("probe");
        };
    const resources = ["a", "b"].map((name) => {
        const r = new messages.AnalyzerResource();
        r.setType("trailwatch:probe:Resource");
        r.setName(name);
        r.setUrn(`urn:pulumi:probe::probe::trailwatch:probe:Resource::${name}`);
        r.setProperties(struct.fromJavaScript({ name }));
        r.setOptions(new messages.AnalyzerResourceOptions());
        return r;
    });
    const request = new messages.AnalyzeStackRequest();
    request.setResourcesList(resources);
    const handler = makeStackHandler("trailwatch-probe", "0.0.0", "advisory", [
        policy("first", sharingDecode(record("first"))),
        policy("second", sharingDecode(record("second"))),
        policy("plain", record("plain")),
    ]);
    const names = await new Promise<string[]>((resolve, reject) => {
        void handler({ request }, (error, response) =>
            error || !response ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(response.getDiagnosticsList().map((d) => d.getPolicyname())),
        );
    });
    const first = seen.get("first");
    const plain = seen.get("plain");
    const urns = (rs: readonly PolicyResource[] | undefined) => (rs ?? []).map((r) => r.urn).join(",");
    return (
        names.join(",") === "first,second,plain" &&
        first !== undefined &&
        first.length === 2 &&
        seen.get("second") === first &&
        plain !== undefined &&
        plain !== first &&
        urns(plain) === urns(first)
    );
}

/** Where the probe and the view come from: the modules `@pulumi/policy`'s server itself loads. */
function policyServerModules() {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const serverPath = require.resolve("@pulumi/policy/server");
    const from = { paths: [path.dirname(serverPath)] };
    const server = require(serverPath) as { makeAnalyzeStackRpcFun?: StackHandlerFactory };
    const analyzer = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", from)) as AnalyzerMessages & {
        AnalyzeStackRequest: { prototype: { getResourcesList(): unknown[] } };
    };
    const struct = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb", from))] })) as {
        Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return { server, analyzer, struct: struct.Struct };
}

const INSTALLED = Symbol.for("trailwatch.sharedDecode");
let ready: Promise<SharedDecodeMode> = Promise.resolve("off");

/** Installs the list view and starts the probe; another copy of this module having installed it first leaves this one off. */
function install(): void {
    if (/^(off|0|false)$/i.test(process.env.TRAILWATCH_SHARED_DECODE ?? "")) {
        return;
    }
    let modules: ReturnType<typeof policyServerModules>;
    try {
        modules = policyServerModules();
    } catch {
        return;
    }
    const proto = modules.analyzer.AnalyzeStackRequest.prototype as { getResourcesList(): unknown[]; [INSTALLED]?: boolean };
    const makeStackHandler = modules.server.makeAnalyzeStackRpcFun;
    if (typeof makeStackHandler !== "function" || typeof proto.getResourcesList !== "function" || proto[INSTALLED]) {
        return;
    }
    const original = proto.getResourcesList;
    proto.getResourcesList = function (this: unknown) {
        const list = original.call(this);
        return mode === "off" || !Array.isArray(list) ? list : viewOf(list);
    };
    proto[INSTALLED] = true;
    mode = "probing";
    const uninstall = (): SharedDecodeMode => {
        proto.getResourcesList = original;
        delete proto[INSTALLED];
        mode = "off";
        return mode;
    };
    ready = probeSharedDecode(makeStackHandler, modules.analyzer, modules.struct).then(
        (ok) => (ok ? (mode = "on") : uninstall()),
        () => uninstall(),
    );
}

install();

/** The fast path's state once the start-up probe has answered: `on`, or `off` (unsupported, or turned off). */
export function sharedDecodeMode(): Promise<SharedDecodeMode> {
    return ready;
}

/**
 * Turns the fast path off (every policy decodes for itself, as without this
 * module) or back on where the probe allowed it. For comparing both paths.
 */
export async function setSharedDecode(enabled: boolean): Promise<SharedDecodeMode> {
    const probed = await ready;
    mode = enabled && probed === "on" ? "on" : "off";
    return mode;
}

/** How many stack policy turns, in this process so far, were handed an earlier turn's resources instead of decoding them. */
export function sharedDecodeSkips(): number {
    return skipped;
}
