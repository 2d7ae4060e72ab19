/**
 * Provider presets: one typed object per console, validated by a zod schema. Both the elements
 * and the server read these, so each rule of docs/presets.md is written once, here, as data.
 *
 * Each preset is a module of its own (`<id>.ts`), so a browser page loads only the one it shows
 * (`loadPreset`, in `load.ts`). What they share: the names in `data.ts` (no imports), the common
 * values in `defaults.ts`, the schema and its types in `schema.ts`. This module gathers them for
 * the server, tests and stories: `PRESETS` holds all five, and `resolvePreset` applies a site's
 * overrides synchronously.
 */
import type { ProviderId } from './data.ts';
import { applyOverrides, type Preset, type PresetOverrides } from './schema.ts';
import jdcloud from './jdcloud.ts';
import jdcloudClassic from './jdcloud-classic.ts';
import qingcloud from './qingcloud.ts';
import tencentcloud from './tencentcloud.ts';
import defaultPreset from './default.ts';

export * from './data.ts';
export * from './defaults.ts';
export * from './load.ts';
export * from './schema.ts';
export * from './contact.ts';

export const PRESETS: Readonly<Record<ProviderId, Preset>> = {
  jdcloud,
  'jdcloud-classic': jdcloudClassic,
  qingcloud,
  tencentcloud,
  default: defaultPreset,
};

/**
 * The preset a site gets: the named preset with the site's overrides merged in (objects merge,
 * arrays and scalars replace), validated again so an override cannot produce an invalid preset.
 */
export function resolvePreset(id: ProviderId = 'default', overrides?: PresetOverrides): Preset {
  const base = PRESETS[id];
  return overrides ? applyOverrides(base, overrides) : base;
}
