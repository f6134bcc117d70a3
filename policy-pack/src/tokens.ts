/**
 * Pulumi type tokens of the resources the CIS 4.1 chain is made of.
 *
 * The pack matches resources by token rather than with `@pulumi/aws` classes
 * (`isType(aws.cloudtrail.Trail)`): loading `@pulumi/aws` would add seconds to
 * every start of the pack, and the token is all `isType` compares anyway.
 */
export const TYPES = {
    /** `aws.cloudtrail.Trail`. */
    trail: "aws:cloudtrail/trail:Trail",
    /** `aws.cloudwatch.LogGroup`. */
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    /** `aws.cloudwatch.LogMetricFilter`. */
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    /** `aws.cloudwatch.MetricAlarm`. */
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    /** `aws.sns.Topic`. */
    topic: "aws:sns/topic:Topic",
    /** `aws.sns.TopicSubscription`. */
    topicSubscription: "aws:sns/topicSubscription:TopicSubscription",
    /** `aws.kms.Key`: a topic's key, whose policy must let CloudWatch use it. */
    kmsKey: "aws:kms/key:Key",
    /** `aws.kms.Alias`: a name for a key, which a topic may be given instead of the key. */
    kmsAlias: "aws:kms/alias:Alias",
    /** `aws.kms.KeyPolicy`: a key's policy, managed apart from the key. */
    kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    /** An explicit or default `aws.Provider`. */
    awsProvider: "pulumi:providers:aws",
} as const;

/** A trailwatch component a violation message suggests as the fix. */
export interface ComponentToken {
    /** Its class name, exported by the `trailwatch` npm package. */
    readonly className: string;
    /** Its type token, which names instances already in a stack. */
    readonly type: string;
    /** The logical name fixes suggest, unless the stack already has one of that name. */
    readonly defaultName: string;
}

/** The component the CIS 4.1 messages suggest as the fix (4.1's own component, as before). */
export const COMPONENT: ComponentToken = {
    /** Its class name, exported by the `trailwatch` npm package. */
    className: "UnauthorizedApiCallsAlarm",
    /** Its type token, which names instances already in a stack. */
    type: "trailwatch:index:UnauthorizedApiCallsAlarm",
    /** The logical name fixes suggest, unless the stack already has one of that name. */
    defaultName: "unauthorized-api-calls",
};

/** The component the other controls' messages suggest: any set of the catalog's controls on one log group. */
export const MULTI_COMPONENT: ComponentToken = {
    className: "CisMonitoringAlarms",
    type: "trailwatch:index:CisMonitoringAlarms",
    defaultName: "cis-monitoring",
};
