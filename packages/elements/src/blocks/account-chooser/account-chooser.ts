import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { CloudElement } from '../../base/cloud-element.ts';
import { addMessages } from '../../i18n/index.ts';
import { CloudAccountSelectEvent } from '../../shared/events.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { chooserMessages } from './account-chooser.messages.ts';
import { accountChooserStyles } from './account-chooser.styles.ts';
import { connectionMessages } from '../../i18n/connection-messages.ts';

/** One account to offer: a `ChooseAccount` entry (packages/server/README.md), masked by the server. */
export interface ChooserAccount {
  id: string;
  label: string;
  detail?: string | undefined;
  createdAt?: string | undefined;
  lastSignInAt?: string | undefined;
}

const person = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="12" cy="8" r="4" /><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" />
</svg>`;
const plus = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 5v14M5 12h14" /></svg>`;

/**
 * @summary The list of accounts a phone (or a password) matched, to pick the one to sign in to
 * (QingCloud: one phone → many accounts). Each shows the server's masked name and what tells it
 * from the others — the masked email or phone, the end of its id, when it was created and last
 * signed in — as text, so each button's accessible name differs. "Create a new account" is a row
 * of its own.
 *
 * @fires {CloudAccountSelectEvent} cloud-account-select - Detail `{accountId}` for a pick, or `{createNew: true}`.
 *
 * @csspart greeting - "Hi, {nickname}" above the list, when binding a third-party login (002).
 * @csspart base - The `<fieldset>`.
 * @csspart legend - The heading.
 * @csspart list - The `<ul>` of accounts.
 * @csspart account - One account button.
 * @csspart avatar - The person glyph of an account (and the "+" of "create a new account").
 * @csspart meta - An account's details under its name.
 * @csspart action - "Bind and log in" on an account, when binding a third-party login (002).
 * @csspart create - The "create a new account" button.
 *
 * @cssprop --cloud-brand - Avatar background.
 * @cssprop --cloud-border-color - Button borders.
 */

export class CloudAccountChooser extends CloudElement {
  static {
    addMessages(chooserMessages);
    addMessages(connectionMessages);
  }

  static override styles = [tokens, fieldStyles, buttonStyles, accountChooserStyles];

  /** The accounts to offer, from a `choose_account` answer. */
  @property({ attribute: false }) accounts: ChooserAccount[] = [];

  /** Offers "create a new account" as well. */
  @property({ type: Boolean, attribute: 'allow-create' }) allowCreate = false;

  /** Heading; defaults to "Choose the account to log in to". */
  @property() heading?: string;

  /** The identity provider's name for the person (WeChat nickname, 002): greets them above the list. */
  @property() nickname?: string;

  /** Disables the buttons (while a pick is being sent). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  private pick(detail: { accountId: string } | { createNew: true }): void {
    if (!this.disabled) this.dispatchEvent(new CloudAccountSelectEvent(detail));
  }

  private when(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? iso
      : new Intl.DateTimeFormat(this.activeLocale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  private renderAccount(account: ChooserAccount) {
    const t = this.t;
    const facts = [
      account.detail,
      t('chooser.id', { suffix: account.id.slice(-4) }),
      account.createdAt && t('chooser.created', { date: this.when(account.createdAt) }),
      account.lastSignInAt && t('chooser.lastSignIn', { date: this.when(account.lastSignInAt) }),
    ].filter(Boolean);
    return html`<li>
      <button type="button" class="account" part="account" @click=${() => this.pick({ accountId: account.id })}>
        <span class="avatar" part="avatar">${person}</span>
        <span class="text">
          <span class="name">${account.label}</span>
          <span class="meta" part="meta">${facts.map((fact) => html`<span>${fact}</span>`)}</span>
          ${this.allowCreate ? html`<span class="bind" part="action">${t('action.bindAndLogin')}</span>` : nothing}
        </span>
      </button>
    </li>`;
  }

  override render() {
    return html`
      ${this.nickname ? html`<p class="greeting" part="greeting">${this.t('connection.greeting', { nickname: this.nickname })}</p>` : nothing}
      <fieldset part="base" ?disabled=${this.disabled} aria-busy=${this.disabled ? 'true' : 'false'}>
        <legend part="legend">${this.heading ?? this.t('flow.chooseAccount')}</legend>
        <ul part="list">
          ${this.accounts.map((account) => this.renderAccount(account))}
        </ul>
        ${
          this.allowCreate
            ? html`<button type="button" class="account create" part="create" @click=${() => this.pick({ createNew: true })}>
                <span class="avatar" part="avatar">${plus}</span>
                <span class="name">${this.t('action.createAccount')}</span>
              </button>`
            : nothing
        }
      </fieldset>
    `;
  }
}
