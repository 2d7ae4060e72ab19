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
  /** The identity provider the redirect went to; empty without a mark. */
  idp: string;
}

/**
 * The hand-off in the address when it belongs to the `<cloud-login>` that talks to `api`: this
 * tab's redirect left a mark for that API; without a mark it is taken unless a
 * `<cloud-register>` on the page is waiting for its activation link.
 */
export function takeHandoff(api: string | undefined): PickedUp | undefined {
  const handoff = readFragment();
  if (!handoff) return undefined;
  const mark = connectionMark();
  if (mark ? mark.api !== api : document.querySelector('cloud-register')) return undefined;
  clearConnectionMark();
  clearFragment();
  return { ...handoff, idp: mark?.idp ?? '' };
}
