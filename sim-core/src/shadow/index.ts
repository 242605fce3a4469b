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
export { type MirrorResult, simulateMirror } from "./mirror.js";
export { type MirrorWindow, nearestRank } from "./mirror-window.js";
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
