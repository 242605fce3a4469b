import type { Seed } from "../random/index.js";
import { type Replay, type ReplayOptions, ReplayRecorder } from "../trace/index.js";
import type { ParamValues } from "./param-schema.js";
import type { Scenario, ScenarioResultBase } from "./scenario.js";

/**
 * Runs a scenario as usual and records its replay on the side: the same parameters and seed give
 * the same result and fingerprint as `scenario.run`, because the recorder only reads the clock.
 * A scenario that does not record (it never attaches the `replay` extra) gives a replay with no
 * nodes. To watch a later stretch exactly, run again with `fromMs` there: memory stays bounded.
 *
 * @example
 * recordReplay(queueing, { customers: 100 }, 1).replay.nodes.map((n) => n.id) // ['arrivals', 'queue', 'done']
 */
export function recordReplay<R extends ScenarioResultBase>(
  // biome-ignore lint/suspicious/noExplicitAny: any scenario, whatever its parameter and extra types.
  scenario: Scenario<any, R, any>,
  params: ParamValues,
  seed: Seed,
  options: ReplayOptions = {},
): { result: R; replay: Replay } {
  const recorder = new ReplayRecorder(options);
  const result = scenario.run({ ...params, seed, replay: recorder });
  return { result, replay: recorder.finish() };
}
