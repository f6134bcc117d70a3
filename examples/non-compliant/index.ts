/**
 * NON-COMPLIANT on purpose: CloudTrail delivers to CloudWatch Logs, but
 * nothing watches the log group for unauthorized API calls, so CIS AWS
 * Foundations Benchmark v5.0 control 4.1 fails. The trailwatch policy pack
 * flags this program; ../baseline is the fix.
 */
import { trailToCloudWatchLogs } from "../shared/cloudtrail";

const { logGroup, trail } = trailToCloudWatchLogs("unmonitored-events");

export const trailArn = trail.arn;
export const logGroupName = logGroup.name;
