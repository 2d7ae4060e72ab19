/**
 * App QR login (docs/flows.md#app-qr-login) on a real app: the browser creates and polls with its secret, the mobile app
 * scans and decides with its session; the session is delivered exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, registerJd, registerQing, type Harness } from '../testing.ts';
import { describeBrowser } from './qr.ts';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let h: Harness;
let mobile: string;
let mobileAccount: string;
let other: string;
before(async () => {
  h = await createHarness();
  const alice = await registerJd(h, 'qr-alice', '+8613700000001');
  mobile = alice.session.token;
  mobileAccount = alice.account.id;
  other = (await registerJd(h, 'qr-bob', '+8613700000002')).session.token;
});
after(() => h.close());

async function create() {
  const answer = await h.call('POST', '/api/jdcloud/qr', { headers: { 'User-Agent': CHROME } });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as {
    id: string;
    secret: string;
    payload: string;
    image: string;
    expiresAt: string;
    pollInterval: number;
  };
}

const poll = (id: string, secret?: string) =>
  h.get(`/api/jdcloud/qr/${id}`, secret ? { headers: { 'X-QR-Secret': secret } } : {});
const move = (id: string, action: 'scan' | 'confirm' | 'deny', token?: string) =>
  h.call('POST', `/api/jdcloud/qr/${id}/${action}`, token ? { token } : {});

describe('app QR login', () => {
  test('POST /qr: id, secret, the mobile page as payload, the image path, 2 minutes, poll interval; no body or content type needed', async () => {
    const qr = await create();
    assert.match(qr.id, /^[A-Za-z0-9_-]{22}$/);
    assert.match(qr.secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(qr.payload, `http://localhost/mobile/?provider=jdcloud&qr=${qr.id}`);
    assert.equal(qr.image, `/qr/${qr.id}.svg`);
    assert.equal(Date.parse(qr.expiresAt) - h.clock.now().getTime(), 120_000);
    assert.equal(qr.pollInterval, 2);
    assert.deepEqual((await poll(qr.id, qr.secret)).body, { status: 'pending' });

    const image = await h.get(`/api/jdcloud${qr.image}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('Content-Type'), 'image/svg+xml');
    assert.match(image.text, /^<svg[^>]*viewBox/);
    assert.match(image.headers.get('Content-Security-Policy')!, /sandbox/);

    const disabled = await h.call('POST', '/api/qingcloud/qr');
    assert.equal(disabled.status, 403);
    assert.equal(disabled.body.error.code, 'method_disabled');
  });

  test('a poll without the secret, or with a wrong one, is 404 like an unknown id; ?secret= works like the header', async () => {
    const qr = await create();
    for (const answer of [
      await poll(qr.id),
      await poll(qr.id, 'x'.repeat(43)),
      await poll('A'.repeat(22), qr.secret),
      await poll('../x', qr.secret),
    ]) {
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error.code, 'not_found');
    }
    assert.deepEqual((await h.get(`/api/jdcloud/qr/${qr.id}?secret=${qr.secret}`)).body, {
      status: 'pending',
    });
  });

  test('a scan without a session is 401; a session of another provider does not count', async () => {
    const qr = await create();
    const anonymous = await move(qr.id, 'scan');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, 'unauthenticated');
    const qing = await registerQing(h, '+8613700000009', 'pass-word1');
    assert.equal((await move(qr.id, 'scan', qing.session.token)).status, 401);
    assert.deepEqual((await poll(qr.id, qr.secret)).body, { status: 'pending' });
  });

  test('scan → confirm: the first poll carries the session (and its cookie), later polls do not', async () => {
    const qr = await create();
    const scanned = await move(qr.id, 'scan', mobile);
    assert.equal(scanned.status, 200);
    assert.deepEqual(scanned.body, {
      status: 'scanned',
      info: { browser: 'Chrome on Windows', createdAt: h.clock.now().toISOString(), expiresAt: qr.expiresAt },
    });
    assert.deepEqual((await poll(qr.id, qr.secret)).body, { status: 'scanned' });
    assert.equal((await move(qr.id, 'confirm', other)).status, 404, 'only the account that scanned decides');
    assert.equal((await move(qr.id, 'confirm', mobile)).body.status, 'confirmed');
    assert.equal((await move(qr.id, 'confirm', mobile)).body.status, 'confirmed', 'a double tap is fine');

    const first = await poll(qr.id, qr.secret);
    assert.equal(first.body.status, 'confirmed');
    assert.equal(first.body.account.id, mobileAccount);
    assert.match(first.body.session.token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(first.body.session.token, mobile, 'a new session, not the phone’s');
    assert.match(first.headers.get('Set-Cookie')!, /^cl_session_jdcloud=.*HttpOnly/);
    assert.equal(
      (await h.get('/api/jdcloud/session', { token: first.body.session.token })).body.account.id,
      mobileAccount,
    );

    const later = await poll(qr.id, qr.secret);
    assert.deepEqual(later.body, { status: 'confirmed' });
    assert.equal(later.headers.get('Set-Cookie'), null);
  });

  test('parallel polls after confirmation: the session is delivered exactly once', async () => {
    const qr = await create();
    await move(qr.id, 'confirm', mobile);
    const answers = await Promise.all(Array.from({ length: 12 }, () => poll(qr.id, qr.secret)));
    assert.ok(answers.every((answer) => answer.status === 200 && answer.body.status === 'confirmed'));
    assert.equal(answers.filter((answer) => answer.body.session).length, 1);
  });

  test('deny: the browser sees denied, and the ticket can no longer be confirmed', async () => {
    const qr = await create();
    await move(qr.id, 'scan', mobile);
    assert.equal((await move(qr.id, 'deny', mobile)).body.status, 'denied');
    assert.deepEqual((await poll(qr.id, qr.secret)).body, { status: 'denied' });
    const late = await move(qr.id, 'confirm', mobile);
    assert.equal(late.status, 410);
    assert.equal(late.body.error.code, 'qr_expired');
  });

  test('expiry after 2 minutes: the poll reads expired, the app gets 410 qr_expired, the image is gone', async () => {
    const qr = await create();
    await move(qr.id, 'scan', mobile);
    h.clock.advance(120);
    assert.deepEqual((await poll(qr.id, qr.secret)).body, { status: 'expired' });
    for (const action of ['scan', 'confirm', 'deny'] as const) {
      const answer = await move(qr.id, action, mobile);
      assert.equal(answer.status, 410, action);
      assert.equal(answer.body.error.code, 'qr_expired');
    }
    assert.equal((await h.get(`/api/jdcloud/qr/${qr.id}.svg`)).status, 410);
  });

  test('a confirmation nobody collects within a minute is not handed out later', async () => {
    const qr = await create();
    await move(qr.id, 'confirm', mobile);
    h.clock.advance(61);
    assert.deepEqual((await poll(qr.id, qr.secret)).body, { status: 'expired' });
  });

  test('qrPayload: a deployment points the QR at its own app', async () => {
    const custom = await createHarness({
      qrPayload: ({ provider, id }) => `jdcloud-app://qr-login?${new URLSearchParams({ provider, id })}`,
    });
    try {
      const answer = await custom.call('POST', '/api/jdcloud/qr');
      assert.equal(answer.body.payload, `jdcloud-app://qr-login?provider=jdcloud&id=${answer.body.id}`);
    } finally {
      await custom.close();
    }
  });

  test('the browser description is coarse and never the raw header', () => {
    assert.equal(describeBrowser(CHROME), 'Chrome on Windows');
    assert.equal(
      describeBrowser(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      ),
      'Safari on macOS',
    );
    assert.equal(
      describeBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'),
      'Firefox on Linux',
    );
    assert.equal(describeBrowser('<script>alert(1)</script>'), 'A browser');
    assert.equal(describeBrowser(undefined), 'A browser');
  });
});
