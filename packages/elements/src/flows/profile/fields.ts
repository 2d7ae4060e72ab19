/**
 * Fields the profile steps share (`<cloud-profile-form>`, `<cloud-legacy-upgrade>`): the account
 * name with its live checklist, checked with core's rules.
 */
import { html, type TemplateResult } from 'lit';
import type { AccountNamePolicy, MessageParams } from '@cloud-login/core';
import { accountNameChecklist, checkAccountName, hintKey } from '@cloud-login/core/rules';
import type { Translate } from '../../i18n/index.ts';
import { textField } from '../../form/text-field.ts';

export interface AccountNameFieldOptions {
  t: Translate;
  policy: AccountNamePolicy | null;
  label: string;
  value: string;
  error: string | undefined;
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
    required: true,
    disabled: o.disabled,
    onInput: o.onInput,
  });
}

/** The message key and params of an account name's first problem, or `undefined` when it is fine. */
export function accountNameProblem(value: string, policy: AccountNamePolicy | null): { code: string; params?: MessageParams } | undefined {
  if (!value.trim()) return { code: 'field_required' };
  if (!policy) return undefined;
  const check = checkAccountName(value.trim(), policy);
  return check.ok ? undefined : { code: check.code, ...(check.params && { params: check.params }) };
}
