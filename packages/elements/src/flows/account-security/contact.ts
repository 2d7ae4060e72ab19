import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  contactFields,
  type Account,
  type ApiError,
  type CloudClient,
  type ContactField,
  type ContactRequest,
} from '@cloud-login/core';
import {
  checkAccountFields,
  renderAccountField,
  type FieldContext,
  type FieldErrors,
  type FieldValues,
} from '../../form/account-fields.ts';
import { ActionController } from '../../controllers/action.ts';
import { CloudElement } from '../../base/cloud-element.ts';
import { focusFirst } from '../../form/text-field.ts';
import { flowStyles } from '../../shared/flow.styles.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { addMessages } from '../../i18n/index.ts';
import { accountSecurityStyles } from './account-security.styles.ts';
import { contactMessages } from './contact-messages.ts';
import { securityMessages } from './messages.ts';
import { ReauthPrompt } from './reauth.ts';

/**
 * The contact details changed: `<cloud-account-security>` shows `notice` and fires its own
 * `cloud-account-change` with `account`.
 */
export class ContactChangeEvent extends Event {
  static readonly eventName = 'contact-change' as const;
  constructor(
    readonly account: Account,
    readonly notice: string,
  ) {
    super(ContactChangeEvent.eventName);
  }
}

/**
 * @summary The contact details section of `<cloud-account-security>` (001: "You can also modify it
 * at JD Cloud Account Management - Security Setting page"): the contact phone and contact email
 * the preset's enable-service step collected, and a form that changes them with
 * `PATCH /account/contact` (the phone left empty stays, the email left empty is removed; the
 * account proven again when the server asks). Shown only for presets with contact details;
 * `<cloud-account-security>` loads it as a chunk.
 *
 * @csspart section - The section.
 * @csspart action - Edit.
 * @csspart form - The edit form.
 * @csspart submit - Save.
 * @csspart back - Cancel.
 * @csspart form-error - A form-level error.
 */
export class CloudContactSettings extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, flowStyles, accountSecurityStyles];

  static {
    addMessages(contactMessages, securityMessages);
  }

  /** The signed-in account, as `GET /session` answers it. */
  @property({ attribute: false }) account?: Account;

  /** The client that sends the account's session (`<cloud-account-security>`'s). */
  @property({ attribute: false }) accountClient?: CloudClient;

  /** Whether the edit form is open (read-only for sites; for tests and stories). */
  @state() editing = false;

  @state() private values: FieldValues = { agreements: false };
  @state() private errors: FieldErrors = {};
  @state() private formError = '';

  private readonly action = new ActionController(this);
  private readonly reauth = new ReauthPrompt(this);

  private get calls(): CloudClient {
    return this.accountClient ?? this.requireClient();
  }

  /** The preset's contact fields: both optional here (a phone left empty stays). */
  private get fields(): ContactField[] {
    return contactFields(this.preset).map((f) => f.field);
  }

  private get fieldContext(): FieldContext {
    const { t, preset, activeLocale: locale, theme, renderRoot: root } = this;
    return { t, preset, locale, theme, root, messageFor: (code, params) => this.messageFor(code, params) };
  }

  /** Opens (or closes) the form, focusing its title (or the Edit button). */
  private edit(open: boolean): void {
    this.reauth.reset();
    this.errors = {};
    this.formError = '';
    this.values = { agreements: false, contactEmail: this.account?.contactEmail ?? '' };
    this.editing = open;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(open ? 'h4' : '[part~=action]')?.focus(),
    );
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    await this.action.run(async () => {
      this.formError = '';
      const checked = await checkAccountFields(this.fieldContext, this.fields, this.values, () => true);
      this.values = checked.values;
      this.errors = checked.errors;
      if (!checked.ok) return;
      const body: ContactRequest = { ...this.reauth.proof(), locale: this.activeLocale };
      // An empty phone stays as it is; an empty email is removed.
      const phone = checked.values.contactPhone?.trim();
      if (phone) body.contactPhone = phone;
      if (this.fields.includes('contactEmail')) body.contactEmail = checked.values.contactEmail?.trim() ?? '';
      try {
        const { account } = await this.calls.request<{ account: Account }>('PATCH', '/account/contact', body);
        this.account = account;
        this.edit(false);
        this.dispatchEvent(new ContactChangeEvent(account, this.t('contact.saved')));
      } catch (error) {
        const reported = this.reportError(error) as ApiError & { text: string };
        if (this.reauth.refused(reported, this.t('security.wrongCurrentPassword'))) return;
        this.errors = this.fieldErrors(reported);
        if (!this.errors.contactPhone && !this.errors.contactEmail) this.formError = reported.text;
      }
    });
    await this.updateComplete;
    if (!focusFirst(this.renderRoot, true) && this.formError)
      this.renderRoot.querySelector<HTMLElement>('.form-error')?.focus();
  }

  private renderForm(): TemplateResult {
    const t = this.t;
    const busy = this.action.pending;
    const current = this.account?.contactPhone;
    const field = (name: ContactField) =>
      renderAccountField(this.fieldContext, name, {
        values: this.values,
        error: this.errors[name] ?? '',
        optional: true,
        busy,
        label: t(name === 'contactPhone' ? 'contact.phone' : 'contact.email'),
        hint:
          name === 'contactEmail'
            ? t('contact.emailHint')
            : current
              ? t('contact.phoneHint', { phone: current })
              : undefined,
        set: (key, value) => {
          this.values = { ...this.values, [key]: value };
          this.errors = { ...this.errors, [key]: '' };
        },
        setAgreements: () => {},
      });
    return html`<form class="step" part="form" novalidate aria-labelledby="contact-step" aria-busy=${busy ? 'true' : 'false'} @submit=${(e: Event) => void this.save(e)}>
      <h4 id="contact-step" tabindex="-1">${t('contact.editLabel')}</h4>
      ${this.fields.map(field)}
      ${this.reauth.render((key) => this.t(key), {
        locale: this.activeLocale,
        busy,
        client: () => this.calls,
        onError: (error) => (this.reauth.error = this.reportError(error).text),
        theme: this.theme,
      })}
      <p class="form-error" part="form-error" role="alert" tabindex="-1">${this.formError}</p>
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>${busy ? t('common.busy') : t('contact.save')}</button>
        <button type="button" class="link" part="back" ?disabled=${busy} @click=${() => this.edit(false)}>${t('action.cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    const t = this.t;
    const account = this.account;
    const value = (text: string | undefined) =>
      text
        ? html`<span class="value">${text}</span>`
        : html`<span class="value muted">${t('security.notSet')}</span>`;
    return html`<section part="section" aria-labelledby="contact-title">
      <h3 id="contact-title">${t('contact.title')}</h3>
      <p class="intro">${t('contact.intro')}</p>
      <dl>
        ${this.fields.includes('contactPhone') ? html`<div class="row"><dt>${t('contact.phone')}</dt><dd>${value(account?.contactPhone)}</dd></div>` : nothing}
        ${this.fields.includes('contactEmail') ? html`<div class="row"><dt>${t('contact.email')}</dt><dd>${value(account?.contactEmail)}</dd></div>` : nothing}
      </dl>
      ${
        this.editing
          ? this.renderForm()
          : html`<div>
            <button type="button" class="secondary" part="action" aria-label=${t('contact.editLabel')} @click=${() => this.edit(true)}>
              ${t('contact.edit')}
            </button>
          </div>`
      }
    </section>`;
  }
}
