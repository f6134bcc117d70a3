/**
 * `trailwatch`: CIS AWS Foundations Benchmark v5.0 control 4.1 ("ensure
 * unauthorized API calls are monitored") for Pulumi.
 *
 * - {@link UnauthorizedApiCallsAlarm}, the component that puts the control in place;
 * - the control as data and the filter-pattern engine (also available, without
 *   `@pulumi/aws`, from `trailwatch/engine`).
 */
export * from "./component";
export * from "./engine";
