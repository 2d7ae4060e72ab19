/**
 * A stolen session is not a takeover:
 *
 * - Without a proof of the account (its current password, or a `reauth` code sent to its own
 *   phone), a session cannot change the password, the security email, unbind a login, or set a
 *   first password on a password-less (WeChat-made) account: `403 reauth_required`. With the
 *   proof it can.
 * - A `reauth` code goes only to the signed-in account's phone: a phone in the body, another
 *   account's phone, or no session at all get nothing sent there.
 * - A password change ends every other session of the account; the one that made it lives.
 * - Password, email, bind and unbind changes send a `security_notice`, in English or Chinese.
 * - One SMS code no longer takes over a JD Cloud password account by binding the attacker's
 *   WeChat to it: the bind needs the account's password.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browser, FLOW_SECRET, toCallback } from '../support/browser.ts';
import { address, figure, phone, type Answer, type AppServer } from '../support/server.ts';
import { MANY_REGISTRATIONS, appForSuite } from '../support/suite.ts';

describe('re-authentication', () => {
  let s: AppServer;
  let n = 0;
  const from = () => address(7000 + n++);

  appForSuite(MANY_REGISTRATIONS, (app) => (s = app));

  type Message = { purpose: string; code?: string; text: string; channel: string };
  const messages = async (to: string): Promise<Message[]> =>
    (await s.api.get(`/api/jdcloud/dev/outbox?to=${encodeURIComponent(to)}`)).body.messages;
  const post = (
    path: string,
    body: unknown,
    options: { token?: string; headers?: Record<string, string> } = {},
  ) => s.api.post(`/api/jdcloud${path}`, body, { forwardedFor: from(), ...options });
  const put = (body: unknown, token: string, headers?: Record<string, string>) =>
    s.api.call('PUT', '/api/jdcloud/account/password', {
      body,
      token,
      forwardedFor: from(),
      ...(headers && { headers }),
    });
  const unbind = (idp: string, token: string, body?: unknown) =>
    s.api.call('DELETE', `/api/jdcloud/account/connections/${idp}`, {
      token,
      forwardedFor: from(),
      ...(body !== undefined && { body }),
    });

  function refused(answer: Answer, field: string) {
    assert.equal(answer.status, 403, answer.text);
    assert.equal(answer.body.error.code, 'reauth_required');
    assert.equal(answer.body.error.field, field);
  }

  async function register(p: string, accountName: string): Promise<Answer> {
    s.clock.advance(61);
    await post('/codes', { phone: p, channel: 'sms', purpose: 'register' });
    const code = (await messages(p))[0]!.code!;
    const answer = await post('/accounts', {
      accountName,
      password: 'Secret-123',
      phone: p,
      code,
      agreements: true,
    });
    assert.equal(answer.status, 201, answer.text);
    return answer;
  }

  /** WeChat first-time login up to its ticket, through the simulated provider. */
  async function wechatTicket(name: string): Promise<string> {
    const b = browser(s.base);
    const page = await b.get(await toCallback(b, 'jdcloud', 'wechat', name));
    const ticket = new URLSearchParams(page.location?.hash.slice(1) ?? '').get('cl_ticket');
    assert.ok(ticket, `no ticket: ${page.status}`);
    const start = await post('/continue', { ticket, flowSecret: FLOW_SECRET });
    assert.deepEqual(start.body.required, ['phone', 'code', 'agreements']);
    return start.body.ticket;
  }

  async function reauthCode(token: string, to: string, body: Record<string, unknown> = {}): Promise<string> {
    s.clock.advance(61);
    const sent = await post('/codes', { channel: 'sms', purpose: 'reauth', ...body }, { token });
    assert.equal(sent.status, 202, sent.text);
    const [message] = await messages(to);
    assert.equal(message?.purpose, 'reauth');
    return message.code!;
  }

  test('a stolen session without the password changes nothing; with the password or a reauth code it can', async () => {
    const p = phone(7100);
    const victim = await register(p, 'victim-re1');
    const stolen = victim.body.session.token;
    // A session signed in under 5 minutes ago may add its security email (registration's own
    // step); a stolen one is older.
    assert.equal(
      (await post('/account/email', { email: 'fresh@example.com' }, { token: stolen })).status,
      202,
      'a fresh sign-in adds its security email',
    );
    s.clock.advance(301);

    refused(await put({ newPassword: 'Taken-456' }, stolen), 'currentPassword');
    refused(
      await post('/account/email', { email: 'thief@example.com' }, { token: stolen }),
      'currentPassword',
    );
    const wrong = await put({ currentPassword: 'Guess-000', newPassword: 'Taken-456' }, stolen);
    assert.deepEqual([wrong.status, wrong.body.error.code], [401, 'invalid_credentials']);
    assert.equal((await messages('thief@example.com')).length, 0, 'no link went to the thief');

    // The reauth code goes to the account's phone, whatever phone the thief names.
    const thiefPhone = phone(7101);
    const code = await reauthCode(stolen, p, { phone: thiefPhone });
    assert.equal((await messages(thiefPhone)).length, 0, 'nothing sent to the phone in the body');
    const noSession = await post('/codes', { phone: p, channel: 'sms', purpose: 'reauth' });
    assert.equal(noSession.status, 401);
    const guessed = await post(
      '/account/email',
      { email: 'own@example.com', code: code === '000000' ? '000001' : '000000' },
      { token: stolen },
    );
    assert.equal(guessed.body.error.code, 'invalid_code');

    // With the proof: the owner changes the email (by code) and the password.
    assert.equal(
      (await post('/account/email', { email: 'own@example.com', code }, { token: stolen })).status,
      202,
    );
    assert.equal(
      (await post('/account/email', { email: 'own@example.com', code }, { token: stolen })).body.error.code,
      'invalid_code',
      'a code proves once',
    );
    assert.equal(
      (await put({ currentPassword: 'Secret-123', newPassword: 'Mine-4567' }, stolen)).status,
      204,
    );
    figure(
      'reauth: password, email without proof → 403 reauth_required; reauth code sent only to the account phone',
    );
  });

  test('a WeChat-made account: no first password and no unbind without a code to its phone', async () => {
    const p = phone(7200);
    const ticket = await wechatTicket('Wx Owner');
    s.clock.advance(61);
    await post('/codes', { phone: p, channel: 'sms', purpose: 'bind' });
    // 002: a phone without an account gets one at once, without a password.
    const created = await post('/continue', {
      ticket,
      phone: p,
      code: (await messages(p))[0]!.code,
      agreements: true,
    });
    assert.equal(created.status, 200, created.text);
    const stolen = created.body.session.token;

    refused(await put({ newPassword: 'Taken-456' }, stolen), 'code');
    refused(await put({ currentPassword: 'anything', newPassword: 'Taken-456' }, stolen), 'code');
    const code = await reauthCode(stolen, p);
    assert.equal((await put({ code, newPassword: 'Mine-4567' }, stolen)).status, 204);

    refused(await unbind('wechat', stolen), 'currentPassword');
    refused(await unbind('wechat', stolen, { currentPassword: '' }), 'currentPassword');
    assert.equal((await unbind('wechat', stolen, { currentPassword: 'Wrong-000' })).status, 401);
    assert.equal((await unbind('wechat', stolen, { currentPassword: 'Mine-4567' })).status, 204);
    const notices = (await messages(p)).filter((m) => m.purpose === 'security_notice');
    // JD Cloud writes in Chinese unless the request asks for another language.
    assert.match(notices[0]!.text, /已解除绑定微信登录/);
    assert.match(notices[1]!.text, /已设置登录密码/);
  });

  test('a password change ends every other session; the one that made it lives', async () => {
    const p = phone(7300);
    const first = await register(p, 'sessions-1');
    const others = [
      await post('/sessions', { identifier: 'sessions-1', password: 'Secret-123' }),
      await post('/sessions', { identifier: 'sessions-1', password: 'Secret-123' }),
    ];
    assert.equal(
      (await put({ currentPassword: 'Secret-123', newPassword: 'Fresh-4567' }, first.body.session.token))
        .status,
      204,
    );
    for (const other of others)
      assert.equal(
        (await s.api.get('/api/jdcloud/session', { token: other.body.session.token })).status,
        401,
      );
    assert.equal((await s.api.get('/api/jdcloud/session', { token: first.body.session.token })).status, 200);
  });

  test('notices in both locales: password change, email change', async () => {
    const p = phone(7400);
    const { body } = await register(p, 'notice-me1');
    const token = body.session.token;
    assert.equal(
      (
        await put({ currentPassword: 'Secret-123', newPassword: 'Fresh-4567' }, token, {
          'Accept-Language': 'zh-CN',
        })
      ).status,
      204,
    );
    assert.match((await messages(p))[0]!.text, /^【京东云】您的账号 n\*+1 于 .* 的登录密码已修改/);
    const email = await post(
      '/account/email',
      { email: 'notice@example.com', currentPassword: 'Fresh-4567' },
      { token, headers: { 'Accept-Language': 'en' } },
    );
    assert.equal(email.status, 202);
    const [notice] = await messages(p);
    assert.equal(notice!.purpose, 'security_notice');
    assert.match(
      notice!.text,
      /^\[JD Cloud\] Your account n\*+1 was asked to use n\*+e@example\.com as its security email/,
    );
    // A reauth code in the locale asked for.
    s.clock.advance(61);
    assert.equal(
      (await post('/codes', { channel: 'sms', purpose: 'reauth', locale: 'zh-CN' }, { token })).status,
      202,
    );
    assert.match((await messages(p))[0]!.text, /身份验证验证码/);
  });

  test('one SMS code no longer takes over a JD Cloud password account by binding the attacker’s WeChat', async () => {
    const p = phone(7500);
    const victim = await register(p, 'victim-wx1');
    // The attacker has the victim's SMS code (a forwarded or intercepted SMS) and their own WeChat.
    const ticket = await wechatTicket('Attacker');
    s.clock.advance(61);
    await post('/codes', { phone: p, channel: 'sms', purpose: 'bind' });
    const chooser = await post('/continue', {
      ticket,
      phone: p,
      code: (await messages(p))[0]!.code,
      agreements: true,
    });
    assert.equal(chooser.body.status, 'choose_account');
    // Choosing the account is not enough: its password is asked for.
    const takeover = await post('/continue', {
      ticket: chooser.body.ticket,
      accountId: victim.body.account.id,
    });
    assert.equal(takeover.status, 200);
    assert.notEqual(takeover.body.status, 'authenticated');
    assert.deepEqual(takeover.body.required, ['password']);
    const empty = await post('/continue', { ticket: takeover.body.ticket });
    assert.equal(empty.body.error.code, 'validation_failed');
    const guessed = await post('/continue', { ticket: takeover.body.ticket, password: 'Guess-000' });
    assert.deepEqual([guessed.status, guessed.body.error.code], [401, 'invalid_credentials']);
    assert.equal(
      (await s.store.accounts.get(victim.body.account.id))!.connections.length,
      0,
      'nothing bound',
    );

    // The owner, who knows the password, binds — and is told.
    const bound = await post(
      '/continue',
      { ticket: takeover.body.ticket, password: 'Secret-123' },
      { headers: { 'Accept-Language': 'zh-CN' } },
    );
    assert.equal(bound.status, 200, bound.text);
    assert.deepEqual(bound.body.account.connections, ['wechat']);
    const [notice] = await messages(p);
    assert.equal(notice!.purpose, 'security_notice');
    assert.match(notice!.text, /已绑定微信登录/);
    figure(
      `bind takeover: code only → ${takeover.body.status} [${takeover.body.required}]; wrong password → ${guessed.status}; right password → ${bound.status}`,
    );
  });
});
