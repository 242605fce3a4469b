// sim-core's table of contents, floor by floor (see DESIGN.md): each floor imports only from
// the floors above it in this list.
export * from "./errors/index.js";
export * from "./kernel/index.js";
export * from "./metrics/index.js";
export * from "./random/index.js";
