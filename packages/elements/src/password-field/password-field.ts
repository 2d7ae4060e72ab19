import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  checkPasswordWith,
  commonPasswordCheck,
  hintKey,
  loadCommonPasswords,
  passwordChecklistWith,
} from '@cloud-login/core/rules';
import { CloudField } from '../shared/cloud-field.ts';
import { buttonStyles, fieldStyles, tokens } from '../shared/styles.ts';
import { passwordFieldStyles } from './password-field.styles.ts';
/**
 * @summary A password field with show/hide and, for new passwords, a live checklist of the
 * preset's rules that tick as they are met. Rules the preset only recommends (JD classic's
 * "two kinds") are shown as hints and never block.
 *
 * @fires input - When the password changes (native).
 * @fires change - When the password is committed.
 *
 * @csspart base - The wrapper.
 * @csspart label - The visible label.
 * @csspart input - The `<input>`.
 * @csspart toggle - The show/hide button.
 * @csspart checklist - The list of rules.
 * @csspart rule - One rule; also `rule-met` or `rule-unmet`, and `rule-recommended`.
 * @csspart hint - The hint under the field.
 * @csspart error - The error message.
 *
 * @cssprop --cloud-success - Colour of a met rule.
 * @cssprop --cloud-muted-text - Colour of an unmet rule.
 * @cssprop --cloud-error - Error text and invalid borders.
 */

export class CloudPasswordField extends CloudField {
  static override styles = [tokens, fieldStyles, buttonStyles, passwordFieldStyles];

  /** The password. */
  @property() value = '';

  /** `new`: a password being chosen (checklist, `new-password`); `current`: signing in. */
  @property() mode: 'new' | 'current' = 'current';

  /** The account name being registered, for "not the same as the account name". */
  @property({ attribute: 'account-name' }) accountName = '';

  /** Hides the checklist of a `new` password (e.g. where the rules are shown elsewhere). */
  @property({ type: Boolean, attribute: 'no-checklist' }) noChecklist = false;

  @state() private shown = false;

  @query('input') private input!: HTMLInputElement | null;

  private listLoading?: Promise<void> | undefined;

  protected get control() {
    return this.input;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The common-password list is a chunk of its own: only a new password under a policy that
    // rejects common ones (the `default` preset) loads it. Until it is in, its checklist line is
    // pending and does not block; the server checks it either way.
    const listMissing = commonPasswordCheck('') === undefined;
    if (this.mode === 'new' && this.preset.password.rejectCommon && listMissing && !this.listLoading) {
      this.listLoading = loadCommonPasswords()
        .then(() => this.requestUpdate())
        .catch(() => undefined)
        .finally(() => (this.listLoading = undefined));
    }
  }

  /** Also waits for the common-password list a new password needs, so the checklist is final. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.listLoading) return done;
    await this.listLoading;
    return super.getUpdateComplete();
  }

  override validate(): boolean {
    if (this.value === '') {
      this.localError = this.required || this.mode === 'new' ? this.messageFor('field_required') : '';
      return !this.localError;
    }
    if (this.mode === 'current') {
      this.localError = '';
      return true;
    }
    const check = checkPasswordWith(commonPasswordCheck, this.value, this.preset.password, { accountName: this.accountName });
    this.localError = check.ok ? '' : this.messageFor(check.code, check.params);
    return check.ok;
  }

  reset(): void {
    this.value = '';
    this.shown = false;
    this.clearErrors();
    this.internals.setFormValue(null);
  }

  formResetCallback(): void {
    this.reset();
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.clearErrors();
    this.internals.setFormValue(this.value);
  }

  private renderChecklist() {
    const list = passwordChecklistWith(commonPasswordCheck, this.value, this.preset.password, { accountName: this.accountName });
    return html`
      <ul id="checklist" class="checklist" part="checklist" aria-label=${this.t('password.requirements')}>
        ${list.map((entry) => {
          const state = entry.met ? 'met' : 'unmet';
          const parts = `rule rule-${state}${entry.enforced ? '' : ' rule-recommended'}`;
          return html`<li
            class="rule"
            part=${parts}
            data-rule=${entry.rule}
            ?data-met=${entry.met}
            ?data-recommended=${!entry.enforced}
          >
            <span class="mark" aria-hidden="true">${entry.met ? '✓' : '•'}</span>
            <span>${this.t(hintKey(entry), entry.params)}</span>
            <span class="visually-hidden">(${this.t(entry.met ? 'password.met' : 'password.unmet')})</span>
          </li>`;
        })}
      </ul>
    `;
  }

  override render() {
    const label = this.label ?? this.t('label.password');
    const error = this.validationMessage;
    const checklist = this.mode === 'new' && !this.noChecklist;
    const describedBy = [checklist ? 'checklist' : '', this.hint ? 'hint' : '', 'error'].filter(Boolean).join(' ');
    return html`
      <div class="field" part="base">
        <label for="password" part="label">${label}</label>
        <div class="control">
          <input
            id="password"
            part="input"
            type=${this.shown ? 'text' : 'password'}
            autocomplete=${this.mode === 'new' ? 'new-password' : 'current-password'}
            autocapitalize="off"
            spellcheck="false"
            maxlength="256"
            .value=${this.value}
            ?disabled=${this.disabled}
            ?required=${this.required}
            aria-required=${this.required ? 'true' : nothing}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @input=${this.onInput}
            @keydown=${this.submitOnEnter}
            @change=${this.redispatch}
          />
          <button
            type="button"
            class="toggle secondary"
            part="toggle"
            aria-controls="password"
            ?disabled=${this.disabled}
            @click=${() => (this.shown = !this.shown)}
          >
            ${this.t(this.shown ? 'action.hidePassword' : 'action.showPassword')}
          </button>
        </div>
        ${checklist ? this.renderChecklist() : nothing} ${this.renderHint()} ${this.renderError()}
      </div>
    `;
  }
}
