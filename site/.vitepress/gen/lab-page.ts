// The Markdown of one lab page: the lab's README included from labs/ and its hints read from
// there at build time, framed by how to run and grade it. Relative links inside the README are pointed at this page's sections by
// lab-links.ts, because the files they name are not site pages.

import type { SiteLab } from "./labs.js";
import { cell } from "./markdown-text.js";

/**
 * A lab's hints.md as the page shows it: the file's own title dropped (the page has its "Hints"
 * heading), its sections one level down, and each numbered hint folded in its own <details>, so
 * a learner opens one at a time as the page asks.
 */
export function hintsMarkdown(text: string): string {
  const out: string[] = [];
  let open = false;
  const close = () => {
    if (!open) return;
    while (out[out.length - 1] === "") out.pop();
    out.push("", "</details>", "");
    open = false;
  };
  for (const line of text.split("\n")) {
    if (/^# /.test(line)) continue;
    const heading = /^(#{2,5}) (.*)$/.exec(line);
    const item = /^(\d+)\. (.*)$/.exec(line);
    if (heading) {
      close();
      out.push(`#${heading[1]} ${heading[2]}`);
    } else if (item) {
      close();
      out.push(`<details class="hint"><summary>Hint ${item[1]}</summary>`, "", item[2] ?? "");
      open = true;
    } else if (open && /^\S/.test(line)) {
      // Unindented text after a hint ends it.
      close();
      out.push(line);
    } else {
      out.push(open ? line.replace(/^ {1,3}/, "") : line);
    }
  }
  close();
  return out.join("\n").trim();
}

/**
 * Page Markdown for a lab; paths in @include are relative to site/labs/. The hints come as text
 * (read from `lab.hints` at build time) because each one is folded separately.
 */
export function labPageMarkdown(lab: SiteLab, hintsText?: string): string {
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
  if (lab.hints && hintsText !== undefined) {
    lines.push(
      "## Hints {#hints}",
      "",
      "Open one at a time; each gives away a little more.",
      "",
      hintsMarkdown(hintsText),
      "",
    );
  }
  return lines.join("\n");
}
