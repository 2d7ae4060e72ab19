import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { CloudElement } from '../../base/cloud-element.ts';
import { CloudAccountSelectEvent } from '../../shared/events.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { accountChooserStyles } from './account-chooser.styles.ts';
import { addMessages } from '../../i18n/index.ts';
import { connectionMessages } from '../../i18n/connection-messages.ts';

export interface ChooserAccount {
  id: string;
  label: string;
}
/**
 * @summary The list of accounts a phone (or a password) matched, to pick the one to sign in to
 * (QingCloud: one phone → many accounts). Labels are the server's masked names, shown as text.
 *
 * @fires {CloudAccountSelectEvent} cloud-account-select - Detail `{accountId}` for a pick, or `{createNew: true}`.
 *
 * @csspart greeting - "Hi, {nickname}" above the list, when binding a third-party login (002).
 * @csspart base - The `<fieldset>`.
 * @csspart legend - The heading.
 * @csspart list - The `<ul>` of accounts.
 * @csspart account - One account button.
 * @csspart action - "Bind and log in" on an account, when binding a third-party login (002).
 * @csspart create - The "create a new account" button.
 *
 * @cssprop --cloud-brand - Avatar background.
 * @cssprop --cloud-border-color - Button borders.
 */

export class CloudAccountChooser extends CloudElement {
  static override styles = [tokens, fieldStyles, buttonStyles, accountChooserStyles];

  static {
    addMessages(connectionMessages);
  }

  /** The accounts to offer: `{id, label}` from a `choose_account` answer. */
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

  override render() {
    return html`
      ${this.nickname ? html`<p class="greeting" part="greeting">${this.t('connection.greeting', { nickname: this.nickname })}</p>` : nothing}
      <fieldset part="base" ?disabled=${this.disabled} aria-busy=${this.disabled ? 'true' : 'false'}>
        <legend part="legend">${this.heading ?? this.t('flow.chooseAccount')}</legend>
        <ul part="list">
          ${this.accounts.map(
            (account) => html`<li>
              <button type="button" class="account" part="account" @click=${() => this.pick({ accountId: account.id })}>
                <span class="avatar" aria-hidden="true">${[...account.label][0]?.toUpperCase() ?? '?'}</span>
                <span>${account.label}</span>
                ${this.allowCreate ? html`<span class="bind" part="action">${this.t('action.bindAndLogin')}</span>` : nothing}
              </button>
            </li>`,
          )}
        </ul>
        ${
          this.allowCreate
            ? html`<button type="button" class="secondary" part="create" @click=${() => this.pick({ createNew: true })}>
              ${this.t('action.createAccount')}
            </button>`
            : nothing
        }
      </fieldset>
    `;
  }
}
