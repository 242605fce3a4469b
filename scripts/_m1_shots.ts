import { launchChromium, startPreview } from "./site-browser.js";
const preview = await startPreview();
const chromium = await launchChromium();
try {
  for (const vp of [{ name: "desk", width: 1280, seg: 1400 }, { name: "phone", width: 390, seg: 1800 }]) {
    const context = await chromium.browser.newContext({ viewport: { width: vp.width, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${preview.url}/modules/01-monolith-decomposition.html`, { waitUntil: "networkidle" });
    await page.waitForFunction(() => [...document.querySelectorAll(".sim")].every((el) => el.getAttribute("data-status") !== "idle"));
    await page.waitForTimeout(1500);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(vp.name, "height", height, "horizontal overflow", overflow, "errors", errors);
    for (let y = 0, k = 0; y < height; y += vp.seg, k++) {
      await page.screenshot({ path: `/tmp/m1/shot-${vp.name}-${k}.png`, fullPage: true, clip: { x: 0, y, width: vp.width, height: Math.min(vp.seg, height - y) } });
    }
    await context.close();
  }
} finally {
  await chromium.close();
  preview.stop();
}
