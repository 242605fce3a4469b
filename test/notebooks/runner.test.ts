// The notebook check itself must be able to fail: these tests run small fixture notebooks
// through the same runner `npm run notebooks:check` uses.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  checkNotebook,
  formatNotebook,
  normaliseMarkup,
  outputsWithNaN,
  readNotebook,
  root,
  updateNotebook,
} from "../../scripts/notebooks-lib.mjs";

const fixtures = join(root, "test", "notebooks", "fixtures");
// Scratch copies live inside the project so the kernel finds tslab in node_modules above them.
const scratch = join(root, ".reports", "notebook-fixtures");

function scratchCopy(name: string): string {
  mkdirSync(scratch, { recursive: true });
  const path = join(scratch, name);
  copyFileSync(join(fixtures, name), path);
  return path;
}

describe("notebook runner", () => {
  test("outputsWithNaN(notebook) names a cell whose output shows NaN, and passes clean ones", () => {
    const cell = (text: string) => ({
      cell_type: "code",
      source: [],
      outputs: [{ output_type: "display_data", data: { "text/html": [text] }, metadata: {} }],
    });
    const notebook = {
      cells: [
        { cell_type: "markdown", source: ["NaN in prose is fine"] },
        cell('<g transform="translate(4,NaN)">'),
        cell("ok 4"),
      ],
    };
    const messages = outputsWithNaN(notebook as never);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("cell 2: an output shows NaN");
  });

  test("checkNotebook(failing) names the failing cell by position and prompt, with its error text", async () => {
    const { ok, messages } = await checkNotebook(join(fixtures, "failing.ipynb"));
    expect(ok).toBe(false);
    expect(messages[0]).toContain("failing.ipynb failed at cell 4 (In [2])");
    expect(messages[0]).toContain("Error: the sky fell");
  });

  test("checkNotebook(type-error) reports the compiler's message for a cell that does not type-check", async () => {
    const { ok, messages } = await checkNotebook(join(fixtures, "type-error.ipynb"));
    expect(ok).toBe(false);
    expect(messages[0]).toContain("at cell 1 (In [1])");
    expect(messages[0]).toContain("Type 'number' is not assignable to type 'string'.");
  });

  test("updateNotebook then checkNotebook passes, and fails once a committed output is edited", async () => {
    const path = scratchCopy("passing.ipynb");
    expect(await updateNotebook(path)).toMatchObject({ ok: true, messages: [] });
    const updated = readNotebook(path);
    // Stream text, the last expression's value and a display_data SVG were all captured.
    expect(JSON.stringify(updated.cells[1]?.outputs)).toContain("x = 42");
    expect(JSON.stringify(updated.cells[2]?.outputs)).toContain("image/svg+xml");
    expect(await checkNotebook(path)).toMatchObject({ ok: true, messages: [] });

    const edited = JSON.parse(JSON.stringify(updated));
    edited.cells[1].outputs[0].text = ["x = 41\n", "41\n"];
    writeFileSync(path, formatNotebook(edited));
    const { ok, messages } = await checkNotebook(path);
    expect(ok).toBe(false);
    expect(messages[0]).toContain("passing.ipynb cell 2: outputs differ");
    expect(messages[0]).toContain("committed: x = 41");
    expect(messages[0]).toContain("now:       x = 42");
  });

  test("normaliseMarkup(svg) renames generated ids with their references and rounds decimals", () => {
    const a = '<svg id="m-1f"><marker id="m-1f-arrow"/><use href="#m-1f-arrow" x="3.14159"/></svg>';
    const b = '<svg id="m-77"><marker id="m-77-arrow"/><use href="#m-77-arrow" x="3.141592"/></svg>';
    expect(normaliseMarkup(a)).toBe('<svg id="id-1"><marker id="id-2"/><use href="#id-2" x="3.14"/></svg>');
    expect(normaliseMarkup(b)).toBe(normaliseMarkup(a));
    // A real change in a drawn value still shows.
    expect(normaliseMarkup(a.replace('x="3.14159"', 'x="3.5"'))).not.toBe(normaliseMarkup(a));
  });
});
