// A tiny reader for the flat `key: value` frontmatter our pages use (title, order, module).
// VitePress bundles its own YAML parser without exporting it; the sidebar needs only scalars.

/** Reads the leading `---` block of a Markdown text into plain strings. */
export function readFrontmatter(markdown: string): Record<string, string> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  const fields: Record<string, string> = {};
  if (!match?.[1]) return fields;
  for (const line of match[1].split(/\r?\n/)) {
    const pair = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!pair?.[1]) continue;
    fields[pair[1]] = (pair[2] ?? "").trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return fields;
}

/** The first `# heading` of a Markdown text, or undefined. */
export function firstHeading(markdown: string): string | undefined {
  return /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim();
}
