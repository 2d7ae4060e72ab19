/** Small helpers the lowdb collections share. */
import type { Frozen } from '../types.ts';

/** Map keys built from several parts; NUL never occurs in the parts. */
export const key = (...parts: string[]): string => parts.join('\u0000');

export const clone = structuredClone;

export const DAY = 24 * 60 * 60 * 1000;

/**
 * Freezes a record and everything in it. Accounts, sessions and QR tickets are stored frozen,
 * so `accounts.view`/`sessions.view` (and `qr.claim`'s refusals) can hand out the stored object
 * itself: no caller can change stored data behind the store's back (the write throws), and no
 * read pays for a copy.
 */
export function deepFreeze<T>(value: T): Frozen<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value as Frozen<T>;
}

export function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  let set = map.get(k);
  if (!set) map.set(k, (set = new Set()));
  set.add(v);
}

export function removeFrom<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k);
  if (!set) return;
  set.delete(v);
  if (set.size === 0) map.delete(k);
}
