/**
 * Third-party login (docs/flows.md#third-party-login) end to end on a real app, creating the
 * account: Tencent Cloud's steps (phone, email, industry and agreements) and JD Cloud classic's
 * enable-service form, then returning.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../testing.ts';
import { authenticated, newPhone, start, withCode } from './connection.testing.ts';

let h: Harness;
before(async () => {
  h = await createHarness();
});
after(() => h.close());

describe('tencentcloud: WeChat, WeChat OA and QQ login', () => {
  test('WeChat: phone + code → email → industry + agreements → a new account; the email gets a verification link', async () => {
    const phone = newPhone();
    const first = await start(h, 'tencentcloud', 'wechat', { name: 'Tx Wechat' });
    const email = await withCode(h, 'tencentcloud', first.body.ticket, phone);
    assert.deepEqual(
      { ...email.body, ticket: undefined },
      {
        status: 'needs_profile',
        ticket: undefined,
        required: ['email'],
        optional: [],
        nickname: 'Tx Wechat',
      },
    );
    const industry = await h.post('/api/tencentcloud/continue', {
      ticket: email.body.ticket,
      email: 'Tx@Example.com',
    });
    assert.deepEqual(industry.body.required, ['industry', 'agreements']);
    assert.equal(
      (
        await h.post('/api/tencentcloud/continue', {
          ticket: industry.body.ticket,
          industry: 'mining',
          agreements: true,
        })
      ).body.error.code,
      'validation_failed',
    );
    const created = authenticated(
      await h.post('/api/tencentcloud/continue', {
        ticket: industry.body.ticket,
        industry: 'gaming',
        agreements: true,
      }),
    );
    assert.equal(created.account.email, 'tx@example.com');
    assert.equal(created.account.emailVerified, false);
    assert.equal(created.account.industry, 'gaming');
    assert.deepEqual(created.account.connections, ['wechat']);
    const [link] = await h.outbox('tencentcloud', 'tx@example.com');
    assert.equal(link?.purpose, 'verify');
    assert.equal(
      authenticated(await start(h, 'tencentcloud', 'wechat', { name: 'Tx Wechat' })).account.id,
      created.account.id,
    );

    // The email is taken now: another WeChat cannot use it.
    const other = await start(h, 'tencentcloud', 'wechat', { name: 'Tx Other' });
    const step = await withCode(h, 'tencentcloud', other.body.ticket, newPhone());
    assert.equal(
      (await h.post('/api/tencentcloud/continue', { ticket: step.body.ticket, email: 'tx@example.com' })).body
        .error.code,
      'email_taken',
    );
  });

  for (const idp of ['wechat-mp', 'qq'] as const) {
    test(`${idp}: phone + code → industry + agreements → a new account; next time signed in directly`, async () => {
      const first = await start(h, 'tencentcloud', idp, { name: `Tx ${idp}` });
      assert.deepEqual(first.body.required, ['phone', 'code']);
      const industry = await withCode(h, 'tencentcloud', first.body.ticket, newPhone());
      assert.deepEqual(industry.body.required, ['industry', 'agreements']);
      const created = authenticated(
        await h.post('/api/tencentcloud/continue', {
          ticket: industry.body.ticket,
          industry: 'finance',
          agreements: true,
        }),
      );
      assert.deepEqual(created.account.connections, [idp]);
      assert.equal(created.account.email, undefined);
      assert.equal(
        authenticated(await start(h, 'tencentcloud', idp, { name: `Tx ${idp}` })).account.id,
        created.account.id,
      );
    });
  }
});

describe('jdcloud-classic: JD login', () => {
  test('first time: the enable-service form (contact phone in 4 regions, optional email and recommendation code) → a new account; then returning', async () => {
    const first = await start(h, 'jdcloud-classic', 'jd', { name: 'classic-user', password: 'jd-pass-1' });
    assert.deepEqual(
      { ...first.body, ticket: undefined },
      {
        status: 'needs_profile',
        ticket: undefined,
        required: ['agreements', 'contactPhone'],
        optional: ['contactEmail', 'recommendationCode'],
      },
    );
    const bad = await h.post('/api/jdcloud-classic/continue', {
      ticket: first.body.ticket,
      contactPhone: '+12025550123',
      recommendationCode: 'no spaces',
      agreements: true,
    });
    assert.deepEqual(
      bad.body.error.issues.map((i: { path: string }) => i.path),
      ['contactPhone', 'recommendationCode'],
    );
    const created = authenticated(
      await h.post('/api/jdcloud-classic/continue', {
        ticket: first.body.ticket,
        contactPhone: '+85251234567',
        contactEmail: 'ops@example.com',
        recommendationCode: 'SALES-7',
        agreements: true,
      }),
    );
    assert.deepEqual(created.account.connections, ['jd']);
    const record = await h.store.accounts.get(created.account.id);
    assert.equal(record?.contactPhone, '+85251234567');
    assert.equal(record?.recommendationCode, 'SALES-7');
    assert.equal(record?.agreements?.length, 3);
    assert.equal(
      authenticated(await start(h, 'jdcloud-classic', 'jd', { name: 'classic-user', password: 'jd-pass-1' }))
        .account.id,
      created.account.id,
    );
  });

  test('seed 001 "In this step, you can modify your phone": the JD account\'s phone comes prefilled, and may be changed', async () => {
    const first = await start(h, 'jdcloud-classic', 'jd', { name: 'jd-with-phone', mobile: '138 0013 8000' });
    assert.deepEqual(first.body.prefill, { contactPhone: '+8613800138000' });
    assert.deepEqual(first.body.required, ['agreements', 'contactPhone']);
    const created = authenticated(
      await h.post('/api/jdcloud-classic/continue', {
        ticket: first.body.ticket,
        contactPhone: '+85366123456',
        agreements: true,
      }),
    );
    assert.equal((await h.store.accounts.get(created.account.id))?.contactPhone, '+85366123456');
    // A phone outside the preset's regions (CN, HK, MO, TW) is not offered.
    const abroad = await start(h, 'jdcloud-classic', 'jd', { name: 'jd-abroad', mobile: '+1 202 555 0123' });
    assert.equal(abroad.body.status, 'needs_profile');
    assert.equal(abroad.body.prefill, undefined);
  });
});
