// Shared by the site's browser tests and `npm run site:screenshots`: a `vitepress preview` of
// the built site on a free 127.0.0.1 port, and a headless Debian Chromium that never talks to
// the network on its own (see docs/TOOLING.md, Browser tests, for why each flag is there).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./setup.mjs";

export const repoDir = fileURLToPath(new URL("..", import.meta.url));
export const siteDir = join(repoDir, "site");
export const distDir = join(siteDir, ".vitepress", "dist");

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `vitepress build site` plus the diagram check, as `npm run site:build` does, into `outDir`. */
export function buildSite(outDir = distDir): void {
  execFileSync(process.execPath, ["scripts/site.mjs", "build"], {
    cwd: repoDir,
    stdio: "inherit",
    env: { ...process.env, SITE_OUT_DIR: outDir },
  });
}

const PREVIEW_WAIT_MS = 90_000;

export interface Preview {
  url: string;
  stop(): void;
}

/** Serves the site built in `outDir` with `vitepress preview` and resolves once it answers. */
export async function startPreview(outDir = distDir): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/vitepress/bin/vitepress.js", "preview", "site", "--host", "127.0.0.1", "--port", String(port)],
    { cwd: repoDir, stdio: "ignore", env: { ...process.env, SITE_OUT_DIR: outDir } },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  // Loading the site's config (which bundles sim-core's registry) takes seconds, and far longer
  // while another test file builds the site on the same two cores: wait up to 90 s.
  const deadline = performance.now() + PREVIEW_WAIT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vitepress preview exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`vitepress preview did not answer within ${PREVIEW_WAIT_MS / 1000} s`);
}

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Launches headless Chromium (Playwright gives it a fresh profile), installing it first when we may. */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    execFileSync(process.execPath, ["scripts/setup.mjs", "--chromium"], { cwd: repoDir, stdio: "inherit" });
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error("Chromium is missing: sudo apt-get install -y chromium");
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Site paths of every page in the build, e.g. "/modules/00-simulation-basics.html". */
export function builtPages(outDir = distDir): string[] {
  if (!existsSync(join(outDir, "index.html"))) throw new Error("the site is not built: npm run site:build");
  const pages: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (entry.name !== "assets") walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.name.endsWith(".html") && !(prefix === "/" && entry.name === "404.html")) {
        pages.push(`${prefix}${entry.name}`);
      }
    }
  };
  walk(outDir, "/");
  return pages;
}
