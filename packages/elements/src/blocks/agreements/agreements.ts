import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { CloudField } from '../../base/cloud-field.ts';
import { fieldStyles, tokens } from '../../shared/styles.ts';
import { agreementsStyles } from './agreements.styles.ts';
import { addMessages } from '../../i18n/index.ts';
import { agreementsMessages } from './messages.ts';
import { localText } from '@cloud-login/core';
/**
 * @summary "I have read and agree to …" with the preset's agreement links (a site may replace
 * them through `config.overrides.agreements`). Links open in a new tab with `rel="noopener"`.
 * Renders nothing when the preset has no agreements, and is then always satisfied.
 *
 * @fires {Event} change - When the box is ticked or cleared.
 *
 * @csspart base - The wrapper.
 * @csspart checkbox - The checkbox.
 * @csspart label - The label text.
 * @csspart link - Each agreement link.
 * @csspart error - The error message.
 *
 * @cssprop --cloud-brand - Checkbox accent and link colour.
 * @cssprop --cloud-error - Error text.
 */

export class CloudAgreements extends CloudField {
  static override styles = [tokens, fieldStyles, agreementsStyles];

  static {
    addMessages(agreementsMessages);
  }

  /** Whether the user accepted. */
  @property({ type: Boolean, reflect: true }) checked = false;

  @query('input') private input!: HTMLInputElement | null;

  protected get control() {
    return this.input;
  }

  /** Ids of the accepted agreements, as `POST /accounts` takes them (`[]` when none apply). */
  get value(): string[] {
    return this.checked ? this.preset.agreements.map((a) => a.id) : [];
  }

  /** Whether there is anything to accept. */
  get applies(): boolean {
    return this.preset.agreements.length > 0;
  }

  override validate(): boolean {
    const ok = !this.applies || this.checked;
    this.localError = ok ? '' : this.messageFor('agreements_required');
    return ok;
  }

  formResetCallback(): void {
    this.checked = false;
    this.clearErrors();
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    this.internals.setFormValue(this.checked ? this.value.join(',') : null);
  }

  private onChange(event: Event): void {
    this.checked = (event.target as HTMLInputElement).checked;
    this.clearErrors();
    this.redispatch(event);
  }

  override render() {
    const agreements = this.preset.agreements;
    if (agreements.length === 0) return nothing;
    const error = this.validationMessage;
    const last = agreements.length - 1;
    return html`
      <div class="field" part="base">
        <div class="row">
          <input
            id="accept"
            type="checkbox"
            part="checkbox"
            .checked=${this.checked}
            ?disabled=${this.disabled}
            aria-required="true"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="error"
            @change=${this.onChange}
          />
          <label for="accept" part="label">
            ${this.label ?? this.t('label.agreementsPrefix')}
            ${agreements.map(
              (
                agreement,
                i,
              ) => html`${i === 0 ? '' : i === last ? this.t('agreements.and') : this.t('agreements.comma')}<a
                  part="link"
                  href=${safeHref(agreement.href)}
                  target="_blank"
                  rel="noopener noreferrer"
                  >${this.t('agreements.link', { name: localText(agreement.label, this.activeLocale) })}<span class="visually-hidden"
                    >${this.t('agreements.newTab')}</span
                  ></a
                >`,
            )}
          </label>
        </div>
        ${this.renderError()}
      </div>
    `;
  }
}

/** Agreement links come from configuration: allow web links only, never `javascript:`. */
function safeHref(href: string): string {
  try {
    const url = new URL(href, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '#';
  } catch {
    return '#';
  }
}
