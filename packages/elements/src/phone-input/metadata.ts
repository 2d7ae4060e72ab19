/**
 * Phone metadata for a preset's regions, loaded on demand. The built-in presets' region lists
 * have small generated subsets (scripts/phone-metadata.mjs); `any` — or a site's own list —
 * loads libphonenumber-js's full `min` set. Each is a dynamic import, so the bundle splits them
 * into chunks that only load when a phone field (or phone-shaped identifier) needs them.
 */
import type { MetadataJson } from '@cloud-login/core/phone';

type Loader = () => Promise<{ default: MetadataJson }>;

const SUBSETS: Record<string, Loader> = {
  CN: () => import('./metadata/cn.ts'),
  'CN,HK,MO,TW': () => import('./metadata/cn-hk-mo-tw.ts'),
};

const loading = new Map<string, Promise<MetadataJson>>();

export function metadataKey(regions: 'any' | readonly string[]): string {
  return regions === 'any' ? 'any' : [...regions].sort().join(',');
}

export function loadPhoneMetadata(regions: 'any' | readonly string[]): Promise<MetadataJson> {
  const key = metadataKey(regions);
  let promise = loading.get(key);
  if (!promise) {
    const loader: Loader = SUBSETS[key] ?? (() => import('@cloud-login/core/phone-metadata'));
    promise = loader().then((m) => m.default);
    // A failed chunk load (offline) may succeed later: don't cache the failure.
    promise.catch(() => loading.delete(key));
    loading.set(key, promise);
  }
  return promise;
}
