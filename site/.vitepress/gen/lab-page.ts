// The Markdown of one lab page: the lab's README and hints included from labs/, framed by how to
// run and grade it. Relative links inside the README are pointed at this page's sections by
// lab-links.ts, because the files they name are not site pages.

import type { SiteLab } from "./labs.js";
import { cell } from "./markdown-text.js";

/** Page Markdown for a lab; paths in @include are relative to site/labs/. */
export function labPageMarkdown(lab: SiteLab): string {
  const lines = [
    `<!--@include: ../../${lab.readme}-->`,
    "",
    "## How to run and grade this lab {#grading}",
    "",
    `Edit the files below in \`labs/${lab.id}/\`, then run the lab's checks:`,
    "",
    "```sh",
    `npm run grade -- --lab ${lab.id}`,
    "```",
    "",
    "Every check prints its points, its feedback when it fails, and the seed that reproduces the failure.",
    `The lab is worth ${lab.points} points.`,
    "",
    "## Files {#files}",
    "",
    "| file | where |",
    "|---|---|",
    ...(lab.files.length > 0 ? lab.files : ["(see the README)"]).map(
      (f) => `| \`${cell(f)}\` | \`labs/${lab.id}/${cell(f)}\` |`,
    ),
    "",
  ];
  if (lab.hints) {
    lines.push(
      "## Hints {#hints}",
      "",
      "Open one at a time; each gives away a little more.",
      "",
      `<!--@include: ../../${lab.hints}-->`,
      "",
    );
  }
  return lines.join("\n");
}
