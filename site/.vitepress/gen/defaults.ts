// The table of real-system defaults the simulator uses, generated from sim-core's source: every
// UPPER_CASE constant whose comment cites where its value comes from (e.g. "Hystrix default:
// …"). Adding a cited constant adds a row; nobody keeps a second copy of the numbers.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { cell } from "./markdown-text.js";

/** Systems whose documented defaults count as a citation even without the word "default:". */
const CITED_SYSTEMS =
  /\b(Hystrix|Eureka|Ribbon|Zuul|Archaius|Cassandra|cassandra\.yaml|AWS|EC2|Tomcat|Finagle|Envoy|gRPC|Netflix|Linux|Chaos Monkey|Google|SRE)\b/;

export interface CitedDefault {
  name: string;
  value: string;
  source: string;
  /** The real system's file and the constant (or getter) the value comes from, when the comment names them. */
  upstream: { file: string; symbol: string } | null;
  file: string;
  line: number;
}

/**
 * The upstream file and symbol a comment cites, written as `File.java SYMBOL` (or `.scala`,
 * `.yaml`), e.g. "(HystrixCommandProperties.java default_circuitBreakerSleepWindowInMilliseconds = 5000)".
 */
export function upstreamOf(comment: string): CitedDefault["upstream"] {
  const m = /\b([A-Za-z][\w-]*\.(?:java|scala|yaml))\s+(?:\([^)]*\)\s+)?(?:default:\s+)?([A-Za-z_][\w]*(?:\(\))?)/.exec(
    comment,
  );
  return m ? { file: m[1] as string, symbol: m[2] as string } : null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
    });
}

function commentText(source: string, node: ts.Node): string {
  const ranges = ts.getLeadingCommentRanges(source, node.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last) return "";
  return source
    .slice(last.pos, last.end)
    .replace(/^\/\*\*?|\*\/$/g, "")
    .replace(/^\s*\/\/ ?/gm, "")
    .replace(/^\s*\* ?/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A comment cites a source when it names a known system or says "<source> default: …". */
export function citesSource(comment: string): boolean {
  return /\S\s+default\b[^:]{0,40}:/.test(comment) || CITED_SYSTEMS.test(comment);
}

/** Every cited named constant in sim-core's source, in file order. */
export function collectDefaults(repoDir: string): CitedDefault[] {
  const srcDir = join(repoDir, "sim-core", "src");
  const rows: CitedDefault[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      const comment = commentText(text, statement);
      if (!citesSource(comment)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !/^[A-Z][A-Z0-9_]*$/.test(declaration.name.text)) continue;
        rows.push({
          name: declaration.name.text,
          value: declaration.initializer?.getText(source) ?? "",
          source: comment,
          upstream: upstreamOf(comment),
          file: relative(repoDir, file),
          line: source.getLineAndCharacterOfPosition(declaration.getStart(source)).line + 1,
        });
      }
    }
  }
  return rows;
}

/** The defaults page's Markdown. */
export function defaultsMarkdown(repoDir: string): string {
  const rows = collectDefaults(repoDir);
  return [
    // The table needs the page's full width more than an outline.
    "---",
    "aside: false",
    "---",
    "",
    "# Real-system defaults",
    "",
    "The simulator's defaults come from the systems Netflix ran and the tools that grew out of that work. This table is generated at build time from sim-core's source (`site/.vitepress/gen/defaults.ts`): every named constant whose comment cites a source appears here, with its value as the code writes it (long values are shortened; the file and line lead to the whole), and, where the comment names them, the file and constant of the real system's code it was read from.",
    "",
    `${rows.length} cited constants.`,
    "",
    "| constant | value | upstream file and constant | source (from the code's comment) |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.name}\`<br><small>${cell(`${r.file}:${r.line}`)}</small> | \`${inlineValue(r.value)}\` | ${upstreamCell(r.upstream)} | ${cell(r.source)} |`,
    ),
    "",
  ].join("\n");
}

function upstreamCell(upstream: CitedDefault["upstream"]): string {
  return upstream === null ? "—" : `${cell(upstream.file)}<br>\`${upstream.symbol}\``;
}

/** Longer values are cut in the table; the file and line next to the name lead to the whole. */
const VALUE_CHARS_MAX = 48;

/** A constant's source text on one table line; `{{` is split so Vue never reads it as interpolation. */
function inlineValue(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  return (oneLine.length > VALUE_CHARS_MAX ? `${oneLine.slice(0, VALUE_CHARS_MAX - 1)}…` : oneLine)
    .replace(/`/g, "'")
    .replace(/\|/g, "\\|")
    .replace(/\{\{/g, "{ {")
    .replace(/\}\}/g, "} }");
}
