/**
 * Password login by phone or email where that phone or email is not the account's login
 * identifier (docs/flows.md#password-login): the right password answers
 * `identifier_not_loginable` (000, 002), anything else `invalid_credentials` after the same
 * number of argon2 verifies, whatever accounts hold the phone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SHARED_IDENTIFIER_WORK } from '../flows/login.ts';
import { verificationsStarted } from '../passwords.ts';
import {
  createHarness,
  registerJd as register,
  signIn,
  spendEmailLink,
  tokenOf,
  type Harness,
} from '../testing.ts';

const FIRST = '+8613800138000';
const SHARED = '+8613800138001';
const ONLY_SECOND = '+8613800138002';
const NOBODY = '+8613900139000';

/** Registers, then waits out the phone's resend time so the next registration gets a code. */
async function registerJd(h: Harness, name: string, phone: string, password: string) {
  const answer = await register(h, name, phone, password);
  h.clock.advance(61);
  return answer;
}

/** Adds and verifies a security email. */
async function verifyEmail(h: Harness, token: string, password: string, email: string) {
  const added = await h.post('/api/jdcloud/account/email', { email, currentPassword: password }, { token });
  assert.equal(added.status, 202, added.text);
  const [mail] = await h.outbox('jdcloud', email);
  assert.equal((await spendEmailLink(h, 'jdcloud', tokenOf(mail))).status, 200);
}

/** The verifies one sign-in started, and its answer. */
async function counted(h: Harness, identifier: string, password: string) {
  const before = verificationsStarted();
  const answer = await signIn(h, 'jdcloud', identifier, password);
  return { answer, verifies: verificationsStarted() - before };
}

describe('seed 000/002: a phone or email that cannot log in', () => {
  test('seed 000: the second account on a phone, with its password → identifier_not_loginable', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'first-01', SHARED, 'First-123');
      await registerJd(h, 'second-01', SHARED, 'Second-123');
      // The first holder signs in with the phone; the second is told to use its account name.
      assert.equal((await signIn(h, 'jdcloud', SHARED, 'First-123')).status, 200);
      const second = await signIn(h, 'jdcloud', SHARED, 'Second-123');
      assert.equal(second.status, 403, second.text);
      assert.equal(second.body.error.code, 'identifier_not_loginable');
      assert.equal(second.body.error.field, 'identifier');
      assert.equal((await signIn(h, 'jdcloud', 'second-01', 'Second-123')).status, 200);
    } finally {
      await h.close();
    }
  });

  test('seed 000: an email another account verified first, with the later account’s password → identifier_not_loginable', async () => {
    const h = await createHarness();
    try {
      const first = await registerJd(h, 'mailer-01', FIRST, 'Mailer-123');
      const later = await registerJd(h, 'mailer-02', ONLY_SECOND, 'Later-123');
      await verifyEmail(h, first.session.token, 'Mailer-123', 'shared@example.com');
      await verifyEmail(h, later.session.token, 'Later-123', 'shared@example.com');
      assert.equal((await signIn(h, 'jdcloud', 'shared@example.com', 'Mailer-123')).status, 200);
      const right = await signIn(h, 'jdcloud', 'shared@example.com', 'Later-123');
      assert.equal(right.body.error.code, 'identifier_not_loginable');
      const wrong = await signIn(h, 'jdcloud', 'shared@example.com', 'Wrong-123');
      assert.equal(wrong.body.error.code, 'invalid_credentials');
    } finally {
      await h.close();
    }
  });

  test('seed 000: a wrong password or an unknown phone → invalid_credentials, never a hint the phone has accounts', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'first-02', SHARED, 'First-123');
      await registerJd(h, 'second-02', SHARED, 'Second-123');
      await registerJd(h, 'first-03', ONLY_SECOND, 'First-123');
      await registerJd(h, 'second-03', ONLY_SECOND, 'Second-123');
      const answers = [
        await signIn(h, 'jdcloud', SHARED, 'Wrong-123'),
        await signIn(h, 'jdcloud', ONLY_SECOND, 'Wrong-123'),
        await signIn(h, 'jdcloud', NOBODY, 'Wrong-123'),
      ];
      for (const answer of answers) {
        assert.equal(answer.status, 401);
        assert.deepEqual(answer.body, answers[2]!.body);
      }
    } finally {
      await h.close();
    }
  });

  test('security: the same number of hash verifications whatever accounts the phone has', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'one-holder', FIRST, 'First-123');
      await registerJd(h, 'first-04', SHARED, 'First-123');
      await registerJd(h, 'second-04', SHARED, 'Second-123');
      await registerJd(h, 'third-04', SHARED, 'Third-123');
      h.clock.advance(86_400); // a phone gets 3 codes a day from one address
      await registerJd(h, 'fourth-04', SHARED, 'Fourth-123');
      await signIn(h, 'jdcloud', 'warm-up-00', 'x'); // the dummy hash is made once
      const cases = {
        'no account': await counted(h, NOBODY, 'Wrong-123'),
        'one account, wrong password': await counted(h, FIRST, 'Wrong-123'),
        'four accounts, wrong password': await counted(h, SHARED, 'Wrong-123'),
        'four accounts, a later one’s password': await counted(h, SHARED, 'Second-123'),
        'one account, right password': await counted(h, FIRST, 'First-123'),
        'an email no one has': await counted(h, 'nobody@example.com', 'Wrong-123'),
      };
      for (const [what, { verifies }] of Object.entries(cases))
        assert.equal(verifies, SHARED_IDENTIFIER_WORK, `${what}: ${verifies} verifies`);
      assert.equal(
        cases['four accounts, a later one’s password'].answer.body.error.code,
        'identifier_not_loginable',
      );
      assert.equal(cases['one account, right password'].answer.status, 200);
      for (const what of [
        'no account',
        'one account, wrong password',
        'four accounts, wrong password',
      ] as const)
        assert.equal(cases[what].answer.body.error.code, 'invalid_credentials');
      // An account name costs one verify, found or not.
      assert.equal((await counted(h, 'first-04', 'Wrong-123')).verifies, 1);
      assert.equal((await counted(h, 'ghost-name', 'Wrong-123')).verifies, 1);
    } finally {
      await h.close();
    }
  });
});
