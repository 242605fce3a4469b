import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CourseModule, MODULES } from "sim-core";
import { describe, expect, test } from "vitest";
import { collectApi } from "../../site/.vitepress/gen/api.js";
import { citesSource, collectDefaults, upstreamOf } from "../../site/.vitepress/gen/defaults.js";
import { markdownDiagrams, unparsableDiagrams } from "../../site/.vitepress/gen/diagrams.js";
import { firstHeading, readFrontmatter } from "../../site/.vitepress/gen/frontmatter.js";
import { labPageMarkdown } from "../../site/.vitepress/gen/lab-page.js";
import { readLabs } from "../../site/.vitepress/gen/labs.js";
import { modulePages } from "../../site/.vitepress/gen/sidebar.js";

const repoDir = fileURLToPath(new URL("../..", import.meta.url));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "site-gen-"));
}

describe("sidebar", () => {
  test("readFrontmatter(md) reads flat fields and strips quotes; firstHeading(md) finds the title", () => {
    const md = '---\ntitle: "3 · Cassandra"\norder: 3\n---\n\n# Heading\n';
    expect(readFrontmatter(md)).toEqual({ title: "3 · Cassandra", order: "3" });
    expect(firstHeading(md)).toBe("Heading");
    expect(readFrontmatter("# no frontmatter")).toEqual({});
  });

  test("modulePages() lists the built modules of the course registry in order, never a planned one", () => {
    // Every module of the course is built now; a planned one is added so the filter is exercised.
    const later: CourseModule = { number: 6, slug: "later", title: "Later", outcome: "come later", planned: true };
    const modules: readonly CourseModule[] = [...MODULES, later];
    const pages = modulePages(modules);
    const planned = modules.filter((m) => m.planned === true).map((m) => m.number);
    expect(planned).toEqual([6]);
    expect(pages.map((p) => p.order)).toEqual(MODULES.map((m) => m.number));
    expect(pages.map((p) => p.order).some((n) => planned.includes(n))).toBe(false);
    expect(pages.map((p) => p.order)).toEqual([...pages.map((p) => p.order)].sort((x, y) => x - y));
    for (const page of pages) expect(page.link).toBe(`/modules/${page.file.replace(/^site\/modules\/|\.md$/g, "")}`);
  });
});

describe("labs", () => {
  test("readLabs(repo) is empty when labs.json is missing, and fails on a lab without a README", () => {
    const repo = tempDir();
    expect(readLabs(repo)).toEqual([]);
    mkdirSync(join(repo, "labs", "05-budgets"), { recursive: true });
    writeFileSync(join(repo, "labs", "05-budgets", "README.md"), "# Budgets\n");
    writeFileSync(join(repo, "labs", "05-budgets", "hints.md"), "1. Look.\n");
    const budgets = { id: "05-budgets", title: "Budgets", module: 5, files: ["budget.ts"], checks: { a: 2, b: 3 } };
    writeFileSync(join(repo, "labs", "labs.json"), JSON.stringify({ labs: [budgets] }));
    expect(readLabs(repo)).toEqual([
      {
        ...budgets,
        seeds: [],
        points: 5,
        readme: "labs/05-budgets/README.md",
        hints: "labs/05-budgets/hints.md",
      },
    ]);
    const ghost = { id: "ghost", title: "Ghost", module: 1, files: ["a.ts"], checks: { a: 1 } };
    writeFileSync(join(repo, "labs", "labs.json"), JSON.stringify({ labs: [budgets, ghost] }));
    expect(() => readLabs(repo)).toThrow('labs.json: lab "ghost" has no labs/ghost/README.md');
  });

  test("labPageMarkdown(lab, hints) includes the README from labs/ and folds each hint on its own", () => {
    const hints = "# Hints for lab x\n\n## place\n\n1. First?\n2. Second,\n   on two lines.\n";
    const md = labPageMarkdown(
      {
        id: "x",
        title: "X",
        module: 0,
        seeds: [],
        checks: { a: 1 },
        points: 1,
        files: ["a.ts"],
        readme: "labs/x/README.md",
        hints: "labs/x/hints.md",
      },
      hints,
    );
    expect(md).toContain("<!--@include: ../../labs/x/README.md-->");
    expect(md).toContain("npm run grade -- --lab x");
    // The file's own title would be a second H1 under "Hints".
    expect(md).not.toContain("# Hints for lab x");
    expect(md).toContain("### place");
    expect(md).toContain('<details class="hint"><summary>Hint 1</summary>\n\nFirst?\n\n</details>');
    expect(md).toContain('<details class="hint"><summary>Hint 2</summary>\n\nSecond,\non two lines.\n\n</details>');
  });
});

