/**
 * What `trailwatch audit` read from one account, in the AWS APIs' own shapes
 * (SDK v3 response types): the input of the mapping to the resource graph,
 * and what a unit test fills with recorded AWS responses.
 */
import type { EventSelector, AdvancedEventSelector, Trail } from "@aws-sdk/client-cloudtrail";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { MetricFilter } from "@aws-sdk/client-cloudwatch-logs";
import type { Subscription } from "@aws-sdk/client-sns";

/** One trail with its status and selectors, read in its home region. */
export interface TrailRead {
    /** DescribeTrails' entry. */
    readonly trail: Trail;
    /** GetTrailStatus' `IsLogging`. */
    readonly isLogging: boolean;
    /** GetEventSelectors' basic selectors (absent when the trail uses advanced ones). */
    readonly eventSelectors?: readonly EventSelector[];
    /** GetEventSelectors' advanced selectors. */
    readonly advancedEventSelectors?: readonly AdvancedEventSelector[];
}

/** An object that lives in a region. */
export interface Regional<T> {
    /** Its region. */
    readonly region: string;
    /** The API's description of it. */
    readonly item: T;
}

/** An SNS topic an alarm notifies. */
export interface TopicRead {
    /** Its ARN. */
    readonly arn: string;
    /** Its region. */
    readonly region: string;
    /** GetTopicAttributes' answer; absent when the topic does not exist (NotFound). */
    readonly attributes?: Readonly<Record<string, string>>;
    /** ListSubscriptionsByTopic's confirmed subscriptions. */
    readonly confirmed: readonly Subscription[];
    /** Subscriptions still pending confirmation: not subscribers (SubscriptionArn "PendingConfirmation"). */
    readonly pending: readonly Subscription[];
}

/** Something one account cannot show, said per trail (or topic) instead of a guessed verdict. */
export interface Blind {
    /** A whole trail's chain (its verdict is then unknown), or one alarm's notification. */
    readonly about: "trail" | "alarm";
    /** What it concerns: `trail "org-trail"`. */
    readonly subject: string;
    /** Why it cannot be followed. */
    readonly why: string;
    /** The account to audit instead, when known. */
    readonly auditAccount?: string;
}

/** Everything read. */
export interface AccountSnapshot {
    /** The audited account (GetCallerIdentity). */
    readonly accountId: string;
    /** The identity that read it. */
    readonly callerArn: string;
    /** The partition (`aws`, `aws-cn`, `aws-us-gov`). */
    readonly partition: string;
    /** Regions whose trails were listed. */
    readonly regions: readonly string[];
    /** Regions skipped under --all-regions, with why (not enabled). */
    readonly skippedRegions: readonly { readonly region: string; readonly why: string }[];
    /** Trails this account can follow, each once (shadow copies folded into the home region's). */
    readonly trails: readonly TrailRead[];
    /** Metric filters on the trails' log groups. */
    readonly filters: readonly Regional<MetricFilter>[];
    /** Alarms on the filters' metrics. */
    readonly alarms: readonly Regional<MetricAlarm>[];
    /** Topics those alarms notify, in this account. */
    readonly topics: readonly TopicRead[];
    /** Regions where Security Hub is enabled (DescribeHub answers), among the trails' home regions. */
    readonly securityHubs: readonly Regional<{ readonly hubArn: string }>[];
    /** What cannot be seen from this account. */
    readonly blind: readonly Blind[];
}
