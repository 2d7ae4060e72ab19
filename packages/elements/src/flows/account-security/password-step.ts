/**
 * The password step of `<cloud-account-security>`: set a first password (with the account's proof)
 * or change it (with the current one), then the unbind that waited for a password, if any.
 */
import type { Account, ApiError, CloudClient, Idp, Locale, ReauthProof } from '@cloud-login/core';
import type { CloudPasswordField } from '../../blocks/password-field/password-field.ts';
import type { ActionController } from '../../controllers/action.ts';
import type { Translate } from '../../i18n/index.ts';
import type { SecurityStep } from './steps.ts';

/** What `submitPassword` uses of `<cloud-account-security>` (its members, private to the outside). */
export interface PasswordHost {
  readonly accountClient: CloudClient;
  readonly activeLocale: Locale;
  readonly action: ActionController;
  readonly reauth: { proof(): ReauthProof };
  readonly renderRoot: ParentNode;
  readonly step: SecurityStep;
  formError: string;
  errors: Record<string, string>;
  currentPassword: string;
  newPassword: string;
  t: Translate;
  reportError(error: unknown): ApiError & { text: string };
  reauthRefused(reported: ApiError & { text: string }): boolean;
  fieldErrors(error: ApiError & { text: string }): Record<string, string>;
  changed(account: Account, change: 'password' | 'unbind', notice: string): void;
  methodName(idp: Idp): string;
  focusProblem(): Promise<void>;
}

export async function submitPassword(host: PasswordHost, event: Event): Promise<void> {
  event.preventDefault();
  const step = host.step;
  if (step.name !== 'password') return;
  await host.action.run(async () => {
    host.formError = '';
    const fields = [...host.renderRoot.querySelectorAll<CloudPasswordField>('cloud-password-field')];
    const valid = fields.map((f) => f.validate()).every(Boolean);
    if (!valid) return;
    const hadPassword = step.account.hasPassword;
    try {
      await host.accountClient.changePassword(
        hadPassword
          ? {
              currentPassword: host.currentPassword,
              newPassword: host.newPassword,
              locale: host.activeLocale,
            }
          : { ...host.reauth.proof(), newPassword: host.newPassword, locale: host.activeLocale },
      );
    } catch (error) {
      const reported = host.reportError(error);
      if (!hadPassword && host.reauthRefused(reported)) return;
      const errors = host.fieldErrors(reported);
      if (reported.code === 'invalid_credentials')
        errors.currentPassword = host.t('security.wrongCurrentPassword');
      host.errors = errors;
      host.formError = errors.currentPassword || errors.newPassword ? '' : reported.text;
      if (errors.currentPassword) host.currentPassword = '';
      return;
    }
    host.currentPassword = '';
    const password = host.newPassword;
    host.newPassword = '';
    const { account } = await host.accountClient
      .session()
      .catch(() => ({ account: { ...step.account, hasPassword: true } }));
    const done = host.t(hadPassword ? 'security.passwordChanged' : 'security.passwordSetDone');
    host.changed(account, 'password', done);
    // The password was what the unbind needed: carry on with it, as asked.
    if (step.thenUnbind) await unbindAfterPassword(host, step.thenUnbind, done, password);
  });
  await host.focusProblem();
}

/** The password just set is the proof the unbind needs. */
async function unbindAfterPassword(
  host: PasswordHost,
  idp: Idp,
  done: string,
  currentPassword: string,
): Promise<void> {
  try {
    await host.accountClient.unbind(idp, { currentPassword, locale: host.activeLocale });
    const { account } = await host.accountClient.session();
    host.changed(
      account,
      'unbind',
      `${done} ${host.t('security.unbound', { method: host.methodName(idp) })}`,
    );
  } catch (error) {
    host.formError = host.reportError(error).text;
  }
}