describe("reference pages", () => {
  test("collectApi(repo) lists sim-core's exports with their doc comments and examples", () => {
    const api = collectApi(repoDir);
    const createRng = api.find((e) => e.name === "createRng");
    expect(createRng?.kind).toBe("function");
    expect(createRng?.floor).toBe("random");
    expect(createRng?.doc.length).toBeGreaterThan(0);
    expect(api.find((e) => e.name === "defineScenario")?.examples.length).toBeGreaterThan(0);
  });

  test("citesSource(comment) accepts '<system> default: …' and named systems, not plain comments", () => {
    expect(citesSource("Hystrix default: execution.isolation.thread.timeoutInMilliseconds = 1000.")).toBe(true);
    expect(citesSource("cassandra.yaml (4.0+) default: num_tokens: 16.")).toBe(true);
    expect(citesSource("A guard against a slider typo creating a million instances.")).toBe(false);
  });

  test("collectDefaults(repo) finds each cited constant with its value as written", () => {
    const repo = tempDir();
    mkdirSync(join(repo, "sim-core", "src", "rpc"), { recursive: true });
    writeFileSync(
      join(repo, "sim-core", "src", "rpc", "x.ts"),
      "/** Hystrix default: timeoutInMilliseconds = 1000. */\nexport const TIMEOUT_MS = 1_000;\n// Not cited.\nconst LIMIT = 3;\n",
    );
    expect(collectDefaults(repo)).toEqual([
      {
        name: "TIMEOUT_MS",
        value: "1_000",
        source: "Hystrix default: timeoutInMilliseconds = 1000.",
        upstream: null,
        file: "sim-core/src/rpc/x.ts",
        line: 2,
      },
    ]);
  });
});

describe("defaults' upstream sources", () => {
  test("upstreamOf(comment) reads the real system's file and constant from a citation", () => {
    expect(upstreamOf("Hystrix default: coreSize (HystrixThreadPoolProperties.java default_coreSize = 10).")).toEqual({
      file: "HystrixThreadPoolProperties.java",
      symbol: "default_coreSize",
    });
    expect(upstreamOf("cassandra.yaml (4.0+) default: num_tokens: 16.")).toEqual({
      file: "cassandra.yaml",
      symbol: "num_tokens",
    });
    expect(upstreamOf("Finagle default: minRetriesPerSec = 10.")).toBeNull();
  });

  test("every cited default of sim-core's rpc floor names its upstream file and constant", () => {
    const rpc = collectDefaults(repoDir).filter((d) => d.file.startsWith("sim-core/src/rpc/"));
    expect(rpc.length).toBeGreaterThan(20);
    expect(rpc.filter((d) => d.upstream === null).map((d) => d.name)).toEqual([]);
  });
});

describe("diagram check", () => {
  test("unparsableDiagrams(list) reports a broken ```mermaid block and passes a good one", async () => {
    const site = tempDir();
    writeFileSync(
      join(site, "page.md"),
      "# P\n\n```mermaid\nflowchart LR\n  a-->b\n```\n\n```mermaid\nflowchart LR\n  a-->>\n```\n",
    );
    const diagrams = markdownDiagrams(site);
    expect(diagrams.length).toBe(2);
    const failures = await unparsableDiagrams(diagrams);
    expect(failures.map((f) => f.code)).toEqual(["flowchart LR\n  a-->>\n"]);
  });
});
