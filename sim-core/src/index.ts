// sim-core's table of contents, floor by floor (see DESIGN.md): each floor imports only from
// the floors listed before it.
export * from "./errors/index.js";
export * from "./random/index.js";
export * from "./theory/index.js";
export * from "./kernel/index.js";
export * from "./metrics/index.js";
export * from "./trace/index.js";
export * from "./cluster/index.js";
export * from "./rpc/index.js";
export * from "./storage/index.js";
export * from "./shadow/index.js";
export * from "./scenarios/index.js";
export * from "./viz/index.js";
export * from "./course/index.js";
