import { checkArray, checkNumber, checkOneOf } from "../errors/index.js";
import { type Handler, Simulation } from "../kernel/index.js";
import { Histogram } from "../metrics/index.js";
import { createRng, type Seed } from "../random/index.js";
import { type DeliveryMetrics, deliveryMetrics } from "./delivery-metrics.js";

/** `train`: everything ships together every period after QA; `independent`: each unit on its own. */
export const DEPLOY_MODES = ["train", "independent"] as const;
export type DeployMode = (typeof DEPLOY_MODES)[number];

export interface DeliveryOptions {
  seed: Seed;
  mode: DeployMode;
  /** Days during which teams commit changes (the run continues until they ship). */
  days: number;
  teams: number;
  changesPerTeamPerDay: number;
  /** Share of changes that would break production. */
  badChangeProbability: number;
  /** Share of bad changes caught before production (by QA on a train, by a canary otherwise). */
  catchProbability: number;
  /** A train leaves every this many days and spends `qaDays` in QA. */
  trainPeriodDays: number;
  qaDays: number;
  /** Build, automated tests and canary of one independent deploy. */
  pipelineHours: number;
  /** Time to fix a bad change once found. */
  fixHours: number;
  /** Rolling back takes this long per module in the unit (a bigger app redeploys and warms up longer). */
  rollbackMinutesPerModule: number;
}

/** Units that deploy on their own beyond this many services coordinate on a train of their own. */
const SOLO_UNIT_SERVICES = 1;
const US_PER_HOUR = 3_600_000_000;
/** Stop waiting for the last changes this long after commits end. */
const DRAIN_DAYS = 120;

/** Services that deploy together, and the modules they run (changes land on modules). */
export interface DeployUnit {
  services: readonly string[];
  modules: readonly string[];
}

interface Change {
  committedUs: number;
  bad: boolean;
}
/** One deploy unit: its modules (for rollback time) and whether it rides a train. */
interface Unit {
  modules: number;
  train: boolean;
  queue: Change[];
  busy: boolean;
}

/**
 * Simulates changes arriving from teams and shipping, by release train or by independent
 * deploys of each unit (services that must deploy together form one unit and share a train).
 * Each change touches a module drawn uniformly; a bad change caught before production holds a
 * train (or leaves an independent batch); one that reaches production rolls the deploy back.
 *
 * @example
 * const units = [{ services: ["a"], modules: ["a"] }, { services: ["b"], modules: ["b"] }];
 * const o = { seed: 1, mode: "independent", days: 30, teams: 2, changesPerTeamPerDay: 1, badChangeProbability: 0, catchProbability: 0.5, trainPeriodDays: 14, qaDays: 3, pipelineHours: 1, fixHours: 24, rollbackMinutesPerModule: 10 };
 * simulateDelivery(units, o).rolledBackShare // 0
 */
