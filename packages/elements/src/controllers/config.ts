/**
 * Resolves what an element renders from: its configuration (own attributes, then the `config`
 * property, then what an enclosing `<cloud-auth>` or flow element provides), the preset with the
 * site's overrides, the locale, the translator and the API client. The base element wires it:
 * it waits for `ready()` before an update and calls `resolve()` in `willUpdate`. Any `<html lang>`
 * or browser language change re-renders the host.
 *
 * An element with an `api` follows its server: `GET /config` is read once per api base (shared by
 * every element on the page), the local preset paints first, and the server's methods and
 * policies replace the preset's when they arrive, so nothing the server does not offer is shown.
 * When the config cannot be read, `problem` says why (wrong `api`, unreachable, origin refused)
 * and the console says how to fix it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  createClient,
  isProviderId,
  type CloudClient,
  type PublicConfig,
  type Locale,
  type Preset,
  type PresetOverrides,
  type ProviderId,
} from '@cloud-login/core';
import { resolveLocale } from '@cloud-login/core/messages/format';
import { isLocaleLoaded, loadLocale, translator, type Translate } from '../i18n/index.ts';
import type { CloudConfig, StringOverrides } from '../shared/config.ts';
import type { ProblemView } from './config-problem.ts';
import { loadPresetFor, presetIfLoaded } from '../shared/presets.ts';
import { sessionToken } from '../shared/session.ts';

/** What the host says itself: its own attributes, its `config`, and what its context provides. */
export interface ConfigSource {
  provider?: string | undefined;
  api?: string | undefined;
  locale?: string | undefined;
  returnTo?: string | undefined;
  methods?: string[] | undefined;
  config?: CloudConfig | undefined;
  strings?: StringOverrides | undefined;
}

// One observer for every element: `<html lang>` changes re-render all of them.
const langListeners = new Set<() => void>();
let langObserver: MutationObserver | undefined;
function watchLanguage(listener: () => void): () => void {
  if (!langObserver && typeof MutationObserver !== 'undefined') {
    langObserver = new MutationObserver(() => langListeners.forEach((l) => l()));
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    addEventListener('languagechange', () => langListeners.forEach((l) => l()));
  }
  langListeners.add(listener);
  return () => langListeners.delete(listener);
}

const clientCache = new Map<string, CloudClient>();
function clientFor(api: string): CloudClient {
  let client = clientCache.get(api);
  if (!client) {
    const baseUrl = new URL(api, document.baseURI).href.replace(/\/+$/, '');
    clientCache.set(api, (client = createClient({ baseUrl, token: () => sessionToken(baseUrl) })));
  }
  return client;
}

/** A server's config, or the view that says why it could not be read. */
type Followed = PublicConfig | ProblemView;
const served = new Map<string, Promise<Followed | undefined>>();

/**
 * The server's config for `client`'s api base: one request per base, shared by every element
 * (a failure too, until `retry()`). When its diagnosis cannot load either, the network is down:
 * the element keeps its form, whose actions then say so.
 */
function serverConfig(client: CloudClient): Promise<Followed | undefined> {
  const url = client.baseUrl;
  let answer = served.get(url);
  if (!answer) {
    const problem = (error?: unknown): Promise<Followed | undefined> =>
      import('./config-problem.ts').then(
        ({ diagnose }) => diagnose(url, error),
        () => undefined,
      );
    served.set(
      url,
      (answer = client.config().then((config) => (config?.methods ? config : problem()), problem)),
    );
  }
  return answer;
}

/**
 * The preset as the server serves it: its methods, policies, agreements and industries (the
 * element's own `methods` can still narrow the methods). A server serving another preset is
 * followed for its methods only: the local preset's steps would not fit its policies.
 */
function following(preset: Preset, server: PublicConfig | undefined): Preset {
  if (!server) return preset;
  const { methods, policies } = server;
  return server.provider === preset.id
    ? ({
        ...preset,
        // The code policy comes without its abuse limits (the server's business; no element reads them).
        ...policies,
        methods,
        // Absent: no limit (the preset's own would not be the server's).
        maxAccountsPerPhone: policies.maxAccountsPerPhone,
        agreements: server.agreements,
        industries: server.industries ?? [],
      } as Preset)
    : { ...preset, methods };
}

function mergeStrings(...layers: (StringOverrides | undefined)[]): StringOverrides | undefined {
  const present = layers.filter((l): l is StringOverrides => !!l);
  if (present.length < 2) return present[0];
  const out: StringOverrides = {};
  for (const layer of present) {
    for (const [locale, table] of Object.entries(layer) as [Locale, Record<string, string>][]) {
      out[locale] = { ...out[locale], ...table };
    }
  }
  return out;
}

export class ConfigController implements ReactiveController {
  /** The resolved configuration: own attributes, then `config`, then context. */
  effective: CloudConfig = {};
  /** Set before the first render: the host waits for its preset's module (`ready()`). */
  preset!: Preset;
  locale: Locale = 'en';
  t: Translate = translator('en');
  client?: CloudClient | undefined;
  /** Why the server's config could not be read: what the element shows instead of its form. */
  problem?: ProblemView | undefined;

