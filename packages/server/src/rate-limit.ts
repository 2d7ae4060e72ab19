/**
 * A small in-memory sliding-window limiter: at most `limit` hits per key in any `windowMs`.
 * Used for failed logins per account and per address; a blocked key frees itself as its oldest
 * hits leave the window, so nobody is ever locked out for good.
 *
 * One process only, like the lowdb store; a multi-process deployment swaps in a shared one.
 */

import type { HitStore } from './store/types.ts';

export type LimitResult = { ok: true; remaining: number } | { ok: false; retryAfter: number };

export interface LimiterOptions {
  limit: number;
  windowMs: number;
  /** Clock in ms; tests inject one. */
  now?: () => number;
  /**
   * Keys kept at most. Past it, expired keys are dropped first, then the least recently hit key
   * that is under its limit: memory stays bounded when an attacker sprays keys, and a key that
   * is refusing (an account under attack) is never the one forgotten. When every kept key is
   * refusing, new keys are refused until one frees.
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

export function createLimiter({
  limit,
  windowMs,
  now = Date.now,
  maxKeys = 100_000,
}: LimiterOptions): Limiter {
  if (!(limit >= 1) || !(windowMs > 0))
    throw new Error('createLimiter: limit ≥ 1 and windowMs > 0 are required');
  /**
   * key → times of the hits still in the window, oldest first (at most `limit` of them). Keys
   * under their limit live in `open`, least recently hit first; keys at their limit (refusing)
   * in `full`. Only `open` keys are evicted when memory runs out: forgetting a cold key costs its
   * owner nothing, forgetting a blocked one would hand a guesser a fresh window.
   */
  const open = new Map<string, number[]>();
  const full = new Map<string, number[]>();
  let nextSweep = now() + windowMs;

  function live(key: string, t: number): number[] {
    const times = open.get(key) ?? full.get(key);
    if (!times) return [];
    while (times.length > 0 && times[0]! <= t - windowMs) times.shift();
    if (times.length === 0) {
      open.delete(key);
      full.delete(key);
    } else if (times.length < limit && full.delete(key)) {
      open.set(key, times);
    }
    return times;
  }

  function answer(times: number[], t: number): LimitResult {
    if (times.length < limit) return { ok: true, remaining: limit - times.length };
    // Free again when the oldest hit leaves the window; whole seconds, at least one.
    return { ok: false, retryAfter: Math.max(1, Math.ceil((times[0]! + windowMs - t) / 1000)) };
  }

  /** Drops expired keys; at most once per window, so its cost is spread over many hits. */
  function sweep(t: number): void {
    for (const key of [...open.keys(), ...full.keys()]) live(key, t);
    nextSweep = t + windowMs;
  }

  /**
   * About when a limiter full of refusing keys frees a place: when the key that filled first
   * frees (O(1), not a scan per refused key).
   */
  function soonestFree(t: number): LimitResult {
    const first = full.values().next().value?.[0] ?? t;
    return { ok: false, retryAfter: Math.max(1, Math.ceil((first + windowMs - t) / 1000)) };
  }

  return {
    hit(key) {
      const t = now();
      const times = live(key, t);
      const result = answer(times, t);
      if (!result.ok) return result;
      const known = open.has(key);
      if (!known && open.size + full.size >= maxKeys) {
        if (t >= nextSweep) sweep(t);
        // Map order is least recently hit first (a hit re-inserts its key): drop the stalest
        // key that is not refusing. When every kept key is refusing, a new key is refused too
        // rather than a blocked one forgotten (reached only with maxKeys × limit hits in a window).
        if (open.size > 0) open.delete(open.keys().next().value!);
        else if (full.size >= maxKeys) return soonestFree(t);
      }
      times.push(t);
      open.delete(key);
      if (times.length >= limit) full.set(key, times);
      else open.set(key, times);
      if (t >= nextSweep) sweep(t);
      return { ok: true, remaining: limit - times.length };
    },
    peek(key) {
      const t = now();
      return answer(live(key, t), t);
    },
    release(key) {
      const times = open.get(key) ?? full.get(key);
      if (!times) return;
      times.pop();
      full.delete(key);
      if (times.length === 0) open.delete(key);
      else if (!open.has(key)) open.set(key, times);
    },
    reset(key) {
      open.delete(key);
      full.delete(key);
    },
    get size() {
      return open.size + full.size;
    },
  };
}

/**
 * A limiter as the flows use it: asynchronous, so it can live in a store several processes share
 * (`Store.hits`, e.g. PostgreSQL) as well as in this process (`createLimiter`).
 */
export interface Throttle {
  hit(key: string): Promise<LimitResult>;
  release(key: string): Promise<void>;
  peek(key: string): Promise<LimitResult>;
  reset(key: string): Promise<void>;
  /**
   * Where a throttle kept in a shared store counts, so that `runSteps` can send the steps of
   * several throttles in one round trip. Absent for one kept in this process.
   */
  readonly shared?: SharedThrottle;
}

export interface SharedThrottle {
  hits: HitStore;
  /** The key in the store (the throttle's name before the caller's key). */
  key(key: string): string;
  limit: number;
  windowMs: number;
  now(): number;
}

/** One step of `runSteps`: what `Throttle` would do with `key`; `stop` as in `HitStore.steps`. */
export type ThrottleStep =
  | { throttle: Throttle; op: 'hit' | 'peek'; key: string; stop?: boolean }
  | { throttle: Throttle; op: 'release' | 'reset'; key: string };

/**
 * Runs the steps in order, as if one after the other: a refused `hit` (or a full `peek`) whose
 * `stop` is set skips the rest. One answer per step, `undefined` for a release, a reset or a
 * skipped step. When every throttle lives in one store that can run steps, that is one round
 * trip; else one call per step. List keys in one fixed order (see `HitStore.steps`).
 */
export async function runSteps(steps: readonly ThrottleStep[]): Promise<(LimitResult | undefined)[]> {
  const shared = steps[0]?.throttle.shared;
  const store = shared?.hits;
  if (shared && store?.steps && steps.every((step) => step.throttle.shared?.hits === store)) {
    return store.steps(
      steps.map((step) => {
        const { key, limit, windowMs } = step.throttle.shared!;
        return step.op === 'hit' || step.op === 'peek'
          ? { op: step.op, key: key(step.key), limit, windowMs, ...(step.stop && { stop: true }) }
          : { op: step.op, key: key(step.key) };
      }),
      shared.now(),
    );
  }
  const answers: (LimitResult | undefined)[] = steps.map(() => undefined);
  for (const [i, step] of steps.entries()) {
    if (step.op === 'hit' || step.op === 'peek') {
      const answer = await step.throttle[step.op](step.key);
      answers[i] = answer;
      if (!answer.ok && step.stop) break;
    } else {
      await step.throttle[step.op](step.key);
    }
  }
  return answers;
}

/** The in-process limiter behind the `Throttle` interface. */
export function throttleOf(limiter: Limiter): Throttle {
  return {
    hit: async (key) => limiter.hit(key),
    release: async (key) => limiter.release(key),
    peek: async (key) => limiter.peek(key),
    reset: async (key) => limiter.reset(key),
  };
}
