// Freezes the built-ins that graded code could patch to fool trusted driver code running in the
// same child (a scenario's clock, its random streams, equality, JSON). Lab code that tries gets a
// TypeError naming the property, which the learner sees as the reason the check failed.
// Prototypes stay writable: freezing them breaks ordinary libraries (seedrandom assigns
// `constructor` on a plain object, which a frozen Object.prototype forbids), and `Error` stays
// writable because Node and tsx assign `Error.prepareStackTrace`. The assertions never run here,
// so what remains patchable can only fool this child's own data, never the check.

const FROZEN: readonly object[] = [Object, Array, Math, JSON, Reflect, Date, Number, String, Promise];

function refuse(name: string): () => never {
  return () => {
    throw new Error(`graded code may not call ${name}: return a value or throw instead`);
  };
}

/**
 * Freezes shared built-ins and replaces the ways to end the process early with functions that
 * throw, so `process.exit(0)` in a graded function is reported as what it is.
 *
 * @example
 * lockDown(); Object.isFrozen(Math) // true
 */
export function lockDown(): void {
  for (const name of ["exit", "reallyExit", "abort", "kill", "send", "disconnect", "chdir"] as const) {
    Object.defineProperty(process, name, { value: refuse(`process.${name}`), writable: false, configurable: false });
  }
  for (const target of FROZEN) Object.freeze(target);
}
