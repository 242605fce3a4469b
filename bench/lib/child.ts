// The child side of `npm run bench`: each benchmark variant runs in its own process so that its
// peak RSS is its own, reads its size and seed from argv, and prints one JSON line.
import { performance } from "node:perf_hooks";

/** Options every variant receives from scripts/bench.mjs. */
export interface VariantArgs {
  variant: string;
  /** Workload size: customers, timers or requests. */
  size: number;
  seed: number;
  /** Extra `--key value` pairs, e.g. `--rate` for the in-flight flow case. */
  extra: Record<string, string>;
}

export function parseArgs(argv: readonly string[]): VariantArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i] as string;
    if (!key.startsWith("--")) throw new Error(`unexpected argument ${key}`);
    values[key.slice(2)] = argv[++i] ?? "";
  }
  const { variant, size, seed, ...extra } = values;
  const n = Number(size);
  const s = Number(seed ?? "1");
  if (variant === undefined || !(Number.isSafeInteger(n) && n > 0) || !Number.isSafeInteger(s)) {
    throw new Error(`usage: --variant NAME --size N [--seed S], got ${argv.join(" ")}`);
  }
  return { variant, size: n, seed: s, extra };
}

/** Peak resident set size of this process so far, in MB (maxRSS is reported in kB). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
}

/**
 * Runs `work`, timing only the work itself (not module loading), and prints one JSON line with
 * what the work returned plus `wallMs` and `peakRssMb`.
 */
export function measure(args: VariantArgs, work: () => Record<string, unknown>): void {
  // Resident memory before the work (Node, tsx and the loaded modules) tells flat from growing.
  const startRssMb = Math.round(process.memoryUsage().rss / 104857.6) / 10;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = Math.round((performance.now() - start) * 10) / 10;
  const line = {
    variant: args.variant,
    size: args.size,
    seed: args.seed,
    wallMs,
    // CPU time (user + system) is steadier than wall time on a shared machine; it includes GC threads.
    cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
    startRssMb,
    peakRssMb: peakRssMb(),
    ...result,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Dispatches to the variant named on the command line. */
export function runVariant(variants: Record<string, (args: VariantArgs) => Record<string, unknown>>): void {
  const args = parseArgs(process.argv.slice(2));
  const body = variants[args.variant];
  if (body === undefined)
    throw new Error(`unknown variant ${args.variant}; known: ${Object.keys(variants).join(", ")}`);
  measure(args, () => body(args));
}
