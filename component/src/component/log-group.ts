/**
 * Finding the name of the log group CloudTrail delivers to, from whichever of
 * `logGroupName`, `logGroup` or `trail` the user gave.
 */
import * as pulumi from "@pulumi/pulumi";
import type { LogGroupSourceArgs } from "./shared-args";

/**
 * The log group name inside a CloudWatch Logs log group ARN, with or without
 * the `:*` suffix CloudTrail requires (`arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*`).
 * Returns `undefined` when the text is not a log group ARN.
 */
export function logGroupNameFromArn(arn: string): string | undefined {
    const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/.exec(arn);
    return match?.[1];
}

/**
 * The log group name from the arguments (validation has already made sure
 * exactly one source is given).
 *
 * @param componentType The component's type name, for the error message.
 * @param componentName Name of the component instance, for the error message.
 */
export function resolveLogGroupName(componentType: string, componentName: string, args: LogGroupSourceArgs): pulumi.Output<string> {
    if (args.logGroup !== undefined) {
        return args.logGroup.name;
    }
    if (args.trail !== undefined) {
        // An Output: the check runs once the trail's ARN is known, and fails the deployment, not construction.
        return args.trail.cloudWatchLogsGroupArn.apply((arn) => {
            const name = arn === undefined || arn === "" ? undefined : logGroupNameFromArn(arn);
            if (name === undefined) {
                throw new Error(
                    `${componentType} "${componentName}": argument "trail" does not deliver to CloudWatch Logs ` +
                        `(cloudWatchLogsGroupArn is ${JSON.stringify(arn ?? null)}). Set the trail's cloudWatchLogsGroupArn ` +
                        "(the log group ARN followed by \":*\") and cloudWatchLogsRoleArn, or pass logGroupName.",
                );
            }
            return name;
        });
    }
    return pulumi.output(args.logGroupName as pulumi.Input<string>);
}
