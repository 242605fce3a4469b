// One page per lab in labs/labs.json. The README and hints are included from labs/ at build
// time (VitePress's @include), never copied, so the page always shows the lab as it stands.
import { fileURLToPath } from "node:url";
import { labPageMarkdown } from "../.vitepress/gen/lab-page.js";
import { readLabs } from "../.vitepress/gen/labs.js";

const repoDir = fileURLToPath(new URL("../..", import.meta.url));

export default {
  watch: ["../../labs/labs.json"],
  paths() {
    return readLabs(repoDir).map((lab) => ({ params: { lab: lab.id }, content: labPageMarkdown(lab) }));
  },
};
