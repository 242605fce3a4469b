#!/usr/bin/env node
// Checks a notebook in real Jupyter, the way a learner sees it: opens it in headless Chromium
// against a running `npm run notebooks` server, runs every cell in the tslab kernel, and saves a
// full-page screenshot. Needs Debian's `chromium` (apt-get install -y chromium).
//
//   node scripts/notebooks-screenshot.mjs <server URL with ?token=…> <notebook.ipynb> <out.png> [width px]
//
// The width defaults to 1100 px; pass 1280 and 390 to see the notebook as on a laptop and a phone.
// A long notebook also gets `<out>-partN.png` slices.
// Prints how many cells ran, any error output the kernel produced, and any picture wider than its
// cell (cut off, or scrolled sideways); exits 1 on either.
import { basename } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./setup.mjs";

const [serverUrl, notebook, out = "notebook.png", widthArg = "1100"] = process.argv.slice(2);
const width = Number(widthArg);
if (!serverUrl || !notebook || !Number.isInteger(width) || width < 320) {
  console.error(
    "usage: node scripts/notebooks-screenshot.mjs <http://127.0.0.1:8888/?token=…> <notebook.ipynb> [out.png] [width px ≥ 320]",
  );
  process.exit(2);
}
const url = new URL(serverUrl);
const token = url.searchParams.get("token") ?? "";
const pageUrl = `${url.origin}/notebooks/${encodeURIComponent(basename(notebook))}?token=${token}`;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(pageUrl, { waitUntil: "networkidle" });
  await page.waitForFunction(() => globalThis.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 60_000 });
  // A fresh kernel, as a learner's first "Restart & Run All" (a session may outlive a rebuild).
  await page.evaluate(
    () =>
      new Promise((ready) => {
        globalThis.Jupyter.notebook.events.one("kernel_ready.Kernel", ready);
        globalThis.Jupyter.notebook.kernel.restart();
      }),
  );
  // Run all, then wait until no cell shows the busy prompt `In [*]`.
  await page.evaluate(() => globalThis.Jupyter.notebook.execute_all_cells());
  await page.waitForFunction(
    () => {
      const prompts = [...document.querySelectorAll(".input_prompt")].map((p) => p.textContent ?? "");
      return prompts.length > 0 && prompts.every((p) => !p.includes("*"));
    },
    null,
    { timeout: 120_000, polling: 500 },
  );
  const report = await page.evaluate(() => {
    const cells = globalThis.Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code");
    const errors = cells.flatMap((c, i) =>
      c.output_area.outputs
        .filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"))
        .map((o) => `code cell ${i + 1}: ${o.text ?? `${o.ename}: ${o.evalue}`}`),
    );
    const svgs = [...document.querySelectorAll(".output_subarea svg:not(svg svg)")];
    // A picture wider than its output area is cut off or needs a sideways scroll to read.
    const tooWide = svgs.flatMap((svg) => {
      const area = svg.closest(".output_subarea");
      const cell = svg.closest(".cell");
      const excessPx = Math.round(svg.getBoundingClientRect().width - (area?.clientWidth ?? Infinity));
      const index = [...document.querySelectorAll(".cell")].indexOf(cell);
      return excessPx > 1 ? [`cell ${index + 1}: a picture ${excessPx} px wider than its output area`] : [];
    });
    return {
      ran: cells.filter((c) => c.input_prompt_number !== null).length,
      total: cells.length,
      errors,
      pictures: svgs.length,
      tooWide,
    };
  });
  // Jupyter scrolls inside #site, so grow the window to the notebook's height to capture it all.
  const height = await page.evaluate(() => document.querySelector("#notebook")?.scrollHeight ?? 900);
  await page.setViewportSize({ width, height: Math.min(20_000, height + 200) });
  await page.screenshot({ path: out, fullPage: true });
  // Also slices of a long notebook, small enough to look at one by one.
  const SLICE_PX = 1400;
  for (let top = 0, part = 1; height > SLICE_PX && top < height + 200; top += SLICE_PX, part++) {
    const clip = { x: 0, y: top, width, height: Math.min(SLICE_PX, height + 200 - top) };
    await page.screenshot({ path: out.replace(/\.png$/, `-part${part}.png`), clip });
  }
  console.log(
    `${report.ran}/${report.total} code cells ran; ${report.pictures} SVG pictures on the page; screenshot: ${out}`,
  );
  for (const error of report.errors) console.log(error);
  for (const line of report.tooWide) console.log(line);
  failed = report.errors.length > 0 || report.tooWide.length > 0 || report.ran < report.total;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
