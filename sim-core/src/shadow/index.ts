export {
  CLOUD_STATES,
  type CloudState,
  checkMirrorOptions,
  DEFAULT_MIRROR,
  HYSTRIX_CORE_SIZE,
  HYSTRIX_TIMEOUT_MS,
  MIRROR_MODES,
  type MirrorMode,
  type MirrorOptions,
  TOMCAT_ACCEPT_COUNT,
  TOMCAT_MAX_THREADS,
} from "./mirror-options.js";
export { simulateMirror } from "./mirror.js";
export { MIRROR_CUSTOMERS, MirrorReplay } from "./mirror-replay.js";
export { type MirrorResult, type MirrorWindow, nearestRank } from "./mirror-window.js";
export {
  type CustomerPopulation,
  customerPopulation,
  drawCustomer,
  HEAVY_CUSTOMERS,
  HEAVY_REQUEST_SHARE,
  ID_BLOCK_SIZE,
  type PopulationOptions,
} from "./population.js";
export {
  fixedThreshold,
  type GuardOptions,
  guardedRamp,
  linearRamp,
  type RampController,
  type RampOptions,
  type RampWindow,
} from "./ramp.js";
export {
  checkThreshold,
  hashSampler,
  mix32,
  moduloSampler,
  randomSampler,
  SHADOW_SAMPLERS,
  type ShadowSampler,
  type ShadowSamplerName,
} from "./sampler.js";
export { type SamplingRow, samplingStats } from "./sampling.js";
export { exactDiffer, type ResponseDiffer, setAwareDiffer } from "./differ.js";
export {
  DIFFY_ABSOLUTE_THRESHOLD_PERCENT,
  DIFFY_DEFAULTS,
  DIFFY_RELATIVE_THRESHOLD_PERCENT,
  type DiffScore,
  DiffyCounter,
  type DiffyField,
  type DiffyOptions,
  diffyReport,
  scoreDiff,
} from "./diffy.js";
export {
  checkRegression,
  type Exchange,
  exchange,
  REQUEST_TYPES,
  RESPONSE_FIELDS,
  type Regression,
  type RequestType as ShadowRequestType,
  type ResponseField,
  type ResponseRecord,
  SCORE_STALE_SHARE,
} from "./responses.js";
export { type MannWhitneyResult, mannWhitney, normalCdf } from "./mann-whitney.js";
export {
  type CanaryJudge,
  type CanaryVerdict,
  KAYENTA_CONF_LEVEL,
  KAYENTA_MARGINAL_SCORE,
  KAYENTA_PASS_SCORE,
  KAYENTA_TOLERANCE,
  type MannWhitneyJudgeOptions,
  type MetricJudgement,
  type MetricSamples,
  mannWhitneyJudge,
} from "./canary-judge.js";
export { routeByVersion, type VersionedInstance } from "./routing.js";
export {
  CANARY_CONTROLS,
  type CanaryControl,
  type CanaryOptions,
  checkCanaryOptions,
  DEFAULT_CANARY,
} from "./canary-options.js";
export {
  CANARY_GROUPS,
  type CanaryAnalysis,
  type CanaryGroup,
  type CanaryResult,
  type CanarySample,
  simulateCanary,
} from "./canary.js";
