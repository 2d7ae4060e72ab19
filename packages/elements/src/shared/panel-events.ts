/**
 * How a panel talks to `<cloud-login>`: a module of its own rather than with `FormPanel` (the
 * panels' base), so `<cloud-login>` and a block of another kind (the QR panel) use them without
 * loading it or the login flow, and apart from the method registry, which every page of the CDN
 * bundle loads.
 */
import type { SignInResult } from '@cloud-login/core';

/**
 * Internal: a panel's answer for `<cloud-login>` (does not leave its shadow root). `<cloud-login>`
 * cancels it to say it took the answer over; a panel used on its own (the QR panel inside a
 * `<cloud-auth>`) then knows it must announce the sign-in itself.
 */
export class SignInResultEvent extends Event {
  static readonly eventName = 'cloud-signin-result' as const;
  constructor(readonly result: SignInResult) {
    super(SignInResultEvent.eventName, { bubbles: true, composed: false, cancelable: true });
  }
}

/** Internal: a panel asks `<cloud-login>` to start another method (password login's "use JD login"). */
export class StartMethodEvent extends Event {
  static readonly eventName = 'cloud-start-method' as const;
  constructor(readonly method: string) {
    super(StartMethodEvent.eventName, { bubbles: true, composed: false });
  }
}
