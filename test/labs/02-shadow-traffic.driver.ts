// Trusted driver for lab 02: runs inside the lab runner next to the learner's files. It asks the
// learner's sampler about a skewed customer population, runs the mirroring simulation with the
// learner's mirroring policy, feeds the responseDiff scenario's exchanges to the learner's differ
// and runs red/black canaries with the learner's judge. It returns raw observations only: the
// test file decides what is right.
import {
  type CanaryJudge,
  type CanaryOptions,
  type CloudState,
  createRng,
  customerPopulation,
  DEFAULT_CANARY,
  DEFAULT_MIRROR,
  type Exchange,
  exchange,
  fixedThreshold,
  hashSampler,
  type MirrorOptions,
  type MirrorResult,
  REQUEST_TYPES,
  type Regression,
  type ShadowSampler,
  simulateCanary,
  simulateMirror,
} from "sim-core";

type Lab = { load(file: string): Promise<Record<string, unknown>> };

/** The sampler's population: block-allocated ids (sim-core's `customerPopulation`), per seed. */
const populationOf = (seed: number, customers: number) =>
  customerPopulation({ customers }, createRng(seed).fork("lab02-population"));

export interface SamplerInput {
  seed: number;
  customers: number;
  /** Ascending thresholds, each asked about every customer `repeats` times in turn. */
  thresholds: number[];
  repeats: number;
}

/**
 * The learner's answers, asked of one fresh sampler: for each threshold (ascending) and each
 * repeat, every customer of the population once, in allocation order. Answers come back as
 * strings of "1" (mirror) and "0" (anything else), one character per customer.
 */
export async function samplerAnswers(lab: Lab, input: SamplerInput) {
  const { createSampler } = (await lab.load("sampler.ts")) as { createSampler: () => ShadowSampler };
  const population = populationOf(input.seed, input.customers);
  const rng = createRng(input.seed).fork("lab02-sampler");
  const sampler = createSampler();
  const ids = Array.from(population.ids);
  const answers = input.thresholds.map((t) =>
    Array.from({ length: input.repeats }, () =>
      ids.map((id) => (sampler.mirror(id, t, rng) === true ? "1" : "0")).join(""),
    ),
  );
  return { ids, answers };
}

/** The learner's mirroring policy: the three fields of `MirrorOptions` it chooses. */
type PolicyFields = Pick<MirrorOptions, "mode" | "shadowTimeoutMs" | "maxInFlight">;

export interface MirrorInput {
  seed: number;
  cloud: CloudState;
  thresholdPercent: number;
  durationMs: number;
}

/** The mirroring run's options with the learner's policy (or mode "none"), as sim-core checks them. */
const mirrorOptions = (input: MirrorInput, policy: PolicyFields): MirrorOptions => ({
  ...DEFAULT_MIRROR,
  cloud: input.cloud,
  durationMs: input.durationMs,
  mode: policy.mode,
  shadowTimeoutMs: policy.shadowTimeoutMs,
  maxInFlight: policy.maxInFlight,
});

/**
 * One mirroring run with the learner's policy and, on the same seed, the same run without any
 * mirroring (mode "none"): the primary's untouched baseline. Sim-core's hash sampler picks the
 * customers at a fixed threshold, so this check does not depend on the learner's sampler.
 */
export async function mirrorRun(lab: Lab, input: MirrorInput) {
  const { mirrorPolicy } = (await lab.load("mirror.ts")) as { mirrorPolicy: () => PolicyFields };
  const answer = mirrorPolicy() as Partial<PolicyFields> | null;
  const policy: PolicyFields = {
    mode: answer?.mode as PolicyFields["mode"],
    shadowTimeoutMs: answer?.shadowTimeoutMs as number,
    maxInFlight: answer?.maxInFlight as number,
  };
  const run = (p: PolicyFields) =>
    simulateMirror(
      mirrorOptions(input, p),
      populationOf(input.seed, 10_000),
      hashSampler,
      fixedThreshold(input.thresholdPercent),
      createRng(input.seed),
    );
  const observe = (r: MirrorResult) => ({
    requests: r.primary.requests,
    errorRate: r.primary.errorRate,
    latencyMsP99: r.primary.latencyMs.p99,
    threadsBusyPeak: r.primary.threadsBusyPeak,
    sent: r.shadow.sent,
    ok: r.shadow.ok,
    dropped: r.shadow.dropped,
    timeouts: r.shadow.timeouts,
    memoryHeldMbPeak: r.shadow.memoryHeldMbPeak,
    oomAtMs: r.shadow.oomAtMs,
  });
  return {
    policy,
    learner: observe(run(policy)),
    none: observe(run({ ...policy, mode: "none" })),
    heapHeadroomMb: DEFAULT_MIRROR.heapHeadroomMb,
  };
}

