/**
 * The commercial AWS regions `--all-regions` starts from: the `aws`
 * partition's region table as the SDK for JavaScript v3 ships it
 * (@aws-sdk/core 3.x, `util-endpoints/lib/aws/partitions`). Listing them
 * needs no API call (ec2:DescribeRegions would widen the IAM policy); an
 * opt-in region the account has not enabled refuses the credentials, and
 * the audit skips it and says so.
 */
export const STANDARD_REGIONS: readonly string[] = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "af-south-1",
    "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
    "il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1",
    "sa-east-1", "sa-west-1",
];
