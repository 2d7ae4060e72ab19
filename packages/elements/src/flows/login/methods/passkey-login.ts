/**
 * The `passkeys` login method (docs/flows.md#passkeys), loaded when the card is reached: the
 * button's sign-in, and the autofill of the password panel's identifier field
 * (`autocomplete="username webauthn"`), started once the visitor reaches for that field. The
 * WebAuthn code itself (`shared/passkeys.ts`, with `@simplewebauthn/browser`) loads only then,
 * where the browser supports it, so no page pays for it up front.
 */
import { ApiError, type CloudClient, type SignInResult } from '@cloud-login/core';
import type { LoginMethodContext } from './registry.ts';

const webauthn = () => import('../../../shared/passkeys.ts');

/** Starts the pending autofill request again (the button's dialog ends it). */
let restartAutofill: (() => void) | undefined;

/** "Passkey login": the browser's dialog; `null` when the user closed it. */
export default async function passkeyButton({ client }: LoginMethodContext): Promise<SignInResult | null> {
  if (!client) throw new ApiError(0, 'network_error', 'no api configured');
  const { signInWithPasskey } = await webauthn();
  let result: SignInResult | null;
  try {
    result = await signInWithPasskey(client);
  } catch (error) {
    restartAutofill?.();
    throw error;
  }
  if (!result) restartAutofill?.();
  return result;
}

/**
 * The password panel (`FormPanel` members it keeps protected; this module is part of it, loaded
 * later): its client, `deliver()` for a sign-in, `showServerError()` for a refusal.
 */
export interface AutofillPanel extends HTMLElement {
  readonly client: CloudClient | undefined;
  deliver(result: SignInResult): void;
  showServerError(error: unknown): void;
}

const started = new WeakSet<AutofillPanel>();

/**
 * Offers the site's passkeys in the identifier field's autofill (conditional mediation), where
 * the browser supports it; once per panel. A passkey picked there signs in like the form does.
 * A refusal by the server is shown on the form and the autofill is offered again.
 */
export async function startAutofill(panel: AutofillPanel): Promise<void> {
  const client = panel.client;
  // The panel offers passkeys only when its preset and the site's `methods` keep them.
  if (started.has(panel) || !client || !panel.shadowRoot?.querySelector('input[autocomplete$="webauthn"]'))
    return;
  started.add(panel);
  if (!(await window.PublicKeyCredential?.isConditionalMediationAvailable?.())) return;
  const { signInWithPasskey } = await webauthn();
  const run = (): void => {
    // A panel that left the page (signed in another way) takes no more answers.
    if (!panel.isConnected) return;
    signInWithPasskey(client, { autofill: true }).then(
      (result) => result && panel.isConnected && panel.deliver(result),
      (error: unknown) => {
        // Nobody asked for the autofill: a browser that cannot do it here (an IP address, no
        // authenticator) stays quiet and stops. A server refusal is said; after a passkey was
        // refused (`field: "passkey"`) another may be picked, anything else ends it.
        if (!(error instanceof ApiError) || error.status === 0) return;
        panel.showServerError(error);
        if (error.field === 'passkey') run();
      },
    );
  };
  restartAutofill = run;
  run();
}

// The visitor reaching for a password panel (pointer or focus, through shadow roots) starts its
// autofill; the panel itself carries no passkey code.
for (const type of ['pointerover', 'focusin'])
  document.addEventListener(
    type,
    (event) => {
      const panel = event
        .composedPath()
        .find((node): node is AutofillPanel => (node as Element).localName === 'cloud-password-login');
      if (panel) void startAutofill(panel);
    },
    { capture: true, passive: true },
  );

// Loaded by the very reach that should start it (`<cloud-login>` fetches this module then): a
// password panel that already holds focus starts now, not at the next event.
let focused = document.activeElement;
while (focused && focused.localName !== 'cloud-password-login')
  focused = focused.shadowRoot?.activeElement ?? null;
if (focused) void startAutofill(focused as AutofillPanel);
