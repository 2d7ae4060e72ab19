import type { Account, AccountField, NeedsProfile, Session } from '@cloud-login/core';
import type { ChooserAccount } from '../../blocks/account-chooser/account-chooser.ts';

/** The login flow's states; `render()` is a switch over `name`. */
export type LoginStep =
  /** Choosing a method; `error` is a third-party login's failure, shown under the buttons. */
  | { name: 'method'; method: string; error?: string }
  /**
   * A third-party login is under way in its popup (or its ticket is being continued); `checking`
   * while a ticket in the address is looked at (whose is it?), which is not yet a step of its own.
   */
  | { name: 'connecting'; method: string; from: string; abort?: AbortController; checking?: boolean }
  | {
      name: 'choose-account';
      method: string;
      ticket: string;
      accounts: ChooserAccount[];
      createNew: boolean;
      error?: string;
      errorCode?: string;
      /** The identity provider's name for the person (WeChat nickname, 002). */
      nickname?: string;
    }
  /** The server needs more before it signs in (`NeedsProfile`). */
  | {
      name: 'profile';
      method: string;
      ticket: string;
      required: AccountField[];
      optional: AccountField[];
      nickname?: string;
      /** Initial values the server offers (001: the JD account's phone as the contact phone). */
      prefill?: NeedsProfile['prefill'];
    }
  /** An older JD account signed in through JD login: offer the upgrade before finishing. */
  | { name: 'upgrade'; method: string; account: Account; session: Session; returnTo?: string | undefined }
  /** "Forgot password?": `<cloud-password-reset>` runs its own steps (`reset-*`). */
  | { name: 'reset' }
  | { name: 'done'; account: Account };

/** Identifies a step for "did it change?": each profile answer is a new step, even with the same fields. */
export function stepKey(step: LoginStep): string {
  switch (step.name) {
    case 'method':
      return step.method;
    case 'connecting':
      return step.checking ? '' : step.name;
    case 'profile':
      return `profile:${step.ticket}`;
    default:
      return step.name;
  }
}
