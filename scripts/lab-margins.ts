// `npm run lab:margins -- --lab 04-chaos --seeds 1-100`: for each bound of a lab's graded checks,
// the limit and the worst value the reference solution reached over the seeds (and the stub's,
// and a naive policy's where the lab names one), so a bound can be chosen with a margin that
// shows. Progress goes to stderr, the table to stdout. Slow on purpose (many seeds): not part of
// `npm test`, which runs a two-seed smoke test instead (test/course/lab-margins.test.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type LabMargins, type MarginRow, measureMargins, parseSeeds, type Worst } from "./lab-margins/measure.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const USAGE = `usage: npm run lab:margins -- --lab ID [--seeds 1-100] [--policies solution,stub,naive]
  --lab ID        a lab with a margins file, scripts/lab-margins/<ID>.ts
  --seeds S       seeds to run: "1-100", "1,2,5" or "7" (default 1-20)
  --policies P    which code to measure, comma-separated (default: solution, stub and the lab's naive policy)`;

function parse(argv: string[]): { lab: string; seedsText: string; policies: string[] | undefined } {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i] ?? "", argv[i + 1]];
    if (!["--lab", "--seeds", "--policies"].includes(flag) || value === undefined) throw new Error(USAGE);
    options[flag.slice(2)] = value;
  }
  if (options.lab === undefined) throw new Error(USAGE);
  return { lab: options.lab, seedsText: options.seeds ?? "1-20", policies: options.policies?.split(",") };
}

/** Four significant digits, integers exact; a breach is marked so it cannot be missed. */
function show(w: Worst | undefined): string {
  if (w === undefined) return "";
  if (w.threw !== undefined) return `threw (seed ${w.seed}) ✗`;
  const n = Number.isInteger(w.value) ? String(w.value) : w.value.toPrecision(4);
  return `${n}${w.seed === null ? "" : ` (seed ${w.seed})`}${w.breached ? " ✗" : ""}`;
}

function table(rows: MarginRow[], policies: string[]): string {
  const limitOf = (r: MarginRow) => {
    const w = Object.values(r.worst)[0];
    return w === undefined
      ? ""
      : `${{ max: r.strict ? "<" : "≤", min: r.strict ? ">" : "≥" }[r.kind]} ${Number(w.limit.toPrecision(4))}`;
  };
  const lines = [
    ["check", "bound", "limit", ...policies.map((p) => `${p} (worst)`)],
    ...rows.map((r) => [r.check, r.what, limitOf(r), ...policies.map((p) => show(r.worst[p]))]),
  ];
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? "").length))) ?? [];
  return lines
    .map((l) =>
      l
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function main(): Promise<void> {
  const { lab, seedsText, policies } = parse(process.argv.slice(2));
  const seeds = parseSeeds(seedsText);
  const file = `${ROOT}scripts/lab-margins/${lab}.ts`;
  if (!existsSync(file)) throw new Error(`no margins file for lab ${lab}: scripts/lab-margins/${lab}.ts\n${USAGE}`);
  // The drivers import sim-core's built dist/, as in the grader: build it if sources changed.
  execFileSync(process.execPath, [`${ROOT}scripts/setup.mjs`], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  const { margins } = (await import(`./lab-margins/${lab}.js`)) as { margins: LabMargins };
  const chosen = policies ?? ["solution", "stub", ...(margins.naive ? [margins.naive.name] : [])];
  const started = Date.now();
  const rows = await measureMargins(lab, margins, seeds, chosen, (policy, seed, done, total) => {
    const line =
      done === total
        ? `lab-margins: ${total} seed runs done`
        : `lab-margins: ${lab} ${policy} seed ${seed} (${done + 1}/${total})`;
    process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(70)}${done === total ? "\n" : ""}` : `${line}\n`);
  });
  console.log(
    `lab ${lab}, seeds ${seedsText} (${seeds.length}), ${((Date.now() - started) / 1000).toFixed(0)} s; ✗ marks a bound the policy breaks`,
  );
  console.log(table(rows, chosen));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
