/**
 * The string classes' witnesses when the class exploration is shared (one per
 * set of conditions, automaton.ts and model.ts): the contract the coverage
 * records rely on, a realistic preferred string first, else a shortest one,
 * non-empty when the class has a non-empty member.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as AutomatonModule from "../../component/src/pattern/automaton";

const dist = (m: string) => path.join(__dirname, "..", "..", "..", "component", "dist", "pattern", m);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exploreClasses, globNfa, stringClasses } = require(dist("automaton")) as typeof AutomatonModule;

describe("string classes from a shared exploration", () => {
    it("the class of the empty string gets a non-empty witness when it has one, with or without the empty string preferred", () => {
        const nfas = [globNfa("a*")];
        for (const preferred of [[], [""], ["", "zebra"]]) {
            const { classes, complete } = stringClasses(nfas, preferred);
            assert.equal(complete, true);
            assert.equal(classes.length, 2);
            for (const c of classes) assert.notEqual(c.witness, "", `${JSON.stringify(preferred)}: ${JSON.stringify(classes)}`);
        }
        // A class whose only member is the empty string keeps it.
        const onlyEmpty = stringClasses([globNfa("")], []).classes.find((c) => c.accepts[0] === true);
        assert.equal(onlyEmpty?.witness, "");
    });

    it("a preferred string is the witness of its class, and one exploration serves any preference", () => {
        const nfas = [globNfa("*Access*"), globNfa("*Denied")];
        const explored = exploreClasses(nfas);
        const fresh = stringClasses(nfas, ["AccessDenied", "example"]);
        const shared = stringClasses(nfas, ["AccessDenied", "example"], explored);
        assert.deepEqual(shared, fresh);
        assert.equal(shared.classes[0]?.witness, "AccessDenied");
        assert.deepEqual(shared.classes[0]?.accepts, [true, true]);
        assert.equal(shared.classes.length, 4);
        const other = stringClasses(nfas, [], explored);
        assert.deepEqual(new Set(other.classes.map((c) => c.accepts.join())), new Set(shared.classes.map((c) => c.accepts.join())));
    });
});
