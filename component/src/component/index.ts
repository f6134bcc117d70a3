/** The `UnauthorizedApiCallsAlarm` component and the types it is configured with. */
export { UnauthorizedApiCallsAlarm } from "./unauthorized-api-calls-alarm";
export {
    FilterPatterns,
    SNS_PROTOCOLS,
    type AlarmSubscription,
    type FilterPatternPreset,
    type SnsProtocol,
    type UnauthorizedApiCallsAlarmArgs,
} from "./args";
export { InvalidArgumentError } from "./validate";
export { TopicPolicySid } from "./topic-policy";
export { KmsKeyPolicySid } from "./kms-key-policy";
