export { checkNonNegative, type Distribution, type DistributionSpec, distribution } from "./distributions.js";
export { exponentialGap } from "./exponential-gap.js";
export { createRng, Rng, type Seed } from "./rng.js";
export { normalQuantile } from "./normal-quantile.js";
