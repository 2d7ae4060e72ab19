/**
 * Records a data file keeps for dev mode — the dev outbox and the users of the simulated identity
 * providers — outside the `Store` interface: dev mode gives them meaning (src/dev/store.ts), the
 * store only keeps them, in order, beside its own data. A store that keeps none leaves dev mode
 * to keep them in memory.
 */
import type { KeptRecord } from './journal.ts';
import type { Store } from './types.ts';

export type { KeptRecord };

export interface KeptRecords {
  /** Oldest first; the stored objects (copy before changing). */
  values(): Iterable<KeptRecord>;
  /**
   * For a store shared by several processes: reloads what `values` reads, so it shows the other
   * processes' records too. Dev mode calls it before each read.
   */
  refresh?(): Promise<void>;
  /** Stores the record (replacing the one with its key); resolves once it is durable. */
  add(record: KeptRecord): Promise<void>;
}

export interface KeptCollections {
  outbox: KeptRecords;
  idpUsers: KeptRecords;
}

const kept = new WeakMap<Store, KeptCollections>();

/** Called by a store that keeps dev mode's records. */
export function keepFor(store: Store, collections: KeptCollections): void {
  kept.set(store, collections);
}

/** The dev records `store` keeps, if it keeps any. */
export function keptRecordsOf(store: Store): KeptCollections | undefined {
  return kept.get(store);
}
