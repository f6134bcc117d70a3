/** The `UnauthorizedApiCallsAlarm` and `CisMonitoringAlarms` components and the types they are configured with. */
export { UnauthorizedApiCallsAlarm } from "./unauthorized-api-calls-alarm";
export { FilterPatternPreset, FilterPatterns, type UnauthorizedApiCallsAlarmArgs } from "./args";
export { SNS_PROTOCOLS, SnsProtocol, type AlarmSubscription } from "./subscription";
export { InvalidArgumentError } from "./validate";
export { TopicPolicySid } from "./topic-policy";
export { KmsKeyPolicySid } from "./kms-key-policy";
export { CisMonitoringAlarms } from "./cis-monitoring-alarms";
export type { CisMonitoringAlarmsArgs, ControlOverride } from "./cis-monitoring-alarms-args";
