/**
 * Passkeys against a software authenticator (flows/passkeys.testing.ts): adding one after
 * re-authentication, signing in without an identifier, the list, renaming and deleting — and
 * the security cases: a passkey signs in only its own account, an answer works once, a page on
 * another origin is refused, a challenge is bound to the session that asked and expires.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SoftAuthenticator } from '../flows/passkeys.testing.ts';
import { createHarness, type Harness } from '../testing.ts';
import { PASSWORD as TOTP_PASSWORD, codeAt, nextStep, withAccount } from './totp.testing.ts';

const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost';

async function registerByPhone(h: Harness, phone: string) {
  const code = await h.code('default', phone);
  const answer = await h.post('/api/default/accounts', { phone, code, password: PASSWORD });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as { account: { id: string }; session: { token: string } };
}

async function registrationOptions(h: Harness, token: string, proof: object = { currentPassword: PASSWORD }) {
  return h.post('/api/default/account/passkeys/options', proof, { token, headers: { Origin: ORIGIN } });
}

async function addPasskey(
  h: Harness,
  token: string,
  authenticator: SoftAuthenticator,
  name?: string,
  password = PASSWORD,
) {
  const options = await registrationOptions(h, token, { currentPassword: password });
  assert.equal(options.status, 200, options.text);
  return h.post(
    '/api/default/account/passkeys',
    { credential: authenticator.create(options.body.options), ...(name && { name }) },
    { token, headers: { Origin: ORIGIN } },
  );
}

async function signInOptions(h: Harness, provider = 'default') {
  const answer = await h.post(
    `/api/${provider}/sessions/passkey/options`,
    {},
    { headers: { Origin: ORIGIN } },
  );
  assert.equal(answer.status, 200, answer.text);
  return answer.body.options as { challenge: string; rpId: string; allowCredentials?: unknown[] };
}

const signIn = (h: Harness, credential: unknown, provider = 'default') =>
  h.post(`/api/${provider}/sessions/passkey`, { credential }, { headers: { Origin: ORIGIN } });

describe('passkeys', () => {
  test('add after re-authentication → sign in with no identifier → list, rename, delete', async () => {
    const h = await createHarness();
    try {
      const phone = '+14155552671';
      const { account, session } = await registerByPhone(h, phone);
      const key = new SoftAuthenticator({ counter: 1 });

      const unproven = await registrationOptions(h, session.token, {});
      assert.equal(unproven.status, 403);
      assert.equal(unproven.body.error.code, 'reauth_required');
      const wrong = await registrationOptions(h, session.token, { currentPassword: 'not it at all' });
      assert.equal(wrong.body.error.code, 'invalid_credentials');

      const options = await registrationOptions(h, session.token);
      assert.equal(options.body.options.rp.id, 'localhost');
      assert.equal(options.body.options.authenticatorSelection.residentKey, 'required');
      assert.equal(options.body.options.authenticatorSelection.userVerification, 'required');
      assert.equal(options.body.options.user.name, phone);
      const added = await h.post(
        '/api/default/account/passkeys',
        { credential: key.create(options.body.options), name: ' Laptop\u0007 ' },
        { token: session.token, headers: { Origin: ORIGIN } },
      );
      assert.equal(added.status, 201, added.text);
      assert.equal(added.body.passkey.id, key.id);
      assert.equal(added.body.passkey.name, 'Laptop');
      assert.equal(added.body.passkey.backedUp, true);
      assert.equal(added.body.passkey.lastUsedAt, null);
      const notice = (await h.outbox('default', phone)).find((m) => m.purpose === 'security_notice');
      assert.match(notice?.text ?? '', /passkey, "Laptop"/);

      const again = await h.post(
        '/api/default/account/passkeys',
        { credential: key.create((await registrationOptions(h, session.token)).body.options) },
        { token: session.token, headers: { Origin: ORIGIN } },
      );
      assert.equal(again.status, 409, 'one credential is stored once');
      assert.equal(again.body.error.code, 'already_bound');

      const challenge = await signInOptions(h);
      assert.equal(challenge.rpId, 'localhost');
      assert.deepEqual(challenge.allowCredentials ?? [], [], 'discoverable: no identifier, no list');
      const signedIn = await signIn(h, key.get(challenge));
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.equal(signedIn.body.status, 'authenticated');
      assert.equal(signedIn.body.account.id, account.id);
      assert.match(signedIn.headers.get('set-cookie') ?? '', /cl_session_default=/);
      const stored = await h.store.passkeys.get(key.id);
      assert.equal(stored?.counter, 2);
      assert.ok(stored?.lastUsedAt);

      const token = signedIn.body.session.token as string;
      const listed = await h.get('/api/default/account/passkeys', { token });
      assert.deepEqual(
        listed.body.passkeys.map((p: { name: string; lastUsedAt: string | null }) => [
          p.name,
          !!p.lastUsedAt,
        ]),
        [['Laptop', true]],
      );
      const renamed = await h.call('PATCH', `/api/default/account/passkeys/${key.id}`, {
        body: { name: 'Work laptop' },
        token,
      });
      assert.equal(renamed.body.passkey.name, 'Work laptop');
      const blank = await h.call('PATCH', `/api/default/account/passkeys/${key.id}`, {
        body: { name: ' ' },
        token,
      });
      assert.equal(blank.body.error.code, 'validation_failed');

      const unprovenDelete = await h.call('DELETE', `/api/default/account/passkeys/${key.id}`, { token });
      assert.equal(unprovenDelete.body.error.code, 'reauth_required');
      const deleted = await h.call('DELETE', `/api/default/account/passkeys/${key.id}`, {
        body: { currentPassword: PASSWORD },
        token,
      });
      assert.equal(deleted.status, 204, deleted.text);
      const removed = (await h.outbox('default', phone)).filter((m) => m.purpose === 'security_notice');
      assert.match(removed.map((m) => m.text).join('\n'), /passkey "Work laptop" removed/);
      const gone = await signIn(h, key.get(await signInOptions(h)));
      assert.equal(gone.status, 401);
      assert.equal(gone.body.error.code, 'invalid_credentials');
      assert.equal(gone.body.error.field, 'passkey');
    } finally {
      await h.close();
    }
  });

  test("a passkey signs in only its own account: another account's user handle is refused", async () => {
    const h = await createHarness();
    try {
      const a = await registerByPhone(h, '+14155552671');
      const b = await registerByPhone(h, '+14155552672');
      const keyA = new SoftAuthenticator();
      assert.equal((await addPasskey(h, a.session.token, keyA)).status, 201);

      const asB = await signIn(
        h,
        keyA.get(await signInOptions(h), { userHandle: Buffer.from(b.account.id).toString('base64url') }),
      );
      assert.equal(asB.status, 401);
      assert.equal(asB.body.error.code, 'invalid_credentials');
      const asA = await signIn(h, keyA.get(await signInOptions(h)));
      assert.equal(asA.body.account.id, a.account.id);

      // A registration challenge belongs to the session that asked: B cannot answer A's.
      const keyB = new SoftAuthenticator();
      const optionsForA = await registrationOptions(h, a.session.token);
      const byB = await h.post(
        '/api/default/account/passkeys',
        { credential: keyB.create(optionsForA.body.options) },
        { token: b.session.token, headers: { Origin: ORIGIN } },
      );
      assert.equal(byB.status, 401);
      assert.equal((await h.store.passkeys.listOf(b.account.id)).length, 0);
      assert.equal(await h.store.passkeys.get(keyB.id), undefined);
    } finally {
      await h.close();
    }
  });

  test('an answer works once; a counter that does not move on is refused', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerByPhone(h, '+14155552671');
      const key = new SoftAuthenticator({ counter: 7 });
      await addPasskey(h, session.token, key);

      const answer = key.get(await signInOptions(h));
      assert.equal((await signIn(h, answer)).status, 200);
      const replayed = await signIn(h, answer);
      assert.equal(replayed.status, 401, 'the challenge is spent');
      assert.equal(replayed.body.error.code, 'invalid_credentials');
      const parallel = key.get(await signInOptions(h));
      const results = await Promise.all([signIn(h, parallel), signIn(h, parallel), signIn(h, parallel)]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 401, 401]);

      // A cloned authenticator: a fresh challenge, but the counter it signs has been seen.
      const cloned = key.get(await signInOptions(h), { keepCounter: true });
      const refused = await signIn(h, cloned);
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error.code, 'invalid_credentials');
    } finally {
      await h.close();
    }
  });

  test('a page on another origin is refused; an answer after the challenge expired is refused', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerByPhone(h, '+14155552671');
      const key = new SoftAuthenticator();
      await addPasskey(h, session.token, key);

      const foreign = await signIn(h, key.get(await signInOptions(h), { origin: 'https://evil.example' }));
      assert.equal(foreign.status, 403);
      assert.equal(foreign.body.error.code, 'origin_not_allowed');
      const foreignAdd = await h.post(
        '/api/default/account/passkeys',
        {
          credential: new SoftAuthenticator().create(
            (await registrationOptions(h, session.token)).body.options,
            'https://evil.example',
          ),
        },
        { token: session.token, headers: { Origin: ORIGIN } },
      );
      assert.equal(foreignAdd.body.error.code, 'origin_not_allowed');

      // The RP ID is part of what the authenticator signs: one for another site does not pass.
      const otherSite = new SoftAuthenticator({ rpId: 'evil.example' });
      otherSite.userHandle = key.userHandle;
      const wrongRp = await signIn(h, otherSite.get(await signInOptions(h)));
      assert.equal(wrongRp.status, 401);

      const late = await signInOptions(h);
      h.clock.advance(301);
      const expired = await signIn(h, key.get(late));
      assert.equal(expired.status, 410);
      assert.equal(expired.body.error.code, 'ticket_expired');
      assert.equal((await signIn(h, key.get(await signInOptions(h)))).status, 200);
    } finally {
      await h.close();
    }
  });

  test('configured RP ID and origins; presets without the method refuse it', async () => {
    const h = await createHarness({
      passkeys: { rpId: 'example.com', origins: ['https://console.example.com'] },
      providers: { default: true, jdcloud: true },
    });
    try {
      const options = await h.post(
        '/api/default/sessions/passkey/options',
        {},
        { headers: { Origin: 'https://console.example.com' } },
      );
      assert.equal(options.body.options.rpId, 'example.com');
      const disabled = await h.post('/api/jdcloud/sessions/passkey/options', {});
      assert.equal(disabled.status, 403);
      assert.equal(disabled.body.error.code, 'method_disabled');
      // localhost is not among the configured origins.
      const key = new SoftAuthenticator({ rpId: 'example.com' });
      const answer = await signIn(h, key.get(options.body.options));
      assert.equal(answer.body.error.code, 'origin_not_allowed');
    } finally {
      await h.close();
    }
  });

  test("options prefer user verification; a passkey with it signs in past the account's TOTP", () =>
    withAccount(async ({ h, token }) => {
      const key = new SoftAuthenticator();
      assert.equal((await addPasskey(h, token, key, undefined, TOTP_PASSWORD)).status, 201);
      const options = await signInOptions(h);
      assert.equal((options as { userVerification?: string }).userVerification, 'preferred');
      const signedIn = await signIn(h, key.get(options));
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.equal(signedIn.body.status, 'authenticated');
      assert.equal(signedIn.body.account.twoStep.totp, true);
      assert.match(signedIn.headers.get('set-cookie') ?? '', /cl_session_default=/);
    }));

  test('a passkey without user verification takes the TOTP step, and the code signs in', () =>
    withAccount(async ({ h, token, secret }) => {
      const key = new SoftAuthenticator({ userVerified: false });
      // Adding one still needs the authenticator to verify the user.
      const unverified = await addPasskey(h, token, key, undefined, TOTP_PASSWORD);
      assert.equal(unverified.status, 401);
      assert.equal(unverified.body.error.code, 'invalid_credentials');
      key.userVerified = true;
      assert.equal((await addPasskey(h, token, key, undefined, TOTP_PASSWORD)).status, 201);

      key.userVerified = false;
      const first = await signIn(h, key.get(await signInOptions(h)));
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(
        { ...first.body, ticket: undefined },
        { status: 'needs_profile', ticket: undefined, required: ['totp'], optional: ['recoveryCode'] },
      );
      assert.equal(first.headers.get('set-cookie'), null, 'no session before the second step');
      nextStep(h);
      const done = await h.post('/api/default/continue', {
        ticket: first.body.ticket,
        totp: codeAt(secret, h),
      });
      assert.equal(done.body.status, 'authenticated', done.text);
      assert.match(done.headers.get('set-cookie') ?? '', /cl_session_default=/);
    }));

  test('a passkey without user verification signs in an account without TOTP (one factor, as a password)', async () => {
    const h = await createHarness();
    try {
      const { account, session } = await registerByPhone(h, '+14155552671');
      const key = new SoftAuthenticator();
      await addPasskey(h, session.token, key);
      key.userVerified = false;
      const signedIn = await signIn(h, key.get(await signInOptions(h)));
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.equal(signedIn.body.status, 'authenticated');
      assert.equal(signedIn.body.account.id, account.id);
    } finally {
      await h.close();
    }
  });

  test('asking to add a passkey counts as an account change: past the limit, 429', async () => {
    const h = await createHarness({ limits: { accountChanges: { limit: 2, windowMs: 3600_000 } } });
    try {
      const { session } = await registerByPhone(h, '+14155552671');
      for (let i = 0; i < 2; i++) assert.equal((await registrationOptions(h, session.token)).status, 200);
      const refused = await registrationOptions(h, session.token);
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.body.error.code, 'rate_limited');
    } finally {
      await h.close();
    }
  });

  test("past the account's sign-in budget a passkey is refused with 429, as a password is", async () => {
    const h = await createHarness({ limits: { signInsPerAccount: { limit: 3, windowMs: 3600_000 } } });
    try {
      // Registration's session is the first sign-in of the window.
      const { session } = await registerByPhone(h, '+14155552671');
      const key = new SoftAuthenticator({ counter: 1 });
      await addPasskey(h, session.token, key);
      for (let i = 0; i < 2; i++) {
        const signedIn = await signIn(h, key.get(await signInOptions(h)));
        assert.equal(signedIn.status, 200, signedIn.text);
      }
      const refused = await signIn(h, key.get(await signInOptions(h)));
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.body.error.code, 'rate_limited');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      h.clock.advance(3600);
      const again = await signIn(h, key.get(await signInOptions(h)));
      assert.equal(again.status, 200, 'the window slid');
    } finally {
      await h.close();
    }
  });
});
