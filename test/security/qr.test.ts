/**
 * App QR login under attack (docs/flows.md#app-qr-login; issue 6 "QR ticket theft"). The id in the QR is public (anyone
 * near the screen can read it); only the secret the creating browser holds can read the ticket's
 * state and collect the session — once, even when polled in parallel. Only a signed-in account
 * moves a ticket, only the account that scanned it may confirm it, cookie-authenticated moves
 * need an allowed Origin, and a ticket dies after 2 minutes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { address, cookieOf, figure, phone, tally, type Answer, type AppServer } from '../support/server.ts';
import { appForSuite, registerJdFrom } from '../support/suite.ts';

const SITE = 'https://console.example.com';

describe('app QR login: secrets, ownership, single delivery', () => {
  let s: AppServer;
  let n = 0;
  appForSuite({ allowedOrigins: [SITE], trustedProxies: ['127.0.0.1'] }, (app) => (s = app));

  async function registerJd(name: string): Promise<Answer> {
    n++;
    const answer = await registerJdFrom(s.api, name, phone(9000 + n), address(n));
    assert.equal(answer.status, 201, answer.text);
    return answer;
  }
  const createQr = async () => {
    const created = await s.api.post('/api/jdcloud/qr');
    assert.equal(created.status, 201, created.text);
    return created.body as { id: string; secret: string; payload: string; image: string };
  };
  const poll = (id: string, secret?: string) =>
    s.api.get(`/api/jdcloud/qr/${id}`, secret === undefined ? {} : { headers: { 'X-QR-Secret': secret } });

  test('the id alone reads nothing: no secret, a wrong secret and an unknown id get the same 404', async () => {
    const qr = await createQr();
    assert.match(qr.id, /^[A-Za-z0-9_-]{22}$/, '128-bit id');
    assert.match(qr.secret, /^[A-Za-z0-9_-]{43}$/, '256-bit secret');
    assert.ok(!qr.payload.includes(qr.secret), 'the secret is not in the QR');
    const answers = [
      await poll(qr.id),
      await poll(qr.id, 'A'.repeat(43)),
      await poll(qr.id, ''),
      await poll('B'.repeat(22), qr.secret),
      await s.api.get(`/api/jdcloud/qr/${qr.id}?secret=${'A'.repeat(43)}`),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.body, answers[0]!.body);
    }
    assert.equal((await poll(qr.id, qr.secret)).body.status, 'pending');
    assert.equal((await s.api.get(`/api/jdcloud/qr/${qr.id}?secret=${qr.secret}`)).body.status, 'pending');
  });

  test('moving a ticket needs a session, the cookie needs an allowed Origin, and only the scanner may confirm', async () => {
    const qr = await createQr();
    const owner = await registerJd('qr-owner01');
    const thief = await registerJd('qr-thief01');
    assert.equal((await s.api.post(`/api/jdcloud/qr/${qr.id}/confirm`)).status, 401);
    const foreign = await s.api.post(`/api/jdcloud/qr/${qr.id}/confirm`, undefined, {
      cookie: cookieOf(owner),
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error.code, 'origin_not_allowed');

    assert.equal(
      (await s.api.post(`/api/jdcloud/qr/${qr.id}/scan`, undefined, { token: owner.body.session.token })).body
        .status,
      'scanned',
    );
    for (const action of ['confirm', 'deny', 'scan']) {
      const stolen = await s.api.post(`/api/jdcloud/qr/${qr.id}/${action}`, undefined, {
        token: thief.body.session.token,
      });
      assert.equal(stolen.status, 404, `${action} by another account`);
    }
    assert.equal((await poll(qr.id, qr.secret)).body.status, 'scanned');
    assert.equal(
      (await s.api.post(`/api/jdcloud/qr/${qr.id}/confirm`, undefined, { token: owner.body.session.token }))
        .body.status,
      'confirmed',
    );
    const collected = await poll(qr.id, qr.secret);
    assert.equal(collected.body.status, 'confirmed');
    assert.equal(collected.body.account.accountName, 'qr-owner01', 'the scanner is who signs in');
  });

  test('confirmed once, collected once: parallel confirms and parallel polls hand out one session', async () => {
    const qr = await createQr();
    const owner = await registerJd('qr-owner02');
    const token = owner.body.session.token;
    const confirms = await Promise.all(
      Array.from({ length: 12 }, () => s.api.post(`/api/jdcloud/qr/${qr.id}/confirm`, undefined, { token })),
    );
    assert.ok(confirms.every((answer) => answer.status === 200 && answer.body.status === 'confirmed'));
    const polls = await Promise.all(Array.from({ length: 12 }, () => poll(qr.id, qr.secret)));
    const sessions = polls.filter((answer) => answer.body.session?.token);
    assert.equal(sessions.length, 1);
    assert.ok(polls.every((answer) => answer.status === 200 && answer.body.status === 'confirmed'));
    assert.notEqual(sessions[0]!.body.session.token, token, 'the browser gets its own new session');
    // The app's session is untouched; the browser's works.
    assert.equal((await s.api.get('/api/jdcloud/session', { token })).status, 200);
    assert.equal(
      (await s.api.get('/api/jdcloud/session', { token: sessions[0]!.body.session.token })).status,
      200,
    );
    // Later polls (a replayed secret) get nothing more.
    assert.equal((await poll(qr.id, qr.secret)).body.session, undefined);
    figure(
      `races: QR — 12 parallel confirms ${JSON.stringify(tally(confirms))}, 12 parallel polls → ${sessions.length} session delivered`,
    );
  });

  test('a denied ticket cannot be confirmed; an expired one (2 min) cannot be moved or collected', async () => {
    const owner = await registerJd('qr-owner03');
    const token = owner.body.session.token;
    const denied = await createQr();
    assert.equal(
      (await s.api.post(`/api/jdcloud/qr/${denied.id}/deny`, undefined, { token })).body.status,
      'denied',
    );
    const late = await s.api.post(`/api/jdcloud/qr/${denied.id}/confirm`, undefined, { token });
    assert.equal(late.status, 410);
    assert.equal(late.body.error.code, 'qr_expired');
    assert.equal((await poll(denied.id, denied.secret)).body.status, 'denied');

    const old = await createQr();
    s.clock.advance(121);
    assert.equal((await poll(old.id, old.secret)).body.status, 'expired');
    const confirm = await s.api.post(`/api/jdcloud/qr/${old.id}/confirm`, undefined, { token });
    assert.equal(confirm.status, 410);
    assert.equal(confirm.body.error.code, 'qr_expired');
    assert.equal((await poll(old.id, old.secret)).body.session, undefined);
  });

  test('the QR image is an inert SVG', async () => {
    const qr = await createQr();
    const image = await s.api.get(`/api/jdcloud${qr.image}`, { headers: { Accept: 'image/svg+xml' } });
    assert.equal(image.status, 200);
    assert.match(image.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(image.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.doesNotMatch(image.text, /<script|on\w+=/i);
  });
});
