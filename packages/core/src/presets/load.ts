/**
 * `loadPreset`: one preset's module, imported on demand, so a bundler makes each preset a chunk
 * of its own and a browser page loads only the preset it shows. The server and the tests read all
 * five at once through `PRESETS` (`index.ts`).
 */
import { isProviderId, type ProviderId } from './data.ts';
import type { Preset } from './schema.ts';

// Dynamic imports, so a bundler makes each preset a chunk of its own.
const PRESET_MODULES: Record<ProviderId, () => Promise<{ default: Preset }>> = {
  jdcloud: () => import('./jdcloud.ts'),
  'jdcloud-classic': () => import('./jdcloud-classic.ts'),
  qingcloud: () => import('./qingcloud.ts'),
  tencentcloud: () => import('./tencentcloud.ts'),
  default: () => import('./default.ts'),
};

/** Loads one preset's module; rejects for an id that is not a preset's. */
export async function loadPreset(id: ProviderId): Promise<Preset> {
  if (!isProviderId(id)) throw new RangeError(`unknown provider "${String(id)}"`);
  return (await PRESET_MODULES[id]()).default;
}
