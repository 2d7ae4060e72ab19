/**
 * The public events, as small typed `Event` subclasses. All bubble and cross shadow roots, so a
 * page can listen on `document` as well as on the element.
 */
import type { Account, Session } from '@cloud-login/core';

export type Flow = 'login' | 'register' | 'account-security';

/** What changed in `<cloud-account-security>`. */
export type AccountChange = 'password' | 'bind' | 'unbind' | 'upgrade' | 'two-step' | 'rename' | 'contact';

export interface SignedInDetail {
  account: Account;
  session: Session;
}

const init: EventInit = { bubbles: true, composed: true };

/**
 * A sign-in completed (`<cloud-login>`). Cancelable: `preventDefault()` keeps the element from
 * navigating to `return-to`, for sites that route themselves.
 */
export class CloudLoginSuccessEvent extends Event {
  static readonly eventName = 'cloud-login-success' as const;
  constructor(readonly detail: SignedInDetail) {
    super(CloudLoginSuccessEvent.eventName, { ...init, cancelable: true });
  }
}

/** A registration completed and the new account is signed in (`<cloud-register>`). Cancelable, as above. */
export class CloudRegisterSuccessEvent extends Event {
  static readonly eventName = 'cloud-register-success' as const;
  constructor(readonly detail: SignedInDetail) {
    super(CloudRegisterSuccessEvent.eventName, { ...init, cancelable: true });
  }
}

/** A flow moved to another step; `step` is the state machine's step name. */
export class CloudStepChangeEvent extends Event {
  static readonly eventName = 'cloud-step-change' as const;
  constructor(readonly detail: { flow: Flow; step: string }) {
    super(CloudStepChangeEvent.eventName, init);
  }
}

/** The server (or the network) refused something; `message` is already localised. */
export class CloudErrorEvent extends Event {
  static readonly eventName = 'cloud-error' as const;
  constructor(readonly detail: { code: string; message: string; field?: string }) {
    super(CloudErrorEvent.eventName, init);
  }
}

/** `<cloud-code-input>` had a code sent. */
export class CloudCodeSentEvent extends Event {
  static readonly eventName = 'cloud-code-sent' as const;
  constructor(readonly detail: { channel: 'sms' | 'voice'; expiresIn: number; resendAfter: number }) {
    super(CloudCodeSentEvent.eventName, init);
  }
}

/** `<cloud-account-chooser>`: the user picked an account, or asked for a new one. */
export class CloudAccountSelectEvent extends Event {
  static readonly eventName = 'cloud-account-select' as const;
  constructor(readonly detail: { accountId: string } | { createNew: true }) {
    super(CloudAccountSelectEvent.eventName, init);
  }
}

/** `<cloud-account-security>` changed the account (a password set, a login unbound, an upgrade). */
export class CloudAccountChangeEvent extends Event {
  static readonly eventName = 'cloud-account-change' as const;
  constructor(readonly detail: { account: Account; change: AccountChange }) {
    super(CloudAccountChangeEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cloud-login-success': CloudLoginSuccessEvent;
    'cloud-register-success': CloudRegisterSuccessEvent;
    'cloud-step-change': CloudStepChangeEvent;
    'cloud-error': CloudErrorEvent;
    'cloud-code-sent': CloudCodeSentEvent;
    'cloud-account-select': CloudAccountSelectEvent;
    'cloud-account-change': CloudAccountChangeEvent;
  }
}
