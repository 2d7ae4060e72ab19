/**
 * Tickets that come back in the address bar: `#cl_ticket=…` (or `#cl_error=<code>`) after a
 * redirect — Tencent's activation link, or a third-party login whose popup was blocked. Anyone
 * can send a link with a ticket in it (an attacker's own ticket would sign the victim into the
 * attacker's account), so an element redeems such a ticket only for a flow this browser started:
 * before it leaves, the flow keeps a random secret in storage and sends the server only its
 * SHA-256 (`flowHash`); the server binds the ticket to it, and `POST /continue` presents the
 * secret (`flowSecret`). A third-party redirect keeps it in this tab's `sessionStorage` (the mark
 * also says which API and identity provider the ticket is for); an activation link opens in a new
 * tab, so registration keeps its secret in `localStorage`, per API.
 */
export { clearFragment, readFragment, type FragmentHandoff } from './fragment.ts';

const MARK = 'cloud-login:connection';
const ACTIVATION = 'cloud-login:activation:';

export interface ConnectionMark {
  idp: string;
  api: string;
  /** The flow secret whose hash went to `authorize`. */
  secret: string;
}

/** A new flow secret and its hash (hex SHA-256, what the server compares). */
export async function newFlowSecret(): Promise<{ secret: string; hash: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const secret = btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) =>
    c === '+' ? '-' : c === '/' ? '_' : '',
  );
  return { secret, hash: await flowHashOf(secret) };
}

async function flowHashOf(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function read(storage: () => Storage, key: string): Record<string, unknown> | undefined {
  try {
    const raw = storage().getItem(key);
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function write(storage: () => Storage, key: string, value: unknown): void {
  try {
    if (value === undefined) storage().removeItem(key);
    else storage().setItem(key, JSON.stringify(value));
  } catch {
    // Storage off (privacy mode, sandboxed frame): the ticket coming back cannot be redeemed.
  }
}

const session = () => sessionStorage;
const local = () => localStorage;

/** Notes, before a redirect to an identity provider, that the ticket coming back is `<cloud-login>`'s. */
export function markConnection(mark: ConnectionMark): void {
  write(session, MARK, mark);
}

/** The mark left by a third-party redirect from this tab, if any (it stays until taken). */
export function connectionMark(): ConnectionMark | undefined {
  const mark = read(session, MARK);
  return mark &&
    typeof mark.idp === 'string' &&
    typeof mark.api === 'string' &&
    typeof mark.secret === 'string'
    ? { idp: mark.idp, api: mark.api, secret: mark.secret }
    : undefined;
}

/**
 * Leaves for the identity provider in redirect mode: this tab keeps the mark and a new secret,
 * the provider's `authorize` gets only the secret's hash. Never settles: the page is leaving.
 */
export async function leaveFor(idp: string, api: string, url: (flowHash: string) => string): Promise<never> {
  const { secret, hash } = await newFlowSecret();
  markConnection({ idp, api, secret });
  location.assign(url(hash));
  return new Promise<never>(() => {});
}

export function clearConnectionMark(): void {
  write(session, MARK, undefined);
}

/**
 * The `flowHash` for a registration that activates by email link: this browser's secret for
 * `api`, made once and kept until a link brings a ticket back (every link of the registration,
 * resends and other tabs too, is bound to the same secret).
 */
export async function activationFlowHash(api: string): Promise<string | undefined> {
  // No Web Crypto outside a secure context (plain http off localhost): no ticket comes back then,
  // the link's page says "activated, sign in".
  if (!crypto.subtle) return undefined;
  const kept = read(local, ACTIVATION + api)?.secret;
  if (typeof kept === 'string') return flowHashOf(kept);
  const { secret, hash } = await newFlowSecret();
  write(local, ACTIVATION + api, { secret });
  return hash;
}

/** The activation secret this browser keeps for `api`, taken (it is good for one ticket). */
export function takeActivationSecret(api: string): string | undefined {
  const secret = read(local, ACTIVATION + api)?.secret;
  write(local, ACTIVATION + api, undefined);
  return typeof secret === 'string' ? secret : undefined;
}
