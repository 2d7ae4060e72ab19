/**
 * What the one-form panels share (the login method panels, the profile steps of a sign-in): one
 * submit at a time, field errors from the client-side rules or the server's answer, a form-level
 * error for everything else, and handing the result (signed in, or "choose an account") to
 * `<cloud-login>` through a `SignInResultEvent`. A base, so it imports no flow: the flows import it.
 */
import { css, html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { SignInResult } from '@cloud-login/core';
import { ActionController } from '../controllers/action.ts';
import { CloudElement } from './cloud-element.ts';
import { buttonStyles, fieldStyles, tokens } from '../shared/styles.ts';
import { flowStyles } from '../shared/flow.styles.ts';
import { focusFirst } from '../form/text-field.ts';
import { SignInResultEvent } from '../shared/panel-events.ts';

export { SignInResultEvent, StartMethodEvent } from '../shared/panel-events.ts';

/**
 * A form that sends one request and hands its answer on. `R` is what `send()` resolves with: a
 * sign-in answer for the login panels (handed to `<cloud-login>` as a `SignInResultEvent`); a
 * panel with another kind of answer overrides `deliver()`.
 */
export abstract class FormPanel<R = SignInResult> extends CloudElement {
  static override styles = [
    tokens,
    fieldStyles,
    buttonStyles,
    flowStyles,
    css`
      :host {
        max-width: none;
      }
    `,
  ];

  /** Field errors by field name. */
  @state() protected errors: Record<string, string> = {};
  @state() protected formError = '';

  protected readonly submitting = new ActionController(this);

  /** Client-side checks; returns false (after showing errors) when the form cannot be sent. */
  protected abstract check(): boolean | Promise<boolean>;

  /** Sends the form. */
  protected abstract send(): Promise<R>;

  /** Hands the answer on: to `<cloud-login>`, as a `SignInResultEvent`. */
  protected deliver(result: R): void {
    this.dispatchEvent(new SignInResultEvent(result as SignInResult));
  }

  protected setError(field: string, message: string): void {
    this.errors = { ...this.errors, [field]: message };
  }

  protected clear(field: string): void {
    if (this.errors[field]) {
      const { [field]: _, ...rest } = this.errors;
      this.errors = rest;
    }
    this.formError = '';
  }

  /** Maps a refused answer to fields; what has no field becomes the form's error. */
  protected showServerError(error: unknown): void {
    const reported = this.reportError(error);
    const fields = this.fieldErrors(reported);
    this.errors = fields;
    this.formError = Object.keys(fields).length ? '' : reported.text;
  }

  protected async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    await this.submitting.run(async () => {
      this.formError = '';
      if (!(await this.check())) return;
      try {
        this.deliver(await this.send());
      } catch (error) {
        this.showServerError(error);
      }
    });
    await this.updateComplete;
    // Keep the keyboard user where the problem is (the submit button was disabled meanwhile).
    if (!focusFirst(this.renderRoot, true) && this.formError) {
      this.renderRoot.querySelector<HTMLElement>('button[type=submit]')?.focus();
    }
  }

  /** Resets the panel for another attempt (after "back" from the account chooser). */
  clearForm(): void {
    this.errors = {};
    this.formError = '';
  }

  protected renderForm(fields: TemplateResult, submitLabel = this.t('action.login')): TemplateResult {
    const busy = this.submitting.pending;
    return html`
      <form part="form" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${this.onSubmit}>
        ${fields}
        <p class="form-error" part="form-error" role="alert">${this.formError}</p>
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>
          ${busy ? this.t('common.busy') : submitLabel}
        </button>
      </form>
    `;
  }
}
