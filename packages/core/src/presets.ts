/**
 * Provider presets: one typed object per console, validated by a zod schema. Both the elements
 * and the server read these, so each rule of SPEC §1 is written once, here, as data.
 *
 * Each preset is a module of its own (`presets/<id>.ts`), so a browser page loads only the one it
 * shows (`loadPreset`); what they share is in `preset-data.ts` (no zod), the schema and its types
 * in `preset-schema.ts`. This module gathers them for the server, tests and stories: `PRESETS`
 * holds all five, and `resolvePreset` applies a site's overrides synchronously.
 */
import { applyOverrides, type Preset, type PresetOverrides } from './preset-schema.ts';
import type { ProviderId } from './preset-data.ts';
import jdcloud from './presets/jdcloud.ts';
import jdcloudClassic from './presets/jdcloud-classic.ts';
import qingcloud from './presets/qingcloud.ts';
import tencentcloud from './presets/tencentcloud.ts';
import defaultPreset from './presets/default.ts';

export * from './preset-data.ts';
export * from './preset-schema.ts';

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
