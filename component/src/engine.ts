/**
 * `trailwatch/engine`: the control catalog, the filter-pattern engine and the
 * strict policy config validation, without any Pulumi or AWS SDK. The policy pack and the CLI import this entry
 * so that they start fast and never load `@pulumi/aws`.
 */
export * from "./intent";
export * from "./pattern";
export * from "./policy-config";
export * from "./verdicts";
