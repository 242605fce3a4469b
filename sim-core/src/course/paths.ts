import type { CourseModule } from "./module.js";

/**
 * The module's file prefix: its number on two digits and its slug.
 *
 * @example
 * moduleKey({ number: 5, slug: "timeout-budgets" }) // '05-timeout-budgets'
 */
export function moduleKey(module: Pick<CourseModule, "number" | "slug">): string {
  return `${String(module.number).padStart(2, "0")}-${module.slug}`;
}

/**
 * Where a module's parts live, relative to the repository root. Convention, not configuration:
 * a new module's files go to these paths and nobody lists them anywhere else.
 *
 * @example
 * modulePaths({ number: 5, slug: "timeout-budgets" }).page // 'site/modules/05-timeout-budgets.md'
 */
export function modulePaths(module: Pick<CourseModule, "number" | "slug">): {
  page: string;
  /** The page's site link, without extension. */
  link: string;
  notebook: string;
} {
  const key = moduleKey(module);
  return { page: `site/modules/${key}.md`, link: `/modules/${key}`, notebook: `notebooks/${key}.ipynb` };
}

/**
 * A scenario's test file: `test/sim-core/scenarios/<id in kebab case>.test.ts`.
 *
 * @example
 * scenarioTestPath("cassandraReplication") // 'test/sim-core/scenarios/cassandra-replication.test.ts'
 */
export function scenarioTestPath(id: string): string {
  return `test/sim-core/scenarios/${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.test.ts`;
}

/**
 * A lab's parts: stub folder, README, hints, solution folder, graded checks and driver.
 *
 * @example
 * labPaths("05-timeout-budgets").checks // 'test/labs/05-timeout-budgets.test.ts'
 */
export function labPaths(id: string): {
  dir: string;
  readme: string;
  hints: string;
  solution: string;
  checks: string;
  driver: string;
} {
  return {
    dir: `labs/${id}`,
    readme: `labs/${id}/README.md`,
    hints: `labs/${id}/hints.md`,
    solution: `solutions/${id}`,
    checks: `test/labs/${id}.test.ts`,
    driver: `test/labs/${id}.driver.ts`,
  };
}
