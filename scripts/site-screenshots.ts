// `npm run site:screenshots`: a full-page PNG of the home page and each module page, at desktop
// and phone width, in .reports/screenshots/, plus one PNG per chart and diagram in
// .reports/screenshots/figures/ (full pages are too tall to read) — for a person to look at, not
// for assertions.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { builtPages, launchChromium, repoDir, startPreview } from "./site-browser.js";

const outDir = join(repoDir, ".reports", "screenshots");
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

mkdirSync(join(outDir, "figures"), { recursive: true });
const pages = builtPages().filter((p) => p === "/index.html" || p.startsWith("/modules/"));
const preview = await startPreview();
const chromium = await launchChromium();
try {
  for (const viewport of VIEWPORTS) {
    const context = await chromium.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(`${preview.url}${path}`, { waitUntil: "networkidle" });
      // Simulations and diagrams draw after mount; wait until each has settled.
      await page.waitForFunction(() =>
        [...document.querySelectorAll(".sim")].every((el) => el.getAttribute("data-status") !== "idle"),
      );
      await page.waitForTimeout(300);
      const file = join(
        outDir,
        `${path
          .replace(/^\//, "")
          .replace(/\.html$/, "")
          .replace(/\//g, "-")}-${viewport.name}.png`,
      );
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshot: ${file}`);
      const figures = page.locator(".sim-chart, .sim-diagram, .sim-timeline");
      const count = await figures.count();
      for (let i = 0; i < count; i++) {
        const figure = figures.nth(i);
        const name =
          (await figure.getAttribute("data-chart")) ?? (await figure.getAttribute("data-diagram")) ?? "figure";
        const shot = file
          .replace(/\.png$/, `-${String(i).padStart(2, "0")}-${name}.png`)
          .replace(outDir, join(outDir, "figures"));
        await figure.scrollIntoViewIfNeeded();
        await figure.screenshot({ path: shot });
      }
    }
    await context.close();
  }
} finally {
  await chromium.close();
  preview.stop();
}
