/**
 * Named counters that report in insertion order, so a result object prints the same way every
 * run (never in hash order).
 *
 * @example
 * const c = new Counters(); c.add("ok"); c.add("timeout", 2); c.add("ok");
 * c.toObject() // { ok: 2, timeout: 2 }
 */
export class Counters {
  private readonly values = new Map<string, number>();

  add(name: string, amount = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + amount);
  }

  get(name: string): number {
    return this.values.get(name) ?? 0;
  }

  toObject(): Record<string, number> {
    return Object.fromEntries(this.values);
  }
}
