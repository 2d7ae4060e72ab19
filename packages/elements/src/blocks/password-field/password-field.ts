import { adoptStyles, html, nothing, type LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CloudField } from '../../base/cloud-field.ts';
import { buttonStyles, fieldStyles, tokens } from '../../shared/styles.ts';
import { passwordFieldStyles } from './password-field.styles.ts';

type Checklist = typeof import('./checklist.ts');
/** The new-password checklist and check, once a field in `new` mode has loaded them. */
let checklist: Checklist | undefined;
let checklistLoading: Promise<Checklist> | undefined;

function loadChecklist(): Promise<Checklist> {
  checklistLoading ??= import('./checklist.ts').then(
    (module) => (checklist = module),
    (error: unknown) => {
      checklistLoading = undefined;
      throw error;
    },
  );
  return checklistLoading;
}
/**
 * An eye inside the field rather than a text button beside it, so the input keeps its width on
 * a 320 px phone; a slash across it while the password is shown. The button's name stays "Show
 * password" and `aria-pressed` says whether it is on.
 */
const eye = (shown: boolean) =>
  html`<svg viewBox="0 0 16 16" width="20" aria-hidden="true"><path d="M1 8s3-5 7-5 7 5 7 5-3 5-7 5-7-5-7-5z${shown ? 'M3 3l10 10' : ''}" /><circle cx="8" cy="8" r="2" /></svg>`;

/**
 * @summary A password field with show/hide and, for new passwords, a live checklist of the
 * preset's rules that tick as they are met. Rules the preset only recommends (JD classic's
 * "two kinds") are shown as hints and never block.
 *
 * @fires {InputEvent} input - When the password changes (native).
 * @fires {Event} change - When the password is committed.
 *
 * @csspart base - The wrapper.
 * @csspart label - The visible label.
 * @csspart input - The `<input>`.
 * @csspart toggle - The show/hide eye inside the field (`aria-pressed` while shown).
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

  /** The checklist (then the common-password list) a new password is loading; never rejects. */
  private loading?: Promise<void> | undefined;
  private checklistStyled = false;

  protected get control() {
    return this.input;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.mode !== 'new') return;
    if (checklist && !this.checklistStyled) {
      this.checklistStyled = true;
      adoptStyles(this.renderRoot as ShadowRoot, [
        ...(this.constructor as typeof LitElement).elementStyles,
        checklist.checklistStyles,
      ]);
    }
    if (this.loading) return;
    // The checklist first, then (`default` only) the common-password list. A failed load is
    // tried again at the next update; meanwhile the server checks the password.
    const load = checklist ? checklist.commonListLoad(this.preset) : loadChecklist();
    if (load) {
      this.loading = load.then(
        () => {
          this.loading = undefined;
          this.requestUpdate();
        },
        () => {
          this.loading = undefined;
        },
      );
    }
  }

  /** Also waits for what a new password loads (checklist, common passwords), so the checklist is final. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.loading) {
      await this.loading;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  override validate(): boolean {
    if (this.value === '') {
      this.localError = this.required || this.mode === 'new' ? this.messageFor('field_required') : '';
      return !this.localError;
    }
    // Signing in, or the rules not loaded yet (offline): the server judges the password.
    if (this.mode === 'current' || !checklist) {
      this.localError = '';
      return true;
    }
    const check = checklist.checkNewPassword(this.value, this.preset, this.accountName);
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

  override render() {
    const label = this.label ?? this.t('label.password');
    const error = this.validationMessage;
    const rules = this.mode === 'new' && !this.noChecklist ? checklist : undefined;
    const describedBy = [rules ? 'checklist' : '', this.hint ? 'hint' : '', 'error']
      .filter(Boolean)
      .join(' ');
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
            class="toggle"
            part="toggle"
            aria-controls="password"
            aria-label=${this.t('action.showPassword')}
            aria-pressed=${this.shown ? 'true' : 'false'}
            ?disabled=${this.disabled}
            @click=${() => (this.shown = !this.shown)}
          >
            ${eye(this.shown)}
          </button>
        </div>
        ${rules ? rules.renderChecklist(this.t, this.value, this.preset, this.accountName) : nothing} ${this.renderHint()}
        ${this.renderError()}
      </div>
    `;
  }
}
