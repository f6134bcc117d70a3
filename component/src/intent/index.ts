/** Monitoring controls as data: what each control must catch and how it is remediated. */
export * from "./types";
export * from "./cis-4-1";
export * from "./cis-4-2-to-4-15";
export * from "./cis-4-16";
export * from "./catalog";
export { CIS_ALARM_DEFAULTS } from "./alarm-defaults";
export { CLOUDTRAIL_PRESENT_FIELDS } from "./records";
export * from "./topic-encryption";
export { EXCLUDED_RECORDS_SCHEMA, RECORD_SHAPE_SCHEMA } from "./record-shapes";
export { compareControls, controlRange } from "./control-order";
