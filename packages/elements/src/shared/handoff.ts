/**
 * Tickets that come back in the address bar: `#cl_ticket=…` (or `#cl_error=<code>`) after a
 * redirect — Tencent's activation link, or a third-party login whose popup was blocked. Two
 * elements may read the fragment (a `<cloud-register>` waiting for its activation link and a
 * `<cloud-login>` back from WeChat): a third-party redirect leaves a mark in this tab's
 * `sessionStorage` before it leaves, so each element knows whose ticket it is. The mark holds
 * only the identity provider and the API; never the ticket.
 */
export { clearFragment, readFragment, type FragmentHandoff } from './fragment.ts';

const MARK = 'cloud-login:connection';

export interface ConnectionMark {
  idp: string;
  api: string;
}

/** Notes, before a redirect to an identity provider, that the ticket coming back is `<cloud-login>`'s. */
export function markConnection(mark: ConnectionMark): void {
  try {
    sessionStorage.setItem(MARK, JSON.stringify(mark));
  } catch {
    // Storage off (privacy mode, sandboxed frame): the fragment is still picked up, by rule.
  }
}

/** The mark left by a third-party redirect from this tab, if any (it stays until taken). */
export function connectionMark(): ConnectionMark | undefined {
  try {
    const raw = sessionStorage.getItem(MARK);
    const mark = raw ? (JSON.parse(raw) as Partial<ConnectionMark>) : undefined;
    return mark && typeof mark.idp === 'string' && typeof mark.api === 'string'
      ? { idp: mark.idp, api: mark.api }
      : undefined;
  } catch {
    return undefined;
  }
}

export function clearConnectionMark(): void {
  try {
    sessionStorage.removeItem(MARK);
  } catch {
    // See markConnection.
  }
}
