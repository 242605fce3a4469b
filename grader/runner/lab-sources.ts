// The lab's own files as the learner realm may see them: transpiled here, on the trusted side,
// from TypeScript to CommonJS (esbuild), and importable only from inside the lab folder. A value
// import of sim-core, of a package or of any other path is refused, so nothing a lab asks for
// can be imported ready-made; `import type` is erased by the transpiler.
import { readFileSync, statSync } from "node:fs";
import { dirname, extname, relative, resolve, sep } from "node:path";
import { transformSync } from "esbuild";

/**
 * The files of one lab folder.
 *
 * @example
 * new LabSources("/ws/labs/fx-stats").resolveImport("stats.ts", "./util.js") // "util.ts"
 */
export class LabSources {
  constructor(private readonly labDir: string) {}

  /** A lab file, transpiled here (trusted side) to CommonJS for the realm. */
  source(file: string): { file: string; code: string } {
    const path = this.inside(file);
    const text = readFileSync(path, "utf8");
    const name = relative(this.labDir, path);
    try {
      const { code } = transformSync(text, {
        loader: extname(path) === ".ts" ? "ts" : "js",
        format: "cjs",
        target: "es2022",
        sourcefile: name,
      });
      return { file: name, code };
    } catch (error) {
      throw new Error(
        `TransformError: ${error instanceof Error ? error.message.split("\n").slice(0, 4).join(" ") : error}`,
      );
    }
  }

  private inside(file: string): string {
    const path = resolve(this.labDir, file);
    if (!path.startsWith(this.labDir + sep)) throw new Error(`${file} is outside the lab folder`);
    return path;
  }

  /** Lab files may import sibling lab files only; `import type` from sim-core is erased. */
  resolveImport(from: string, spec: string): string {
    const refuse = () =>
      new Error(
        `lab code may import only other files of its lab (import "${spec}" refused; type-only imports such as \`import type { CallPolicy } from "sim-core"\` are fine)`,
      );
    if (!spec.startsWith("./") && !spec.startsWith("../")) throw refuse();
    const base = resolve(dirname(this.inside(from)), spec);
    const stem = base.replace(/\.(js|ts|mjs|mts)$/, "");
    for (const candidate of [`${stem}.ts`, `${stem}.js`, base]) {
      if (!candidate.startsWith(this.labDir + sep)) throw refuse();
      try {
        if (statSync(candidate).isFile()) return relative(this.labDir, candidate);
      } catch {
        // Try the next spelling.
      }
    }
    throw new Error(`cannot find ${spec} (imported by ${from})`);
  }
}
