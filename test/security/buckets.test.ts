/**
 * One guessing window per account, whichever door a guess comes through. QingCloud lets one
 * phone hold several accounts ("the password picks the account") and signs in by phone, by
 * email and, for the main account's verified email, at the sub-account door: the failures at a
 * shared phone and those at an account's email count in the same window, so an account never
 * has twice the guesses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { figure, phone, startApp, type AppServer } from '../support/server.ts';

describe('guessing windows per account (QingCloud)', () => {
  let s: AppServer;
  before(async () => {
    s = await startApp({ trustedProxies: ['127.0.0.1'] });
  });
  after(async () => {
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  async function registerQing(p: string, password: string) {
    const sent = await s.api.post('/api/qingcloud/codes', { phone: p, channel: 'sms', purpose: 'register' });
    assert.equal(sent.status, 202, sent.text);
    const answer = await s.api.post('/api/qingcloud/accounts', {
      phone: p,
      code: await s.api.code('qingcloud', p),
      password,
      agreements: true,
    });
    assert.equal(answer.status, 201, answer.text);
    s.clock.advance(61); // past the phone's code cooldown
    return answer.body;
  }

  test('a shared phone and an account’s email doors count in one window', async () => {
    const p = phone(7301);
    const main = await registerQing(p, 'owner-pass1');
    await registerQing(p, 'other-pass2');
    // The account's verified email: a login identifier, at both doors.
    const email = 'bucket-owner@example.com';
    const added = await s.api.post(
      '/api/qingcloud/account/email',
      { email, currentPassword: 'owner-pass1' },
      { token: main.session.token },
    );
    assert.equal(added.status, 202, added.text);
    const link = new URL((await s.api.message('qingcloud', email)).link!);
    assert.equal((await s.api.post(link.pathname, { token: link.searchParams.get('token') })).status, 200);

    let counted = 0;
    for (let i = 0; i < 25; i++) {
      const answer = await s.api.post('/api/qingcloud/sessions', { identifier: p, password: `guess-${i}x` });
      if (answer.status === 429) break;
      assert.equal(answer.status, 401, answer.text);
      counted++;
    }
    assert.equal(counted, 20);
    // The same account's other doors are in the same window: no fresh guesses there.
    const byEmail = await s.api.post('/api/qingcloud/sessions', { identifier: email, password: 'guess-e1' });
    assert.equal(byEmail.status, 429, byEmail.text);
    assert.equal(byEmail.body.error.code, 'too_many_attempts');
    const bySub = await s.api.post('/api/qingcloud/sessions/subaccount', { email, password: 'guess-s1' });
    assert.equal(bySub.status, 429, bySub.text);
    assert.equal(bySub.body.error.code, 'too_many_attempts');

    // And the other way round, on another phone: the email door first, then the phone.
    const q = phone(7302);
    const second = await registerQing(q, 'owner-pass3');
    await registerQing(q, 'other-pass4');
    const email2 = 'bucket-second@example.com';
    await s.api.post(
      '/api/qingcloud/account/email',
      { email: email2, currentPassword: 'owner-pass3' },
      { token: second.session.token },
    );
    const link2 = new URL((await s.api.message('qingcloud', email2)).link!);
    await s.api.post(link2.pathname, { token: link2.searchParams.get('token') });
    for (let i = 0; i < 10; i++)
      await s.api.post('/api/qingcloud/sessions/subaccount', { email: email2, password: `g-${i}xx` });
    for (let i = 0; i < 10; i++)
      await s.api.post('/api/qingcloud/sessions', { identifier: email2, password: `h-${i}xx` });
    const byPhone = await s.api.post('/api/qingcloud/sessions', { identifier: q, password: 'guess-p1' });
    assert.equal(byPhone.status, 429, byPhone.text);
    figure(
      'buckets: QingCloud account on a shared phone — 20 failures at the phone, then its email at /sessions and /sessions/subaccount → 429; 10 + 10 at its email doors, then the phone → 429',
    );
  });
});
