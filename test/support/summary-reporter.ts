/**
 * Mocha's spec reporter plus one plain closing line, `N passed, N failed`
 * (and `, N skipped`), so any CI reads the count without knowing mocha.
 */
import * as Mocha from "mocha";

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
            // After the spec reporter's own summary, which it prints on the same event.
            setImmediate(() => process.stdout.write(`${passes} passed, ${failures} failed${pending > 0 ? `, ${pending} skipped` : ""}\n`));
        });
    }
}

export = SummaryReporter;
