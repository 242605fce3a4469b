// For TypeScript's Node10 resolution (tslab's notebook compiler), which ignores package.json
// "exports": `import ... from "sim-core/notebook"` finds this file. Node itself uses "exports".
export * from "./dist/notebook/index.js";
