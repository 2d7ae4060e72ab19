/**
 * The one reader of the hand-off a redirect leaves in the address: `#cl_ticket=…` (Tencent's
 * activation link, a third-party login whose popup was blocked) or `#cl_error=<code>`. A module
 * of its own, small enough for `<cloud-login>`'s first chunk, which only asks whether there is one.
 */

export interface FragmentHandoff {
  kind: 'ticket' | 'error';
  /** The ticket, or the error code. */
  value: string;
}

/** `#cl_ticket=…` / `#cl_error=…` of the current address, if any. */
export function readFragment(): FragmentHandoff | undefined {
  const match = /[#&]cl_(ticket|error)=([^&]+)/.exec(location.hash);
  if (!match) return undefined;
  try {
    return { kind: match[1] as 'ticket' | 'error', value: decodeURIComponent(match[2]!) };
  } catch {
    return undefined;
  }
}

/** Takes the fragment out of the address bar, so the ticket is neither reused nor shared. */
export function clearFragment(): void {
  history.replaceState(history.state, '', location.pathname + location.search);
}
