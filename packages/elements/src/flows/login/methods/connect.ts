/**
 * Loaded on demand by `third-party.ts`: waits for the identity provider's popup to hand back its
 * ticket, then asks the server what comes next (`POST /continue {ticket}`).
 *
 * The hand-off page of the reference server posts `{type: 'cloud-login:connection', provider,
 * idp, ticket}` (or `error: {code, message}`) to this page's origin. Only a message that comes
 * from the API's origin, from the popup this page opened, and in exactly that shape is taken;
 * anything else on the `message` channel is ignored.
 */
import { ApiError, isErrorCode, type CloudClient, type Idp, type SignInResult } from '@cloud-login/core';

/** How often to look whether the popup was closed by hand (ms). */
const CLOSED_CHECK_MS = 400;
/** Tickets are opaque tokens; anything else posted under that name is not one. */
const TICKET = /^[A-Za-z0-9_-]{16,1024}$/;

export interface PopupConnection {
  client: CloudClient;
  idp: Idp;
  popup: Window;
  /** The preset id: a message about another provider's sign-in is not ours. */
  provider: string;
  signal: AbortSignal;
}

type Handoff = { ticket: string } | { error: string };

/** Reads a posted message; `undefined` unless it has exactly the hand-off's shape for this sign-in. */
export function readHandoff(data: unknown, idp: Idp, provider: string): Handoff | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.type !== 'cloud-login:connection' || message.idp !== idp) return undefined;
  if (message.provider !== undefined && message.provider !== provider) return undefined;
  if (typeof message.ticket === 'string')
    return TICKET.test(message.ticket) ? { ticket: message.ticket } : undefined;
  const error = message.error as { code?: unknown } | undefined;
  if (error && typeof error.code === 'string') return { error: error.code };
  return undefined;
}

/** The ticket the popup hands back; `null` when the person closed it or gave up at the provider. */
export function waitForHandoff({
  client,
  idp,
  popup,
  provider,
  signal,
}: PopupConnection): Promise<string | null> {
  const origin = new URL(client.baseUrl).origin;
  return new Promise((resolve, reject) => {
    let closedSeen = 0;
    const cleanup = () => {
      removeEventListener('message', onMessage);
      clearInterval(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== popup) return;
      const handoff = readHandoff(event.data, idp, provider);
      if (!handoff) return;
      cleanup();
      if ('ticket' in handoff) resolve(handoff.ticket);
      // Refused at the provider ("deny", "cancel"): the person knows; nothing to report.
      else if (handoff.error === 'unauthenticated') resolve(null);
      else
        reject(
          new ApiError(
            400,
            isErrorCode(handoff.error) ? handoff.error : 'unexpected_response',
            `sign-in with ${idp} failed`,
          ),
        );
    };
    const onAbort = () => {
      cleanup();
      popup.close();
      resolve(null);
    };
    // The hand-off page posts, then closes itself: the message may be queued behind the
    // "closed" we see, so closed counts only when seen twice in a row.
    const timer = setInterval(() => {
      closedSeen = popup.closed ? closedSeen + 1 : 0;
      if (closedSeen >= 2) {
        cleanup();
        resolve(null);
      }
    }, CLOSED_CHECK_MS);
    addEventListener('message', onMessage);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort);
  });
}

/** Waits for the popup's ticket and continues the flow with it. */
export async function connectThroughPopup(connection: PopupConnection): Promise<SignInResult | null> {
  const ticket = await waitForHandoff(connection);
  if (ticket === null || connection.signal.aborted) return null;
  return connection.client.continue({ ticket });
}
