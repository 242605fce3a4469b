// How `npm run notebooks` talks to Jupyter: the kernel spec it registers inside the project, the
// server's command line and environment, and what to tell a user who has no Jupyter.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Install commands by system, most likely first; pip works wherever Python 3 does. */
const INSTALL = {
  apt: "sudo apt-get install -y --no-install-recommends jupyter-notebook python3-ipython",
  brew: "brew install jupyterlab",
  pip: "python3 -m pip install --user notebook",
};

/**
 * The message for a machine without Jupyter: the command for this system first, pip after.
 * @example installHint({ platform: "darwin", hasApt: false }).split("\n")[1] // '  brew install jupyterlab'
 */
export function installHint({ platform, hasApt }) {
  const first = platform === "darwin" ? INSTALL.brew : hasApt ? INSTALL.apt : null;
  const commands = first === null ? [INSTALL.pip] : [first, `or, with Python 3: ${INSTALL.pip}`];
  return [
    "Jupyter is not installed. Install it with:",
    ...commands.map((c) => `  ${c}`),
    "then run `npm run notebooks` again.",
  ].join("\n");
}

/**
 * Writes tslab's kernel spec under `<root>/.jupyter/share/jupyter/kernels/tslab/`, not in the
 * user's home, and returns the folder to put on JUPYTER_PATH. The spec names this Node binary
 * and this checkout's tslab, so a global tslab or another Node on PATH cannot change what runs.
 */
export function registerKernel(root, nodePath = process.execPath) {
  const jupyterPath = join(root, ".jupyter", "share", "jupyter");
  const kernelDir = join(jupyterPath, "kernels", "tslab");
  mkdirSync(kernelDir, { recursive: true });
  const spec = {
    argv: [
      nodePath,
      join(root, "node_modules", "tslab", "bin", "tslab"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ],
    display_name: "TypeScript",
    language: "typescript",
  };
  writeFileSync(join(kernelDir, "kernel.json"), `${JSON.stringify(spec, null, 1)}\n`);
  return jupyterPath;
}

/**
 * Notebook 6 wraps each SVG output in a box as wide as the SVG's `width` attribute, so a picture
 * wider than the cell (a wide diagram, or any chart on a phone) is cut off. This stylesheet lets
 * the box shrink to the cell and the picture keep its proportions, as GitHub and JupyterLab do.
 */
const CUSTOM_CSS = `/* Written by scripts/notebooks-jupyter.mjs: pictures scale down to the cell, never cut off. */
div.output_svg > div { max-width: 100%; height: auto !important; }
div.output_svg > div > svg { display: block; height: auto !important; }
/* On a phone the prompts sit above the cells, so outputs may use the prompt column's width too. */
@media (max-width: 540px) { div.output_subarea { max-width: 100%; } }
`;

/**
 * Writes the notebook page's custom.css (and an empty custom.js, which the page also loads)
 * under `<root>/.jupyter/custom/` and returns that folder, for `jupyterArgs`.
 */
export function writeCustomStyle(root) {
  const customDir = join(root, ".jupyter", "custom");
  mkdirSync(customDir, { recursive: true });
  writeFileSync(join(customDir, "custom.css"), CUSTOM_CSS);
  writeFileSync(join(customDir, "custom.js"), "// Nothing: the page loads this file; see custom.css.\n");
  return customDir;
}

/** `jupyter notebook` arguments: 127.0.0.1 only, a fixed port and token, the notebooks folder. */
export function jupyterArgs({ root, port, token, isRoot, customDir = join(root, ".jupyter", "custom") }) {
  const args = [
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    `--notebook-dir=${join(root, "notebooks")}`,
    // Notebook 6 reads NotebookApp, Notebook 7 (jupyter_server) ServerApp; each ignores the other.
    `--NotebookApp.token=${token}`,
    `--ServerApp.token=${token}`,
    // Fail on a busy port instead of moving to another one, so the printed URL is right.
    "--NotebookApp.port_retries=0",
    "--ServerApp.port_retries=0",
    // Notebook 6 serves /custom/custom.css from this folder (see writeCustomStyle).
    `--NotebookApp.tornado_settings=static_custom_path=${customDir}`,
  ];
  // Jupyter refuses to run as root without this; containers and CI machines often are root.
  if (isRoot) args.push("--allow-root");
  return args;
}

/** The server's environment: our kernel first on JUPYTER_PATH, runtime files in the project. */
export function jupyterEnv(root, jupyterPath, env = process.env) {
  return {
    ...env,
    JUPYTER_PATH: [jupyterPath, env.JUPYTER_PATH].filter(Boolean).join(":"),
    JUPYTER_DATA_DIR: join(root, ".jupyter", "data"),
    JUPYTER_RUNTIME_DIR: join(root, ".jupyter", "runtime"),
  };
}
