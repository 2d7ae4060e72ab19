/**
 * Loaded by `<cloud-login>` only when the address holds `#cl_ticket=…` or `#cl_error=…` (back
 * from a third-party login whose popup was blocked): whether that hand-off is this element's,
 * taken out of the address when it is, and what the element does with it.
 */
import { ApiError, isErrorCode, type CloudClient, type SignInResult } from '@cloud-login/core';
import {
  clearConnectionMark,
  clearFragment,
  connectionMark,
  readFragment,
  type FragmentHandoff,
} from '../../shared/handoff.ts';
import type { LoginStep } from './steps.ts';

export interface PickedUp extends FragmentHandoff {
  /** The identity provider the redirect went to. */
  idp: string;
  /** The flow secret the ticket is bound to (`POST /continue`'s `flowSecret`). */
  secret: string;
}

/**
 * The hand-off in the address when it belongs to the `<cloud-login>` that talks to `api`: this
 * tab's redirect left a mark for that API. Without a mark the ticket is no flow of this tab's
 * (anyone can send a link with a ticket): it is cleared unredeemed, unless a `<cloud-register>`
 * on the page may be waiting for its activation link.
 */
export function takeHandoff(api: string | undefined): PickedUp | undefined {
  const handoff = readFragment();
  if (!handoff) return undefined;
  const mark = connectionMark();
  if (!mark) {
    if (!document.querySelector('cloud-register')) clearFragment();
    return undefined;
  }
  if (mark.api !== api) return undefined;
  clearConnectionMark();
  clearFragment();
  return { ...handoff, idp: mark.idp, secret: mark.secret };
}

/** What `pickUp` uses of `<cloud-login>` (its private members; the element passes itself). */
export interface PickUpHost {
  step: LoginStep;
  readonly client?: CloudClient | undefined;
  messageFor(code: string): string;
  reportError(error: unknown): unknown;
  requireClient(): CloudClient;
  follow(method: string, from: string, work: () => Promise<SignInResult | null>): Promise<void>;
}

/**
 * Takes `host`'s hand-off from the address and goes on with it: continues the ticket, or shows
 * why the provider refused. Not its hand-off (or none): back to the methods.
 */
export async function pickUp(host: PickUpHost): Promise<void> {
  const handoff = takeHandoff(host.client?.baseUrl);
  if (!handoff || handoff.kind === 'error') {
    // Not ours, or refused at the provider; "cancelled there" needs no message: the person did it.
    const code = handoff && handoff.value !== 'unauthenticated' ? handoff.value : undefined;
    host.step = { name: 'method', method: '', ...(code && { error: host.messageFor(code) }) };
    if (code)
      host.reportError(
        new ApiError(400, isErrorCode(code) ? code : 'unexpected_response', 'third-party login failed'),
      );
    return;
  }
  const { idp, value: ticket, secret } = handoff;
  host.step = { name: 'connecting', method: idp, from: '' };
  await host.follow(idp, '', () => host.requireClient().continue({ ticket, flowSecret: secret }));
}
