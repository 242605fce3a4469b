// `npm run notebooks` without starting Jupyter: the kernel spec, the command line, the hints.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import {
  installHint,
  jupyterArgs,
  jupyterEnv,
  registerKernel,
  writeCustomStyle,
} from "../../scripts/notebooks-jupyter.mjs";

test("registerKernel(root) writes tslab's kernel spec inside the project, naming this Node and tslab", () => {
  const root = mkdtempSync(join(tmpdir(), "nb-kernel-"));
  try {
    const jupyterPath = registerKernel(root, "/opt/node/bin/node");
    expect(jupyterPath).toBe(join(root, ".jupyter", "share", "jupyter"));
    const spec = JSON.parse(readFileSync(join(jupyterPath, "kernels", "tslab", "kernel.json"), "utf8"));
    expect(spec).toEqual({
      argv: [
        "/opt/node/bin/node",
        join(root, "node_modules/tslab/bin/tslab"),
        "kernel",
        "--config-path",
        "{connection_file}",
      ],
      display_name: "TypeScript",
      language: "typescript",
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("jupyterArgs(o) listens on 127.0.0.1 only, never moves port, and adds --allow-root only for root", () => {
  const args = jupyterArgs({ root: "/r", port: "8899", token: "t0k", isRoot: false });
  expect(args).toEqual(
    expect.arrayContaining(["--ip=127.0.0.1", "--port=8899", "--notebook-dir=/r/notebooks", "--NotebookApp.token=t0k"]),
  );
  expect(args).toContain("--NotebookApp.port_retries=0");
  expect(args).not.toContain("--allow-root");
  expect(jupyterArgs({ root: "/r", port: "8899", token: "t0k", isRoot: true })).toContain("--allow-root");
});

test("writeCustomStyle(root) lets Notebook 6 scale a picture down to its cell, and jupyterArgs serves it", () => {
  const root = mkdtempSync(join(tmpdir(), "nb-style-"));
  try {
    const customDir = writeCustomStyle(root);
    expect(customDir).toBe(join(root, ".jupyter", "custom"));
    // Notebook 6 puts each SVG in a div as wide as the SVG: that div must be allowed to shrink.
    expect(readFileSync(join(customDir, "custom.css"), "utf8")).toMatch(/div\.output_svg > div \{ max-width: 100%/);
    expect(readFileSync(join(customDir, "custom.js"), "utf8")).toMatch(/^\/\//);
    const args = jupyterArgs({ root, port: "8899", token: "t", isRoot: false, customDir });
    expect(args).toContain(`--NotebookApp.tornado_settings=static_custom_path=${customDir}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("jupyterEnv(root) puts the project's kernels first on JUPYTER_PATH and keeps the user's", () => {
  const env = jupyterEnv("/r", "/r/.jupyter/share/jupyter", { JUPYTER_PATH: "/home/u/kernels", HOME: "/home/u" });
  expect(env.JUPYTER_PATH).toBe("/r/.jupyter/share/jupyter:/home/u/kernels");
  expect(env.JUPYTER_RUNTIME_DIR).toBe("/r/.jupyter/runtime");
  expect(env.HOME).toBe("/home/u");
});

test("installHint(system) leads with the command for the user's system, pip as the fallback", () => {
  expect(installHint({ platform: "darwin", hasApt: false })).toContain("  brew install jupyterlab\n");
  expect(installHint({ platform: "linux", hasApt: true }).split("\n")[1]).toContain("sudo apt-get install");
  expect(installHint({ platform: "linux", hasApt: false }).split("\n")[1]).toBe(
    "  python3 -m pip install --user notebook",
  );
});
