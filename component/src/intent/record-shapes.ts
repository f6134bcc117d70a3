/**
 * The JSON schema of `excludedRecords`: record shapes a team tunes out on
 * purpose (e.g. S3 reads CloudFront makes on its behalf), as field paths to
 * CloudWatch-style globs. One schema for the pack's config and for
 * `trailwatch pattern check --excluded-records`, so both take the same value.
 * A shape's keys are CloudTrail field paths, free-form by nature, so a shape
 * admits any key (with a non-empty string glob).
 */
export const RECORD_SHAPE_SCHEMA = {
    type: "object",
    description:
        "CloudTrail records to allow a pattern to miss, as field paths and CloudWatch-style globs, e.g. " +
        '{ "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "userIdentity.invokedBy": "cloudfront.amazonaws.com" }.',
    minProperties: 1,
    additionalProperties: { type: "string", minLength: 1 },
} as const;

/** `excludedRecords`: a list of {@link RECORD_SHAPE_SCHEMA}. */
export const EXCLUDED_RECORDS_SCHEMA = {
    type: "array",
    description:
        "Record shapes your filter deliberately tunes out. Coverage is then decided allowing these records to be missed, " +
        "so noise can be quieted without losing the guarantee for every other unauthorized call.",
    items: RECORD_SHAPE_SCHEMA,
    default: [],
} as const;
