// The site build must fail, not ship a page without its content, when a page throws during
// server rendering (VitePress alone exits 0 then; the theme turns such errors fatal). A tiny
// probe site that reuses the real config and theme proves it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { repoDir } from "../../scripts/site-browser.js";

// The probe sits at the repository root because the config finds sim-core next to its site.
const probeDir = mkdtempSync(join(repoDir, ".site-probe-"));
const outDir = mkdtempSync(join(tmpdir(), "site-probe-dist-"));

afterAll(() => {
  rmSync(probeDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

function buildProbe(page: string): { status: number | null; output: string } {
  mkdirSync(join(probeDir, ".vitepress", "theme"), { recursive: true });
  writeFileSync(
    join(probeDir, ".vitepress", "config.ts"),
    'export { default } from "../../site/.vitepress/config.js";\n',
  );
  writeFileSync(
    join(probeDir, ".vitepress", "theme", "index.ts"),
    'export { default } from "../../../site/.vitepress/theme/index.js";\n',
  );
  writeFileSync(join(probeDir, "index.md"), page);
  const result = spawnSync(process.execPath, ["node_modules/vitepress/bin/vitepress.js", "build", probeDir], {
    cwd: repoDir,
    env: { ...process.env, SITE_OUT_DIR: outDir },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

test("vitepress build fails when a page throws during server rendering (an unknown scenario id)", () => {
  const { status, output } = buildProbe(
    '# Probe\n\nThe answer is <SimNumber scenario="noSuchScenario" metric="x" />.\n',
  );
  expect(output).toContain('unknown scenario "noSuchScenario"');
  expect(status).not.toBe(0);
}, 240_000);
