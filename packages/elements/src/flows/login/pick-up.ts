/**
 * Loaded by `<cloud-login>` only when the address holds `#cl_ticket=…` or `#cl_error=…` (back
 * from a third-party login whose popup was blocked): whether that hand-off is this element's,
 * taken out of the address when it is.
 */
import {
  clearConnectionMark,
  clearFragment,
  connectionMark,
  readFragment,
  type FragmentHandoff,
} from '../../shared/handoff.ts';

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
