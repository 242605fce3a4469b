// `npm test` re-executes every committed notebook in a fresh tslab kernel, one test each, and
// fails with the failing cell's number and error text, or with the first output that changed.
import { spawnSync } from "node:child_process";
import { basename, join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { checkNotebook, listNotebooks, NOTEBOOK_TIMEOUT_MS, root } from "../../scripts/notebooks-lib.mjs";

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
  test(
    `checkNotebook(${basename(path)}) runs every cell and reproduces the committed outputs`,
    async () => {
      const { ok, messages } = await checkNotebook(path);
      expect(messages.join("\n\n"), messages.join("\n\n")).toBe("");
      expect(ok).toBe(true);
    },
    NOTEBOOK_TIMEOUT_MS + 10_000,
  );
}
