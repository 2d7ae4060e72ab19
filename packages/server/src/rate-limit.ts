/**
 * A small in-memory sliding-window limiter: at most `limit` hits per key in any `windowMs`.
 * Used for failed logins per account and per address; a blocked key frees itself as its oldest
 * hits leave the window, so nobody is ever locked out for good.
 *
 * One process only, like the lowdb store; a multi-process deployment swaps in a shared one.
 */

export type LimitResult = { ok: true; remaining: number } | { ok: false; retryAfter: number };

export interface LimiterOptions {
  limit: number;
  windowMs: number;
  /** Clock in ms; tests inject one. */
  now?: () => number;
  /**
   * Keys kept at most. Past it, expired keys are dropped first, then the least recently hit:
   * memory stays bounded even when an attacker sprays keys (at the price of forgetting them).
   */
  maxKeys?: number;
}

export interface Limiter {
  /** Counts a hit unless the key is over its limit (a refused hit does not count). */
  hit(key: string): LimitResult;
  /**
   * Takes back the newest hit of `key`. For attempts counted *before* the work they limit (so
   * parallel requests cannot all slip under the limit) that turn out not to count.
   */
  release(key: string): void;
  /** The answer `hit` would give, without counting. */
  peek(key: string): LimitResult;
  reset(key: string): void;
  /** Keys tracked now (for tests and metrics). */
  readonly size: number;
}

export function createLimiter({ limit, windowMs, now = Date.now, maxKeys = 100_000 }: LimiterOptions): Limiter {
  if (!(limit >= 1) || !(windowMs > 0)) throw new Error('createLimiter: limit ≥ 1 and windowMs > 0 are required');
  /** key → times of the hits still in the window, oldest first (at most `limit` of them). */
  const hits = new Map<string, number[]>();
  let nextSweep = now() + windowMs;

  function live(key: string, t: number): number[] {
    const times = hits.get(key);
    if (!times) return [];
    while (times.length > 0 && times[0]! <= t - windowMs) times.shift();
    if (times.length === 0) hits.delete(key);
    return times;
  }

  function answer(times: number[], t: number): LimitResult {
    if (times.length < limit) return { ok: true, remaining: limit - times.length };
    // Free again when the oldest hit leaves the window; whole seconds, at least one.
    return { ok: false, retryAfter: Math.max(1, Math.ceil((times[0]! + windowMs - t) / 1000)) };
  }

  /** Drops expired keys; at most once per window, so its cost is spread over many hits. */
  function sweep(t: number): void {
    for (const key of hits.keys()) live(key, t);
    nextSweep = t + windowMs;
  }

  return {
    hit(key) {
      const t = now();
      const times = live(key, t);
      const result = answer(times, t);
      if (!result.ok) return result;
      times.push(t);
      hits.delete(key);
      hits.set(key, times);
      // Map order is least recently hit first (a hit re-inserts its key): drop the stalest.
      if (hits.size > maxKeys) hits.delete(hits.keys().next().value!);
      if (t >= nextSweep) sweep(t);
      return { ok: true, remaining: limit - times.length };
    },
    peek(key) {
      const t = now();
      return answer(live(key, t), t);
    },
    release(key) {
      const times = hits.get(key);
      if (!times) return;
      times.pop();
      if (times.length === 0) hits.delete(key);
    },
    reset(key) {
      hits.delete(key);
    },
    get size() {
      return hits.size;
    },
  };
}