/** The learner's differ: fed one exchange at a time, then asked for `endpoint.field` keys. */
interface LabDiffer {
  add(x: Exchange): void;
  report(): unknown;
}

export interface DiffInput {
  seed: number;
  requests: number;
  customers: number;
  regressions: Regression[];
}

/**
 * The responseDiff scenario's stream of exchanges (same forks, same draws as
 * `responseDiff.run`), each given to a fresh differ from the learner's `createDiffer`, then its
 * report. Also returns the exchange count per endpoint, for the feedback.
 */
export async function diffRun(lab: Lab, input: DiffInput) {
  const { createDiffer } = (await lab.load("differ.ts")) as { createDiffer: () => LabDiffer };
  const rng = createRng(input.seed);
  const trafficRng = rng.fork("traffic");
  const answerRng = rng.fork("answers");
  const differ = createDiffer();
  const perEndpoint: Record<string, number> = {};
  for (let i = 0; i < input.requests; i++) {
    const type = REQUEST_TYPES[trafficRng.int(REQUEST_TYPES.length)] as (typeof REQUEST_TYPES)[number];
    perEndpoint[type] = (perEndpoint[type] ?? 0) + 1;
    differ.add(exchange(type, trafficRng.int(input.customers), input.regressions, answerRng));
  }
  return { reported: differ.report(), perEndpoint };
}

/** The canary's new code: multipliers and extra errors (1, 1, 0 is a good canary). */
export interface CanaryInput {
  seed: number;
  /** Several runs per seed: run k draws from the seed's fork "run-k". */
  run?: number;
  canaryLatencyFactor: number;
  canaryCpuFactor: number;
  canaryErrorPercent: number;
}

const canaryOptions = (input: CanaryInput): CanaryOptions => ({
  ...DEFAULT_CANARY,
  canaryLatencyFactor: input.canaryLatencyFactor,
  canaryCpuFactor: input.canaryCpuFactor,
  canaryErrorPercent: input.canaryErrorPercent,
});

const canaryRng = (input: CanaryInput) =>
  input.run === undefined ? createRng(input.seed) : createRng(input.seed).fork(`run-${input.run}`);
const canaryRngCall = (input: CanaryInput) =>
  input.run === undefined ? `createRng(${input.seed})` : `createRng(${input.seed}).fork("run-${input.run}")`;

/** One red/black canary (sim-core's DEFAULT_CANARY, a baseline control) judged by a fresh learner judge. */
export async function canaryRun(lab: Lab, input: CanaryInput) {
  const { createJudge } = (await lab.load("judge.ts")) as { createJudge: () => CanaryJudge };
  const options = canaryOptions(input);
  const r = simulateCanary(options, canaryRng(input), createJudge());
  return {
    decision: r.decision,
    decidedAtMinute: r.decidedAtMinute,
    canaryRequests: r.canaryRequests,
    canaryErrors: r.canaryErrors,
    analyses: r.analyses.map((a) => ({ minute: a.minute, result: a.result, score: a.score })),
    lifetimeMinutes: options.lifetimeMinutes,
    analysisEveryMinutes: options.analysisEveryMinutes,
  };
}

/** The sim-core call behind each export, with its parameters and seed, as a learner types it. */
export const reproduce = {
  samplerAnswers: (input: SamplerInput) =>
    `const pop = customerPopulation({ customers: ${input.customers} }, createRng(${input.seed}).fork("lab02-population")); const rng = createRng(${input.seed}).fork("lab02-sampler"); const s = createSampler(); for each threshold of ${JSON.stringify(input.thresholds)}, ${input.repeats} times: for each id of pop.ids: s.mirror(id, threshold, rng)`,
  mirrorRun: (input: MirrorInput) =>
    `simulateMirror({ ...DEFAULT_MIRROR, cloud: ${JSON.stringify(input.cloud)}, durationMs: ${input.durationMs}, ...mirrorPolicy() }, customerPopulation({ customers: 10000 }, createRng(${input.seed}).fork("lab02-population")), hashSampler, fixedThreshold(${input.thresholdPercent}), createRng(${input.seed})), and the same with mode: "none"`,
  diffRun: (input: DiffInput) =>
    `the exchanges of responseDiff.run({ seed: ${input.seed}, requests: ${input.requests}, customers: ${input.customers} }, { regressions: ${JSON.stringify(input.regressions)} }), each given to createDiffer().add(x), then .report()`,
  canaryRun: (input: CanaryInput) =>
    `simulateCanary({ ...DEFAULT_CANARY, canaryLatencyFactor: ${input.canaryLatencyFactor}, canaryCpuFactor: ${input.canaryCpuFactor}, canaryErrorPercent: ${input.canaryErrorPercent} }, ${canaryRngCall(input)}, createJudge())`,
};
