/**
 * The passkey calls (docs/flows.md#passkeys, packages/server/README.md "Passkeys"): options from
 * the server, the browser's WebAuthn ceremony (`@simplewebauthn/browser`), the answer back. This
 * module and the library load on demand — when a passkey is used or managed, or the login page
 * starts the identifier field's autofill — never with a page's first load.
 */
import {
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import {
  ApiError,
  type CloudClient,
  type Passkey,
  type PasskeyOptions,
  type ReauthProof,
  type SignInResult,
} from '@cloud-login/core';
import { addMessages } from '../i18n/index.ts';
import { passkeyMessages } from '../i18n/passkey-messages.ts';

addMessages(passkeyMessages);

/** The user closed the browser's dialog, or another ceremony took over: nothing to report. */
function cancelled(error: unknown): boolean {
  const { name, code } = error as { name?: string; code?: string };
  return name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED';
}

/**
 * A browser-side failure as an `ApiError` the elements localise: a passkey added already, or
 * "this browser or device could not" (no passkey provider, an address WebAuthn refuses…).
 */
function browserFailure(error: unknown): ApiError {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return new ApiError(409, 'already_bound', message ?? 'already registered', 'passkey');
  return new ApiError(0, 'unexpected_response', message ?? 'passkey failed', 'passkey');
}

/**
 * Signs in with a passkey the browser offers: in its dialog, or (`autofill`) from the
 * identifier field's suggestions, waiting until the user picks one. `null` when cancelled.
 */
export async function signInWithPasskey(
  client: CloudClient,
  options: { autofill?: boolean } = {},
): Promise<SignInResult | null> {
  const { options: optionsJSON } = await client.request<
    PasskeyOptions<PublicKeyCredentialRequestOptionsJSON>
  >('POST', '/sessions/passkey/options');
  let credential;
  try {
    credential = await startAuthentication({
      optionsJSON,
      // The field is in a shadow root, where the library's document-wide check cannot see it.
      ...(options.autofill && { useBrowserAutofill: true, verifyBrowserAutofillInput: false }),
    });
  } catch (error) {
    if (cancelled(error)) return null;
    throw browserFailure(error);
  }
  return client.request<SignInResult>('POST', '/sessions/passkey', { credential });
}

/** Ends a pending autofill request (the page signed in another way, or the field went away). */
export function stopPasskeyAutofill(): void {
  WebAuthnAbortService.cancelCeremony();
}

/**
 * Adds a passkey to the signed-in account: options (with `proof`, `403 reauth_required` without
 * one), the browser creates it, the server keeps it. `null` when the user cancelled.
 */
export async function addPasskey(client: CloudClient, proof: ReauthProof): Promise<Passkey | null> {
  const { options: optionsJSON } = await client.request<
    PasskeyOptions<PublicKeyCredentialCreationOptionsJSON>
  >('POST', '/account/passkeys/options', proof);
  let credential;
  try {
    credential = await startRegistration({ optionsJSON });
  } catch (error) {
    if (cancelled(error)) return null;
    throw browserFailure(error);
  }
  const { passkey } = await client.request<{ passkey: Passkey }>('POST', '/account/passkeys', { credential });
  return passkey;
}

export const listPasskeys = (client: CloudClient) =>
  client.request<{ passkeys: Passkey[] }>('GET', '/account/passkeys').then((r) => r.passkeys);

export const renamePasskey = (client: CloudClient, id: string, name: string) =>
  client
    .request<{ passkey: Passkey }>('PATCH', `/account/passkeys/${encodeURIComponent(id)}`, { name })
    .then((r) => r.passkey);

export const deletePasskey = (client: CloudClient, id: string, proof: ReauthProof) =>
  client.request<void>('DELETE', `/account/passkeys/${encodeURIComponent(id)}`, proof);
