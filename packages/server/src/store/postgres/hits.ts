/**
 * Throttle counters in PostgreSQL (`HitStore`): one row per hit in the unlogged `cl_hits` table
 * (a crash may forget recent hits, never block anybody for good). `cl_hit` (migrations.ts) takes
 * an advisory lock on the key, counts the window and inserts, in one round trip; parallel hits of
 * one key from any process queue on the lock, so at most `limit` pass. `cl_hit_steps` runs
 * several steps (a sign-in's three throttles) in one round trip.
 */
import type { HitResult, HitStep, HitStore } from '../types.ts';
import { iso, type Db } from './shared.ts';

/** PostgreSQL's type id of `boolean`: the client infers no element type for an array of booleans. */
const BOOL = 16;

export class PostgresHits implements HitStore {
  constructor(private readonly db: Db) {}

  private async ask(fn: 'cl_hit' | 'cl_hit_peek', key: string, limit: number, windowMs: number, now: number) {
    const { sql } = this.db;
    const [row] =
      await sql`select * from ${sql(fn)}(${key}, ${limit}, ${windowMs}::bigint, ${iso(now)}::timestamptz)`;
    const { n, first_at: first } = row as { n: number; first_at: Date | null };
    return { count: n, oldest: first?.getTime() };
  }

  private static answer(
    count: number,
    oldest: number | undefined,
    limit: number,
    windowMs: number,
    now: number,
  ): HitResult {
    if (count < limit) return { ok: true, remaining: limit - count };
    return { ok: false, retryAfter: Math.max(1, Math.ceil(((oldest ?? now) + windowMs - now) / 1000)) };
  }

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<HitResult> {
    // `count` is the window's hits before this one; `counted` whether this one went in.
    const { count, oldest } = await this.ask('cl_hit', key, limit, windowMs, now);
    if (count >= limit) return PostgresHits.answer(count, oldest, limit, windowMs, now);
    return { ok: true, remaining: limit - count - 1 };
  }

  async peek(key: string, limit: number, windowMs: number, now: number): Promise<HitResult> {
    const { count, oldest } = await this.ask('cl_hit_peek', key, limit, windowMs, now);
    return PostgresHits.answer(count, oldest, limit, windowMs, now);
  }

  async steps(steps: readonly HitStep[], now: number): Promise<(HitResult | undefined)[]> {
    if (steps.length === 0) return [];
    const { sql } = this.db;
    const counted = (step: HitStep): step is Extract<HitStep, { limit: number }> =>
      step.op === 'hit' || step.op === 'peek';
    const rows = await sql`select * from cl_hit_steps(
      ${steps.map((step) => step.op)}::text[],
      ${steps.map((step) => step.key)}::text[],
      ${steps.map((step) => (counted(step) ? step.limit : 0))}::integer[],
      ${steps.map((step) => (counted(step) ? step.windowMs : 0))}::bigint[],
      ${sql.array(
        steps.map((step) => counted(step) && step.stop === true),
        BOOL,
      )},
      ${iso(now)}::timestamptz)`;
    const answers: (HitResult | undefined)[] = steps.map(() => undefined);
    for (const row of rows as unknown as { step: number; n: number | null; first_at: Date | null }[]) {
      const step = steps[row.step - 1]!;
      if (!counted(step) || row.n === null) continue;
      const { limit, windowMs } = step;
      answers[row.step - 1] =
        step.op === 'peek' || row.n >= limit
          ? PostgresHits.answer(row.n, row.first_at?.getTime(), limit, windowMs, now)
          : { ok: true, remaining: limit - row.n - 1 };
    }
    return answers;
  }

  async release(key: string): Promise<void> {
    await this.db.sql`delete from cl_hits where ctid =
      (select ctid from cl_hits where key = ${key} order by at desc limit 1)`;
  }

  async reset(key: string): Promise<void> {
    await this.db.sql`delete from cl_hits where key = ${key}`;
  }
}
