/**
 * Races (issue 6): the same thing asked for many times at once, over a real socket, must
 * happen at most once — one account per name and per email, one success per code, per ticket
 * and per email link, one code per cooldown — and the accounts-per-phone limit holds when the
 * creations arrive together.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { randomUUID as newId } from 'node:crypto';
import type { AccountRecord } from '@cloud-login/server';
import { address, figure, phone, tally, type Answer, type AppServer } from '../support/server.ts';
import { MANY_REGISTRATIONS, appForSuite } from '../support/suite.ts';

const N = 12;
const races: string[] = [];

/** Starts `n` calls in the same tick and waits for all of them. */
function race(n: number, call: (i: number) => Promise<Answer>): Promise<Answer[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => call(i)));
}

function winners(answers: Answer[], status: number): number {
  return answers.filter((answer) => answer.status === status).length;
}

function record(name: string, answers: Answer[]) {
  races.push(`${name}: ${JSON.stringify(tally(answers))}`);
}

describe('races (parallel requests, real socket)', () => {
  let s: AppServer;
  after(() => {
    for (const line of races) figure(`race ${line}`);
    figure(`races run: ${races.length}, ${N} requests each`);
  });
  // Requests carry their own X-Forwarded-For so the per-address code cap does not get in the way;
  // the races send 2N registrations from one address, so its registration window is raised.
  appForSuite(MANY_REGISTRATIONS, (app) => (s = app));

  test('one account name registered in parallel (case variants, different phones) → one account', async () => {
    const names = ['Race-Name01', 'race-name01', 'RACE-NAME01', 'rAcE-nAmE01'];
    const codes: string[] = [];
    for (let i = 0; i < N; i++) {
      assert.equal(
        (
          await s.api.post(
            '/api/jdcloud/codes',
            { phone: phone(1000 + i), channel: 'sms', purpose: 'register' },
            { forwardedFor: address(i) },
          )
        ).status,
        202,
      );
      codes.push(await s.api.code('jdcloud', phone(1000 + i)));
    }
    const answers = await race(N, (i) =>
      s.api.post('/api/jdcloud/accounts', {
        accountName: names[i % names.length],
        password: 'Secret-123',
        phone: phone(1000 + i),
        code: codes[i],
        agreements: true,
      }),
    );
    record('account name', answers);
    assert.equal(winners(answers, 201), 1);
    assert.ok(answers.every((a) => a.status === 201 || a.body.error.code === 'account_name_taken'));
    assert.ok(await s.store.accounts.findByName('jdcloud', 'race-name01'));
  });

  test('one email registered in parallel (case variants) → one account signs in with it', async () => {
    // A `default` registration only claims its email until the link proves it (an unproven
    // claim keeps nobody out: squatting.test.ts), so parallel claims may all be created; the
    // address is a login identifier of exactly one of them.
    const answers = await race(N, (i) =>
      s.api.post('/api/default/accounts', {
        email: i % 2 ? 'Race.Mail@Example.COM' : 'race.mail@example.com',
        password: 'parallel-pass-01',
      }),
    );
    record('email', answers);
    assert.ok(answers.every((a) => a.status === 201 || a.body.error.code === 'email_taken'));
    const holders = await s.store.accounts.findByEmail('default', 'race.mail@example.com');
    assert.equal(holders.filter((a) => a.emailLoginable).length, 1);
    assert.equal(holders.filter((a) => a.emailVerified).length, 0);
  });

  test('one registration code sent N times at once (one account per phone) → one account', async () => {
    const p = phone(2000);
    assert.equal(
      (
        await s.api.post(
          '/api/default/codes',
          { phone: p, channel: 'sms', purpose: 'register' },
          { forwardedFor: address(100) },
        )
      ).status,
      202,
    );
    const code = await s.api.code('default', p);
    const answers = await race(N, (i) =>
      s.api.post('/api/default/accounts', { phone: p, code, password: `parallel-pass-${i}x` }),
    );
    record('registration code + phone limit', answers);
    assert.equal(winners(answers, 201), 1);
    assert.ok(
      answers.every(
        (a) => a.status === 201 || ['invalid_code', 'phone_account_limit'].includes(a.body.error.code),
      ),
    );
    assert.equal((await s.store.accounts.findByPhone('default', p)).length, 1);
  });

  test('one login code used N times at once → one session', async () => {
    const p = phone(3000);
    s.clock.advance(61);
    assert.equal(
      (
        await s.api.post(
          '/api/qingcloud/codes',
          { phone: p, channel: 'sms', purpose: 'register' },
          { forwardedFor: address(101) },
        )
      ).status,
      202,
    );
    const registered = await s.api.post('/api/qingcloud/accounts', {
      phone: p,
      code: await s.api.code('qingcloud', p),
      password: 'pass-word-1',
      agreements: true,
    });
    assert.equal(registered.status, 201);
    s.clock.advance(61);
    assert.equal(
      (
        await s.api.post(
          '/api/qingcloud/codes',
          { phone: p, channel: 'voice', purpose: 'login' },
          { forwardedFor: address(101) },
        )
      ).status,
      202,
    );
    const code = await s.api.code('qingcloud', p);
    const answers = await race(N, () => s.api.post('/api/qingcloud/sessions/sms', { phone: p, code }));
    record('login code', answers);
    assert.equal(winners(answers, 200), 1);
    assert.ok(answers.every((a) => a.status === 200 || a.body.error.code === 'invalid_code'));
  });

  test('one email link followed N times at once → verified once', async () => {
    const p = phone(3100);
    assert.equal(
      (
        await s.api.post(
          '/api/jdcloud/codes',
          { phone: p, channel: 'sms', purpose: 'register' },
          { forwardedFor: address(103) },
        )
      ).status,
      202,
    );
    const registered = await s.api.post('/api/jdcloud/accounts', {
      accountName: 'race-link01',
      password: 'Secret-123',
      phone: p,
      code: await s.api.code('jdcloud', p),
      agreements: true,
    });
    assert.equal(registered.status, 201);
    const sent = await s.api.post(
      '/api/jdcloud/account/email',
      { email: 'race-link@example.com', currentPassword: 'Secret-123' },
      { token: registered.body.session.token },
    );
    assert.equal(sent.status, 202);
    const { link } = await s.api.message('jdcloud', 'race-link@example.com');
    const url = new URL(link!);
    const answers = await race(N, () => s.api.post(url.pathname, { token: url.searchParams.get('token') }));
    record('email link', answers);
    assert.equal(winners(answers, 200), 1);
    assert.ok(answers.every((a) => a.status === 200 || a.body.error.code === 'link_expired'));
  });

  test('one chooser ticket continued N times at once → one session', async () => {
    const p = phone(4000);
    for (const password of ['pass-word-a1', 'pass-word-b2']) {
      s.clock.advance(61);
      assert.equal(
        (
          await s.api.post(
            '/api/qingcloud/codes',
            { phone: p, channel: 'sms', purpose: 'register' },
            { forwardedFor: address(102) },
          )
        ).status,
        202,
      );
      const made = await s.api.post('/api/qingcloud/accounts', {
        phone: p,
        code: await s.api.code('qingcloud', p),
        password,
        agreements: true,
      });
      assert.equal(made.status, 201);
    }
    s.clock.advance(61);
    assert.equal(
      (
        await s.api.post(
          '/api/qingcloud/codes',
          { phone: p, channel: 'sms', purpose: 'login' },
          { forwardedFor: address(102) },
        )
      ).status,
      202,
    );
    const chooser = await s.api.post('/api/qingcloud/sessions/sms', {
      phone: p,
      code: await s.api.code('qingcloud', p),
    });
    assert.equal(chooser.body.status, 'choose_account');
    const { ticket, accounts } = chooser.body;
    const answers = await race(N, (i) =>
      s.api.post('/api/qingcloud/continue', { ticket, accountId: accounts[i % accounts.length].id }),
    );
    record('chooser ticket', answers);
    assert.equal(winners(answers, 200), 1);
    assert.ok(answers.every((a) => a.status === 200 || a.body.error.code === 'ticket_expired'));
  });

  test('N code requests for one phone at once (different addresses) → one code, the rest wait', async () => {
    const p = phone(5000);
    const answers = await race(N, (i) =>
      s.api.post(
        '/api/jdcloud/codes',
        { phone: p, channel: i % 2 ? 'sms' : 'voice', purpose: 'register' },
        { forwardedFor: address(200 + i) },
      ),
    );
    record('code cooldown', answers);
    assert.equal(winners(answers, 202), 1);
    assert.ok(
      answers.every(
        (a) =>
          a.status === 202 ||
          (a.body.error.code === 'code_cooldown' && Number(a.headers.get('retry-after')) > 0),
      ),
    );
    assert.equal(await s.store.codes.countSince({ phone: p }, new Date(0).toISOString()), 1);
  });

  test('the 5-accounts-per-phone limit (Tencent) holds when the creations arrive together', async () => {
    // Tencent's phone comes with a third-party first login, one code per account, so a
    // burst over HTTP is serialised by the code already; this drives the store operation the
    // server relies on, with 3 × the limit at once.
    const p = phone(6000);
    const now = s.clock.now().toISOString();
    const make = (): AccountRecord => ({
      id: newId(),
      provider: 'tencentcloud',
      kind: 'main',
      phone: p,
      phoneLoginable: false,
      emailVerified: false,
      emailLoginable: false,
      connections: [],
      legacy: false,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    const results = await Promise.all(
      Array.from({ length: 15 }, () =>
        s.store.accounts.create(make(), { emailUnique: true, maxAccountsPerPhone: 5 }),
      ),
    );
    races.push(`phone limit (store, 15 at once): ${results.filter((r) => r.ok).length} created`);
    assert.equal(results.filter((r) => r.ok).length, 5);
    assert.ok(results.every((r) => r.ok || r.conflict === 'phoneLimit'));
    assert.equal((await s.store.accounts.findByPhone('tencentcloud', p)).length, 5);
  });
});
