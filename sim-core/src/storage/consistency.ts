import { checkNumber, checkOneOf } from "../errors/index.js";
import type { Replication } from "./replication.js";

/** The consistency levels a request can ask for (Cassandra's, minus ANY and the serial ones). */
export const CONSISTENCY_LEVELS = [
  "ONE",
  "TWO",
  "THREE",
  "QUORUM",
  "LOCAL_ONE",
  "LOCAL_QUORUM",
  "EACH_QUORUM",
  "ALL",
] as const;

export type ConsistencyLevel = (typeof CONSISTENCY_LEVELS)[number];

/**
 * How many replicas must answer: at least `total` in all, and at least `perRegion[r]` in region r.
 * One shape covers every level: ONE..ALL set `total`; LOCAL_* and EACH_QUORUM set `perRegion`.
 */
export interface Requirement {
  level: ConsistencyLevel;
  total: number;
  perRegion: number[];
  /** Replicas a coordinator must hear from: the larger of `total` and the sum of `perRegion`. */
  blockFor: number;
}

/**
 * A majority of n: floor(n/2) + 1.
 *
 * @example
 * quorum(3) // 2
 */
export function quorum(n: number): number {
  checkNumber("n", n, { min: 0, integer: true });
  return Math.floor(n / 2) + 1;
}

/**
 * Whether every read quorum of size r meets every write quorum of size w among n replicas
 * (R + W > N), the condition for a read to always see the latest acknowledged write.
 *
 * @example
 * [quorumsOverlap(3, 2, 2), quorumsOverlap(3, 1, 1)] // [true, false]
 */
export function quorumsOverlap(n: number, r: number, w: number): boolean {
  checkNumber("n", n, { min: 1, integer: true });
  checkNumber("r", r, { min: 1, max: n, integer: true });
  checkNumber("w", w, { min: 1, max: n, integer: true });
  return r + w > n;
}

/**
 * What `level` requires of a key's replicas when the coordinator sits in region `localRegion`.
 * QUORUM counts all replicas (floor(sum of RF / 2) + 1); LOCAL_* count the coordinator's region;
 * EACH_QUORUM needs a quorum in every region holding replicas. With SimpleStrategy the local
 * levels use the whole replication factor, as Cassandra does, but still count local replies only.
 *
 * @example
 * const rep = { rfByRegion: [3, 3], totalRf: 6, spec: { class: "NetworkTopologyStrategy" } };
 * requirement("LOCAL_QUORUM", rep, 0).perRegion // [2, 0]
 */
export function requirement(
  level: ConsistencyLevel,
  rep: Pick<Replication, "rfByRegion" | "totalRf" | "spec">,
  localRegion: number,
  path = "consistencyLevel",
): Requirement {
  checkOneOf(path, level, CONSISTENCY_LEVELS);
  const perRegion = rep.rfByRegion.map(() => 0);
  const simple = rep.spec.class === "SimpleStrategy";
  const localRf = simple ? rep.totalRf : (rep.rfByRegion[localRegion] ?? 0);
  let total = 0;
  switch (level) {
    case "ONE":
      total = 1;
      break;
    case "TWO":
      total = 2;
      break;
    case "THREE":
      total = 3;
      break;
    case "QUORUM":
      total = quorum(rep.totalRf);
      break;
    case "ALL":
      total = rep.totalRf;
      break;
    case "LOCAL_ONE":
      perRegion[localRegion] = 1;
      break;
    case "LOCAL_QUORUM":
      perRegion[localRegion] = quorum(localRf);
      break;
    case "EACH_QUORUM":
      if (simple) total = quorum(rep.totalRf);
      else rep.rfByRegion.forEach((rf, r) => (perRegion[r] = rf > 0 ? quorum(rf) : 0));
      break;
  }
  const sum = perRegion.reduce((a, b) => a + b, 0);
  return { level, total, perRegion, blockFor: Math.max(total, sum) };
}

/**
 * Whether replies counted per region meet a requirement.
 *
 * @example
 * isMet({ level: "QUORUM", total: 2, perRegion: [0], blockFor: 2 }, [2]) // true
 */
export function isMet(req: Requirement, countsByRegion: ArrayLike<number>): boolean {
  let sum = 0;
  for (let r = 0; r < req.perRegion.length; r++) {
    const c = countsByRegion[r] ?? 0;
    if (c < (req.perRegion[r] as number)) return false;
    sum += c;
  }
  return sum >= req.total;
}
