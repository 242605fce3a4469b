// The course site in a real Chromium, against `vitepress preview` of a fresh build. These tests
// are the project's proof that a seed gives the same run in the browser as in Node.

import type { Page } from "playwright-core";
import type { ParamSpec, ScenarioResultBase } from "sim-core";
import { chaosExperiment, getScenario, scenarios } from "sim-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { builtPages, type Chromium, launchChromium, type Preview, startPreview } from "../../scripts/site-browser.js";
import { formatSimNumber } from "../../site/.vitepress/theme/format.js";
import { diagramLabelProblems } from "./figure-labels.js";

// Built once for the whole site project by built-site.setup.ts.
const outDir = inject("siteDistDir");
let preview: Preview;
let chromium: Chromium;

beforeAll(async () => {
  preview = await startPreview(outDir);
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  preview?.stop();
});

function pages(): string[] {
  return builtPages(outDir);
}

interface Visit {
  page: Page;
  problems: string[];
  external: string[];
}

/** Opens a site path and records console errors, page errors, failed loads and off-machine requests. */
async function visit(
  path: string,
  {
    viewport = { width: 1280, height: 900 },
    idle = false,
  }: { viewport?: { width: number; height: number }; idle?: boolean } = {},
): Promise<Visit> {
  const context = await chromium.browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  const external: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== "127.0.0.1") external.push(r.url());
  });
  // Closing the page closes its context; when afterAll shuts the whole browser first, that
  // context is already gone and close() rejects, which must not surface as an unhandled rejection.
  page.on("close", () => {
    context.close().catch(() => {});
  });
  // "networkidle" also catches requests made late (lazy chunks, fonts); it costs half a second.
  await page.goto(`${preview.url}${path}`, { waitUntil: idle ? "networkidle" : "load" });
  await settled(page);
  return { page, problems, external };
}

/** Waits until every simulation has run and every diagram has drawn (or shown an error). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll(".sim")].every((el) => el.getAttribute("data-status") !== "idle") &&
      [...document.querySelectorAll(".sim-diagram")].every((el) => el.querySelector("svg, .sim-error")),
    undefined,
    { timeout: 20_000 },
  );
}

function fingerprintOf(page: Page, key: string): Promise<string | null> {
  return page.locator(`.sim[data-key="${key}"]`).getAttribute("data-fingerprint");
}

/** A valid value different from the default for the first control of a scenario, for URL tests. */
function changedParam(params: Readonly<Record<string, ParamSpec>>): [string, string | number | boolean] | undefined {
  for (const [name, spec] of Object.entries(params)) {
    if (spec.kind === "boolean") return [name, !spec.default];
    if (spec.kind === "choice") {
      const other = spec.options.find((o) => o !== spec.default);
      if (other !== undefined) return [name, other];
    }
    if (spec.kind === "number") {
      const step = spec.integer ? Math.max(1, Math.round(spec.step)) : spec.step;
      const up = spec.default + step;
      const down = spec.default - step;
      if (up <= spec.max) return [name, up];
      if (down > spec.min || (down === spec.min && !spec.minExclusive)) return [name, down];
    }
  }
  return undefined;
}

/** Flowchart text drawn smaller than this (font size times the drawing's scale) is not readable. */
const MIN_DIAGRAM_TEXT_PX = 9;

/**
 * What is wrong with a page's figures as drawn: a chart or diagram wider than its figure or its
 * column, a figure that scrolls sideways, an axis whose tick labels overlap, a diagram shrunk
 * until its text is unreadable. Also counts them.
 */
