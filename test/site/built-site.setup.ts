// Builds the course site once for every browser test file of the "site" project: each file used to
// build its own copy, a minute or more apiece on a two-core machine. The folder is private to the
// run, so a build started elsewhere (a developer's site:build) cannot change it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite } from "../../scripts/site-browser.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder the course site was built into for this run. */
    siteDistDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const outDir = mkdtempSync(join(tmpdir(), "site-test-dist-"));
  buildSite(outDir);
  project.provide("siteDistDir", outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
