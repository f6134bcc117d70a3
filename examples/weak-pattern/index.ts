/**
 * NON-COMPLIANT on purpose: the filter pattern adds what looks like a harmless
 * exclusion of calls CloudFront makes on the user's behalf. But a `!=`
 * comparison only matches records that have the field, and most CloudTrail
 * records have no `userIdentity.invokedBy`: the pattern misses nearly every
 * unauthorized call. The component keeps the pattern and warns; the trailwatch
 * policy pack flags it.
 */
import { CIS_V5_PATTERN, UnauthorizedApiCallsAlarm } from "trailwatch";
import { trailToCloudWatchLogs } from "../shared/cloudtrail";

const { logGroup } = trailToCloudWatchLogs("weakly-monitored-events");

// The CIS v5.0 pattern with one more condition before its closing brace.
const pattern = CIS_V5_PATTERN.replace(/\s*}\s*$/, ' && ($.userIdentity.invokedBy != "cloudfront.amazonaws.com") }');

const monitoring = new UnauthorizedApiCallsAlarm("unauthorized-api-calls", {
    logGroup,
    pattern,
    subscriptions: [{ protocol: "email", endpoint: "security@example.com" }],
});

export const deployedPattern = monitoring.pattern;