function figureProblems(page: Page): Promise<{ out: string[]; count: number }> {
  return page.evaluate((minTextPx) => {
    const out: string[] = [];
    const svgs = [...document.querySelectorAll(".sim-chart svg, .sim-diagram svg, div.mermaid svg")].filter(
      // Plot's legend swatches are small SVGs inside the chart; the chart's own SVG is checked.
      (svg) => !svg.closest("svg:not(:scope)") && svg.getBoundingClientRect().width > 0,
    );
    const column = document.querySelector(".vp-doc, .VPHome")?.getBoundingClientRect();
    for (const svg of svgs) {
      const figure = svg.closest(".sim-chart, .sim-diagram, div.mermaid") as HTMLElement;
      const name = figure.getAttribute("data-chart") ?? figure.getAttribute("data-diagram") ?? "mermaid";
      const box = svg.getBoundingClientRect();
      const frame = figure.getBoundingClientRect();
      // Cut off: wider than its figure, a figure that scrolls sideways, or past the column.
      if (box.width > frame.width + 1)
        out.push(`${name}: ${Math.round(box.width)} px in a ${Math.round(frame.width)} px figure`);
      for (const el of [figure, ...figure.querySelectorAll<HTMLElement>("*")]) {
        if (
          el instanceof HTMLElement &&
          el.scrollWidth > el.clientWidth + 1 &&
          getComputedStyle(el).overflowX !== "visible"
        ) {
          out.push(`${name}: scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px)`);
          break;
        }
      }
      if (column && frame.right > column.right + 1)
        out.push(`${name}: ends ${Math.round(frame.right - column.right)} px past the column`);
      // A flowchart fits by scaling its whole drawing down, labels included (MermaidView lays a
      // wide one out again to keep them readable). Sequence diagrams are not checked yet: the
      // request trace on the scenarios page is drawn at about 6 px on a phone.
      const flowchart = svg.getAttribute("aria-roledescription")?.startsWith("flowchart") === true;
      const label =
        figure.classList.contains("sim-diagram") && flowchart ? svg.querySelector(".nodeLabel, text") : null;
      const viewBox = (svg as SVGSVGElement).viewBox.baseVal;
      if (label && viewBox.width > 0) {
        const textPx = (Number.parseFloat(getComputedStyle(label).fontSize) * box.width) / viewBox.width;
        if (textPx < minTextPx) out.push(`${name}: text drawn at ${textPx.toFixed(1)} px`);
      }
      for (const axis of svg.querySelectorAll('g[aria-label$="-axis tick label"]')) {
        const horizontal = /^f?x-axis/.test(axis.getAttribute("aria-label") ?? "");
        const boxes = [...axis.querySelectorAll("text")]
          .map((t) => t.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .sort((a, b) => (horizontal ? a.left - b.left : a.top - b.top));
        for (let i = 1; i < boxes.length; i++) {
          const [a, b] = [boxes[i - 1] as DOMRect, boxes[i] as DOMRect];
          const overlap = horizontal ? a.right - b.left : a.bottom - b.top;
          if (overlap > 0.5) {
            out.push(`${name}: ${axis.getAttribute("aria-label")} labels overlap by ${overlap.toFixed(1)} px`);
            break;
          }
        }
      }
    }
    return { out, count: svgs.length };
  }, MIN_DIAGRAM_TEXT_PX);
}

describe("every page", () => {
  test("builtPages(outDir) lists the home page, module 0 and the reference pages", () => {
    const built = pages();
    for (const path of [
      "/index.html",
      "/modules/00-simulation-basics.html",
      "/reference/api.html",
      "/reference/defaults.html",
    ]) {
      expect(built).toContain(path);
    }
  });

  test("each page has content, loads without console errors or off-machine requests, and draws every chart and diagram as SVG", async () => {
    const report: { path: string; problems: string[]; external: string[]; missingSvg: number; empty: boolean }[] = [];
    let charts = 0;
    let diagrams = 0;
    for (const path of pages()) {
      const { page, problems, external } = await visit(path, { idle: true });
      const counts = await page.evaluate(() => {
        const figures = [...document.querySelectorAll(".sim-chart, .sim-diagram, div.mermaid")];
        const drawn = figures.filter((el) => el.querySelector("svg") && !el.querySelector(".sim-error"));
        return {
          // Generated pages (API, defaults, labs) once rendered empty; every page has a title and text.
          headings: document.querySelectorAll(".vp-doc h1, .VPHero .name").length,
          textLength: (document.querySelector(".vp-doc, .VPHome")?.textContent ?? "").trim().length,
          figures: figures.length,
          drawn: drawn.length,
          charts: document.querySelectorAll(".sim-chart svg").length,
          diagrams: document.querySelectorAll(".sim-diagram svg, div.mermaid svg").length,
        };
      });
      charts += counts.charts;
      diagrams += counts.diagrams;
      const empty = counts.headings === 0 || counts.textLength < 200;
      report.push({ path, problems, external, missingSvg: counts.figures - counts.drawn, empty });
      await page.close();
    }
    expect(report.filter((r) => r.problems.length > 0 || r.external.length > 0 || r.missingSvg > 0 || r.empty)).toEqual(
      [],
    );
    // Module 0 alone draws several charts, and the scenarios page draws every scenario's
    // diagrams; none would mean the check looked at nothing.
    expect(charts).toBeGreaterThan(3);
    expect(diagrams).toBeGreaterThan(0);
  }, 300_000); // A limit for a slow, loaded machine (every page of the site), not a speed check.

  test("every chart and diagram fits its column at 1280 and 390 px, no axis has overlapping tick labels, and no flowchart label spills out of its shape", async () => {
    const problems: string[] = [];
    let figures = 0;
    let nodes = 0;
    for (const width of [1280, 390]) {
      for (const path of pages()) {
        const { page } = await visit(path, { viewport: { width, height: 900 } });
        const found = await figureProblems(page);
        const labels = await diagramLabelProblems(page);
        figures += found.count;
        nodes += labels.nodes;
        for (const p of [...found.out, ...labels.out]) problems.push(`${path} at ${width} px: ${p}`);
        await page.close();
      }
    }
    expect(problems).toEqual([]);
    // Modules 0, 3 and 5 draw about twenty figures at each width; none would mean nothing was checked.
    expect(figures).toBeGreaterThan(20);
    // Module 0's two flowcharts alone have a dozen nodes.
    expect(nodes).toBeGreaterThan(12);
  }, 600_000); // A limit for a slow, loaded machine (every page, twice), not a speed check.

  test("figureProblems(page) reports a figure wider than its column and overlapping tick labels", async () => {
    const { page } = await visit("/modules/00-simulation-basics.html", { viewport: { width: 390, height: 900 } });
    expect((await figureProblems(page)).out).toEqual([]);
    // Break one chart on purpose: the check that passes every page must see both faults.
    await page.evaluate(() => {
      // The chart's own SVG (a legend's swatches are SVGs too, and come first).
      const svg = [...document.querySelectorAll<SVGSVGElement>(".sim-chart svg")].find((el) =>
        el.querySelector('g[aria-label="x-axis tick label"]'),
      ) as SVGSVGElement;
      svg.style.maxWidth = "none";
      svg.setAttribute("width", "2000");
      const labels = svg.querySelectorAll('g[aria-label="x-axis tick label"] text');
      const [first, second] = [labels[0], labels[1]];
      if (first && second) second.setAttribute("transform", first.getAttribute("transform") ?? "");
      // And shrink a diagram to a thumbnail, as a wide call graph was on a phone.
      const diagram = document.querySelector<SVGSVGElement>(".sim-diagram svg") as SVGSVGElement;
      diagram.style.maxWidth = "60px";
    });
    const { out } = await figureProblems(page);
    expect(out.some((p) => /px in a \d+ px figure/.test(p))).toBe(true);
    expect(out.some((p) => p.includes("x-axis tick label labels overlap"))).toBe(true);
    expect(out.some((p) => /text drawn at [\d.]+ px/.test(p))).toBe(true);
    await page.close();
  });

  test("diagramLabelProblems(page) reports a label that crosses its node's outline, and only that one", async () => {
    const { page } = await visit("/modules/00-simulation-basics.html", { viewport: { width: 390, height: 900 } });
    expect((await diagramLabelProblems(page)).out).toEqual([]);
    // Push one label 30 px to the right: its text now crosses the right edge of its own shape.
    const moved = await page.evaluate(() => {
      const label = document.querySelector<SVGGElement>(".sim-diagram svg g.node > .label") as SVGGElement;
      label.setAttribute("transform", `translate(30, 0) ${label.getAttribute("transform") ?? ""}`);
      return (label.textContent ?? "").replace(/\s+/g, " ").trim();
    });
    const { out } = await diagramLabelProblems(page);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(`node "${moved}" ends`);
    await page.close();
  });

  test("module pages fit a phone's width (no sideways scrolling)", async () => {
    for (const path of pages().filter((p) => p.startsWith("/modules/") || p === "/index.html")) {
      const { page } = await visit(path, { viewport: { width: 390, height: 844 } });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      await page.close();
    }
  }, 120_000);
});

describe("Simulation component", () => {
  test("moving a control re-runs the scenario and changes the chart and the fingerprint", async () => {
    const { page } = await visit("/modules/00-simulation-basics.html");
    const sim = page.locator('.sim[data-key="queueing"]');
    const charts = sim.locator(".sim-charts");
    const before = { fingerprint: await fingerprintOf(page, "queueing"), svg: await charts.innerHTML() };
    await sim.locator('input[type="range"][name="arrivalRatePerS"]').fill("60");
    await expect.poll(() => fingerprintOf(page, "queueing")).not.toBe(before.fingerprint);
    expect(await charts.innerHTML()).not.toBe(before.svg);
    expect(page.url()).toContain("queueing.arrivalRatePerS=60");
    await page.close();
  });

  test("a copied URL replays the same run: same controls, same fingerprint", async () => {
    const { page } = await visit("/modules/00-simulation-basics.html");
    const sim = page.locator('.sim[data-key="fanOut"]');
    await sim.locator('input[type="range"][name="leaves"]').fill("50");
    await sim.locator('input[name="seed"]').fill("1234");
    await sim.locator('input[name="seed"]').press("Enter");
    await expect.poll(() => page.url()).toContain("fanOut.seed=1234");
    await settled(page);
    const fingerprint = await fingerprintOf(page, "fanOut");
    const shared = page.url();
    await page.close();

    const context = await chromium.browser.newContext();
    const other = await context.newPage();
    await other.goto(shared, { waitUntil: "networkidle" });
    await settled(other);
    expect(await fingerprintOf(other, "fanOut")).toBe(fingerprint);
    expect(await other.locator('.sim[data-key="fanOut"] input[name="leaves"]').inputValue()).toBe("50");
    // And Node agrees with both.
    expect(fingerprint).toBe(scenarios.fanOut.run({ leaves: 50, seed: 1234 }).fingerprint);
    await context.close();
  });

  test("a bad value from a URL is reported with the scenario's own error, not run", async () => {
    const { page, problems } = await visit("/modules/00-simulation-basics.html?fanOut.leaves=-3");
    const sim = page.locator('.sim[data-key="fanOut"]');
    expect(await sim.getAttribute("data-status")).toBe("error");
    expect(await sim.locator(".sim-error").textContent()).toContain("fanOut.leaves");
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("same seed, same run in Node and in Chromium", () => {
  // Two runs of every registered scenario: its defaults, and seed 7 with one control changed.
  // The scenarios page holds every scenario, each under its own URL prefix, so one visit per
  // set loads them all.
  const sets = [
    Object.values(scenarios).map((s) => ({ id: s.id, seed: s.defaultSeed, params: {} as Record<string, unknown> })),
    Object.values(scenarios).map((s) => {
      const change = changedParam(s.params);
      return {
        id: s.id,
        seed: 7 as number | string,
        params: (change ? { [change[0]]: change[1] } : {}) as Record<string, unknown>,
      };
    }),
    // Two regions take code paths no default run does (edge routing by home region, a registry
    // per region, spares started mid-run, a plan asked after every bin): Chaos Kong's preset.
    [
      {
        id: "chaosExperiment",
        seed: 2 as number | string,
        params: { ...chaosExperiment.presets.kongNoReady } as Record<string, unknown>,
      },
    ],
  ];
  const shown = new Map<string, string | null>();
  const problemsBySet: string[][] = [];

  beforeAll(async () => {
    for (const [index, set] of sets.entries()) {
      const query = new URLSearchParams();
      for (const c of set) {
        query.set(`${c.id}.seed`, String(c.seed));
        for (const [name, value] of Object.entries(c.params)) query.set(`${c.id}.${name}`, String(value));
      }
      const { page, problems } = await visit(`/reference/scenarios.html?${query}`);
      for (const c of set) shown.set(`${index}:${c.id}`, await fingerprintOf(page, c.id));
      problemsBySet.push(problems);
      await page.close();
    }
  });

  const cases = sets.flatMap((set, index) => set.map((c) => ({ ...c, index })));
  test.each(cases)("scenario $id with seed $seed and $params gives Node's fingerprint in Chromium", (c) => {
    const scenario = getScenario(c.id);
    const expected = (scenario.run({ ...c.params, seed: c.seed }) as ScenarioResultBase).fingerprint;
    expect(shown.get(`${c.index}:${c.id}`)).toBe(expected);
  });

  test("the scenarios page runs every registered scenario without errors", async () => {
    expect(problemsBySet).toEqual(sets.map(() => []));
    const { page } = await visit("/reference/scenarios.html");
    const keys = await page.locator(".sim").evaluateAll((els) => els.map((el) => el.getAttribute("data-scenario")));
    expect(keys).toEqual(Object.keys(scenarios));
    await page.close();
  });
});

describe("SimNumber component", () => {
  interface Shown {
    path: string;
    text: string;
    inputs: {
      scenario: string;
      metric: string;
      params: Record<string, unknown>;
      seed: number | string | null;
      digits: number;
      scale: number;
    };
  }

  /** The number at a dot path of a result, read here independently of the site's own helper. */
  function valueAt(result: unknown, path: string): unknown {
    return path.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], result);
  }

  test("every number quoted in a page's prose equals the same run in Node, and counts are exact", async () => {
    const shown: Shown[] = [];
    for (const path of pages()) {
      const { page } = await visit(path);
      const rows = await page
        .locator(".sim-value")
        .evaluateAll((els) =>
          els.map((el) => ({ text: el.textContent ?? "", inputs: el.getAttribute("data-inputs") ?? "{}" })),
        );
      for (const row of rows) shown.push({ path, text: row.text, inputs: JSON.parse(row.inputs) });
      await page.close();
    }
    // Modules 0, 3 and 5 quote dozens of numbers; none found would mean the check looked at nothing.
    expect(shown.length).toBeGreaterThan(20);
    const wrong: { path: string; metric: string; shown: string; node: string }[] = [];
    for (const { path, text, inputs } of shown) {
      // An unknown id throws, naming the known ones.
      const scenario = getScenario(inputs.scenario);
      const result = scenario.run({ ...inputs.params, seed: inputs.seed ?? scenario.defaultSeed });
      const value = valueAt(result, inputs.metric);
      if (typeof value !== "number") throw new Error(`${inputs.metric} is not a number on ${path}`);
      // A count (an integer quoted unscaled) must read exactly as Node prints it.
      const node =
        Number.isInteger(value) && inputs.scale === 1
          ? value.toLocaleString("en-US")
          : formatSimNumber(value * inputs.scale, inputs.digits);
      if (text !== node) wrong.push({ path, metric: inputs.metric, shown: text, node });
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});

describe("Predict component", () => {
  test("reveals the simulator's number only after a guess, next to the guess", async () => {
    const { page } = await visit("/modules/00-simulation-basics.html");
    const predict = page.locator('.predict[data-metric="responseMs.p99"]').first();
    const button = predict.locator("button");
    expect(await button.isDisabled()).toBe(true);
    expect(await predict.locator(".predict-actual").count()).toBe(0);
    await predict.locator("input").fill("120");
    await button.click();
    const actual = await predict.locator(".predict-actual").textContent();
    const p99 = scenarios.queueing.run({});
    expect(actual).toBe(p99.responseMs.p99.toLocaleString("en-US", { maximumSignificantDigits: 4 }));
    expect(await predict.locator(".predict-answer").textContent()).toContain("120");
    await page.close();
  });
});

describe("local search", () => {
  test("the search box finds module 0 from a word on its page, with no request leaving the machine", async () => {
    const { page, problems, external } = await visit("/index.html");
    await page.locator(".VPNavBarSearch .DocSearch-Button").click();
    await page.locator(".VPLocalSearchBox .search-input").fill("Little's law");
    const results = page.locator(".VPLocalSearchBox .results a.result");
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.some((href) => href.includes("/modules/00-simulation-basics"))).toBe(true);
    expect({ problems, external }).toEqual({ problems: [], external: [] });
    await page.close();
  });
});
