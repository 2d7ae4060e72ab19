// The Storybook fake's two-step verification speaks the contract (packages/server/README.md,
// "Two-step verification"): each answer through the real core client, checked against the
// contract's schemas (packages/core/src/api.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  AuthenticatedSchema,
  NeedsTwoStepSchema,
  RecoveryCodesSchema,
  TotpSetupSchema,
} from '@cloud-login/core';
import { FAKE_PASSWORD, FAKE_TOTP } from '../../stories/support/fake-backend.ts';
import { fakeOf, refusal } from './fake-backend.testing.ts';

test('turn on behind the proof, then a sign-in asks for the code; codes and recovery codes work once', async () => {
  const { fake, client } = fakeOf('default', { signedInAs: 'acc-default-dev' });
  assert.deepEqual((await client.session()).account.twoStep, { totp: false });
  assert.equal((await refusal(client.totp('setup', {}))).code, 'reauth_required');
  const setup = z.parse(TotpSetupSchema, await client.totp('setup', { currentPassword: FAKE_PASSWORD }));
  const wrong = await refusal(client.totp('confirm', { ticket: setup.ticket, code: '111111' }));
  assert.deepEqual([wrong.code, wrong.field], ['invalid_code', 'code']);
  const { recoveryCodes } = z.parse(
    RecoveryCodesSchema,
    await client.totp('confirm', { ticket: setup.ticket, code: FAKE_TOTP }),
  );
  assert.equal(recoveryCodes.length, 10);
  assert.deepEqual((await client.session()).account.twoStep, { totp: true, recoveryCodesLeft: 10 });
  assert.ok(fake.outbox.some((m) => m.purpose === 'security_notice'));

  const step = z.parse(
    NeedsTwoStepSchema,
    await client.login({ identifier: 'dev@example.com', password: FAKE_PASSWORD }),
  );
  // The confirming code is spent.
  const spent = await refusal(client.continue({ ticket: step.ticket, totp: FAKE_TOTP }));
  assert.deepEqual([spent.code, spent.field], ['invalid_code', 'totp']);
  const recovered = z.parse(
    AuthenticatedSchema,
    await client.continue({ ticket: step.ticket, recoveryCode: recoveryCodes[0]! }),
  );
  assert.equal(recovered.account.twoStep?.recoveryCodesLeft, 9);
  assert.ok(
    fake.outbox.some((m) => m.purpose === 'security_notice' && /recovery code was used/.test(m.text ?? '')),
    'a recovery code used leaves a notice',
  );
  const again = z.parse(
    NeedsTwoStepSchema,
    await client.login({ identifier: 'dev@example.com', password: FAKE_PASSWORD }),
  );
  const used = await refusal(client.continue({ ticket: again.ticket, recoveryCode: recoveryCodes[0]! }));
  assert.deepEqual([used.code, used.field], ['invalid_code', 'recoveryCode']);

  assert.equal((await refusal(client.totp('disable', {}))).code, 'reauth_required');
  await client.totp('disable', { currentPassword: FAKE_PASSWORD });
  z.parse(
    AuthenticatedSchema,
    await client.login({ identifier: 'dev@example.com', password: FAKE_PASSWORD }),
  );
});

test('not offered where the preset leaves it out', async () => {
  const { client } = fakeOf('jdcloud', { signedInAs: 'acc-jd-dev' });
  assert.equal((await client.session()).account.twoStep, undefined);
  assert.equal(
    (await refusal(client.totp('setup', { currentPassword: FAKE_PASSWORD }))).code,
    'method_disabled',
  );
});

test('a passkey verified by its authenticator skips the TOTP step; one without verification takes it', async () => {
  const { fake, client } = fakeOf('default', { signedInAs: 'acc-default-dev' });
  await client.totp('confirm', {
    ticket: z.parse(TotpSetupSchema, await client.totp('setup', { currentPassword: FAKE_PASSWORD })).ticket,
    code: FAKE_TOTP,
  });
  fake.seedPasskey('acc-default-dev', 'Laptop');
  const passkeyId = fake.passkeys.at(-1)!.id;
  // Authenticator data: the RP ID hash (32 bytes), then the flags (user present, maybe verified).
  const answer = (flags: number) => ({
    credential: {
      id: passkeyId,
      response: {
        authenticatorData: Buffer.concat([Buffer.alloc(32), Buffer.from([flags, 0, 0, 0, 0])]).toString(
          'base64url',
        ),
      },
    },
  });
  z.parse(AuthenticatedSchema, await client.request('POST', '/sessions/passkey', answer(0x05)));
  const step = z.parse(NeedsTwoStepSchema, await client.request('POST', '/sessions/passkey', answer(0x01)));
  assert.deepEqual(step.required, ['totp']);
});
