import { checkArray, checkNumber, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";
import type { Fault } from "./faults.js";

/** SimianArmy default: simianarmy.calendar.openHour = 9 (simianarmy.properties): the Monkey starts work at 9 am. */
export const SIMIAN_OPEN_HOUR = 9;
/** SimianArmy default: simianarmy.calendar.closeHour = 15 (simianarmy.properties): it stops at 3 pm, while engineers are at their desks. */
export const SIMIAN_CLOSE_HOUR = 15;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/** An application group (an auto scaling group) the Monkey may pick from. */
export interface MonkeyGroup {
  service: string;
  instances: number;
  /** The group's owners opted out of the Monkey (SimianArmy's per-group `enabled = false`). */
  optOut?: boolean;
}

export interface MonkeyOptions {
  groups: readonly MonkeyGroup[];
  /** Simulated days, each starting at midnight; day 0 starts at 0 ms. */
  days: number;
  openHour?: number;
  closeHour?: number;
}

/**
 * Chaos Monkey's kills as a fault schedule: on each day, one instance of every group that has
 * not opted out, at a random time within working hours. Deterministic for a given stream.
 *
 * @example
 * const kills = monkeySchedule({ groups: [{ service: "api", instances: 3 }, { service: "db", instances: 2, optOut: true }], days: 2 }, createRng(1));
 * kills.length // 2
 */
export function monkeySchedule(o: MonkeyOptions, rng: Rng): Fault[] {
  const groups = checkArray<MonkeyGroup>("monkey.groups", o?.groups, 0);
  const days = checkNumber("monkey.days", o.days, { min: 0, max: 366, integer: true });
  const open = checkNumber("monkey.openHour", o.openHour ?? SIMIAN_OPEN_HOUR, { min: 0, max: 23, integer: true });
  const close = checkNumber("monkey.closeHour", o.closeHour ?? SIMIAN_CLOSE_HOUR, { min: 1, max: 24, integer: true });
  if (close <= open) throw new SimConfigError("monkey.closeHour", close, `an hour after openHour (${open})`);
  groups.forEach((g, i) => {
    if (typeof g?.service !== "string" || g.service === "")
      throw new SimConfigError(`monkey.groups[${i}].service`, g?.service, "a service name");
    checkNumber(`monkey.groups[${i}].instances`, g.instances, { min: 1, integer: true });
  });
  const kills: Fault[] = [];
  for (let day = 0; day < days; day++) {
    for (const g of groups) {
      // Draw for opted-out groups too, so opting one group out never moves another's kill.
      const atMs = day * MS_PER_DAY + Math.floor(rng.uniform(open * MS_PER_HOUR, close * MS_PER_HOUR));
      const instance = rng.int(g.instances);
      if (g.optOut === true) continue;
      kills.push({ kind: "terminate", service: g.service, instance, atMs });
    }
  }
  return kills.sort((a, b) => a.atMs - b.atMs);
}
