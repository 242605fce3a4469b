// sim-core's table of contents, floor by floor: each floor imports only from the floors listed
// before it (test/sim-core/viz/pure.test.ts holds the browser-safe floors to their imports).
export * from "./errors/index.js";
export * from "./random/index.js";
export * from "./theory/index.js";
export * from "./kernel/index.js";
export * from "./metrics/index.js";
export * from "./trace/index.js";
export * from "./cluster/index.js";
export * from "./rpc/index.js";
export * from "./storage/index.js";
export * from "./decompose/index.js";
export * from "./scenarios/index.js";
export * from "./viz/index.js";
export * from "./course/index.js";
// The top floor, notebook/, ships apart as "sim-core/notebook": it is Node-only (jsdom, tslab).
