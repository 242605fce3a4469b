// The sim-core API reference, generated at build time with the TypeScript compiler API from
// the symbols sim-core's index exports and their doc comments, so it cannot drift from the code.
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { cell, fence, prose } from "./markdown-text.js";

/** sim-core's floors in dependency order (sim-core/src/index.ts); folders not listed come after them. */
const FLOOR_ORDER = ["errors", "random", "kernel", "metrics", "trace", "theory", "cluster", "rpc", "storage"];

export interface ApiEntry {
  name: string;
  kind: string;
  floor: string;
  file: string;
  signature: string;
  doc: string;
  examples: string[];
  members: { name: string; signature: string; doc: string }[];
}

function kindOf(declaration: ts.Declaration): string {
  if (ts.isFunctionDeclaration(declaration)) return "function";
  if (ts.isClassDeclaration(declaration)) return "class";
  if (ts.isInterfaceDeclaration(declaration)) return "interface";
  if (ts.isTypeAliasDeclaration(declaration)) return "type";
  if (ts.isEnumDeclaration(declaration)) return "enum";
  if (ts.isVariableDeclaration(declaration)) return "const";
  return ts.SyntaxKind[declaration.kind] ?? "symbol";
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): { doc: string; examples: string[] } {
  const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const examples = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === "example")
    .map((tag) => ts.displayPartsToString(tag.text ?? []).trim());
  return { doc, examples };
}

function signatureOf(symbol: ts.Symbol, declaration: ts.Declaration, checker: ts.TypeChecker): string {
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  if (ts.isFunctionDeclaration(declaration)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    return type
      .getCallSignatures()
      .map((sig) => `function ${symbol.name}${checker.signatureToString(sig, undefined, flags)}`)
      .join("\n");
  }
  if (ts.isClassDeclaration(declaration)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const ctors = type
      .getConstructSignatures()
      .map((sig) => `new ${symbol.name}${checker.signatureToString(sig, undefined, flags)}`);
    return ctors.join("\n") || `class ${symbol.name}`;
  }
  if (ts.isVariableDeclaration(declaration)) {
    return `const ${symbol.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), undefined, flags)}`;
  }
  // Interfaces and type aliases: their source text is the clearest signature.
  const text = declaration.getText().replace(/\/\*\*[\s\S]*?\*\/\s*/g, "");
  return text.length > 1500 ? `${text.slice(0, 1500)}\n// … (truncated)` : text;
}

function membersOf(declaration: ts.Declaration, checker: ts.TypeChecker): ApiEntry["members"] {
  if (!ts.isClassDeclaration(declaration)) return [];
  const members: ApiEntry["members"] = [];
  for (const member of declaration.members) {
    const modifiers = ts.getCombinedModifierFlags(member as ts.Declaration);
    if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    if (!member.name || ts.isPrivateIdentifier(member.name) || ts.isConstructorDeclaration(member)) continue;
    const symbol = checker.getSymbolAtLocation(member.name);
    if (!symbol) continue;
    const type = checker.getTypeOfSymbolAtLocation(symbol, member);
    const signature = ts.isMethodDeclaration(member)
      ? type
          .getCallSignatures()
          .map((sig) => `${symbol.name}${checker.signatureToString(sig)}`)
          .join("\n")
      : `${symbol.name}: ${checker.typeToString(type)}`;
    members.push({
      name: symbol.name,
      signature,
      doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
    });
  }
  return members;
}

/** Every symbol exported from sim-core's index, with its floor, signature and doc comment. */
export function collectApi(repoDir: string): ApiEntry[] {
  const srcDir = join(repoDir, "sim-core", "src");
  const index = join(srcDir, "index.ts");
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(index);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read sim-core's exports from ${index}`);
  const entries: ApiEntry[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const file = declaration.getSourceFile().fileName;
    const floor = relative(srcDir, dirname(file)).split(/[\\/]/)[0] || "(root)";
    entries.push({
      name: exported.name,
      kind: kindOf(declaration),
      floor,
      file: relative(repoDir, file),
      signature: signatureOf(symbol, declaration, checker),
      ...docOf(symbol, checker),
      members: membersOf(declaration, checker),
    });
  }
  const rank = (floor: string) => {
    const at = FLOOR_ORDER.indexOf(floor);
    return at === -1 ? FLOOR_ORDER.length : at;
  };
  return entries.sort(
    (a, b) => rank(a.floor) - rank(b.floor) || a.floor.localeCompare(b.floor) || a.name.localeCompare(b.name),
  );
}

/**
 * The floors in the order a learner reaches for them: scenarios and charts first, the internal
 * validators last. Folders not listed come after these.
 */
