/**
 * Unbounded work: what a script can make the server do with requests that succeed, or with
 * requests sent faster than argon2 can keep up.
 *
 * - the password-hashing queue is bounded: past it, `503 server_busy` with `Retry-After` at once;
 * - successful sign-ins per account: 30 an hour, then 429 `rate_limited`;
 * - sessions per account: 20, a new sign-in ends the oldest;
 * - account-changing writes (sub-accounts, password changes, security emails): 20 an hour per account;
 * - the CLI's HTTP server: headers within HEADERS_TIMEOUT, at most MAX_CONNECTIONS sockets.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, describe, test } from 'node:test';
import { DEFAULT_HASH_QUEUE, setHashQueueLimit } from '../../packages/server/src/passwords.ts';
import {
  address,
  figure,
  phone,
  startCli,
  tally,
  tempDir,
  type Answer,
  type AppServer,
} from '../support/server.ts';
import { MANY_REGISTRATIONS, appForSuite, registerJdFrom } from '../support/suite.ts';

describe('unbounded work', () => {
  let s: AppServer;
  after(() => setHashQueueLimit(DEFAULT_HASH_QUEUE));
  appForSuite(MANY_REGISTRATIONS, (app) => (s = app));

  let nextPhone = 0;
  async function registerJd(name: string, password?: string): Promise<Answer> {
    const i = nextPhone++;
    const answer = await registerJdFrom(s.api, name, phone(8100 + i), address(7001 + i), password);
    assert.equal(answer.status, 201, answer.text);
    return answer;
  }
  const login = (identifier: string, password: string, from = address(1)) =>
    s.api.post('/api/jdcloud/sessions', { identifier, password }, { forwardedFor: from });

  test('a burst of sign-ins beyond the hashing queue gets 503 server_busy with Retry-After at once, never a hang', async () => {
    await registerJd('busy-user01');
    const previous = setHashQueueLimit(4);
    try {
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => login(`nobody-${i}`, 'Wrong-pass-1', address(200 + i))),
      );
      const ms = performance.now() - started;
      const counts = tally(answers);
      const busy = answers.filter((answer) => answer.status === 503);
      assert.ok(busy.length > 0, JSON.stringify(counts));
      for (const answer of busy) {
        assert.equal(answer.body.error.code, 'server_busy');
        assert.ok(Number(answer.headers.get('retry-after')) >= 1);
        assert.equal(answer.body.error.retryAfter, Number(answer.headers.get('retry-after')));
      }
      assert.ok(
        answers.every((answer) => answer.status === 503 || answer.body.error.code === 'invalid_credentials'),
      );
      const slowestBusy = Math.max(...busy.map((answer) => answer.ms));
      // The queue drained: the owner gets in right after.
      assert.equal((await login('busy-user01', 'Secret-123')).status, 200);
      figure(
        `hashing queue of 4: 40 sign-ins at once → ${JSON.stringify(counts)} in ${ms.toFixed(0)} ms; slowest 503 took ${slowestBusy.toFixed(0)} ms`,
      );
    } finally {
      setHashQueueLimit(previous);
    }
  });

  test('successful sign-ins: 30 an hour per account, then 429; free again after the hour', async () => {
    await registerJd('often-in01');
    let signedIn = 0;
    let refused: Answer | undefined;
    for (let i = 0; i < 40; i++) {
      const answer = await login('often-in01', 'Secret-123', address(300 + i));
      if (answer.status !== 200) {
        refused = answer;
        break;
      }
      signedIn++;
    }
    // The registration's own session counts as the first sign-in.
    assert.equal(signedIn, 29);
    assert.equal(refused?.status, 429);
    assert.equal(refused?.body.error.code, 'rate_limited');
    assert.ok(Number(refused?.headers.get('retry-after')) > 0);
    s.clock.advance(3601);
    assert.equal((await login('often-in01', 'Secret-123')).status, 200);
    figure(
      `successful sign-ins: registration + ${signedIn} sign-ins in an hour, then 429 rate_limited; free again an hour later`,
    );
  });

  test('sessions per account: the 21st sign-in ends the oldest session', async () => {
    const first = await registerJd('many-devices');
    const tokens: string[] = [first.body.session.token];
    for (let i = 0; i < 24; i++) {
      const answer = await login('many-devices', 'Secret-123', address(400 + i));
      assert.equal(answer.status, 200, answer.text);
      tokens.push(answer.body.session.token);
      s.clock.advance(1);
    }
    const alive = await Promise.all(
      tokens.map(async (token) => (await s.api.get('/api/jdcloud/session', { token })).status === 200),
    );
    assert.deepEqual(
      alive,
      tokens.map((_, i) => i >= tokens.length - 20),
    );
    figure(
      `sessions per account: ${tokens.length} sign-ins → the newest 20 sessions alive, the oldest ${tokens.length - 20} ended`,
    );
  });

  test('account-changing writes: 20 an hour per account (password changes, sub-accounts, emails)', async () => {
    const p = phone(8900);
    await s.api.post(
      '/api/qingcloud/codes',
      { phone: p, channel: 'sms', purpose: 'register' },
      { forwardedFor: address(8900) },
    );
    const registered = await s.api.post('/api/qingcloud/accounts', {
      phone: p,
      password: 'Secret-123',
      code: await s.api.code('qingcloud', p),
      agreements: true,
    });
    assert.equal(registered.status, 201, registered.text);
    const token = registered.body.session.token;
    const answers: Answer[] = [];
    for (let i = 0; i < 25; i++) {
      answers.push(
        await s.api.post(
          '/api/qingcloud/account/subaccounts',
          { email: `sub${i}@example.com`, password: 'Secret-123' },
          { token },
        ),
      );
    }
    const created = answers.filter((answer) => answer.status === 201).length;
    assert.equal(created, 20);
    assert.equal(answers[20]!.body.error.code, 'rate_limited');
    // Changes of every kind share the window.
    assert.equal(
      (
        await s.api.call('PUT', '/api/qingcloud/account/password', {
          body: { currentPassword: 'Secret-123', newPassword: 'Secret-456' },
          token,
        })
      ).status,
      429,
    );
    assert.equal(
      (
        await s.api.post(
          '/api/qingcloud/account/email',
          { email: 'me@example.com', currentPassword: 'Secret-123' },
          { token },
        )
      ).status,
      429,
    );
    s.clock.advance(3601);
    assert.equal(
      (
        await s.api.call('PUT', '/api/qingcloud/account/password', {
          body: { currentPassword: 'Secret-123', newPassword: 'Secret-456' },
          token,
        })
      ).status,
      204,
    );
    figure(
      `account changes: 25 sub-account creations in a row → ${created} created, then 429; password change and email refused too; free again an hour later`,
    );
  });
});

describe('the HTTP server (a real CLI process)', () => {
  /** Resolves when the server closes the socket, with what it sent first. */
  const closed = (socket: Socket) =>
    new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += String(chunk)));
      socket.on('close', () => resolve(text));
      socket.on('error', () => {});
    });
  const open = (base: string) =>
    new Promise<Socket>((resolve, reject) => {
      const url = new URL(base);
      const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
      socket.on('error', reject);
    });

  test('headers sent a byte at a time are cut off after HEADERS_TIMEOUT', async () => {
    const dir = await tempDir('cl-http-');
    const server = await startCli({ dataDir: dir.path, env: { HEADERS_TIMEOUT: '1' } });
    try {
      const socket = await open(server.base);
      const done = closed(socket);
      const started = performance.now();
      socket.write('GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const trickle = setInterval(() => socket.writable && socket.write('X-Slow: a\r\n'), 200);
      const answer = await done;
      clearInterval(trickle);
      const ms = performance.now() - started;
      assert.ok(ms < 4000, `closed after ${ms} ms`);
      assert.match(answer, /^HTTP\/1\.1 408|^$/);
      figure(
        `slow headers: a client trickling a header line every 200 ms is cut off after ${ms.toFixed(0)} ms (HEADERS_TIMEOUT=1)`,
      );
    } finally {
      assert.equal(await server.stop(), 0);
      await dir.remove();
    }
  });

  test('connections beyond MAX_CONNECTIONS are closed at once', async () => {
    const dir = await tempDir('cl-http-');
    const server = await startCli({ dataDir: dir.path, env: { MAX_CONNECTIONS: '3' } });
    try {
      const held = await Promise.all([open(server.base), open(server.base), open(server.base)]);
      const extra = await open(server.base);
      const started = performance.now();
      const answer = await closed(extra);
      assert.equal(answer, '');
      assert.ok(performance.now() - started < 2000);
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const config = await fetch(`${server.base}/api/jdcloud/config`);
      assert.equal(config.status, 200);
      figure(
        'connections: with MAX_CONNECTIONS=3 and 3 held open, a 4th is closed without an answer; served again once they close',
      );
    } finally {
      assert.equal(await server.stop(), 0);
      await dir.remove();
    }
  });
});
