// Reference pages generated at build time from sim-core's source (see .vitepress/gen/).
import { fileURLToPath } from "node:url";
import { apiPages } from "../.vitepress/gen/api.js";
import { defaultsMarkdown } from "../.vitepress/gen/defaults.js";

const repoDir = fileURLToPath(new URL("../..", import.meta.url));

export default {
  watch: ["../../sim-core/src/**/*.ts"],
  paths() {
    return [
      ...apiPages(repoDir).map(({ page, content }) => ({ params: { page }, content })),
      { params: { page: "defaults" }, content: defaultsMarkdown(repoDir) },
    ];
  },
};
