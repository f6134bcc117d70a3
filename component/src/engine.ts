/**
 * `trailwatch/engine`: the control catalog and the filter-pattern engine,
 * without any Pulumi or AWS SDK. The policy pack and the CLI import this entry
 * so that they start fast and never load `@pulumi/aws`.
 */
export * from "./intent";
export * from "./pattern";
export * from "./verdicts";
