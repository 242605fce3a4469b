// Reference pages generated at build time from sim-core's source (see .vitepress/gen/).
import { fileURLToPath } from "node:url";
import { apiMarkdown } from "../.vitepress/gen/api.js";
import { defaultsMarkdown } from "../.vitepress/gen/defaults.js";

const repoDir = fileURLToPath(new URL("../..", import.meta.url));

export default {
  watch: ["../../sim-core/src/**/*.ts"],
  paths() {
    return [
      { params: { page: "api" }, content: apiMarkdown(repoDir) },
      { params: { page: "defaults" }, content: defaultsMarkdown(repoDir) },
    ];
  },
};
