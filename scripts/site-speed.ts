// `node scripts/site.mjs speed`: how long each Simulation takes to recompute its scenario in
// Chromium, read from the component's performance marks. Measures only; asserts nothing.
import { builtPages, launchChromium, startPreview } from "./site-browser.js";

const ROUNDS = Number(process.argv[2] ?? 10);
const preview = await startPreview();
const chromium = await launchChromium();
const rows: { page: string; key: string; first: number; median: number; max: number; runs: number }[] = [];
try {
  const page = await chromium.browser.newPage();
  for (const path of builtPages()) {
    await page.goto(`${preview.url}${path}`, { waitUntil: "load" });
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".sim")].every((el) => el.getAttribute("data-status") !== "idle"),
    );
    const keys = await page.locator(".sim").evaluateAll((els) => els.map((el) => el.getAttribute("data-key") ?? ""));
    for (const key of keys) {
      const seedBox = page.locator(`.sim[data-key="${key}"] input[name="seed"]`);
      const seed = await seedBox.inputValue();
      // Alternate between the default seed and another one: every change is a full re-run.
      for (let i = 0; i < ROUNDS; i++) {
        await seedBox.fill(i % 2 === 0 ? `${seed}1` : seed);
        await seedBox.press("Enter");
        await page.waitForFunction(([k, n]) => performance.getEntriesByName(`sim:${k}`).length >= (n as number), [
          key,
          i + 2,
        ] as const);
      }
      const durations = await page.evaluate(
        (k) => performance.getEntriesByName(`sim:${k}`).map((m) => m.duration),
        key,
      );
      const [first = 0, ...reruns] = durations;
      const sorted = reruns.slice().sort((a, b) => a - b);
      rows.push({
        page: path,
        key,
        first,
        median: sorted[Math.floor(sorted.length / 2)] ?? 0,
        max: sorted[sorted.length - 1] ?? 0,
        runs: reruns.length,
      });
    }
  }
} finally {
  await chromium.close();
  preview.stop();
}
console.log("page | simulation | first run ms | median re-run ms | max re-run ms | re-runs");
for (const r of rows) {
  console.log(
    `${r.page} | ${r.key} | ${r.first.toFixed(1)} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} | ${r.runs}`,
  );
}
