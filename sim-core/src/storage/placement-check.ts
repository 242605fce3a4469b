import { SimConfigError } from "../errors/index.js";
import type { Replication } from "./replication.js";

/**
 * Checks a custom placement's answer for `token`: distinct node ids, as many in each region as
 * the replication asks for. Anything else is a SimConfigError naming the token and the rule, so a
 * learner's placement can never hand the store an impossible replica set.
 *
 * @example
 * checkPlacement([1, 0], 5, Int32Array.of(0, 0), { rfByRegion: [2], regionNames: ["r"] }) // [1, 0]
 */
export function checkPlacement(
  answer: unknown,
  token: number,
  regionOf: Int32Array,
  rep: Pick<Replication, "rfByRegion" | "regionNames">,
): number[] {
  const nodes = regionOf.length;
  const want = rep.rfByRegion;
  const allowed = `distinct node ids from 0 to ${nodes - 1}, ${want.map((rf, r) => `${rf} in ${rep.regionNames[r]}`).join(", ")}`;
  const path = `placement(${token})`;
  if (!Array.isArray(answer)) throw new SimConfigError(path, answer, allowed);
  const counts = want.map(() => 0);
  answer.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= nodes || answer.indexOf(id) !== i) {
      throw new SimConfigError(path, answer, allowed);
    }
    const region = regionOf[id] as number;
    counts[region] = (counts[region] as number) + 1;
  });
  if (counts.some((c, r) => c !== want[r])) throw new SimConfigError(path, answer, allowed);
  return answer.slice() as number[];
}
