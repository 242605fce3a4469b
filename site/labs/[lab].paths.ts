// One page per lab in labs/labs.json. The README is included from labs/ at build time
// (VitePress's @include) and the hints are read from there, never copied into site/, so the
// page always shows the lab as it stands.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { labPageMarkdown } from "../.vitepress/gen/lab-page.js";
import { readLabs } from "../.vitepress/gen/labs.js";

const repoDir = fileURLToPath(new URL("../..", import.meta.url));

export default {
  watch: ["../../labs/labs.json", "../../labs/*/hints.md"],
  paths() {
    return readLabs(repoDir).map((lab) => ({
      params: { lab: lab.id },
      content: labPageMarkdown(lab, lab.hints ? readFileSync(join(repoDir, lab.hints), "utf8") : undefined),
    }));
  },
};
