/**
 * The control catalog: every CIS AWS v5.0 section-4 control, in benchmark
 * order, and the lookup the CLI (and later the component and the pack) use.
 */
import { CIS_4_1 } from "./cis-4-1";
import { CIS_4_16 } from "./cis-4-16";
import {
    CIS_4_10,
    CIS_4_11,
    CIS_4_12,
    CIS_4_13,
    CIS_4_14,
    CIS_4_15,
    CIS_4_2,
    CIS_4_3,
    CIS_4_4,
    CIS_4_5,
    CIS_4_6,
    CIS_4_7,
    CIS_4_8,
    CIS_4_9,
} from "./cis-4-2-to-4-15";
import type { CatalogEntry, MonitoringControl } from "./types";

/** CIS 4.1–4.15, the metric-filter controls, in benchmark order. */
export const MONITORING_CONTROLS: readonly MonitoringControl[] = [
    CIS_4_1,
    CIS_4_2,
    CIS_4_3,
    CIS_4_4,
    CIS_4_5,
    CIS_4_6,
    CIS_4_7,
    CIS_4_8,
    CIS_4_9,
    CIS_4_10,
    CIS_4_11,
    CIS_4_12,
    CIS_4_13,
    CIS_4_14,
    CIS_4_15,
];

/** Every catalog entry: 4.1–4.15 and 4.16. */
export const CIS_CONTROLS: readonly CatalogEntry[] = [...MONITORING_CONTROLS, CIS_4_16];

/** True for the entries met by a metric filter and an alarm. */
export function isMonitoringControl(entry: CatalogEntry): entry is MonitoringControl {
    return entry.kind !== "service";
}

/**
 * The entry for `id`: the full id (`cis-aws-4.3-root-account-usage`), its
 * short form (`cis-aws-4.3`) or the v5.0 number (`4.3`). Undefined when none.
 */
export function findControl(id: string): CatalogEntry | undefined {
    const wanted = id.trim().toLowerCase();
    return CIS_CONTROLS.find((c) => c.id === wanted || `cis-aws-${c.control}` === wanted || c.control === wanted);
}

/**
 * The entry CIS v6.0/v7.0 number `number` (`5.3`, as `--list-controls`
 * shows it next to v5.0's `4.3`). Kept apart from {@link findControl}, which
 * the components' `controls` and `overrides` use: there a bare `5.3` would be
 * read as v5.0's networking section.
 */
export function findControlByV6Number(number: string): CatalogEntry | undefined {
    const wanted = number.trim().toLowerCase().replace(/^cis-aws-/, "");
    return CIS_CONTROLS.find((c) => c.controlV6 === wanted);
}
