// `npm run site:speed`: for each Simulation on each page, how long Chromium takes from a control's
// change to the redrawn charts ("redraw"), and how much of that is the scenario's run ("run"),
// read from the component's performance measures. The goal is a median redraw of at most 50 ms
// on every module page's default scenario. A simulation that waits for a click (its run is long, as
// Kong's eight minutes of two regions) is not part of the page's default path: it is measured
// too and marked "on demand". Measures only; asserts nothing.
import { builtPages, launchChromium, startPreview } from "./site-browser.js";

const ROUNDS = Number(process.argv[2] ?? 10);
const preview = await startPreview();
const chromium = await launchChromium();
const rows: {
  page: string;
  key: string;
  onDemand: boolean;
  first: number;
  run: number;
  median: number;
  max: number;
  runs: number;
}[] = [];
const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? 0;
try {
  const page = await chromium.browser.newPage();
  // Module pages only: the target is their default scenarios (the scenarios page repeats them).
  for (const path of builtPages().filter((p) => p.startsWith("/modules/"))) {
    await page.goto(`${preview.url}${path}`, { waitUntil: "load" });
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".sim")].every((el) => el.getAttribute("data-status") !== "idle"),
    );
    const sims = await page.locator(".sim").evaluateAll((els) =>
      els.map((el) => ({
        key: el.getAttribute("data-key") ?? "",
        onDemand: el.getAttribute("data-status") === "waiting",
      })),
    );
    for (const { key, onDemand } of sims) {
      const seedBox = page.locator(`.sim[data-key="${key}"] input[name="seed"]`);
      const seed = await seedBox.inputValue();
      // Alternate between the default seed and another one: every change is a full re-run.
      for (let i = 0; i < ROUNDS; i++) {
        await seedBox.fill(i % 2 === 0 ? `${seed}1` : seed);
        await seedBox.press("Enter");
        await page.waitForFunction(([k, n]) => performance.getEntriesByName(`redraw:${k}`).length >= (n as number), [
          key,
          i + 1,
        ] as const);
      }
      const [runs, redraws] = await page.evaluate(
        (k) => [`sim:${k}`, `redraw:${k}`].map((name) => performance.getEntriesByName(name).map((m) => m.duration)),
        key,
      );
      const [first = 0, ...reruns] = runs ?? [];
      const sorted = (redraws ?? []).slice().sort((a, b) => a - b);
      rows.push({
        page: path,
        key,
        onDemand,
        first,
        run: median(reruns.slice().sort((a, b) => a - b)),
        median: median(sorted),
        max: sorted[sorted.length - 1] ?? 0,
        runs: sorted.length,
      });
    }
  }
} finally {
  await chromium.close();
  preview.stop();
}
console.log(
  "page | simulation | first run ms | median run ms | median change→redraw ms | max change→redraw ms | changes | runs",
);
for (const r of rows) {
  console.log(
    `${r.page} | ${r.key} | ${r.first.toFixed(1)} | ${r.run.toFixed(1)} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} | ${r.runs} | ${r.onDemand ? "on demand" : "with the page"}`,
  );
}
