/**
 * Third-party login (docs/flows.md#third-party-login), the `button` methods WeChat, WeChat Official Account, QQ and JD. A click
 * opens the identity provider in a popup — synchronously, inside the click, or the browser blocks
 * it — and the rest (waiting for the popup's hand-off, `POST /continue`) loads on demand from
 * `connect.ts`. When the popup is blocked anyway, the page itself goes to the identity provider
 * (`mode=redirect`) and `<cloud-login>` picks the ticket up from `#cl_ticket=…` on its return.
 */
import { ApiError, type Idp, type SignInResult } from '@cloud-login/core';
import type { LoginMethodContext } from './registry.ts';

const POPUP_WIDTH = 560;
const POPUP_HEIGHT = 680;

/** This page, without its fragment: where the identity provider sends the browser back. */
const thisPage = () => location.href.split('#')[0]!;

function popupFeatures(): string {
  // Centred on the window that opened it; `popup` asks for a minimal window rather than a tab.
  const left = Math.max(0, Math.round(screenX + (outerWidth - POPUP_WIDTH) / 2));
  const top = Math.max(0, Math.round(screenY + (outerHeight - POPUP_HEIGHT) / 2));
  return `popup,width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top}`;
}

/** Starts third-party login with `idp`; see `ButtonMethod.activate`. */
export function startConnection(
  idp: Idp,
  context: LoginMethodContext,
  signal: AbortSignal,
): Promise<SignInResult | null> {
  const client = context.client;
  if (!client) return Promise.reject(new ApiError(0, 'network_error', 'no api configured'));
  const returnTo = thisPage();
  // `returnTo` in popup mode too: the hand-off page posts the ticket to its origin, this page's.
  const popup = window.open(
    client.authorizeUrl(idp, { mode: 'popup', returnTo, locale: context.locale }),
    `cloud-login-${idp}`,
    popupFeatures(),
  );
  if (!popup) {
    // No popup to open in time any more: the page itself leaves (handoff.ts keeps the tab's mark
    // and secret; the ticket that comes back through the address is bound to it).
    return import('../../../shared/handoff.ts').then(({ leaveFor }) =>
      leaveFor(idp, client.baseUrl, (flowHash) =>
        client.authorizeUrl(idp, { mode: 'redirect', returnTo, locale: context.locale, flowHash }),
      ),
    );
  }
  return import('./connect.ts').then(({ connectThroughPopup }) =>
    connectThroughPopup({ client, idp, popup, provider: context.preset.id, signal }),
  );
}
