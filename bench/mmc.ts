// mmc: M/M/c with c = 10, λ = 9 and μ = 1 per ms (ρ = 0.9; theory from the Erlang C formula).
import { runVariant } from "./lib/child.js";
import { type MmcParams, mmcOnSimCore, mmcOnTypedArrays } from "./lib/mmc.js";

const params = (customers: number, seed: number): MmcParams => ({
  servers: 10,
  arrivalRatePerS: 9000,
  serviceTimeMsMean: 1,
  customers,
  seed,
});

runVariant({
  sim: ({ size, seed }) => mmcOnSimCore(params(size, seed)),
  typed: ({ size, seed }) => mmcOnTypedArrays(params(size, seed)),
});
