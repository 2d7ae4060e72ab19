/**
 * What every field block shares: a visible label, a hint, an error tied to the input by
 * `aria-describedby` and announced (`role="alert"`), and form association through
 * ElementInternals, so a block also works inside a plain `<form>`.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CloudElement } from './cloud-element.ts';

export abstract class CloudField extends CloudElement {
  static formAssociated = true;

  protected readonly internals: ElementInternals = this.attachInternals();

  /** Visible label; each block has a localised default. */
  @property() label?: string;

  /** Form field name. */
  @property() name?: string;

  /** Whether an empty value is an error. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Disables the field (and, while a flow is busy, its buttons). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** An error to show, e.g. the server's answer for this field; cleared when the user edits. */
  @property() error = '';

  /** A hint shown under the field. */
  @property() hint?: string;

  /** The block's own check result, shown when `error` is empty. */
  @state() protected localError = '';

  /** The message currently shown, if any. */
  get validationMessage(): string {
    return this.error || this.localError;
  }

  /** Checks the value, shows the error, and answers whether it is valid. */
  abstract validate(): boolean | Promise<boolean>;

  /** The native control that holds focus and anchors validity messages. */
  protected abstract get control(): HTMLElement | null;

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const message = this.validationMessage;
    if (message) this.internals.setValidity({ customError: true }, message, this.control ?? undefined);
    else this.internals.setValidity({});
    // Lets a flow find (and focus) the first invalid block from outside.
    this.toggleAttribute('data-invalid', !!message);
  }

  /** Clears both the server's and the block's error once the user changes the value. */
  protected clearErrors(): void {
    if (this.error) this.error = '';
    this.localError = '';
  }

  protected renderHint(id = 'hint') {
    return this.hint ? html`<p id=${id} class="hint" part="hint">${this.hint}</p>` : nothing;
  }

  protected renderError(id = 'error') {
    return html`<p id=${id} class="error" part="error" role="alert">${this.validationMessage}</p>`;
  }

  /**
   * Enter in a text input submits the enclosing form, as it would for a native input: the
   * input lives in this shadow root, so the browser's implicit submission can't see the form.
   */
  protected submitOnEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing || event.defaultPrevented) return;
    const form = this.internals.form;
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
  }

  /** Re-dispatches a native event from the host under its own name (docs/contributing.md). */
  protected redispatch(event: Event): void {
    this.dispatchEvent(new Event(event.type, { bubbles: true, composed: true }));
  }
}
