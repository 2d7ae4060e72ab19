/** The lowdb store's part of kept.ts: dev mode's records in the data file, never removed. */
import type { CommitLog, LogCollection } from '../commit-log.ts';
import type { KeptRecord, Op } from '../journal.ts';
import type { KeptRecords } from '../kept.ts';
import { clone } from './shared.ts';

/** Keyed records (`keyOf`), or a list that keeps the newest `limit`. */
export class LowdbKept implements KeptRecords, LogCollection {
  readonly neverRemoves = true;
  private readonly byKey = new Map<string, KeptRecord>();
  private readonly list: KeptRecord[] = [];

  constructor(
    private readonly log: CommitLog,
    private readonly name: 'outbox' | 'idpUsers',
    private readonly shape: { keyOf: (record: KeptRecord) => string } | { limit: number },
  ) {}

  apply(op: Op): void {
    if (!('put' in op) || op.put !== this.name) return;
    if ('keyOf' in this.shape) {
      this.byKey.set(this.shape.keyOf(op.value), op.value);
      return;
    }
    this.list.push(op.value);
    if (this.list.length > this.shape.limit) this.list.splice(0, this.list.length - this.shape.limit);
  }

  records(): KeptRecord[] {
    return 'keyOf' in this.shape ? [...this.byKey.values()] : [...this.list];
  }

  values(): Iterable<KeptRecord> {
    return 'keyOf' in this.shape ? this.byKey.values() : this.list;
  }

  async add(record: KeptRecord): Promise<void> {
    this.log.open();
    this.log.put(this.name, clone(record));
    await this.log.commit();
  }
}
