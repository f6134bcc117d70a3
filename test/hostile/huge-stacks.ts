/**
 * Stacks far larger than any chain, for the pack's scale cases: the suite
 * runs them at a few thousand resources (hostile/pack-grpc.test.ts), `npm run
 * bench` at 10,000 and 50,000, with the same verdicts expected.
 */
import { CIS_V5_PATTERN } from "trailwatch/engine";
import { TYPES } from "trailwatch-policy-pack/dist/tokens";
import type { FixtureResource } from "../policy/harness";
import { chain } from "../policy/stacks";

/** One compliant CIS 4.1 chain among log groups, metric filters (half with the CIS pattern, on other groups) and topics, `total` resources in all. */
export function oneChainAmong(total: number): FixtureResource[] {
    const resources: FixtureResource[] = [...chain({ mode: "update" })];
    for (let i = 0; resources.length < total; i++) {
        const kind = i % 3;
        resources.push(
            kind === 0
                ? { type: TYPES.logGroup, name: `group-${i}`, props: { name: `group-${i}`, region: "us-east-1" } }
                : kind === 1
                  ? {
                        type: TYPES.metricFilter,
                        name: `filter-${i}`,
                        props: {
                            name: `filter-${i}`,
                            logGroupName: `group-${i - 1}`,
                            pattern: i % 2 === 0 ? CIS_V5_PATTERN : `{ $.eventName = "Op${i}" }`,
                            metricTransformation: { name: `m${i}`, namespace: "ns", value: "1" },
                            region: "us-east-1",
                        },
                    }
                  : { type: TYPES.topic, name: `topic-${i}`, props: { name: `topic-${i}`, region: "us-east-1" } },
        );
    }
    return resources;
}

/** `count` trails, half multi-region, none delivering to CloudWatch Logs: no chain completes. */
export function trailsWithoutChain(count: number): FixtureResource[] {
    const resources: FixtureResource[] = [];
    for (let i = 0; i < count; i++) {
        resources.push({ type: TYPES.trail, name: `trail-${i}`, props: { name: `trail-${i}`, isMultiRegionTrail: i % 2 === 0, region: "us-east-1" } });
    }
    return resources;
}
