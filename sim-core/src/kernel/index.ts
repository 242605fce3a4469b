export { EventQueue } from "./event-queue.js";
export { Fingerprint } from "./fingerprint.js";
export { type Pause, type ProcessBody, type ProcessStep, Processes, Signal, pause } from "./process.js";
export {
  type EventObserver,
  type Handler,
  type RunOptions,
  type RunStats,
  Simulation,
} from "./simulation.js";
export { MS_PER_S, msToUs, secondsToUs, US_PER_MS, US_PER_S, usToMs } from "./time.js";
