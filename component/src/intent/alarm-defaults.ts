import type { AlarmDefaults } from "./types";

/**
 * The alarm every CIS v5.0 section-4 remediation prescribes (`put-metric-alarm
 * --statistic Sum --period 300 --threshold 1 --comparison-operator
 * GreaterThanOrEqualToThreshold --evaluation-periods 1`), with one breaching
 * data point firing it and missing data not breaching.
 */
export const CIS_ALARM_DEFAULTS: AlarmDefaults = {
    statistic: "Sum",
    period: 300,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: "notBreaching",
};