const LEARNER_ORDER = [
  "scenarios",
  "viz",
  "storage",
  "rpc",
  "cluster",
  "metrics",
  "trace",
  "theory",
  "random",
  "kernel",
  "errors",
];

/** What each floor is for, in one line, for the overview. */
const FLOOR_SUMMARY: Record<string, string> = {
  scenarios: "the module scenarios: run one with parameters and a seed, get its numbers",
  viz: "charts (Observable Plot options) and diagrams (Mermaid text) of a scenario's result",
  storage: "the Cassandra-like store: token ring, replica placement, consistency levels, PBS staleness",
  rpc: "services, calls, timeouts, retries, deadlines, load balancing, circuit breakers, discovery",
  cluster: "regions, zones and nodes; the network between them; failures",
  metrics: "latency histograms, percentiles, counters and time series",
  trace: "spans of a request and their exports (timeline rows, Mermaid sequence text)",
  theory: "closed forms to check the simulator against (M/M/1, M/M/c, Little's law)",
  random: "seeded random streams and distributions",
  kernel: "the virtual clock, event queue and run fingerprint",
  errors: "SimConfigError and the validators that produce it",
};

/** The page name of a floor's API page: `api-storage`. */
function floorPage(floor: string): string {
  return `api-${floor.replace(/[^\w-]/g, "-")}`;
}

/**
 * The API reference as pages: an overview (`api`) listing the floors in a learner's order with a
 * one-line summary of every symbol, and one page per floor (`api-scenarios`, …) with signatures,
 * doc comments and examples. One page of everything was 122,000 px tall and opened with the
 * internal validators.
 */
export function apiPages(repoDir: string): { page: string; content: string }[] {
  const entries = collectApi(repoDir);
  const rank = (floor: string) => {
    const at = LEARNER_ORDER.indexOf(floor);
    return at === -1 ? LEARNER_ORDER.length : at;
  };
  const floors = [...new Set(entries.map((e) => e.floor))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  // Anchors are case-insensitive, and `distribution` (function) and `Distribution` (type) coexist.
  const anchors = new Map<ApiEntry, string>();
  const used = new Set<string>();
  for (const entry of entries) {
    let id = anchor(entry.name);
    if (used.has(id)) id = `${id}-${entry.kind}`;
    for (let n = 2; used.has(id); n++) id = `${anchor(entry.name)}-${n}`;
    used.add(id);
    anchors.set(entry, id);
  }
  const summary = (e: ApiEntry) => cell(e.doc.split(/\n\s*\n/)[0] ?? "");
  const overview = [
    "# sim-core API",
    "",
    "Generated at build time from sim-core's exports and their doc comments (`site/.vitepress/gen/api.ts`), so it always matches the code. Start with `scenarios/`: every module runs one. Each floor's page has the signatures and runnable examples.",
    "",
  ];
  const pages: { page: string; content: string }[] = [];
  for (const floor of floors) {
    const inFloor = entries.filter((e) => e.floor === floor);
    const page = floorPage(floor);
    overview.push(
      `## [${floor}/](./${page})`,
      "",
      FLOOR_SUMMARY[floor] ? `${prose(FLOOR_SUMMARY[floor])}.` : "",
      "",
      "| symbol | kind | summary |",
      "|---|---|---|",
      ...inFloor.map((e) => `| [${e.name}](./${page}#${anchors.get(e)}) | ${e.kind} | ${summary(e)} |`),
      "",
    );
    const lines = [
      `# sim-core API: ${floor}/`,
      "",
      `${FLOOR_SUMMARY[floor] ? `${prose(FLOOR_SUMMARY[floor])}. ` : ""}[All floors](./api).`,
      "",
    ];
    for (const entry of inFloor) {
      lines.push(`## ${entry.name} {#${anchors.get(entry)}}`, "");
      lines.push(`<small>${entry.kind} · <code>${prose(entry.file)}</code></small>`, "");
      if (entry.doc) lines.push(prose(entry.doc), "");
      lines.push(fence(entry.signature), "");
      for (const example of entry.examples) lines.push("Example:", "", fence(example), "");
      if (entry.members.length > 0) {
        const body = entry.members.map(
          (m) => `${m.doc ? `/** ${m.doc.replace(/\*\//g, "* /")} */\n` : ""}${m.signature}`,
        );
        lines.push("Members:", "", fence(body.join("\n\n")), "");
      }
    }
    pages.push({ page, content: lines.join("\n") });
  }
  const undocumented = entries.filter((e) => !e.doc).map((e) => e.name);
  if (undocumented.length > 0) {
    overview.push("## Symbols without a doc comment", "", prose(undocumented.join(", ")), "");
  }
  return [{ page: "api", content: overview.join("\n") }, ...pages];
}

function anchor(name: string): string {
  return `api-${name.replace(/[^\w-]/g, "-").toLowerCase()}`;
}
