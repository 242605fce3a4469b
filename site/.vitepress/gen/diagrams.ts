// Mermaid draws diagrams in the browser, so a diagram that does not parse would ship as an error
// box. The site build parses every diagram in Node first (scripts/site-check-diagrams.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface DiagramSource {
  where: string;
  code: string;
}

/** Every ```mermaid block in the Markdown files under `dir` (build output and caches skipped). */
export function markdownDiagrams(dir: string, base = dir): DiagramSource[] {
  const found: DiagramSource[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (["node_modules", "dist", "cache"].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownDiagrams(path, base));
    else if (entry.name.endsWith(".md")) {
      const text = readFileSync(path, "utf8");
      for (const match of text.matchAll(/^```mermaid[^\n]*\n([\s\S]*?)^```/gm)) {
        found.push({ where: relative(base, path), code: match[1] ?? "" });
      }
    }
  }
  return found;
}

/** Parses each diagram with Mermaid (in a jsdom window) and returns the ones that fail, with why. */
export async function unparsableDiagrams(diagrams: DiagramSource[]): Promise<(DiagramSource & { error: string })[]> {
  if (typeof globalThis.window === "undefined") {
    // Mermaid sanitises labels with DOMPurify, which needs a window when mermaid is first imported.
    const { JSDOM } = await import("jsdom");
    const dom = new JSDOM("<!doctype html><html><body></body></html>");
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  }
  const { default: mermaid } = await import("mermaid");
  const failures: (DiagramSource & { error: string })[] = [];
  for (const diagram of diagrams) {
    try {
      await mermaid.parse(diagram.code);
    } catch (error) {
      failures.push({ ...diagram, error: (error as Error).message });
    }
  }
  return failures;
}
