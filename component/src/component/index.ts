/** The `UnauthorizedApiCallsAlarm` component and the types it is configured with. */
export { UnauthorizedApiCallsAlarm } from "./unauthorized-api-calls-alarm";
export { FilterPatternPreset, FilterPatterns, type UnauthorizedApiCallsAlarmArgs } from "./args";
export { SNS_PROTOCOLS, SnsProtocol, type AlarmSubscription } from "./subscription";
export { InvalidArgumentError } from "./validate";
export { TopicPolicySid } from "./topic-policy";
export { KmsKeyPolicySid } from "./kms-key-policy";
