/**
 * The base of every cloud-login element: resolves configuration (own attributes, then the
 * `config` property, then context), the preset with the site's overrides, the locale, the
 * translator and the API client, and applies the preset's brand tokens.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import {
  ApiError,
  createClient,
  isProviderId,
  type CloudClient,
  type Locale,
  type Preset,
  type PresetOverrides,
  type ProviderId,
} from '@cloud-login/core';
import { resolveLocale } from '@cloud-login/core/messages/format';
import { cloudConfigContext, type CloudConfig, type StringOverrides } from '../shared/config.ts';
import { CloudErrorEvent } from '../shared/events.ts';
import { translator, codeMessage, messageForError, type Translate } from '../i18n/index.ts';
import { brandTokens } from '../shared/theme.ts';
import { loadPresetFor, presetIfLoaded } from '../shared/presets.ts';
import { sessionToken } from '../shared/session.ts';

/** `methods="password, sms"` ↔ `['password', 'sms']`. */
export const listConverter = {
  fromAttribute: (value: string | null) => (value ? value.split(/[\s,]+/).filter(Boolean) : undefined),
  toAttribute: (value: string[] | undefined) => value?.join(' '),
};

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

/**
 * The parts a nested element passes up to the element around it: every part name the elements
 * use, except `base` (each element's own wrapper; forwarding it would make `::part(base)` match
 * every block inside a form). Names a given element does not have are ignored by the browser.
 */
export const FORWARDED_PARTS = [
  'label', 'input', 'hint', 'error', 'region', 'prefix', 'send', 'voice', 'status', 'countdown',
  'toggle', 'checklist', 'rule', 'rule-met', 'rule-unmet', 'rule-recommended', 'checkbox', 'legend',
  'link', 'list', 'account', 'form', 'field', 'submit', 'form-error', 'notice', 'back', 'skip',
  'image', 'refresh', 'app-link', 'frame', 'progress', 'section', 'action', 'create',
].join(', ');

export abstract class CloudElement extends LitElement {
  // Focusing the host focuses its first field: flows move focus to a step's first block.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Preset id: `jdcloud`, `jdcloud-classic`, `qingcloud`, `tencentcloud` or `default`. */
  @property({ reflect: true }) provider?: string;

  /** Base URL of the provider's API (`https://auth.example.com/api/jdcloud`). */
  @property() api?: string;

  /** `en` or `zh-CN`; when absent, `<html lang>`, then the browser's languages. */
  @property() locale?: string;

  /** Where to navigate after success (same origin or http/https only). */
  @property({ attribute: 'return-to' }) returnTo?: string;

  /** Methods to show, a subset of the preset's, in this order (`methods="password sms"`). */
  @property({ converter: listConverter }) methods?: string[];

  /** `light` or `dark`; when absent, follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Everything else, as one object (`overrides`, `strings`, `client`…). */
  @property({ attribute: false }) config?: CloudConfig;

  /** String overrides per locale, for core's messages and the elements' strings alike. */
  @property({ attribute: false }) strings?: StringOverrides;

  /** What an enclosing `<cloud-auth>` or flow element provides. */
  @consume({ context: cloudConfigContext, subscribe: true })
  @state()
  protected inherited?: CloudConfig;

  @state() private languageTick = 0;

  /** The resolved configuration: own attributes, then `config`, then context. */
  protected effective: CloudConfig = {};
  /** Set before the first render: the element waits for its preset's module (see `scheduleUpdate`). */
  protected preset!: Preset;
  protected activeLocale: Locale = 'en';
  protected t: Translate = translator('en');
  protected client?: CloudClient;

  private stopWatching?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatching = watchLanguage(() => this.languageTick++);
    // Inside another element's shadow root, pass this element's parts (and those it forwards)
    // up, so a page can reach e.g. `cloud-login::part(input)`. A site's own `exportparts` wins.
    if (this.getRootNode() instanceof ShadowRoot && !this.hasAttribute('exportparts')) {
      this.setAttribute('exportparts', FORWARDED_PARTS);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
  }

  /** The preset id in force (own attribute, then `config`, then context); unknown ids give `default`. */
  private get providerId(): ProviderId {
    const name = this.provider ?? this.config?.provider ?? this.inherited?.provider;
    return isProviderId(name) ? name : 'default';
  }

  /** The site's preset overrides in force (`config`, then context). */
  private get overrides(): PresetOverrides | undefined {
    return this.config?.overrides ?? this.inherited?.overrides;
  }

  /**
   * Loads the preset (and the validator of the site's overrides, if any) before the update that
   * renders from it, so `render()` reads `this.preset` synchronously. The provider or overrides
   * may change while one loads: the loop loads those too, and nothing awaits between its last
   * check and the update, so `willUpdate` finds its preset loaded.
   */
  protected override async scheduleUpdate(): Promise<void> {
    while (!presetIfLoaded(this.providerId, this.overrides)) {
      if (!(await loadPresetFor(this.providerId, this.overrides))) break;
    }
    await super.scheduleUpdate();
  }

