// mm1: M/M/1 with λ = 0.9 and μ = 1 per ms (ρ = 0.9; theory: mean response 10 ms).
import { runVariant } from "./lib/child.js";
import { type MmcParams, mmcOnSimCore, mmcOnTypedArrays } from "./lib/mmc.js";

const params = (customers: number, seed: number): MmcParams => ({
  servers: 1,
  arrivalRatePerS: 900,
  serviceTimeMsMean: 1,
  customers,
  seed,
});

runVariant({
  sim: ({ size, seed }) => mmcOnSimCore(params(size, seed)),
  typed: ({ size, seed }) => mmcOnTypedArrays(params(size, seed)),
});
