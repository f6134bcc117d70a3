/**
 * Finding the log group CloudTrail delivers to (its name and Region), from
 * whichever of `logGroupName`, `logGroup` or `trail` the user gave.
 */
import * as pulumi from "@pulumi/pulumi";
import type { UnauthorizedApiCallsAlarmArgs } from "./args";

/** Where the CloudTrail log group is. */
export interface LogGroupLocation {
    /** The log group's name. */
    readonly name: pulumi.Output<string>;
    /**
     * The log group's Region, when the arguments tell it (a `logGroup` or
     * `trail`); `undefined` for a bare `logGroupName`, whose Region is the provider's.
     */
    readonly region: pulumi.Output<string> | undefined;
}

/** The parts of a CloudWatch Logs log group ARN that matter here. */
interface LogGroupArnParts {
    readonly name: string;
    readonly region: string;
}

/**
 * Splits a CloudWatch Logs log group ARN, with or without the `:*` suffix
 * CloudTrail requires (`arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*`).
 * Returns `undefined` when the text is not a log group ARN.
 */
export function parseLogGroupArn(arn: string): LogGroupArnParts | undefined {
    const match = /^arn:[^:]+:logs:([^:]*):[^:]*:log-group:([^:]+)(?::\*)?$/.exec(arn);
    return match === null ? undefined : { region: match[1], name: match[2] };
}

/**
 * The log group named by the arguments (validation has already made sure
 * exactly one source is given).
 *
 * @param componentName Name of the component instance, for the error message.
 */
export function locateLogGroup(componentName: string, args: UnauthorizedApiCallsAlarmArgs): LogGroupLocation {
    if (args.logGroup !== undefined) {
        return { name: args.logGroup.name, region: args.logGroup.region };
    }
    if (args.trail !== undefined) {
        // An Output: the check runs once the trail's log group ARN is known, and fails the preview or
        // update (not construction) when the trail does not deliver to CloudWatch Logs.
        const parts = args.trail.cloudWatchLogsGroupArn.apply((arn) => {
            const parsed = arn === undefined || arn === "" ? undefined : parseLogGroupArn(arn);
            if (parsed === undefined) {
                throw new Error(
                    `UnauthorizedApiCallsAlarm "${componentName}": argument "trail" does not deliver to CloudWatch Logs ` +
                        `(cloudWatchLogsGroupArn is ${JSON.stringify(arn ?? null)}). Set the trail's cloudWatchLogsGroupArn ` +
                        "(the log group ARN followed by \":*\") and cloudWatchLogsRoleArn, or pass logGroupName.",
                );
            }
            return parsed;
        });
        return { name: parts.name, region: parts.region };
    }
    return { name: pulumi.output(args.logGroupName as pulumi.Input<string>), region: undefined };
}
