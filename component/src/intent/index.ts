/** Monitoring controls as data: what each control must catch and how it is remediated. */
export * from "./types";
export * from "./cis-4-1";