  /** Nothing to render before a first preset has loaded (one that could not load was reported). */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    const ready = this.preset !== undefined || presetIfLoaded(this.providerId, this.overrides) !== undefined;
    return super.shouldUpdate(changed) && ready;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const own = this.config ?? {};
    const ctx = this.inherited ?? {};
    const providerName = this.provider ?? own.provider ?? ctx.provider;
    if (providerName !== undefined && !isProviderId(providerName)) {
      console.warn(`cloud-login: unknown provider "${providerName}", using "default"`);
    }
    const provider = this.providerId;
    const effective: CloudConfig = {
      provider,
      api: this.api ?? own.api ?? ctx.api,
      locale: this.locale ?? own.locale ?? ctx.locale,
      overrides: own.overrides ?? ctx.overrides,
      strings: mergeStrings(ctx.strings, own.strings, this.strings),
      client: own.client ?? ctx.client,
      returnTo: this.returnTo ?? own.returnTo ?? ctx.returnTo,
      methods: this.methods ?? own.methods ?? ctx.methods,
    };
    this.effective = effective;
    // Loaded by scheduleUpdate(); missing only when its module failed to load, and then the
    // element keeps the preset it had.
    this.preset = presetIfLoaded(provider, effective.overrides) ?? this.preset;
    this.activeLocale = resolveLocale(
      effective.locale,
      document.documentElement.lang,
      typeof navigator === 'undefined' ? [] : navigator.languages,
    );
    this.t = translator(this.activeLocale, effective.strings);
    this.client = effective.client ?? (effective.api ? clientFor(effective.api) : undefined);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline' styles.
    for (const [name, value] of Object.entries(brandTokens(this.preset.theme))) this.style.setProperty(name, value);
  }

  /** The client, or an error the UI can show when the element has no `api`. */
  protected requireClient(): CloudClient {
    if (!this.client) {
      console.warn(`cloud-login: <${this.localName}> has no "api" attribute; cannot reach a server`);
      throw new ApiError(0, 'network_error', 'no api configured');
    }
    return this.client;
  }

  /** Parameters the message of a rule or error code needs, from the preset. */
  protected paramsFor(code: string, extra: Record<string, string | number> = {}): Record<string, string | number> {
    const p = this.preset;
    switch (code) {
      case 'account_name_length':
        return { min: p.accountName?.min ?? 0, max: p.accountName?.max ?? 0, ...extra };
      case 'password_length':
        return { min: p.password.min, max: p.password.max, ...extra };
      case 'password_kinds':
        return { count: p.password.minClasses, ...extra };
      case 'code_format':
        return { count: p.code.length, ...extra };
      case 'phone_account_limit':
        return { count: p.maxAccountsPerPhone ?? 0, ...extra };
      default:
        return extra;
    }
  }

  /** Localised text for a rule or error code. */
  protected messageFor(code: string, extra?: Record<string, string | number>): string {
    return codeMessage(this.t, code, this.paramsFor(code, extra));
  }

  /** Localises a failure, announces it as `cloud-error`, and returns it for display. */
  protected reportError(error: unknown): ApiError & { text: string } {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(0, 'unexpected_response', error instanceof Error ? error.message : String(error));
    if (!(error instanceof ApiError)) console.error(error);
    // Core makes the choices: the variant for the field (`not_found.phone`), a long wait in words
    // ("11 h", not "40000 s"), over the strings loaded so far. Site strings override as in t().
    const text = messageForError(this.activeLocale, apiError, this.paramsFor(apiError.code), this.effective.strings);
    const detail: { code: string; message: string; field?: string } = { code: apiError.code, message: text };
    if (apiError.field) detail.field = apiError.field;
    this.dispatchEvent(new CloudErrorEvent(detail));
    return Object.assign(apiError, { text });
  }

  /** Field errors from a server answer: `field` and `issues[].path`, localised by code. */
  protected fieldErrors(error: ApiError & { text: string }): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of error.issues ?? []) {
      const field = issue.path.split('.')[0] ?? issue.path;
      out[field] ??= this.messageFor(issue.code);
    }
    if (error.field && !out[error.field]) out[error.field] = error.text;
    return out;
  }
}

/** Navigates to `url` after a success, when it is safe to: http(s) only, never `javascript:`. */
export function navigateTo(url: string | undefined): boolean {
  if (!url) return false;
  let target: URL;
  try {
    target = new URL(url, document.baseURI);
  } catch {
    return false;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
  location.assign(target.href);
  return true;
}
