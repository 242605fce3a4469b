import type { Rng } from "../random/index.js";
import { type CanaryJudge, type CanaryVerdict, mannWhitneyJudge } from "./canary-judge.js";
import { type CanaryOptions, checkCanaryOptions } from "./canary-options.js";
import { routeByVersion, type VersionedInstance } from "./routing.js";

/** The three groups in each zone: the old fleet, a fresh old-code instance, a fresh new-code one. */
export const CANARY_GROUPS = ["production", "baseline", "canary"] as const;
export type CanaryGroup = (typeof CANARY_GROUPS)[number];

/** One instance's metrics over one minute. */
export interface CanarySample {
  minute: number;
  zone: number;
  group: CanaryGroup;
  latencyMs: number;
  errorPercent: number;
  cpuPercent: number;
}

/** The judge's verdict at one analysis. */
export interface CanaryAnalysis extends CanaryVerdict {
  minute: number;
}

export interface CanaryResult {
  samples: CanarySample[];
  analyses: CanaryAnalysis[];
  decision: "promote" | "rollback";
  /** Minute of the analysis that decided. */
  decidedAtMinute: number;
  /** Red/black: seconds from the decision until customers are back on the old code. */
  rollbackSeconds: number;
  /** Real requests the canary answered before the decision, and how many of them failed. */
  canaryRequests: number;
  canaryErrors: number;
  /** Tagged test requests routed to the new version. */
  testRequests: number;
}

const METRICS = ["latencyMs", "errorPercent", "cpuPercent"] as const;

function addToMinute(series: number[], minute: number, value: number): void {
  if (series.length < minute) series.push(0);
  series[minute - 1] = (series[minute - 1] as number) + value;
}

/**
 * Runs a red/black canary: per zone a production instance (old code, long up), a baseline (old
 * code, just started) and a canary (new code, just started) share traffic; every minute each
 * reports latency, errors and CPU; every `analysisEveryMinutes` the judge compares the canary
 * with the control group (one value per minute per metric, averaged over zones) and a failing
 * verdict rolls the canary back at once.
 *
 * @example
 * simulateCanary(DEFAULT_CANARY, createRng(1)).decision // 'promote'
 */
export function simulateCanary(
  options: CanaryOptions,
  rng: Rng,
  judge: CanaryJudge = mannWhitneyJudge(),
): CanaryResult {
  const o = checkCanaryOptions(options);
  const routeRng = rng.fork("route");
  const scale = (o.instanceRatePerSec * 60) / o.requestsPerInstancePerMinute;
  const pool: VersionedInstance[] = [
    { name: "production", version: "v1", weight: 1 },
    { name: "baseline", version: "v1", weight: 1 },
    { name: "canary", version: "v2", weight: 1 },
  ];
  const served: number[] = [];
  const rngs: Rng[] = [];
  for (let z = 0; z < o.zones; z++) {
    for (const g of CANARY_GROUPS) {
      served.push(g === "production" ? o.productionUptimeHours * 3600 * o.instanceRatePerSec : 0);
      rngs.push(rng.fork(`zone-${z}/${g}`));
    }
  }
  const samples: CanarySample[] = [];
  const analyses: CanaryAnalysis[] = [];
  const control: Record<string, number[]> = { latencyMs: [], errorPercent: [], cpuPercent: [] };
  const canary: Record<string, number[]> = { latencyMs: [], errorPercent: [], cpuPercent: [] };
  let decision: CanaryResult["decision"] = "rollback";
  let decidedAtMinute = o.lifetimeMinutes;
  let canaryRequests = 0;
  let canaryErrors = 0;
  let testRequests = 0;
  const perZone = 3 * o.requestsPerInstancePerMinute;
  const tagged = Math.round((o.requestsPerInstancePerMinute * o.testTrafficPercent) / 100);
  for (let minute = 1; minute <= o.lifetimeMinutes; minute++) {
    for (let z = 0; z < o.zones; z++) {
      const sums = [0, 0, 0];
      const counts = [0, 0, 0];
      const errs = [0, 0, 0];
      for (let r = 0; r < perZone + tagged; r++) {
        // Untagged traffic is spread evenly (equal weights); tagged test requests go by version.
        const g = r < tagged ? routeByVersion(pool, "v2", routeRng) : r % 3;
        if (r < tagged) testRequests++;
        const slot = z * 3 + g;
        const irng = rngs[slot] as Rng;
        const isCanary = g === 2;
        const seen = served[slot] as number;
        const hit = irng.next() < o.cacheHitRatioMax * (1 - Math.exp(-seen / o.cacheWarmRequests));
        served[slot] = seen + scale;
        const meanMs = (hit ? o.hitMs : o.missMs) * (isCanary ? o.canaryLatencyFactor : 1);
        sums[g] = (sums[g] as number) + -meanMs * Math.log(1 - irng.next());
        counts[g] = (counts[g] as number) + 1;
        if (irng.next() * 100 < o.baseErrorPercent + (isCanary ? o.canaryErrorPercent : 0))
          errs[g] = (errs[g] as number) + 1;
      }
      for (let g = 0; g < 3; g++) {
        const group = CANARY_GROUPS[g] as CanaryGroup;
        const n = counts[g] as number;
        const latencyMs = n === 0 ? 0 : (sums[g] as number) / n;
        const uptimeMin = group === "production" ? o.productionUptimeHours * 60 + minute : minute;
        const jit = o.jitCpuPercent * Math.exp(-uptimeMin / o.jitWarmMinutes);
        const cpuFactor = group === "canary" ? o.canaryCpuFactor : 1;
        const cpuPercent = Math.min(100, (latencyMs * o.instanceRatePerSec * cpuFactor) / (10 * o.cpuCores) + jit);
        const s: CanarySample = {
          minute,
          zone: z,
          group,
          latencyMs,
          errorPercent: n === 0 ? 0 : ((errs[g] as number) / n) * 100,
          cpuPercent,
        };
        samples.push(s);
        const into = group === "canary" ? canary : group === o.control ? control : null;
        // Kayenta queries a metric over the whole server group (its scope), so the judge sees
        // one value per minute: the mean over zones.
        if (into !== null) for (const m of METRICS) addToMinute(into[m] as number[], minute, s[m] / o.zones);
        if (group === "canary") {
          canaryRequests += n * scale;
          canaryErrors += (errs[g] as number) * scale;
        }
      }
    }
    if (minute % o.analysisEveryMinutes === 0 || minute === o.lifetimeMinutes) {
      const verdict = judge.judge(canary, control);
      analyses.push({ minute, ...verdict });
      if (verdict.result === "fail" || minute === o.lifetimeMinutes) {
        decision = verdict.result === "pass" ? "promote" : "rollback";
        decidedAtMinute = minute;
        break;
      }
    }
  }
  return {
    samples,
    analyses,
    decision,
    decidedAtMinute,
    rollbackSeconds: decision === "rollback" ? o.rollbackSeconds : 0,
    canaryRequests,
    canaryErrors,
    testRequests,
  };
}
