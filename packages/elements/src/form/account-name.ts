/**
 * The account-name field with its live checklist, checked with core's rules: registration, the
 * profile steps and the legacy upgrade show it. Apart from `account-fields.ts`, so a form that
 * shows only this field does not load the other fields' blocks.
 */
import { html, type TemplateResult } from 'lit';
import type { AccountNamePolicy, MessageParams } from '@cloud-login/core';
import { accountNameChecklist, checkAccountName, hintKey } from '@cloud-login/core/rules';
import type { Translate } from '../i18n/index.ts';
import { textField } from './text-field.ts';

export interface AccountNameFieldOptions {
  t: Translate;
  policy: AccountNamePolicy | null;
  label: string;
  value: string;
  error: string | undefined;
  required?: boolean;
  disabled: boolean;
  onInput: (value: string) => void;
}

/** The account-name input with the preset's rules as a checklist that ticks as they are met. */
export function accountNameField(o: AccountNameFieldOptions): TemplateResult {
  const rules = o.policy
    ? html`<ul class="rules" aria-label=${o.t('label.accountName')}>
        ${accountNameChecklist(o.value, o.policy).map(
          (entry) => html`<li ?data-met=${entry.met}>
            <span class="mark" aria-hidden="true">${entry.met ? '✓' : '•'}</span>
            ${o.t(hintKey(entry), entry.params)}
            <span class="visually-hidden">(${o.t(entry.met ? 'password.met' : 'password.unmet')})</span>
          </li>`,
        )}
      </ul>`
    : undefined;
  return textField({
    id: 'accountName',
    label: o.label,
    value: o.value,
    error: o.error,
    hint: rules,
    autocomplete: 'username',
    required: o.required ?? true,
    disabled: o.disabled,
    onInput: o.onInput,
  });
}

/** The message key and params of an account name's first problem, or `undefined` when it is fine. */
export function accountNameProblem(
  value: string,
  policy: AccountNamePolicy | null,
): { code: string; params?: MessageParams } | undefined {
  if (!value.trim()) return { code: 'field_required' };
  if (!policy) return undefined;
  const check = checkAccountName(value.trim(), policy);
  return check.ok ? undefined : { code: check.code, ...(check.params && { params: check.params }) };
}
