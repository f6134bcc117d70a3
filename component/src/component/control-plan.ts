/**
 * From {@link CisMonitoringAlarmsArgs} to the plan of filters and alarms:
 * which catalog controls are provisioned, and each one's settings with its
 * overrides, the component-wide values and its catalog defaults filled in (in
 * that order). Every argument is validated here, before anything is created.
 */
import { MONITORING_CONTROLS, findControl, isMonitoringControl, type MonitoringControl } from "../intent";
import type { CisMonitoringAlarmsArgs, ControlOverride } from "./cis-monitoring-alarms-args";
import type { ControlPlan } from "./monitoring";
import { checkFilterPattern } from "./pattern-check";
import {
    InvalidArgumentError,
    isDeferred,
    validateAlarmSettings,
    validateLogGroupSource,
    validateNotification,
    validatePlainValues,
    type Fail,
} from "./validate";

/** The component's type name, which opens every message. */
export const CIS_MONITORING_ALARMS = "CisMonitoringAlarms";

/** One control's plan, and the warning about its custom pattern, if any. */
export interface PlannedControl extends ControlPlan {
    readonly patternWarning: string | undefined;
}

/** Arguments whose value decides what is created, so they must be known at construction. */
const PLAIN_ARGUMENTS = ["controls", "overrides", "metricNamespace", "period", "evaluationPeriods", "createKmsKey", "subscriptions"] as const;
/** The same, within one override. */
const PLAIN_OVERRIDE_SETTINGS = ["enabled", "pattern", "patternPreset", "metricNamespace", "metricName", "period", "evaluationPeriods"] as const;

/** The ids `controls` and `overrides` accept, for messages. */
const VALID_IDS = MONITORING_CONTROLS.map((c) => c.control).join(", ");

/**
 * Validates the arguments and resolves the controls to provision, in catalog
 * order.
 *
 * @throws {InvalidArgumentError} for the first argument AWS would reject or
 *   that names no control.
 */
export function planControls(componentName: string, args: CisMonitoringAlarmsArgs): PlannedControl[] {
    const fail: Fail = (argument, problem) => {
        throw new InvalidArgumentError(componentName, argument, problem, CIS_MONITORING_ALARMS);
    };
    validatePlainValues(args, PLAIN_ARGUMENTS, fail);
    validateLogGroupSource(args, fail);
    validateNotification(args, fail);

    const selected = selectControls(args.controls, fail);
    const overrides = resolveOverrides(args.overrides, selected, fail);
    const planned: PlannedControl[] = [];
    for (const control of selected) {
        const found = overrides.get(control);
        const override = found?.override ?? {};
        if (override.enabled === false) {
            continue;
        }
        const at = found?.argument ?? "";
        // The component-wide values are checked per control: each control's defaults come from its own entry.
        const shared = { metricNamespace: args.metricNamespace, period: args.period, evaluationPeriods: args.evaluationPeriods };
        validateAlarmSettings(shared, {}, control.alarm, fail);
        const defaults = {
            ...control.alarm,
            period: args.period ?? control.alarm.period,
            evaluationPeriods: args.evaluationPeriods ?? control.alarm.evaluationPeriods,
        };
        validateAlarmSettings(override, presetsOf(control), defaults, (argument, problem) => fail(`${at}.${argument}`, problem));
        planned.push(planControl(componentName, control, override, at, args));
    }
    if (planned.length === 0) {
        fail("overrides", "turns off every selected control, so the component would create no alarm. Remove the component, or enable a control.");
    }
    return planned;
}

/** A control's named patterns, as `patternPreset` offers them (`default` is only an alias of one of them). */
function presetsOf(control: MonitoringControl): Record<string, string> {
    return Object.fromEntries(Object.entries(control.patterns).filter(([preset]) => preset !== "default"));
}

