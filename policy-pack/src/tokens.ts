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
    /** An explicit or default `aws.Provider`. */
    awsProvider: "pulumi:providers:aws",
} as const;

/** The component whose call the violation messages suggest as the fix. */
export const COMPONENT = {
    /** Its class name, exported by the `trailwatch` npm package. */
    className: "UnauthorizedApiCallsAlarm",
    /** Its type token, which names instances already in a stack. */
    type: "trailwatch:index:UnauthorizedApiCallsAlarm",
    /** The logical name fixes suggest, unless the stack already has one of that name. */
    defaultName: "unauthorized-api-calls",
} as const;
