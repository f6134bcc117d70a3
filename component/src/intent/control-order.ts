/**
 * CIS control numbers in the order a reader expects (4.2 before 4.10), and a
 * list of them with runs shortened (`4.2–4.15`): the pack's messages and
 * every report say a set of controls the same way.
 */
import { CIS_CONTROLS } from "./catalog";

/** Numeric order of CIS numbers: 4.2 before 4.10. */
export function compareControls(a: string, b: string): number {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}

/** `4.1`, `4.1–4.15` or `4.1, 4.3`: a list of numbers with runs of three or more shortened by the catalog's order. */
export function controlRange(controls: readonly string[]): string {
    const order = CIS_CONTROLS.map((c) => c.control);
    const sorted = [...controls].sort(compareControls);
    const parts: string[] = [];
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
        const contiguous = i < sorted.length && order.indexOf(sorted[i]!) === order.indexOf(sorted[i - 1]!) + 1 && order.indexOf(sorted[i]!) > 0;
        if (!contiguous) {
            const run = sorted.slice(start, i);
            parts.push(run.length >= 3 ? `${run[0]}–${run[run.length - 1]}` : run.join(", "));
            start = i;
        }
    }
    return parts.join(", ");
}