function planControl(componentName: string, control: MonitoringControl, override: ControlOverride, at: string, args: CisMonitoringAlarmsArgs): PlannedControl {
    const chosen = override.pattern ?? (override.patternPreset === undefined ? undefined : presetsOf(control)[override.patternPreset]);
    const argument = override.pattern !== undefined ? `${at}.pattern` : `${at}.patternPreset`;
    const patternWarning =
        chosen === undefined ? undefined : checkFilterPattern({ componentType: CIS_MONITORING_ALARMS, componentName, argument }, control, chosen);
    return {
        control,
        childPrefix: `-${control.control}`,
        pattern: chosen ?? control.patterns.default,
        filterName: override.filterName,
        metricNamespace: override.metricNamespace ?? args.metricNamespace ?? control.metric.namespace,
        metricName: override.metricName ?? control.metric.name,
        alarmName: override.alarmName,
        alarmDescription: override.alarmDescription,
        period: override.period ?? args.period ?? control.alarm.period,
        evaluationPeriods: override.evaluationPeriods ?? args.evaluationPeriods ?? control.alarm.evaluationPeriods,
        patternWarning,
    };
}

/** The metric-filter control an id names, or a failure that lists the valid ids. */
function controlFor(id: unknown, argument: string, fail: Fail): MonitoringControl {
    const entry = typeof id === "string" ? findControl(id) : undefined;
    if (entry === undefined) {
        return fail(argument, `is ${JSON.stringify(id)}, which names no control; the controls are ${VALID_IDS} (or cis-aws-4.N, or the full catalog id).`);
    }
    if (!isMonitoringControl(entry)) {
        return fail(
            argument,
            `is ${JSON.stringify(id)}, control ${entry.control} (${entry.title}), which is met by a service being enabled, not by a metric filter and an alarm; the controls are ${VALID_IDS}.`,
        );
    }
    return entry;
}

/** The selected controls in catalog order; all metric-filter controls when none are named. */
function selectControls(ids: CisMonitoringAlarmsArgs["controls"], fail: Fail): MonitoringControl[] {
    if (ids === undefined) {
        return [...MONITORING_CONTROLS];
    }
    if (!Array.isArray(ids) || ids.length === 0) {
        return fail("controls", `is ${JSON.stringify(ids)}; give a list of one or more of ${VALID_IDS}, or omit it for all of them.`);
    }
    const chosen = new Map<MonitoringControl, number>();
    ids.forEach((id, i) => {
        const control = controlFor(id, `controls[${i}]`, fail);
        const earlier = chosen.get(control);
        if (earlier !== undefined) {
            fail(`controls[${i}]`, `names control ${control.control} again (as controls[${earlier}]); list each control once.`);
        }
        chosen.set(control, i);
    });
    return MONITORING_CONTROLS.filter((c) => chosen.has(c));
}

/** Each override, by the control it names, with the argument path it came from. */
function resolveOverrides(
    overrides: CisMonitoringAlarmsArgs["overrides"],
    selected: readonly MonitoringControl[],
    fail: Fail,
): Map<MonitoringControl, { override: ControlOverride; argument: string }> {
    const resolved = new Map<MonitoringControl, { override: ControlOverride; argument: string }>();
    for (const [key, override] of Object.entries(overrides ?? {})) {
        const argument = `overrides[${JSON.stringify(key)}]`;
        const control = controlFor(key, argument, fail);
        if (!selected.includes(control)) {
            fail(argument, `is for control ${control.control}, which "controls" does not select. Add it to controls, or drop the override.`);
        }
        const earlier = resolved.get(control);
        if (earlier !== undefined) {
            fail(argument, `names control ${control.control} again (as ${earlier.argument}); give one override per control.`);
        }
        if (override === null || typeof override !== "object" || isDeferred(override)) {
            fail(argument, "is not an object of settings: give e.g. { enabled: false } or { period: 60 } as a plain value.");
        }
        for (const setting of PLAIN_OVERRIDE_SETTINGS) {
            if (isDeferred(override[setting])) {
                fail(`${argument}.${setting}`, "is an Output, but it decides what the component creates: pass a plain value known when the program runs.");
            }
        }
        resolved.set(control, { override, argument });
    }
    return resolved;
}
