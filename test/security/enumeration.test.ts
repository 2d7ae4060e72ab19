/**
 * Enumeration by people who do not know the answer:
 *
 * - `default` registration with a made-up code answers the same whether or not the phone has an
 *   account (the phone's limit is told only after the code proved the phone), and sends nothing;
 * - a signed-in account testing security emails gets the same answer for a taken and a free
 *   address while it waits between emails, and at most 20 answers an hour.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { address, figure, phone, type AppServer } from '../support/server.ts';
import { MANY_REGISTRATIONS, appForSuite } from '../support/suite.ts';

describe('enumeration', () => {
  let s: AppServer;
  appForSuite(MANY_REGISTRATIONS, (app) => (s = app));

  async function registerDefault(p: string, n: number) {
    assert.equal(
      (
        await s.api.post(
          '/api/default/codes',
          { phone: p, channel: 'sms', purpose: 'register' },
          { forwardedFor: address(n) },
        )
      ).status,
      202,
    );
    const answer = await s.api.post(
      '/api/default/accounts',
      { phone: p, code: await s.api.code('default', p), password: 'correct horse battery' },
      { forwardedFor: address(n) },
    );
    assert.equal(answer.status, 201, answer.text);
    return answer;
  }

  test('default registration with a made-up code: a phone with an account answers like one without', async () => {
    const taken = phone(6100);
    const free = phone(6101);
    await registerDefault(taken, 6100);
    const before = (await s.api.get(`/api/default/dev/outbox`)).body.messages.length;
    const answers = [];
    for (const p of [taken, free]) {
      answers.push(
        await s.api.post(
          '/api/default/accounts',
          { phone: p, code: '123456', password: 'correct horse battery' },
          { forwardedFor: address(6102) },
        ),
      );
    }
    const [withAccount, without] = answers;
    assert.equal(withAccount!.status, without!.status);
    assert.deepEqual(withAccount!.body, without!.body);
    assert.notEqual(withAccount!.body.error.code, 'phone_account_limit');
    assert.equal((await s.api.get(`/api/default/dev/outbox`)).body.messages.length, before, 'no SMS sent');
    figure(
      `default registration, made-up code: phone with an account → ${withAccount!.status} ${withAccount!.body.error.code}, without → ${without!.status} ${without!.body.error.code}`,
    );
  });

  test('signed-in email testing: the same answer for taken and free addresses while waiting, 20 answers an hour', async () => {
    const other = await registerDefault(phone(6200), 6200);
    const taken = 'taken@example.com';
    const add = await s.api.post(
      '/api/default/account/email',
      { email: taken, currentPassword: 'correct horse battery' },
      { token: other.body.session.token },
    );
    assert.equal(add.status, 202);
    const link = (await s.api.message('default', taken)).link!;
    assert.equal(
      (await s.api.post(new URL(link).pathname, { token: new URL(link).searchParams.get('token') })).status,
      200,
    );

    const prober = await registerDefault(phone(6201), 6201);
    const probe = (email: string) =>
      s.api.post(
        '/api/default/account/email',
        { email, currentPassword: 'correct horse battery' },
        { token: prober.body.session.token },
      );
    assert.equal((await probe('first@example.com')).status, 202);
    const whileWaiting = [await probe(taken), await probe('free@example.com')];
    assert.equal(whileWaiting[0]!.status, whileWaiting[1]!.status);
    assert.equal(whileWaiting[0]!.body.error.code, whileWaiting[1]!.body.error.code);
    assert.equal(whileWaiting[0]!.body.error.code, 'code_cooldown');

    let answered = 3;
    let limited = 0;
    for (let i = 0; i < 25; i++) {
      s.clock.advance(61);
      const answer = await probe(i % 2 === 0 ? taken : `free${i}@example.com`);
      if (answer.status === 429 && answer.body.error.code === 'rate_limited') limited++;
      else answered++;
    }
    assert.equal(answered, 20);
    assert.equal(limited, 25 - 17);
    figure(
      `email testing while signed in: taken and free both → code_cooldown while waiting; ${answered} answers in an hour, then ${limited} × 429 rate_limited`,
    );
  });
});
