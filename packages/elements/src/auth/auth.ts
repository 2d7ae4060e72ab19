import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { cloudConfigContext, type CloudConfig, type StringOverrides } from '../shared/config.ts';
import { listConverter } from '../base/cloud-element.ts';
/**
 * @summary Provides one configuration (provider, api, locale, overrides, strings, client) to
 * every cloud-login element inside it, through `@lit/context`. Optional: each element also
 * works alone with its own attributes, which win over what `<cloud-auth>` provides.
 *
 * Inside it, `<cloud-login>`'s "Register now" and `<cloud-register>`'s "Log in" switch between the
 * two in place (the other one already inside, or a new one after the one that asked).
 *
 * @slot - The elements that share this configuration (`<cloud-login>`, `<cloud-register>`…).
 */

export class CloudAuth extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Preset id for every element inside. */
  @property() provider?: string;

  /** Base URL of the provider's API. */
  @property() api?: string;

  /** `en` or `zh-CN`; otherwise `<html lang>`, then the browser. */
  @property() locale?: string;

  /** Where to navigate after a successful sign-in or registration. */
  @property({ attribute: 'return-to' }) returnTo?: string;

  /** Methods to show, a subset of the preset's. */
  @property({ converter: listConverter }) methods?: string[];

  /** Everything else: `overrides`, `strings`, `client`. */
  @property({ attribute: false }) config?: CloudConfig;

  /** String overrides per locale. */
  @property({ attribute: false }) strings?: StringOverrides;

  private readonly provider$ = new ContextProvider(this, { context: cloudConfigContext });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const own = this.config ?? {};
    const strings =
      own.strings && this.strings ? mergeByLocale(own.strings, this.strings) : (this.strings ?? own.strings);
    const value: CloudConfig = {
      ...own,
      provider: (this.provider ?? own.provider) as CloudConfig['provider'],
      api: this.api ?? own.api,
      locale: this.locale ?? own.locale,
      returnTo: this.returnTo ?? own.returnTo,
      methods: this.methods ?? own.methods,
      strings,
    };
    this.provider$.setValue(value);
  }

  override render() {
    return html`<slot></slot>`;
  }
}

function mergeByLocale(a: StringOverrides, b: StringOverrides): StringOverrides {
  const out: StringOverrides = { ...a };
  for (const [locale, table] of Object.entries(b) as [keyof StringOverrides, Record<string, string>][]) {
    out[locale] = { ...out[locale], ...table };
  }
  return out;
}