  private local?: Preset;
  private server?: PublicConfig | undefined;
  /** The client (one per api base) whose server this element follows. */
  private followed?: CloudClient | undefined;
  private stopWatching?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & ConfigSource,
    /** What an enclosing `<cloud-auth>` or flow element provides. */
    private readonly inherited: () => CloudConfig | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stopWatching = watchLanguage(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.stopWatching?.();
  }

  /** The preset id in force (own attribute, then `config`, then context); unknown ids give `default`. */
  private get providerId(): ProviderId {
    const h = this.host;
    const name = h.provider ?? h.config?.provider ?? this.inherited()?.provider;
    return isProviderId(name) ? name : 'default';
  }

  /** The site's preset overrides in force (`config`, then context). */
  private get overrides(): PresetOverrides | undefined {
    return this.host.config?.overrides ?? this.inherited()?.overrides;
  }

  /** The locale the host asks for: own attribute, `config`, context, `<html lang>`, the browser. */
  private get wantedLocale(): Locale {
    const h = this.host;
    return resolveLocale(
      h.locale ?? h.config?.locale ?? this.inherited()?.locale,
      document.documentElement.lang,
      typeof navigator === 'undefined' ? [] : navigator.languages,
    );
  }

  /**
   * Loads the preset (and the validator of the site's overrides, if any) and the locale's
   * strings, side by side. The provider, overrides or locale may change while they load: the
   * loop loads those too, and nothing awaits between its last check and the host's update, so
   * `resolve()` finds them loaded (a locale whose strings could not load renders in English).
   */
  async ready(): Promise<void> {
    const failed = new Set<Locale>();
    for (;;) {
      // A locale whose strings could not load renders in English, which must load then.
      const wanted = this.wantedLocale;
      const locale = failed.has(wanted) ? 'en' : wanted;
      const presetMissing = !presetIfLoaded(this.providerId, this.overrides);
      const localeMissing = !isLocaleLoaded(locale) && !failed.has(locale);
      if (!presetMissing && !localeMissing) break;
      const [presetOk, localeOk] = await Promise.all([
        presetMissing ? loadPresetFor(this.providerId, this.overrides) : true,
        localeMissing ? loadLocale(locale) : true,
      ]);
      if (!localeOk) failed.add(locale);
      if (presetMissing && !presetOk) break;
    }
  }

  /** Whether there is a preset to render from (one that could not load was reported). */
  get loaded(): boolean {
    return this.local !== undefined || presetIfLoaded(this.providerId, this.overrides) !== undefined;
  }

  /** Resolves configuration, preset, locale, translator and client for the coming render. */
  resolve(): void {
    const h = this.host;
    const own = h.config ?? {};
    const ctx = this.inherited() ?? {};
    const providerName = h.provider ?? own.provider ?? ctx.provider;
    if (providerName !== undefined && !isProviderId(providerName)) {
      console.warn(`cloud-login: unknown provider "${providerName}", using "default"`);
    }
    const provider = this.providerId;
    const effective: CloudConfig = {
      provider,
      api: h.api ?? own.api ?? ctx.api,
      locale: h.locale ?? own.locale ?? ctx.locale,
      overrides: own.overrides ?? ctx.overrides,
      strings: mergeStrings(ctx.strings, own.strings, h.strings),
      client: own.client ?? ctx.client,
      returnTo: h.returnTo ?? own.returnTo ?? ctx.returnTo,
      methods: h.methods ?? own.methods ?? ctx.methods,
    };
    this.effective = effective;
    // Loaded by ready(); missing only when its module failed to load, and then the host keeps
    // the preset it had.
    this.local = presetIfLoaded(provider, effective.overrides) ?? this.local;
    const locale = resolveLocale(
      effective.locale,
      document.documentElement.lang,
      typeof navigator === 'undefined' ? [] : navigator.languages,
    );
    this.locale = isLocaleLoaded(locale) ? locale : 'en';
    this.t = translator(this.locale, effective.strings);
    this.client = effective.client ?? (effective.api ? clientFor(effective.api) : undefined);
    // A site's own client is its own wiring (Storybook's fake, a proxy): only an `api` is followed.
    const follow = effective.client ? undefined : this.client;
    if (follow !== this.followed) {
      this.followed = follow;
      this.server = this.problem = undefined;
      if (follow) this.load();
    }
    this.preset = following(this.local!, this.server);
  }

  /** Reads the config again (the "Try again" of the element's problem view). */
  retry(): void {
    served.delete(this.followed!.baseUrl);
    this.load();
  }

  private load(): void {
    const client = this.followed!;
    void serverConfig(client).then((answer) => {
      if (answer && client === this.followed) {
        if (typeof answer == 'function') this.problem = answer;
        else {
          this.server = answer;
          this.problem = undefined;
        }
        this.host.requestUpdate();
      }
    });
  }
}
