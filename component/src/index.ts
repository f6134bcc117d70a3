/**
 * `trailwatch`: CIS AWS Foundations Benchmark v5.0 control 4.1 ("ensure
 * unauthorized API calls are monitored") for Pulumi.
 *
 * - {@link UnauthorizedApiCallsAlarm}, the component that puts the control in place;
 * - {@link CisMonitoringAlarms}, the same for any set of the catalog's CIS v5.0 4.1–4.15 controls;
 * - the control as data and the filter-pattern engine (also available, without
 *   `@pulumi/aws`, from `trailwatch/engine`).
 */
export * from "./component";
export * from "./engine";
