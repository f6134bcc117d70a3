/**
 * The pack's view of the control catalog: which controls it checks, what
 * their stack policies are called and how strictly each is enforced unless
 * configured otherwise. Every control's meaning (intent, patterns, alarm)
 * stays in its catalog entry; this module only names things.
 */
import { CIS_4_1, type CatalogEntry } from "trailwatch/engine";

/** `CIS 4.3 "Ensure usage of the 'root' account is monitored"`: a control by number and title. */
export function controlLabel(control: CatalogEntry): string {
    return `CIS ${control.control} "${control.title}"`;
}

/**
 * What a control counts, from its title: "unauthorized API calls" for 4.1,
 * "IAM policy changes" for 4.4. The titles all read "Ensure X is/are monitored"
 * (4.16: "... is enabled").
 */
export function whatItCounts(control: CatalogEntry): string {
    return control.title.replace(/^Ensure /, "").replace(/ (is|are) (monitored|enabled)$/, "");
}

/**
 * The stack policy's name for a control: its catalog id with the number's dot
 * as a dash, plus `-monitored` for the metric-filter controls
 * (`cis-aws-4-1-unauthorized-api-calls-monitored`, the name the pack has
 * always used for 4.1; `cis-aws-4-16-security-hub-enabled`).
 */
export function stackPolicyName(control: CatalogEntry): string {
    const base = control.id.replace(/^cis-aws-(\d+)\.(\d+)-/, "cis-aws-$1-$2-");
    return control.kind === "service" ? base : `${base}-monitored`;
}

/**
 * Mandatory unless configured otherwise: only 4.1, which was the pack's only
 * control, so a stack the pack passed before passes after an upgrade and a
 * stack it blocked is still blocked. Every other control is advisory until a
 * policy's `enforcementLevel` (or `"all": "mandatory"`) says otherwise.
 */
export function defaultEnforcement(control: CatalogEntry): "mandatory" | "advisory" {
    return control.id === CIS_4_1.id ? "mandatory" : "advisory";
}
