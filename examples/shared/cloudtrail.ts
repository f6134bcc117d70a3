/**
 * A multi-region CloudTrail trail that delivers to an S3 bucket and to a
 * CloudWatch Logs log group: what CIS AWS 4.1 monitoring reads from. Shared by
 * the examples so each program shows only what it is about.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The resources of a trail delivering to CloudWatch Logs. */
export interface TrailToCloudWatchLogs {
    /** The bucket CloudTrail writes log files to. */
    readonly bucket: aws.s3.Bucket;
    /** The log group CloudTrail also delivers every event to. */
    readonly logGroup: aws.cloudwatch.LogGroup;
    /** The role CloudTrail assumes to write to the log group. */
    readonly role: aws.iam.Role;
    /** The multi-region trail. */
    readonly trail: aws.cloudtrail.Trail;
}

/**
 * Creates a multi-region trail with log file validation, an S3 bucket only
 * CloudTrail can write to, and CloudWatch Logs delivery through a dedicated role.
 *
 * @param name Prefix of the logical names; also the trail's physical name.
 * @param tags Tags for every taggable resource.
 */
export function trailToCloudWatchLogs(name: string, tags: Record<string, string> = {}): TrailToCloudWatchLogs {
    const account = aws.getCallerIdentityOutput().accountId;
    const partition = aws.getPartitionOutput().partition;
    const region = aws.getRegionOutput().region;
    // The bucket policy must name the trail before the trail exists (CloudTrail checks it on creation),
    // so the trail gets a fixed name and its ARN is computed.
    const trailName = `${name}-${pulumi.getStack()}`;
    const trailArn = pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${account}:trail/${trailName}`;

    const bucket = new aws.s3.Bucket(`${name}-logs`, { forceDestroy: false, tags });
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-logs`, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    const bucketPolicy = new aws.s3.BucketPolicy(
        `${name}-logs`,
        {
            bucket: bucket.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AWSCloudTrailAclCheck",
                        Effect: "Allow",
                        Principal: { Service: "cloudtrail.amazonaws.com" },
                        Action: "s3:GetBucketAcl",
                        Resource: bucket.arn,
                        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
                    },
                    {
                        Sid: "AWSCloudTrailWrite",
                        Effect: "Allow",
                        Principal: { Service: "cloudtrail.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${bucket.arn}/AWSLogs/${account}/*`,
                        Condition: {
                            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn },
                        },
                    },
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        },
        // S3 rejects a bucket policy while the public access block is being changed.
        { dependsOn: [publicAccessBlock] },
    );

    const logGroup = new aws.cloudwatch.LogGroup(`${name}-events`, { retentionInDays: 365, tags });

    const role = new aws.iam.Role(`${name}-to-cloudwatch-logs`, {
        assumeRolePolicy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": account } },
                },
            ],
        }),
        tags,
    });
    const rolePolicy = new aws.iam.RolePolicy(`${name}-to-cloudwatch-logs`, {
        role: role.id,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
                },
            ],
        }),
    });

    const trail = new aws.cloudtrail.Trail(
        name,
        {
            name: trailName,
            s3BucketName: bucket.id,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            // CloudTrail wants the log group ARN with the ":*" suffix.
            cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
            cloudWatchLogsRoleArn: role.arn,
            tags,
        },
        // CloudTrail validates bucket access and the role when the trail is created.
        { dependsOn: [bucketPolicy, rolePolicy] },
    );

    return { bucket, logGroup, role, trail };
}
