export {
  checkFault,
  checkSchedule,
  FAULT_KINDS,
  type Fault,
  type FaultContext,
  type FaultKind,
  faultEndMs,
} from "./faults.js";
export { demandShare, groupRate, PEAK_HOUR, TROUGH_SHARE } from "./demand.js";
export { type ExperimentJournal, type ExperimentSpec, runExperiment } from "./experiment.js";
export { Group, type GroupBin, type GroupOptions } from "./group.js";
export {
  checkGuard,
  checkHypothesis,
  type ExperimentGuard,
  type GuardView,
  type Hypothesis,
  naiveGuard,
} from "./guard.js";
export { type InjectionEvent, injectFaults, injectionEvents } from "./inject.js";
export { type MonkeyGroup, type MonkeyOptions, monkeySchedule, SIMIAN_CLOSE_HOUR, SIMIAN_OPEN_HOUR } from "./monkey.js";
export {
  checkSut,
  edgeTimeoutMs,
  NAIVE_SUT,
  SUT_RETRY_TARGETS,
  SUT_SERVICES,
  SUT_ZONES,
  type SutOptions,
  type SutRetryTarget,
} from "./system-under-test.js";
export { checkLayout, netflixSystem, ONE_REGION, SUT_REGION_COUNTS, type SutLayout } from "./netflix-system.js";
export { CustomerRouter, type RegionCounts } from "./customers.js";
export { type GroupEvacuation, GroupEvacuationDriver } from "./group-evacuation.js";
export { type KongEvacuation, kongSetup, SUT_REGIONS } from "./kong.js";
export { STORE_READ_ATTEMPTS, storeRead, storeService, storeTimeoutMs } from "./store.js";
export * from "./evacuation.js";
