/**
 * Phone handling, loaded on demand: libphonenumber-js (through core's `phone.ts`) and the
 * metadata for a preset's regions. The built-in presets' region lists have small generated
 * subsets (scripts/phone-metadata.mjs); `any` — or a site's own list — loads libphonenumber-js's
 * full `min` set. Every piece is a dynamic import, so the bundle splits them into chunks that
 * load only when a phone field (or a phone-shaped identifier) needs them: a page for a preset
 * without phones never downloads any of it.
 */
import type { MetadataJson } from '@cloud-login/core/phone';
import type { PhonePolicy } from '@cloud-login/core';

export type PhoneLib = typeof import('@cloud-login/core/phone');
export interface PhoneRuntime {
  lib: PhoneLib;
  metadata: MetadataJson;
}

type Loader = () => Promise<{ default: MetadataJson }>;

const SUBSETS: Record<string, Loader> = {
  CN: () => import('./metadata/cn.ts'),
  'CN,HK,MO,TW': () => import('./metadata/cn-hk-mo-tw.ts'),
};

const loading = new Map<string, Promise<MetadataJson>>();

/** The preset's regions as `any` or a list (what `regionsOf` in core says, without loading it). */
export function regionList(policy: PhonePolicy): 'any' | readonly string[] {
  return policy.regions;
}

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

let lib: Promise<PhoneLib> | undefined;

/** libphonenumber-js with core's phone rules, and the metadata for `regions`. */
export async function loadPhone(regions: 'any' | readonly string[]): Promise<PhoneRuntime> {
  lib ??= import('@cloud-login/core/phone');
  lib.catch(() => (lib = undefined));
  const [loaded, metadata] = await Promise.all([lib, loadPhoneMetadata(regions)]);
  return { lib: loaded, metadata };
}
