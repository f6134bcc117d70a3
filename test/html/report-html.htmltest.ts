/**
 * `trailwatch check --format html` in a real headless Chromium (Debian's
 * `chromium`, driven over the DevTools protocol by puppeteer-core): the
 * file loads with the network off, logs no console error, requests nothing
 * but itself, draws each chain, and its screenshot is not blank.
 *
 * Run with `npm run test:html` (it needs /usr/bin/chromium; .ci/run installs it).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PNG } from "pngjs";
import { runCli } from "../check/helpers";

const CHROMIUM = "/usr/bin/chromium";

type Puppeteer = typeof import("puppeteer-core");
type Browser = Awaited<ReturnType<Puppeteer["launch"]>>;

/** Distinct colours (quantized) and the share of pixels that are not the page's white. */
function inkOf(png: Buffer): { colours: number; ink: number } {
    const image = PNG.sync.read(png);
    const colours = new Set<number>();
    let ink = 0;
    for (let i = 0; i < image.data.length; i += 4) {
        const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
        colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
        if (r < 240 || g < 240 || b < 240) {
            ink += 1;
        }
    }
    return { colours: colours.size, ink: ink / (image.width * image.height) };
}

describe("check --format html in headless Chromium", function () {
    this.timeout(180_000);
    let browser: Browser;

    before(async function () {
        assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
        const { default: puppeteer } = await import("puppeteer-core");
        browser = await puppeteer.launch({
            executablePath: CHROMIUM,
            headless: true,
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    });

    after(async () => {
        await browser?.close();
    });

    for (const example of ["examples/non-compliant", "examples/weak-pattern"]) {
        it(`${example}: loads offline without console errors, draws the chain, and is not blank`, async () => {
            const run = await runCli(["check", example, "--format", "html"]);
            assert.equal(run.code, 1, run.stderr);
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trailwatch-html-")), "report.html");
            fs.writeFileSync(file, run.stdout);

            const page = await browser.newPage();
            const problems: string[] = [];
            const requested: string[] = [];
            page.on("console", (m) => {
                if (m.type() === "error" || m.type() === "warn") {
                    problems.push(`console ${m.type()}: ${m.text()}`);
                }
            });
            page.on("pageerror", (e) => problems.push(`page error: ${String(e)}`));
            page.on("request", (r) => requested.push(r.url()));
            page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
            await page.setOfflineMode(true);
            await page.setViewport({ width: 1200, height: 1000 });
            await page.goto(`file://${file}`, { waitUntil: "load" });

            assert.deepEqual(problems, []);
            assert.deepEqual(requested, [`file://${file}`], "the file asks for nothing else");
            const drawn = await page.$$eval("svg[role=img]", (svgs) => svgs.map((s) => s.getAttribute("aria-label") ?? ""));
            assert.equal(drawn.length, 1, "one drawing per chain");
            assert.match(drawn[0]!, /Metric filters broken for 4\.1–4\.15/);
            const rows = await page.$$eval("section table tbody tr th", (ths) => ths.map((t) => t.textContent));
            assert.deepEqual(rows, ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13", "4.14", "4.15"]);
            if (example.endsWith("weak-pattern")) {
                const missed = await page.$$eval("section pre", (pres) => pres.map((p) => p.textContent ?? ""));
                assert.ok(missed.some((t) => /"errorCode"/.test(t)), "the record the weak pattern misses is shown");
            }

            const { colours, ink } = inkOf(Buffer.from(await page.screenshot({ type: "png" })));
            assert.ok(colours >= 8, `a screenshot of ${colours} colours looks blank`);
            assert.ok(ink > 0.05, `only ${(ink * 100).toFixed(1)}% of the screenshot is drawn on`);
            await page.close();
        });
    }
});
