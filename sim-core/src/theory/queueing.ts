import { checkNumber, SimConfigError } from "../errors/index.js";

/**
 * Erlang's C formula: the probability that an arriving customer must wait in an M/M/c queue
 * with `servers` workers and offered load `a = λ/μ` (in Erlangs). Requires a < servers.
 *
 * @example
 * erlangC(1, 0.9) // 0.9 (for one server, the chance of waiting is the utilisation)
 */
export function erlangC(servers: number, offeredLoad: number): number {
  checkNumber("servers", servers, { min: 1, integer: true });
  checkNumber("offeredLoad", offeredLoad, { min: 0 });
  if (offeredLoad >= servers) {
    throw new SimConfigError("offeredLoad", offeredLoad, `a load below the ${servers} servers (a stable queue)`);
  }
  // Sum a^k/k! iteratively to avoid factorial overflow for large c.
  let term = 1;
  let sum = 1;
  for (let k = 1; k < servers; k++) {
    term *= offeredLoad / k;
    sum += term;
  }
  const last = (term * offeredLoad) / servers;
  const rho = offeredLoad / servers;
  const waiting = last / (1 - rho);
  return waiting / (sum + waiting);
}

/** Steady-state figures of an M/M/c queue, in the time unit of the inputs. */
export interface MmcTheory {
  utilisation: number;
  probabilityOfWaiting: number;
  meanWait: number;
  meanResponse: number;
  /** Mean number in the system, by Little's law: L = λ·W. */
  meanInSystem: number;
}

/**
 * Textbook M/M/c results for arrival rate λ, service rate μ per worker and c workers.
 *
 * @example
 * mmcTheory(0.9, 1, 1).meanResponse // ≈ 10 (M/M/1: 1 / (μ − λ))
 */
export function mmcTheory(arrivalRate: number, serviceRate: number, servers: number): MmcTheory {
  checkNumber("arrivalRate", arrivalRate, { min: 0, minExclusive: true });
  checkNumber("serviceRate", serviceRate, { min: 0, minExclusive: true });
  checkNumber("servers", servers, { min: 1, integer: true });
  const load = arrivalRate / serviceRate;
  if (load >= servers) {
    throw new SimConfigError(
      "arrivalRate",
      arrivalRate,
      `below servers × serviceRate = ${servers * serviceRate} (otherwise the queue grows without bound)`,
    );
  }
  const probabilityOfWaiting = erlangC(servers, load);
  const meanWait = probabilityOfWaiting / (servers * serviceRate - arrivalRate);
  const meanResponse = meanWait + 1 / serviceRate;
  return {
    utilisation: load / servers,
    probabilityOfWaiting,
    meanWait,
    meanResponse,
    meanInSystem: arrivalRate * meanResponse,
  };
}

/**
 * The chance that a request touching `leaves` independent leaves meets at least one slow one,
 * when each is slow with probability p: 1 − (1 − p)^n.
 *
 * @example
 * fanOutSlowProbability(100, 0.01).toFixed(3) // '0.634'
 */
export function fanOutSlowProbability(leaves: number, p: number): number {
  checkNumber("leaves", leaves, { min: 1, integer: true });
  checkNumber("p", p, { min: 0, max: 1 });
  return 1 - (1 - p) ** leaves;
}
