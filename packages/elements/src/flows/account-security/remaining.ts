/**
 * The login methods an account keeps after unbinding a third-party login: what the confirmation
 * lists before the person unbinds (002, docs/flows.md#unbind-a-third-party-login).
 */
import type { Account, Idp, Preset } from '@cloud-login/core';
import type { Translate } from '../../i18n/index.ts';

export function remainingMethods(t: Translate, preset: Preset, account: Account, idp: Idp): string[] {
  const out: string[] = [];
  if (account.hasPassword) {
    for (const kind of account.loginIdentifiers) {
      const label =
        kind === 'accountName' && preset.accountNameLabel === 'userName'
          ? t('label.userName')
          : t(`label.${kind}`);
      out.push(t('security.withPassword', { identifier: label }));
    }
  }
  if (preset.methods.login.includes('sms') && account.loginIdentifiers.includes('phone'))
    out.push(t('method.sms'));
  for (const other of account.connections) if (other !== idp) out.push(t(`method.${other}`));
  return out;
}
