/**
 * In-process change notification for QR tickets (`QrChanges` in `types.ts`): listeners in a map
 * keyed by ticket id. One process sees only its own changes; a store shared by several processes
 * feeds the same interface from its own notifications (LISTEN/NOTIFY with PostgreSQL).
 */
import type { QrChanges } from './types.ts';

export function createQrChanges(): QrChanges {
  const listeners = new Map<string, Set<() => void>>();
  return {
    subscribe(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      // Wrapped, so the same function subscribed twice is two subscriptions, each removed once.
      const entry = () => listener();
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && listeners.get(id) === set) listeners.delete(id);
      };
    },
    publish(id) {
      const set = listeners.get(id);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener();
        } catch {
          // A listener's failure is its own stream's business, never the store write's.
        }
      }
    },
  };
}
