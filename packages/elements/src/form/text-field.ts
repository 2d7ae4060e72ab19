/**
 * A plain labelled input for the flows' simple fields (identifier, email, account name,
 * recommendation code), with the same anatomy as the blocks: label, hint, error tied by
 * `aria-describedby` and announced.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

export interface TextFieldOptions {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | TemplateResult | undefined;
  type?: 'text' | 'email';
  autocomplete?: string;
  inputmode?: string;
  required?: boolean;
  disabled?: boolean;
  maxlength?: number;
  onInput: (value: string) => void;
}

export function textField(o: TextFieldOptions): TemplateResult {
  const hintId = `${o.id}-hint`;
  const errorId = `${o.id}-error`;
  const describedBy = [o.hint ? hintId : '', errorId].filter(Boolean).join(' ');
  return html`
    <div class="field" part="field field-${o.id}">
      <label for=${o.id} part="label">${o.label}</label>
      <input
        id=${o.id}
        name=${o.id}
        part="input"
        type=${o.type ?? 'text'}
        autocomplete=${ifDefined(o.autocomplete)}
        inputmode=${ifDefined(o.inputmode)}
        maxlength=${o.maxlength ?? 256}
        autocapitalize="off"
        spellcheck="false"
        .value=${live(o.value)}
        ?disabled=${o.disabled}
        ?required=${o.required}
        aria-required=${o.required ? 'true' : nothing}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
      />
      ${o.hint ? html`<div id=${hintId} class="hint" part="hint">${o.hint}</div>` : nothing}
      <p id=${errorId} class="error" part="error" role="alert">${o.error ?? ''}</p>
    </div>
  `;
}

/** Focuses the first field of `root` that shows an error, else the first field; true if one was. */
export function focusFirst(root: ParentNode, invalidOnly = false): boolean {
  const selector = invalidOnly
    ? '[aria-invalid="true"], cloud-phone-input[data-invalid], cloud-code-input[data-invalid], cloud-password-field[data-invalid], cloud-agreements[data-invalid]'
    : 'input:not([type=hidden]):not(:disabled), select:not(:disabled), cloud-phone-input, cloud-code-input, cloud-password-field, cloud-agreements, cloud-account-chooser, button:not(:disabled)';
  const target = root.querySelector<HTMLElement>(selector);
  if (!target) return false;
  target.focus();
  return true;
}
