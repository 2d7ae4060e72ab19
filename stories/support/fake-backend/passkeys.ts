/**
 * Passkeys (`/sessions/passkey*`, `/account/passkeys*`; packages/server/README.md "Passkeys"):
 * the same answers and refusals as the server, without the cryptography — the fake trusts the
 * credential id it is shown. Options carry a fixed challenge; the browser's own WebAuthn dialog
 * is what a story reaches when it goes that far.
 */
import type { Passkey } from '@cloud-login/core';
import { proveAgain } from './account.ts';
import { HttpError, json } from './http.ts';
import { FIXED_CREATED, type FakeAccount } from './seeds.ts';
import type { FakeState } from './state.ts';

/** A passkey of the fake, with the account it signs in. */
export interface FakePasskey extends Passkey {
  accountId: string;
}

const CHALLENGE = 'ZmFrZS1wYXNza2V5LWNoYWxsZW5nZQ';

const publicPasskey = ({ accountId: _owner, ...passkey }: FakePasskey): Passkey => passkey;

function requirePasskeys(fake: FakeState): void {
  if (!fake.preset.methods.login.includes('passkeys')) throw new HttpError('method_disabled');
}

function credentialId(body: Record<string, unknown>): string {
  const credential = body.credential as { id?: unknown } | undefined;
  if (typeof credential?.id !== 'string' || !credential.id)
    throw new HttpError('validation_failed', {
      issues: [{ path: 'credential', code: 'field_required', message: 'credential is required.' }],
    });
  return credential.id;
}

export function passkeySignInOptions(fake: FakeState): Response {
  requirePasskeys(fake);
  return json(200, {
    options: { challenge: CHALLENGE, rpId: 'localhost', timeout: 300_000, userVerification: 'preferred' },
  });
}

export function passkeySignIn(fake: FakeState, body: Record<string, unknown>): Response {
  requirePasskeys(fake);
  const passkey = fake.passkeys.find((p) => p.id === credentialId(body));
  const account = passkey && fake.accounts.find((a) => a.id === passkey.accountId);
  if (!passkey || !account) throw new HttpError('invalid_credentials', { field: 'passkey' });
  passkey.lastUsedAt = FIXED_CREATED;
  // Verified by the authenticator, a passkey stands in for the TOTP step (docs/flows.md#passkeys).
  return fake.authenticate(account, undefined, 200, userVerified(body));
}

/** The UV flag of the answer's authenticator data (byte 32, bit 2); an answer without it: verified. */
function userVerified(body: Record<string, unknown>): boolean {
  const data = (body.credential as { response?: { authenticatorData?: unknown } }).response
    ?.authenticatorData;
  if (typeof data !== 'string') return true;
  const flags = atob(data.replace(/-/g, '+').replace(/_/g, '/')).charCodeAt(32);
  return (flags & 0x04) !== 0;
}

export const listPasskeys = (fake: FakeState, account: FakeAccount): Response =>
  json(200, {
    passkeys: fake.passkeys.filter((p) => p.accountId === account.id).map(publicPasskey),
  });

export function passkeyCreateOptions(
  fake: FakeState,
  account: FakeAccount,
  body: Record<string, unknown>,
): Response {
  requirePasskeys(fake);
  proveAgain(fake, account, body);
  return json(200, {
    options: {
      challenge: CHALLENGE,
      rp: { id: 'localhost', name: fake.preset.name.en },
      user: { id: btoa(account.id).replace(/=+$/, ''), name: account.email ?? account.id, displayName: '' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      timeout: 300_000,
      attestation: 'none',
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    },
  });
}

export function addPasskey(fake: FakeState, account: FakeAccount, body: Record<string, unknown>): Response {
  requirePasskeys(fake);
  const id = credentialId(body);
  if (fake.passkeys.some((p) => p.id === id)) throw new HttpError('already_bound', { field: 'passkey' });
  const named = fake.str(body, 'name').trim();
  const passkey: FakePasskey = {
    id,
    accountId: account.id,
    name: named || `Passkey ${fake.passkeys.filter((p) => p.accountId === account.id).length + 1}`,
    createdAt: FIXED_CREATED,
    lastUsedAt: null,
    backedUp: true,
  };
  fake.passkeys.push(passkey);
  fake.record({
    channel: 'email',
    to: account.email ?? account.id,
    purpose: 'security_notice',
    text: 'A passkey was added',
  });
  return json(201, { passkey: publicPasskey(passkey) });
}

function own(fake: FakeState, account: FakeAccount, id: string): FakePasskey {
  const passkey = fake.passkeys.find((p) => p.id === id && p.accountId === account.id);
  if (!passkey) throw new HttpError('not_found');
  return passkey;
}

export function renamePasskey(
  fake: FakeState,
  account: FakeAccount,
  id: string,
  body: Record<string, unknown>,
): Response {
  const passkey = own(fake, account, id);
  const name = fake.str(body, 'name').trim();
  if (!name)
    throw new HttpError('validation_failed', {
      field: 'name',
      issues: [{ path: 'name', code: 'field_required', message: 'name is required.' }],
    });
  passkey.name = name.slice(0, 64);
  return json(200, { passkey: publicPasskey(passkey) });
}

export function deletePasskey(
  fake: FakeState,
  account: FakeAccount,
  id: string,
  body: Record<string, unknown>,
): Response {
  const passkey = own(fake, account, id);
  proveAgain(fake, account, body);
  fake.passkeys.splice(fake.passkeys.indexOf(passkey), 1);
  fake.record({
    channel: 'email',
    to: account.email ?? account.id,
    purpose: 'security_notice',
    text: 'A passkey was removed',
  });
  return new Response(null, { status: 204 });
}
