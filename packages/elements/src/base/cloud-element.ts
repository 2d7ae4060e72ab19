/**
 * The base of every cloud-login element: the attributes they all have, wired to two controllers
 * — `ConfigController` (configuration, preset, locale, translator, client) and
 * `LocalizeController` (rule and error messages, `cloud-error`) — and the preset's brand tokens
 * applied to the host. A flow adds its own controllers (steps, tabs, one action at a time).
 */
import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { ApiError, type CloudClient, type Locale, type Preset } from '@cloud-login/core';
import { ConfigController } from '../controllers/config.ts';
import { LocalizeController } from '../controllers/localize.ts';
import type { Translate } from '../i18n/index.ts';
import { cloudConfigContext, type CloudConfig, type StringOverrides } from '../shared/config.ts';
import { brandTokens } from '../shared/theme.ts';

/** `methods="password, sms"` ↔ `['password', 'sms']`. */
export const listConverter = {
  fromAttribute: (value: string | null) => (value ? value.split(/[\s,]+/).filter(Boolean) : undefined),
  toAttribute: (value: string[] | undefined) => value?.join(' '),
};

/**
 * The parts a nested element passes up to the element around it: every part name the elements
 * use, except `base` (each element's own wrapper; forwarding it would make `::part(base)` match
 * every block inside a form). Names a given element does not have are ignored by the browser.
 */
export const FORWARDED_PARTS = [
  'label',
  'input',
  'hint',
  'error',
  'region',
  'prefix',
  'send',
  'voice',
  'status',
  'countdown',
  'toggle',
  'checklist',
  'rule',
  'rule-met',
  'rule-unmet',
  'rule-recommended',
  'checkbox',
  'legend',
  'link',
  'list',
  'account',
  'form',
  'field',
  'submit',
  'form-error',
  'notice',
  'back',
  'skip',
  'image',
  'refresh',
  'app-link',
  'frame',
  'progress',
  'section',
  'action',
  'create',
].join(', ');

export abstract class CloudElement extends LitElement {
  // Focusing the host focuses its first field: flows move focus to a step's first block.
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  /** Preset id: `jdcloud`, `jdcloud-classic`, `qingcloud`, `tencentcloud` or `default`. */
  @property({ reflect: true }) provider?: string;

  /** Base URL of the provider's API (`https://auth.example.com/api/jdcloud`). */
  @property() api?: string;

  /** `en`, `zh-CN` or `zh-TW` (any tag they match: `zh-Hant`, `zh-HK`…); when absent, `<html lang>`, then the browser's languages. */
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

  private readonly resolved = new ConfigController(this, () => this.inherited);
  private readonly localize = new LocalizeController(this, this.resolved);

  /** The resolved configuration: own attributes, then `config`, then context. */
  protected get effective(): CloudConfig {
    return this.resolved.effective;
  }
  /** The preset with the site's overrides; there before the first render. */
  protected get preset(): Preset {
    return this.resolved.preset;
  }
  protected get activeLocale(): Locale {
    return this.resolved.locale;
  }
  protected get t(): Translate {
    return this.resolved.t;
  }
  protected get client(): CloudClient | undefined {
    return this.resolved.client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inside another element's shadow root, pass this element's parts (and those it forwards)
    // up, so a page can reach e.g. `cloud-login::part(input)`. A site's own `exportparts` wins.
    if (this.getRootNode() instanceof ShadowRoot && !this.hasAttribute('exportparts')) {
      this.setAttribute('exportparts', FORWARDED_PARTS);
    }
  }

  /** The preset loads before the update that renders from it, so `render()` reads it at once. */
  protected override async scheduleUpdate(): Promise<void> {
    await this.resolved.ready();
    await super.scheduleUpdate();
  }

  /** Nothing to render before a first preset has loaded (one that could not load was reported). */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    return super.shouldUpdate(changed) && this.resolved.loaded;
  }

  /** The locale of the last render: errors on show follow a change of it. */
  private renderedLocale?: Locale;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.resolved.resolve();
    const locale = this.resolved.locale;
    // Errors are kept as text, but the controller remembers each one's code: make them again.
    if (this.renderedLocale && this.renderedLocale !== locale)
      void import('./relocalize.ts').then((m) => m.relocalize(this, this.localize));
    this.renderedLocale = locale;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline' styles.
    for (const [name, value] of Object.entries(brandTokens(this.preset.theme)))
      this.style.setProperty(name, value);
  }

  /** The client, or an error the UI can show when the element has no `api`. */
  protected requireClient(): CloudClient {
    if (!this.client) {
      console.warn(`cloud-login: <${this.localName}> has no "api" attribute; cannot reach a server`);
      throw new ApiError(0, 'network_error', 'no api configured');
    }
    return this.client;
  }

  /**
   * What a flow shows instead of its form when its server's config cannot be read (wrong `api`,
   * unreachable server, origin refused): the cause and "Try again". `undefined` otherwise.
   */
  protected serverProblem(): TemplateResult | undefined {
    return this.resolved.problem?.(this.resolved);
  }

  /** Localised text for a rule or error code. */
  protected messageFor(code: string, extra?: Record<string, string | number>): string {
    return this.localize.messageFor(code, extra);
  }

  /** Localises a failure, announces it as `cloud-error`, and returns it for display. */
  protected reportError(error: unknown): ApiError & { text: string } {
    return this.localize.reportError(error);
  }

  /** Field errors from a server answer: `field` and `issues[].path`, localised by code. */
  protected fieldErrors(error: ApiError & { text: string }): Record<string, string> {
    return this.localize.fieldErrors(error);
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
