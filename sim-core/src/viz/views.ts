import type { ChartSpec } from "./chart.js";

/**
 * What a surface can draw for one scenario: charts (Plot) and diagrams (Mermaid text). A
 * module's entry in the course registry (`course/modules.ts`) lists its scenarios' views.
 */
export interface ScenarioViews {
  // biome-ignore lint/suspicious/noExplicitAny: each scenario's charts take its own result type.
  readonly charts: readonly ChartSpec<any>[];
  /** Mermaid diagrams from a result, e.g. { topology: (r) => "flowchart LR ..." }. */
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  readonly diagrams?: { readonly [name: string]: (result: any) => string };
}
