export { erlangC, fanOutSlowProbability, mmcTheory, type MmcTheory } from "./queueing.js";
