/** A write a coordinator keeps for a replica that missed it, to replay when the replica is back. */
export interface Hint {
  target: number;
  key: number;
  writeId: number;
  createdUs: number;
}

/**
 * Hints per holding node, in the order they were stored. A holder's hints live and die with it:
 * if the holder never comes back, its hints are gone, which is why hints are an optimisation and
 * not a durability guarantee.
 *
 * @example
 * const h = new HintStore(3); h.add(0, { target: 2, key: 7, writeId: 1, createdUs: 0 });
 * h.pendingFor(2) // 1
 */
export class HintStore {
  private readonly byHolder: Hint[][];

  constructor(nodeCount: number) {
    this.byHolder = Array.from({ length: nodeCount }, () => []);
  }

  /** Stores a hint at `holder`. */
  add(holder: number, hint: Hint): void {
    (this.byHolder[holder] as Hint[]).push(hint);
  }

  /** Hints held by `holder` for `target`, oldest first (a new array; the store keeps them). */
  heldFor(holder: number, target: number): Hint[] {
    return (this.byHolder[holder] as Hint[]).filter((h) => h.target === target);
  }

  /** Removes one delivered hint. */
  remove(holder: number, hint: Hint): void {
    const list = this.byHolder[holder] as Hint[];
    const i = list.indexOf(hint);
    if (i >= 0) list.splice(i, 1);
  }

  /** Targets `holder` holds hints for, ascending. */
  targetsOf(holder: number): number[] {
    const targets = new Set<number>();
    for (const h of this.byHolder[holder] as Hint[]) targets.add(h.target);
    return Array.from(targets).sort((a, b) => a - b);
  }

  /** Holders with hints for `target`, ascending. */
  holdersFor(target: number): number[] {
    const out: number[] = [];
    this.byHolder.forEach((list, holder) => {
      if (list.some((h) => h.target === target)) out.push(holder);
    });
    return out;
  }

  /** Hints waiting for `target` across all holders. */
  pendingFor(target: number): number {
    let n = 0;
    for (const list of this.byHolder) for (const h of list) if (h.target === target) n++;
    return n;
  }

  /** All hints waiting anywhere. */
  get pending(): number {
    let n = 0;
    for (const list of this.byHolder) n += list.length;
    return n;
  }
}
