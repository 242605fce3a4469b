// `npm test` re-executes every committed notebook in a fresh tslab kernel, one test each, and
// fails with the failing cell's number and error text, or with the first output that changed.
import { spawnSync } from "node:child_process";
import { basename, join } from "node:path";
import { JSDOM } from "jsdom";
import { beforeAll, expect, test } from "vitest";
import { checkNotebook, listNotebooks, NOTEBOOK_TIMEOUT_MS, readNotebook, root } from "../../scripts/notebooks-lib.mjs";

beforeAll(() => {
  // Notebooks import the built sim-core (tslab cannot compile its sources), so build it first.
  const setup = spawnSync(process.execPath, [join(root, "scripts", "setup.mjs")], { cwd: root, encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`scripts/setup.mjs failed:\n${setup.stdout}\n${setup.stderr}`);
});

const notebooks = listNotebooks();

test("notebooks/ holds the module 0 notebook", () => {
  expect(notebooks.map((path) => basename(path))).toContain("00-simulation-basics.ipynb");
});

for (const path of notebooks) {
  const name = basename(path);

  test(
    `checkNotebook(${name}) runs every cell and reproduces the committed outputs`,
    async () => {
      const { ok, messages } = await checkNotebook(path);
      expect(messages.join("\n\n"), messages.join("\n\n")).toBe("");
      expect(ok).toBe(true);
    },
    NOTEBOOK_TIMEOUT_MS + 10_000,
  );

  test(`${name}: every committed SVG output is well-formed XML (viewers show it as an image)`, () => {
    const parser = new new JSDOM("").window.DOMParser();
    const broken: string[] = [];
    readNotebook(path).cells.forEach((cell, index) => {
      for (const output of (cell.outputs ?? []) as { data?: Record<string, string | string[]> }[]) {
        const svg = output.data?.["image/svg+xml"];
        if (svg === undefined) continue;
        const text = Array.isArray(svg) ? svg.join("") : svg;
        const doc = parser.parseFromString(text, "image/svg+xml");
        if (doc.querySelector("parsererror") !== null || doc.documentElement.tagName !== "svg") {
          broken.push(`cell ${index + 1}: ${doc.documentElement.textContent?.slice(0, 200)}`);
        }
      }
    });
    expect(broken).toEqual([]);
  });
}
