import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Account } from '@cloud-login/core';
import '../../blocks/password-field/cloud-password-field.ts';
import type { CloudPasswordField } from '../../blocks/password-field/password-field.ts';
import { FormPanel } from '../../base/form-panel.ts';
import { accountNameField, accountNameProblem } from '../../form/account-name.ts';
import { profileStyles } from './profile.styles.ts';
import { accountNameStyles } from '../../form/account-name.styles.ts';
import { accountMessages } from '../../i18n/account-messages.ts';
import { addMessages } from '../../i18n/index.ts';
import { passwordMessages } from '../../i18n/password-messages.ts';
import { profileMessages } from './messages.ts';

/** Internal: the upgrade is done (`account` is the upgraded one), or was put off (`account` undefined). */
export class UpgradeDoneEvent extends Event {
  static readonly eventName = 'cloud-upgrade-done' as const;
  constructor(readonly account: Account | undefined) {
    super(UpgradeDoneEvent.eventName, { bubbles: true, composed: false });
  }
}

/**
 * @summary Upgrading an older JD account (docs/flows.md#legacy-jd-accounts): signed in through JD login, the account chooses
 * an account name and a password (`POST /account/upgrade`), and password login works from then
 * on. Skippable: `<cloud-login>` offers it right after such a sign-in, `<cloud-account-security>`
 * keeps offering it.
 *
 * @csspart form - The `<form>`.
 * @csspart step-title - The step's title.
 * @csspart field - The account-name field's wrapper.
 * @csspart input - The account-name input.
 * @csspart submit - "Upgrade account".
 * @csspart skip - "Skip" (or "Cancel").
 * @csspart form-error - The form-level error.
 */
export class CloudLegacyUpgrade extends FormPanel<{ account: Account }> {
  static override styles = [...FormPanel.styles, profileStyles, accountNameStyles];

  static {
    addMessages(profileMessages, accountMessages, passwordMessages);
  }

  /** What the put-off button says: `skip` (after a sign-in) or `cancel` (in account settings). */
  @property() dismiss: 'skip' | 'cancel' = 'skip';

  @state() private accountName = '';
  @state() private password = '';

  protected check(): boolean {
    const problem = accountNameProblem(this.accountName, this.preset.accountName);
    if (problem) this.setError('accountName', this.messageFor(problem.code, problem.params));
    const passwordOk =
      this.renderRoot.querySelector<CloudPasswordField>('cloud-password-field')?.validate() ?? false;
    return !problem && passwordOk;
  }

  protected send(): Promise<{ account: Account }> {
    return this.requireClient().upgrade({ accountName: this.accountName.trim(), password: this.password });
  }

  protected override deliver(result: { account: Account }): void {
    this.dispatchEvent(new UpgradeDoneEvent(result.account));
  }

  override render() {
    const busy = this.submitting.pending;
    return html`
      <div class="step">
        <h3 id="step-title" part="step-title" tabindex="-1">${this.t('profile.upgradeTitle')}</h3>
        <p class="intro">${this.t('flow.legacyUpgrade')}</p>
        ${this.renderForm(
          html`
            ${accountNameField({
              t: this.t,
              policy: this.preset.accountName,
              label: this.t('label.accountName'),
              value: this.accountName,
              error: this.errors.accountName,
              disabled: busy,
              onInput: (v) => {
                this.accountName = v;
                this.clear('accountName');
              },
            })}
            <cloud-password-field
              mode="new"
              required
              account-name=${this.preset.password.notEqualAccountName ? this.accountName : ''}
              .value=${this.password}
              .error=${this.errors.password ?? ''}
              ?disabled=${busy}
              theme=${ifDefined(this.theme)}
              @input=${(e: Event) => {
                this.password = (e.currentTarget as CloudPasswordField).value;
                this.clear('password');
              }}
            ></cloud-password-field>
          `,
          this.t('action.upgrade'),
        )}
        <div class="actions">
          <button type="button" class="link" part="skip" ?disabled=${busy} @click=${() => this.dispatchEvent(new UpgradeDoneEvent(undefined))}>
            ${this.t(this.dismiss === 'cancel' ? 'action.cancel' : 'action.skip')}
          </button>
        </div>
      </div>
    `;
  }
}
