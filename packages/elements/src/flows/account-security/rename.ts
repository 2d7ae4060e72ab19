/**
 * `<cloud-account-security>`'s "choose your account name" step: an account a third-party login
 * created has a generated name (002: "稍后你可以在「账户管理」中心查看和管理账号"); its owner
 * replaces it once (`PUT /account/name`), with the proof a sensitive change asks for. The element
 * passes itself (its private members, as `RenameHost` names them).
 */
import { html, type TemplateResult } from 'lit';
import type { Account, ApiError, CloudClient, Preset } from '@cloud-login/core';
import { checkAccountName } from '@cloud-login/core/rules';
import type { ActionController } from '../../controllers/action.ts';
import { textField } from '../../form/text-field.ts';
import type { Translate } from '../../i18n/index.ts';
import type { AccountChange } from '../../shared/events.ts';
import type { ReauthPrompt } from './reauth.ts';
import type { StepForm } from './step-forms.ts';
import type { SecurityStep } from './steps.ts';

export interface RenameHost {
  step: SecurityStep;
  readonly t: Translate;
  readonly preset: Preset;
  readonly action: ActionController;
  readonly reauth: ReauthPrompt;
  readonly accountClient: CloudClient;
  errors: Record<string, string>;
  formError: string;
  accountName: string;
  stepForm(account: Account): StepForm;
  messageFor(code: string, extra?: Record<string, string | number>): string;
  reportError(error: unknown): ApiError & { text: string };
  fieldErrors(error: ApiError & { text: string }): Record<string, string>;
  reauthRefused(reported: ApiError & { text: string }): boolean;
  changed(account: Account, change: AccountChange, notice: string): void;
  focusProblem(): Promise<void>;
}

async function submit(host: RenameHost, event: Event): Promise<void> {
  event.preventDefault();
  if (host.step.name !== 'rename') return;
  await host.action.run(async () => {
    host.formError = '';
    const accountName = host.accountName.trim();
    const policy = host.preset.accountName;
    const check = policy ? checkAccountName(accountName, policy) : undefined;
    if (check && !check.ok) {
      host.errors = { accountName: host.messageFor(check.code) };
      return;
    }
    try {
      const { account } = await host.accountClient.rename({ accountName, ...host.reauth.proof() });
      host.accountName = '';
      host.changed(
        account,
        'rename',
        host.t('security.renamed', { name: account.accountName ?? accountName }),
      );
    } catch (error) {
      const reported = host.reportError(error);
      if (host.reauthRefused(reported)) return;
      const errors = host.fieldErrors(reported);
      host.errors = errors;
      host.formError = errors.accountName ? '' : reported.text;
    }
  });
  await host.focusProblem();
}

export function renameView(
  host: RenameHost,
  step: Extract<SecurityStep, { name: 'rename' }>,
): TemplateResult {
  const f = host.stepForm(step.account);
  const { t, busy } = f;
  return html`
    <form part="form" novalidate aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'} @submit=${(e: Event) => void submit(host, e)}>
      <h3 id="step-title" part="step-title" tabindex="-1">${t('security.chooseName')}</h3>
      <p class="intro">${t('security.renameIntro', { name: step.account.accountName ?? '' })}</p>
      ${textField({
        id: 'accountName',
        label: t('label.accountName'),
        value: host.accountName,
        error: host.errors.accountName,
        autocomplete: 'username',
        required: true,
        disabled: busy,
        onInput: (value) => {
          host.accountName = value;
          host.errors = {};
        },
      })}
      ${f.reauth()}
      <p class="form-error" part="form-error" role="alert" tabindex="-1">${f.formError}</p>
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>${busy ? t('common.busy') : t('action.submit')}</button>
        <button type="button" class="link" part="back" ?disabled=${busy} @click=${f.cancel}>${t('action.cancel')}</button>
      </div>
    </form>
  `;
}
