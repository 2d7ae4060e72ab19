/**
 * The new-password half of `<cloud-password-field>`: the preset's rules as a checklist that
 * ticks as they are met, and the check itself. A chunk of its own, loaded by a field in `new`
 * mode: a sign-in form (`current`) never carries the rules or their styles.
 */
import { css, html, type TemplateResult } from 'lit';
import type { Preset } from '@cloud-login/core';
import {
  checkPasswordWith,
  commonPasswordCheck,
  hintKey,
  loadCommonPasswords,
  passwordChecklistWith,
  type Check,
  type PasswordRule,
} from '@cloud-login/core/rules';
import { addMessages, type Translate } from '../../i18n/index.ts';
import { passwordMessages } from '../../i18n/password-messages.ts';

// The checklist's words and the rules' messages come with it: a sign-in page never loads them.
addMessages(passwordMessages);

export const checklistStyles = css`
  .checklist {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.125rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .rule {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
  }
  .mark {
    flex: 0 0 1em;
    text-align: center;
    font-weight: 700;
  }
  .rule[data-met] {
    color: var(--_success);
  }
  .rule[data-recommended]:not([data-met]) {
    font-style: italic;
  }
`;

/**
 * The common-password list is a chunk of its own: only a policy that rejects common passwords
 * (the `default` preset) loads it, and until it is in, its checklist line is pending and does
 * not block; the server checks it either way. `undefined` when the policy needs no list or it is
 * already in.
 */
export function commonListLoad(preset: Preset): Promise<void> | undefined {
  return preset.password.rejectCommon && commonPasswordCheck('') === undefined
    ? loadCommonPasswords()
    : undefined;
}

export function checkNewPassword(password: string, preset: Preset, accountName: string): Check<PasswordRule> {
  return checkPasswordWith(commonPasswordCheck, password, preset.password, { accountName });
}

export function renderChecklist(
  t: Translate,
  password: string,
  preset: Preset,
  accountName: string,
): TemplateResult {
  const list = passwordChecklistWith(commonPasswordCheck, password, preset.password, { accountName });
  return html`
    <ul id="checklist" class="checklist" part="checklist" aria-label=${t('password.requirements')}>
      ${list.map((entry) => {
        const state = entry.met ? 'met' : 'unmet';
        const parts = `rule rule-${state}${entry.enforced ? '' : ' rule-recommended'}`;
        return html`<li class="rule" part=${parts} data-rule=${entry.rule} ?data-met=${entry.met} ?data-recommended=${!entry.enforced}>
          <span class="mark" aria-hidden="true">${entry.met ? '✓' : '•'}</span>
          <span>${t(hintKey(entry), entry.params)}</span>
          <span class="visually-hidden">(${t(entry.met ? 'password.met' : 'password.unmet')})</span>
        </li>`;
      })}
    </ul>
  `;
}