export function simulateDelivery(units: readonly DeployUnit[], o: DeliveryOptions): DeliveryMetrics {
  const mode = checkOneOf("delivery.mode", o.mode, DEPLOY_MODES);
  checkArray("delivery.units", units);
  const n = (key: keyof DeliveryOptions, min: number, max: number, integer = false) =>
    checkNumber(`delivery.${key}`, o[key], { min, max, integer });
  const days = n("days", 1, 3650, true);
  const rate = n("teams", 1, 1000, true) * n("changesPerTeamPerDay", 0, 100);
  const pBad = n("badChangeProbability", 0, 1);
  const pCatch = n("catchProbability", 0, 1);
  const periodUs = n("trainPeriodDays", 1, 365) * 24 * US_PER_HOUR;
  const qaUs = Math.round(n("qaDays", 0, 365) * 24 * US_PER_HOUR);
  const pipeUs = Math.round(n("pipelineHours", 0, 1000) * US_PER_HOUR);
  const fixUs = Math.round(n("fixHours", 0, 10_000) * US_PER_HOUR);
  const rollbackMin = n("rollbackMinutesPerModule", 0, 10_000);
  const all: Unit[] =
    mode === "train"
      ? [{ modules: units.reduce((s, u) => s + u.modules.length, 0), train: true, queue: [], busy: false }]
      : units.map((u) => ({
          modules: u.modules.length,
          train: u.services.length > SOLO_UNIT_SERVICES,
          queue: [],
          busy: false,
        }));
  // Module k (counting over all units) belongs to unit unitOf[k].
  const unitOf = units.flatMap((u, i) => u.modules.map(() => (mode === "train" ? 0 : i)));
  const rng = createRng(o.seed).fork("delivery");
  const sim = new Simulation();
  const endUs = days * 24 * US_PER_HOUR;
  const lead = new Histogram();
  const restore = new Histogram();
  const batches: { size: number; bad: boolean }[] = [];
  let deploys = 0;
  let rolledBack = 0;
  let committed = 0;
  const requeue: Handler<{ unit: Unit; change: Change }> = sim.handler("delivery.fixed", ({ unit, change }) =>
    enqueue(unit, change),
  );
  const enqueue = (unit: Unit, change: Change) => {
    unit.queue.push(change);
    if (!unit.train && !unit.busy) start(unit);
  };
  const fixLater = (unit: Unit, c: Change) =>
    sim.schedule(fixUs, requeue, { unit, change: { committedUs: c.committedUs, bad: false } });
  const ship = (unit: Unit, batch: Change[]) => {
    if (batch.length === 0) return;
    if (sim.nowUs < endUs) deploys++;
    sim.fold(batch.length);
    if (batch.some((c) => c.bad)) {
      // The whole deploy comes back out; good changes wait for the next one, bad ones for a fix.
      if (sim.nowUs < endUs) rolledBack++;
      restore.record(rollbackMin * unit.modules);
      for (const c of batch)
        if (c.bad) fixLater(unit, c);
        else unit.queue.push(c);
      return;
    }
    for (const c of batch) lead.record((sim.nowUs - c.committedUs) / US_PER_HOUR);
  };
  // After QA or the canary: caught bad changes go back to be fixed.
  const verified: Handler<{ unit: Unit; batch: Change[] }> = sim.handler("delivery.verified", ({ unit, batch }) => {
    const caught = batch.filter((c) => c.bad && rng.chance(pCatch));
    if (unit.train && caught.length > 0) {
      // QA found a bad change: the whole train holds until it is fixed, then ships.
      for (const c of caught) c.bad = false;
      sim.schedule(fixUs, shipLater, { unit, batch });
      return;
    }
    for (const c of caught) fixLater(unit, c);
    ship(
      unit,
      batch.filter((c) => !caught.includes(c)),
    );
    unit.busy = false;
    if (!unit.train && unit.queue.length > 0) start(unit);
  });
  const shipLater: Handler<{ unit: Unit; batch: Change[] }> = sim.handler("delivery.held", ({ unit, batch }) =>
    ship(unit, batch),
  );
  const start = (unit: Unit) => {
    const batch = unit.queue.splice(0);
    if (batch.length === 0) return;
    batches.push({ size: batch.length, bad: batch.some((c) => c.bad) });
    unit.busy = true;
    sim.schedule(unit.train ? qaUs : pipeUs, verified, { unit, batch });
  };
  const depart: Handler<Unit> = sim.handler("delivery.train", (unit) => {
    start(unit);
    if (sim.nowUs + periodUs <= endUs + DRAIN_DAYS * 24 * US_PER_HOUR) sim.schedule(periodUs, depart, unit);
  });
  const arrive: Handler<null> = sim.handler("delivery.commit", () => {
    committed++;
    const change = { committedUs: sim.nowUs, bad: rng.chance(pBad) };
    enqueue(all[unitOf[rng.int(unitOf.length)] as number] as Unit, change);
    scheduleArrival();
  });
  const scheduleArrival = () => {
    if (rate === 0) return;
    const gapUs = Math.round((-Math.log(1 - rng.next()) / rate) * 24 * US_PER_HOUR);
    if (sim.nowUs + gapUs < endUs) sim.schedule(gapUs, arrive, null);
  };
  for (const unit of all) if (unit.train) sim.schedule(periodUs, depart, unit);
  scheduleArrival();
  sim.run({ untilMs: (endUs + DRAIN_DAYS * 24 * US_PER_HOUR) / 1000 });
  return deliveryMetrics({
    days,
    committed,
    lead,
    restore,
    deploys,
    rolledBack,
    batches,
    fingerprint: sim.fingerprint,
  });
}
