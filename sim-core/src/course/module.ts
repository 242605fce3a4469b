import type { AnyScenario } from "../scenarios/index.js";
import type { ScenarioViews } from "../viz/index.js";

/** A scenario as a module lists it: the scenario and what surfaces draw from its results. */
export interface ScenarioEntry {
  readonly scenario: AnyScenario;
  readonly views: ScenarioViews;
}

interface ModuleBase {
  /** Course position, 0–5; also the prefix of the module's files ("05-…"). */
  readonly number: number;
  /** Lowercase words joined by dashes; with the number it names the page, notebook and lab. */
  readonly slug: string;
  readonly title: string;
  /** What the learner can do afterwards, completing "after it you can …". */
  readonly outcome: string;
}

/** A module whose parts exist: the course check requires every one of them. */
export interface BuiltModule extends ModuleBase {
  readonly planned?: false;
  /** The module's scenarios by id (the key must equal the scenario's `id`). */
  readonly scenarios: { readonly [id: string]: ScenarioEntry };
  /** One line for the notebooks README: what the notebook covers. */
  readonly notebook: { readonly covers: string };
  /** Ids of its graded labs (folders under labs/, entries in labs/labs.json); may be empty. */
  readonly labs: readonly string[];
}

/**
 * A module announced but not yet written. Only its number, title and outcome are shown (the
 * home page's table, unlinked); no surface links to a part of it, and the course check asks
 * for none.
 */
export interface PlannedModule extends ModuleBase {
  readonly planned: true;
}

export type CourseModule = BuiltModule | PlannedModule;
