/** The report formats `check` and `audit` print (`--format`) and `check` also writes (`--output`). */
export const FORMATS = ["human", "json", "sarif", "markdown", "html"] as const;

/** One report format. */
export type ReportFormat = (typeof FORMATS)[number];
