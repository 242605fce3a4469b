// timers: schedule `size` timers with uniformly random delays up to 1000 s, all pending at once,
// then drain them. Measures the event queue at a depth no model here reaches otherwise.
import seedrandom from "seedrandom";
import { createRng, Simulation } from "../sim-core/src/index.js";
import { runVariant } from "./lib/child.js";
import { TypedHeap } from "./lib/typed-heap.js";

const MAX_DELAY_US = 1_000_000_000;

runVariant({
  sim: ({ size, seed }) => {
    const sim = new Simulation();
    const delays = createRng(seed).fork("timers");
    // An order-sensitive checksum of which timer fired when proves both variants drain alike.
    let checksum = 0;
    const fire = sim.handler("timer", (timer: number) => {
      checksum = (Math.imul(checksum, 31) + timer) | 0;
    });
    for (let i = 0; i < size; i++) sim.schedule(delays.int(MAX_DELAY_US), fire, i);
    sim.run();
    return { timers: size, events: sim.eventsProcessed, checksum, fingerprint: sim.fingerprint };
  },
  typed: ({ size, seed }) => {
    const heap = new TypedHeap();
    const delays = seedrandom.alea(`${seed}/timers`);
    for (let i = 0; i < size; i++) heap.push(Math.floor(delays() * MAX_DELAY_US), i);
    let checksum = 0;
    let events = 0;
    while (heap.size > 0) {
      checksum = (Math.imul(checksum, 31) + heap.pop()) | 0;
      events++;
    }
    return { timers: size, events, checksum };
  },
});
