/**
 * The presets the elements render from, loaded one module at a time: a page fetches the preset
 * its elements name, not all five (core's `loadPreset`). An element renders synchronously from
 * what is here (`presetIfLoaded`) and waits for `loadPresetFor` before an update that needs more
 * (CloudElement). The CDN entry starts the load as soon as it sees a tag and its `provider`
 * (`preloadPresets`), so the preset arrives beside the element's chunk rather than after it.
 *
 * A site's overrides are validated with core's zod schema (`presets/schema.ts`), a chunk of its
 * own: pages without overrides — most — never load zod. Results are memoised per overrides
 * object, so a render stays cheap.
 */
import {
  isProviderId,
  loadPreset,
  type Preset,
  type PresetOverrides,
  type ProviderId,
} from '@cloud-login/core';

const loaded = new Map<ProviderId, Preset>();
const loading = new Map<ProviderId, Promise<boolean>>();
const withOverrides = new WeakMap<object, Map<ProviderId, Preset>>();
let validator: Promise<typeof import('@cloud-login/core/presets/schema')> | undefined;

/** The preset with `overrides` applied, if everything it needs has loaded. */
export function presetIfLoaded(
  provider: ProviderId,
  overrides: PresetOverrides | undefined,
): Preset | undefined {
  return overrides ? withOverrides.get(overrides)?.get(provider) : loaded.get(provider);
}

function loadPlain(provider: ProviderId): Promise<boolean> {
  let promise = loading.get(provider);
  if (!promise) {
    promise = loadPreset(provider).then(
      (preset) => {
        loaded.set(provider, preset);
        return true;
      },
      (error: unknown) => {
        // Not cached: a later update (another attribute, the element put back) tries again.
        loading.delete(provider);
        console.error(`cloud-login: could not load the "${provider}" preset`, error);
        return false;
      },
    );
    loading.set(provider, promise);
  }
  return promise;
}

/**
 * Loads what `presetIfLoaded(provider, overrides)` needs. Resolves `false` when the preset's own
 * module could not load (reported on the console); an override that breaks the preset schema,
 * or a validator that cannot load, leaves the plain preset in force rather than no form.
 */
export async function loadPresetFor(
  provider: ProviderId,
  overrides: PresetOverrides | undefined,
): Promise<boolean> {
  if (!(await loadPlain(provider))) return false;
  if (!overrides) return true;
  const base = loaded.get(provider)!;
  let byProvider = withOverrides.get(overrides);
  if (!byProvider) withOverrides.set(overrides, (byProvider = new Map()));
  if (byProvider.has(provider)) return true;
  let preset = base;
  try {
    validator ??= import('@cloud-login/core/presets/schema');
    const { applyOverrides } = await validator;
    try {
      preset = applyOverrides(base, overrides);
    } catch (error) {
      // A site's override that breaks the preset schema must not take the whole form down.
      console.error('cloud-login: invalid preset overrides, using the plain preset', error);
    }
  } catch (error) {
    validator = undefined;
    console.error('cloud-login: could not load the preset validator, ignoring the overrides', error);
  }
  byProvider.set(provider, preset);
  return true;
}

/**
 * Starts loading the presets the document's `tag` elements name, by their own `provider` or an
 * enclosing `<cloud-auth provider>` (an unknown name loads `default`, as the element will). A
 * provider set only from script (`config`) is not visible here: the element loads it itself.
 */
export function preloadPresets(tag: string): void {
  for (const el of document.querySelectorAll(tag)) {
    const name = el.getAttribute('provider') ?? el.closest('cloud-auth[provider]')?.getAttribute('provider');
    if (name != null) void loadPlain(isProviderId(name) ? name : 'default');
  }
}
