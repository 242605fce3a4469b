// The time-travel player in a real Chromium, on every module page that has one: the scrubber
// moves the time, play advances it, step goes to the next event, the charts' cursor follows, and
// what the page shows at each moment is what sim-core's replay model says in Node.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { builtModules, getScenario, MODULES, modulePaths, recordReplay, replayStateAt, replayStepTime } from "sim-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { builtPages, type Chromium, launchChromium, type Preview, startPreview } from "../../scripts/site-browser.js";
import { parseSeed } from "../../site/.vitepress/theme/url-state.js";

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

/** Every player on every built module page: [page path, the Simulation key it replays]. */
function players(): [string, string][] {
  return builtPages(outDir)
    .filter((p) => p.startsWith("/modules/"))
    .flatMap((path) => {
      const html = readFileSync(join(outDir, path), "utf8");
      return [...html.matchAll(/class="tt"[^>]*data-sim="([^"]+)"/g)].map(
        (m) => [path, m[1] as string] as [string, string],
      );
    });
}

async function open(path: string, key: string, width = 1280): Promise<{ page: Page; tt: Locator; problems: string[] }> {
  const context = await chromium.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("close", () => {
    context.close().catch(() => {});
  });
  await page.goto(`${preview.url}${path}`, { waitUntil: "load" });
  const tt = page.locator(`.tt[data-sim="${key}"]`);
  await expect.poll(async () => Number(await tt.getAttribute("data-end-us")), { timeout: 20_000 }).toBeGreaterThan(0);
  return { page, tt, problems };
}

async function number(tt: Locator, attribute: string): Promise<number> {
  return Number(await tt.getAttribute(attribute));
}

/** The node states the page draws, by node id. */
async function shownStates(tt: Locator): Promise<Record<string, { queued: number; busy: number; status: string }>> {
  return tt.evaluate((el) =>
    Object.fromEntries(
      [...el.querySelectorAll("g[data-node]")].map((g) => [
        g.getAttribute("data-node"),
        {
          queued: Number(g.getAttribute("data-queued")),
          busy: Number(g.getAttribute("data-busy")),
          status: g.getAttribute("data-status"),
        },
      ]),
    ),
  );
}

/** sim-core's replay of the run the player shows, with the player's exact window, in Node. */
async function model(tt: Locator) {
  const scenario = getScenario((await tt.getAttribute("data-scenario")) as string);
  const params = JSON.parse((await tt.getAttribute("data-params")) as string);
  const seed = parseSeed((await tt.getAttribute("data-seed")) as string);
  const fromMs = (await number(tt, "data-window-from-us")) / 1000;
  return recordReplay(scenario, params, seed, { fromMs }).replay;
}

/** Expects the page to show, at its current time, the states the model gives for that time. */
async function expectModelState(tt: Locator): Promise<number> {
  const t = await number(tt, "data-time-us");
  const replay = await model(tt);
  const expected = replayStateAt(replay, t);
  const byId = Object.fromEntries(replay.nodes.map((n, i) => [n.id, expected.nodes[i]]));
  expect({ t, states: await shownStates(tt) }).toEqual({ t, states: byId });
  expect(await tt.getAttribute("data-exact")).toBe(String(expected.exact));
  return t;
}

describe("TimeTravel component", () => {
  // Issue 13: every module, those added later included, can be watched in time.
  test("players() finds a player on the page of every built module of the course registry", () => {
    const pages = new Set(players().map(([path]) => path));
    const modules = builtModules(MODULES).map((m) => `${modulePaths(m).link}.html`);
    expect(modules.length).toBeGreaterThan(4);
    expect(modules.filter((page) => !pages.has(page))).toEqual([]);
  });

  test("each player replays the page's own run: step, scrub and play show the model's state at each time", async () => {
    for (const [path, key] of players()) {
      const { page, tt, problems } = await open(path, key);
      expect({ path, same: await tt.getAttribute("data-same-run") }).toEqual({ path, same: "true" });
      await expectModelState(tt);

      // Step goes to the next event the model knows, three times.
      for (let i = 0; i < 3; i++) {
        const before = await number(tt, "data-time-us");
        const next = replayStepTime(await model(tt), before, 1);
        await tt.locator('[data-action="step"]').click();
        await expect.poll(() => number(tt, "data-time-us")).toBe(next);
        expect(next).toBeGreaterThan(before);
        await expectModelState(tt);
      }

      // The scrubber moves the time; once the hand rests the exact window covers it.
      const end = await number(tt, "data-end-us");
      const target = Math.round(end * 0.45);
      await tt.locator(".tt-range").fill(String(target));
      await expect.poll(() => number(tt, "data-time-us")).toBe(target);
      await expect.poll(() => tt.getAttribute("data-exact")).toBe("true");
      await expectModelState(tt);
      // The charts' time cursor follows, on every chart of this simulation with a time axis
      // (module 1's charts are by request type and cut: none has one).
      const timeCharts = await page.locator(`.sim[data-key="${key}"] .sim-chart[data-time-axis="true"]`).count();
      const cursor = page.locator(`.sim[data-key="${key}"] .sim-time-cursor`);
      expect({ path, timeCharts, cursors: await cursor.count() }).toEqual({ path, timeCharts, cursors: timeCharts });
      if (timeCharts > 0) {
        const xBefore = await cursor.first().getAttribute("x1");
        await tt.locator(".tt-range").fill(String(Math.round(end * 0.2)));
        await expect.poll(() => cursor.first().getAttribute("x1")).not.toBe(xBefore);
      }

      // Play advances virtual time; pause stops it where the model agrees.
      const fromUs = await number(tt, "data-time-us");
      await tt.locator('[data-action="play"]').click();
      await expect.poll(() => number(tt, "data-time-us")).toBeGreaterThan(fromUs);
      await tt.locator('[data-action="pause"]').click();
      await expect.poll(() => tt.getAttribute("data-playing")).toBe("false");
      const pausedAt = await expectModelState(tt);
      await expect.poll(() => new URL(page.url()).searchParams.get(`at.${key}`)).toBe(String(pausedAt / 1000));
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 500_000); // A limit for a slow, loaded machine (five pages), not a speed check.

  test("a copied link opens the player at the same moment, showing the same state", async () => {
    const [path, key] = players()[0] as [string, string];
    const first = await open(path, key);
    const end = await number(first.tt, "data-end-us");
    await first.tt.locator(".tt-range").fill(String(Math.round(end * 0.3)));
    await expect.poll(() => first.page.url()).toContain(`at.${key}=`);
    const url = new URL(first.page.url());
    const states = await shownStates(first.tt);
    const time = await number(first.tt, "data-time-us");
    await first.page.close();
    const again = await open(`${url.pathname}${url.search}`, key);
    expect(await number(again.tt, "data-time-us")).toBe(time);
    expect(await shownStates(again.tt)).toEqual(states);
    await again.page.close();
  }, 120_000);

  test("at phone width the player fits its column", async () => {
    for (const [path, key] of players()) {
      const { page, tt } = await open(path, key, 390);
      const overflow = await tt.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const svg = el.querySelector("svg.replay-view")?.getBoundingClientRect();
        return {
          svgPastRightPx: svg === undefined ? "no svg" : Math.max(0, Math.round(svg.right - box.right)),
          pagePx: document.documentElement.scrollWidth - innerWidth,
        };
      });
      expect({ path, overflow }).toEqual({ path, overflow: { svgPastRightPx: 0, pagePx: 0 } });
      await page.close();
    }
  }, 120_000);
});
