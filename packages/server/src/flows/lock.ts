/**
 * Serialises work per key inside this process. The store's operations are atomic one by one;
 * a few decisions span two of them ("is anyone else using this phone?" then "create"), and
 * those run under a lock on the phone or email so two parallel requests cannot both be first.
 */
export interface KeyedLock {
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();

  async function runOne<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  }

  return {
    run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
      // A fixed order, so two requests locking the same pair cannot deadlock.
      const sorted = [...new Set(keys)].sort();
      const nest = (index: number): Promise<T> =>
        index === sorted.length ? work() : runOne(sorted[index]!, () => nest(index + 1));
      return nest(0);
    },
  };
}
