/**
 * What the two-step verification tests share (totp.test.ts, totp-recovery.test.ts,
 * passkeys-two-step.test.ts): a `default` account with a phone and a password, TOTP turned on
 * with codes computed from the secret as the app would, and the clock moved to a fresh step.
 * Not part of the package's public exports.
 */
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import type { AuthServerOptions } from '../app.ts';
import { createHarness, type Harness } from '../testing.ts';

export const PHONE = '+8613800138000';
export const PASSWORD = 'pass-1234';

/** A `default` account with a phone and a password; its session token. */
export async function register(h: Harness): Promise<string> {
  const code = await h.code('default', PHONE);
  const created = await h.post('/api/default/accounts', {
    phone: PHONE,
    code,
    password: PASSWORD,
    agreements: true,
  });
  assert.equal(created.status, 201, created.text);
  return created.body.session.token;
}

/** The app's code for `secret` at the harness's time, `offsetSeconds` away. */
export function codeAt(secret: string, h: Harness, offsetSeconds = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: h.clock.now().getTime() + offsetSeconds * 1000 });
}

/** Sets TOTP up on the account: the secret and the recovery codes. */
export async function enable(
  h: Harness,
  token: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await h.post('/api/default/account/totp/setup', { currentPassword: PASSWORD }, { token });
  assert.equal(setup.status, 200, setup.text);
  const confirmed = await h.post(
    '/api/default/account/totp/confirm',
    { ticket: setup.body.ticket, code: codeAt(setup.body.secret, h) },
    { token },
  );
  assert.equal(confirmed.status, 200, confirmed.text);
  return { secret: setup.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Moves the clock to the start of the next 30-second step: a fresh code. */
export function nextStep(h: Harness): void {
  const ms = h.clock.now().getTime();
  h.clock.advance((30_000 - (ms % 30_000)) / 1000 + 1);
}

/** The texts of the `security_notice` messages the account's phone got. */
export async function notices(h: Harness): Promise<string[]> {
  return (await h.outbox('default', PHONE)).filter((m) => m.purpose === 'security_notice').map((m) => m.text);
}

export interface TotpFixture {
  h: Harness;
  /** The account's session token. */
  token: string;
  /** The app's secret (`''` with `totp: false`). */
  secret: string;
  /** The ten recovery codes (none with `totp: false`). */
  recoveryCodes: string[];
}

/**
 * Runs `test` against a fresh server (`options` as `createHarness` takes them) with the account
 * registered and, unless `totp: false`, TOTP on; the server is closed after, pass or fail.
 */
export async function withAccount(
  test: (fixture: TotpFixture) => Promise<void>,
  { totp = true, ...options }: Partial<AuthServerOptions> & { totp?: boolean } = {},
): Promise<void> {
  const h = await createHarness(options);
  try {
    const token = await register(h);
    const on = totp ? await enable(h, token) : { secret: '', recoveryCodes: [] };
    await test({ h, token, ...on });
  } finally {
    await h.close();
  }
}
