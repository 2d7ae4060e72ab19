/**
 * "Bind" in `<cloud-account-security>` (docs/flows.md#bind-a-third-party-login): the identity
 * provider opens in a popup started with `mode=bind`, whose hand-off ticket signs nobody in; the
 * element sends it to `POST /account/connections` with the account's proof. The popup must open
 * inside the click (`openBindPopup`, synchronous); the wait for its ticket loads with login's
 * hand-off reader (`connect.ts`), the same checks of origin, window and shape.
 */
import type { Account, ApiError, CloudClient, Idp, Locale, Preset, ReauthProof } from '@cloud-login/core';
import type { ActionController } from '../../controllers/action.ts';
import type { Translate } from '../../i18n/index.ts';
import type { SecurityStep } from './steps.ts';

const WIDTH = 560;
const HEIGHT = 680;

/** Opens the identity provider for binding, centred on this window; `null` when the browser blocks it. */
export function openBindPopup(client: CloudClient, idp: Idp, locale: string | undefined): Window | null {
  const left = Math.max(0, Math.round(screenX + (outerWidth - WIDTH) / 2));
  const top = Math.max(0, Math.round(screenY + (outerHeight - HEIGHT) / 2));
  // `returnTo`: the hand-off page posts the ticket to this page's origin, and to no other.
  const url = client.authorizeUrl(idp, { mode: 'bind', returnTo: location.href.split('#')[0]!, locale });
  return window.open(
    url,
    `cloud-login-bind-${idp}`,
    `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`,
  );
}

/** The ticket the popup hands back; `null` when the person closed it or gave up at the provider. */
export async function bindTicket(
  client: CloudClient,
  idp: Idp,
  popup: Window,
  provider: string,
  signal: AbortSignal,
): Promise<string | null> {
  const { waitForHandoff } = await import('../login/methods/connect.ts');
  return waitForHandoff({ client, idp, popup, provider, signal });
}

/** What `runBind` uses of `<cloud-account-security>` (its members, private to the outside). */
export interface BindHost {
  readonly accountClient: CloudClient;
  readonly activeLocale: Locale;
  readonly preset: Preset;
  readonly action: ActionController;
  readonly reauth: { proof(): ReauthProof };
  step: SecurityStep;
  formError: string;
  binding?: AbortController | undefined;
  t: Translate;
  reportError(error: unknown): ApiError & { text: string };
  reauthRefused(reported: ApiError & { text: string }): boolean;
  changed(account: Account, change: 'bind', notice: string): void;
  methodName(idp: Idp): string;
  focusProblem(): Promise<void>;
}

/** "Bind": opens the popup inside the click (unless a ticket waits for its proof), then binds. */
export async function runBind(host: BindHost, step: Extract<SecurityStep, { name: 'bind' }>): Promise<void> {
  const client = host.accountClient;
  const popup = step.ticket ? null : openBindPopup(client, step.idp, host.activeLocale);
  if (!step.ticket && !popup) {
    host.formError = host.t('security.popupBlocked');
    return;
  }
  await host.action.run(async () => {
    host.formError = '';
    let ticket = step.ticket;
    if (!ticket) {
      const abort = (host.binding = new AbortController());
      try {
        ticket = (await bindTicket(client, step.idp, popup!, host.preset.id, abort.signal)) ?? undefined;
      } catch (error) {
        host.formError = host.reportError(error).text;
      }
      if (!ticket || abort.signal.aborted) return;
      host.step = { ...step, ticket };
    }
    try {
      const { account } = await client.bind({ ticket, ...host.reauth.proof(), locale: host.activeLocale });
      host.changed(account, 'bind', host.t('security.bindDone', { method: host.methodName(step.idp) }));
    } catch (error) {
      const reported = host.reportError(error);
      // Asked for the proof: the same ticket goes again with it. Anything else needs a new one.
      if (host.reauthRefused(reported)) return;
      host.step = { ...step, ticket: undefined };
      host.formError = reported.text;
    }
  });
  await host.focusProblem();
}
