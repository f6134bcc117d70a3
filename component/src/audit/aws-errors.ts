/**
 * What an AWS SDK failure means for the person running `trailwatch audit`:
 * one line naming the cause and the fix (exit 2). The audit only reads, so
 * every access-denied answer names the one IAM action to grant.
 */
import { UserError } from "../cli/errors";

/** Which call failed: the IAM action (`cloudtrail:DescribeTrails`) and the region it was sent to. */
export interface FailedCall {
    /** The IAM action, `<service prefix>:<Operation>`. */
    readonly action: string;
    /** The region the request was signed for. */
    readonly region: string;
}

/** How a failure is classified before it becomes a message. */
export type FailureKind = "no-credentials" | "expired" | "access-denied" | "region-not-enabled" | "unreachable" | "throttled" | "other";

const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "AuthorizationErrorException"]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"]);
/** Both mean "these credentials are not valid here": in a region the account has not enabled, AWS answers so to valid keys. */
const INVALID_TOKEN = new Set(["UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch"]);
const THROTTLED = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException"]);
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ETIMEDOUT", "EPIPE", "ENETUNREACH", "ERR_INVALID_URL"]);

/** The error's name and code, whatever the SDK layer that raised it. */
function namesOf(err: unknown): { name: string; code: string } {
    const e = (err ?? {}) as { name?: unknown; code?: unknown; Code?: unknown; cause?: unknown };
    const name = typeof e.name === "string" ? e.name : "";
    const code = typeof e.code === "string" ? e.code : typeof e.Code === "string" ? e.Code : "";
    if (code === "" && e.cause !== undefined && e.cause !== err) {
        return { name, code: namesOf(e.cause).code };
    }
    return { name, code };
}

/** Classifies an SDK failure. */
export function classify(err: unknown): FailureKind {
    const { name, code } = namesOf(err);
    if (name === "CredentialsProviderError" || name === "ProviderError") {
        return "no-credentials";
    }
    if (EXPIRED.has(name) || EXPIRED.has(code)) {
        return "expired";
    }
    if (ACCESS_DENIED.has(name) || ACCESS_DENIED.has(code)) {
        return "access-denied";
    }
    if (INVALID_TOKEN.has(name) || INVALID_TOKEN.has(code)) {
        return "region-not-enabled";
    }
    if (THROTTLED.has(name) || THROTTLED.has(code)) {
        return "throttled";
    }
    if (NETWORK.has(code) || NETWORK.has(name) || name === "TimeoutError" || name === "RequestTimeout" || /socket hang up/i.test(String((err as Error)?.message))) {
        return "unreachable";
    }
    return "other";
}

/** The endpoint requests go to, for messages. */
export function endpointText(endpoint: string | undefined): string {
    return endpoint === undefined ? "AWS" : endpoint;
}

/**
 * The one-line error for a failed call. `credentialsChecked` says the
 * caller identity was already read with the same credentials: an
 * invalid-token answer then means the region is not enabled, not that the
 * keys are wrong.
 */
export function auditFailure(err: unknown, call: FailedCall, endpoint: string | undefined, credentialsChecked: boolean): UserError {
    const kind = classify(err);
    const detail = firstLine(err);
    switch (kind) {
        case "no-credentials":
            return new UserError(
                `no AWS credentials found (${detail}); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / --profile, or run aws sso login`,
            );
        case "expired":
            return new UserError(
                `the AWS session has expired (${call.action} in ${call.region}: ${detail}); refresh the credentials (aws sso login, or new session keys) and run the audit again`,
            );
        case "access-denied":
            return new UserError(
                `access denied: ${call.action} in ${call.region} (${detail}); grant "${call.action}" to the auditing identity ` +
                    "(the README's least-privilege policy lists every action the audit needs; it only reads)",
            );
        case "region-not-enabled":
            return credentialsChecked
                ? new UserError(
                      `${call.region} refuses these credentials (${call.action}: ${detail}): the region is probably not enabled for this account; ` +
                          `enable it, or leave it out of --region`,
                  )
                : new UserError(`AWS rejects these credentials (${call.action}: ${detail}); check AWS_ACCESS_KEY_ID / the profile, and that the keys are active`);
        case "unreachable":
            return new UserError(
                `cannot reach ${endpointText(endpoint)} for ${call.action} in ${call.region} (${detail}); check --endpoint-url / AWS_ENDPOINT_URL and the network, then run the audit again`,
            );
        case "throttled":
            return new UserError(
                `${call.action} in ${call.region} is still throttled after the SDK's adaptive retries (${detail}); run the audit again later, or with fewer --region`,
            );
        default:
            return new UserError(`${call.action} in ${call.region} failed: ${detail}`);
    }
}

function firstLine(err: unknown): string {
    const { name, code } = namesOf(err);
    const message = err instanceof Error ? err.message : String(err);
    const line = (message.split(/\r?\n/, 1)[0] ?? "").trim();
    const label = name !== "" && name !== "Error" ? name : code;
    if (line === "" || line === "UnknownError") {
        return label === "" ? "no message" : label;
    }
    return label === "" || line.includes(label) ? line : `${label}: ${line}`;
}
