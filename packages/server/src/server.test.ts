/**
 * The server for real: over a listening socket on 127.0.0.1 with `fetch` and core's
 * `createClient`; email through a real SMTP server; and the CLI stopped with SIGTERM and
 * started again on the same data directory, with accounts and sessions intact.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { SMTPServer } from 'smtp-server';
import { ApiError, createClient } from '@cloud-login/core';
import { createSmtpEmailSender } from './senders/smtp.ts';
import { createHarness, registerJd, type Harness } from './testing.ts';

const PHONE = '+8613800138000';

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; base: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ server, base: `http://127.0.0.1:${info.port}` });
    });
  });
}

const closeServer = (server: ServerType) => new Promise<void>((done) => server.close(() => done()));

describe('over a real socket', () => {
  let h: Harness;
  let server: ServerType;
  let base: string;
  before(async () => {
    h = await createHarness({ allowedOrigins: ['https://console.example.com'] });
    ({ server, base } = await listen(h.app.fetch));
  });
  after(async () => {
    await closeServer(server);
    await h.close();
  });

  test('the core client drives QingCloud registration, SMS login, password login and logout against the real server', async () => {
    let token: string | undefined;
    const client = createClient({ baseUrl: `${base}/api/qingcloud`, token: () => token });
    const config = await client.config();
    assert.equal(config.provider, 'qingcloud');

    assert.deepEqual(await client.sendCode({ phone: PHONE, channel: 'sms', purpose: 'register' }), {
      expiresIn: 300,
      resendAfter: 60,
    });
    const [sms] = (await client.outbox(PHONE)).messages;
    const registered = await client.register({
      phone: PHONE,
      code: sms!.code!,
      password: 'pass-word1',
      agreements: true,
    });
    assert.equal(registered.status, 'authenticated');

    await assert.rejects(
      client.sendCode({ phone: PHONE, channel: 'voice', purpose: 'login' }),
      (error: unknown) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.status, 429);
        assert.equal(error.code, 'code_cooldown');
        assert.ok(error.retryAfter! > 0);
        return true;
      },
    );

    await assert.rejects(client.login({ identifier: PHONE, password: 'wrong-pass1' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'invalid_credentials');
      return true;
    });
    h.clock.advance(61);
    await client.sendCode({ phone: PHONE, channel: 'voice', purpose: 'login' });
    const [voice] = (await client.outbox(PHONE)).messages;
    assert.equal(voice!.channel, 'voice');
    const bySms = await client.loginSms({ phone: PHONE, code: voice!.code! });
    assert.equal(bySms.status, 'authenticated');
    const signedIn = await client.login({ identifier: PHONE, password: 'pass-word1' });
    assert.equal(signedIn.status, 'authenticated');
    token = signedIn.status === 'authenticated' ? signedIn.session.token : undefined;
    assert.equal((await client.session()).account.phone, '+86 138****8000');
    await client.logout();
    await assert.rejects(
      client.session(),
      (error: unknown) => error instanceof ApiError && error.code === 'unauthenticated',
    );
  });

  test('raw fetch: cookie session, CORS preflight, and the Origin check', async () => {
    const h2 = h;
    const registered = await registerJd(h2, 'sock-user1', '+8613900139000');
    const preflight = await fetch(`${base}/api/jdcloud/session`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://console.example.com', 'Access-Control-Request-Method': 'DELETE' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://console.example.com');

    const login = await fetch(`${base}/api/jdcloud/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: 'sock-user1', password: 'Secret-123' }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const denied = await fetch(`${base}/api/jdcloud/session`, {
      method: 'DELETE',
      headers: { Cookie: cookie, Origin: 'https://evil.example' },
    });
    assert.equal(denied.status, 403);
    assert.equal(((await denied.json()) as any).error.code, 'origin_not_allowed');
    const allowed = await fetch(`${base}/api/jdcloud/session`, {
      method: 'DELETE',
      headers: { Cookie: cookie, Origin: 'https://console.example.com' },
    });
    assert.equal(allowed.status, 204);
    assert.equal((await fetch(`${base}/api/jdcloud/session`, { headers: { Cookie: cookie } })).status, 401);
    assert.equal(
      (
        await fetch(`${base}/api/jdcloud/session`, {
          headers: { Authorization: `Bearer ${registered.session.token}` },
        })
      ).status,
      200,
    );
  });
});

describe('restart persistence', () => {
  test('close the store, reopen it: the account and the session still work', async () => {
    const h = await createHarness();
    try {
      const registered = await registerJd(h, 'keep-me01', PHONE);
      const ticketless = await h.post('/api/jdcloud/sessions', {
        identifier: 'keep-me01',
        password: 'Secret-123',
      });
      await h.restart();
      assert.equal((await h.get('/api/jdcloud/session', { token: registered.session.token })).status, 200);
      assert.equal(
        (await h.get('/api/jdcloud/session', { token: ticketless.body.session.token })).status,
        200,
      );
      assert.equal(
        (await h.post('/api/jdcloud/sessions', { identifier: 'keep-me01', password: 'Secret-123' })).status,
        200,
      );
      // Uniqueness survives too.
      h.clock.advance(61);
      const code = await h.code('jdcloud', PHONE);
      const dup = await h.post('/api/jdcloud/accounts', {
        accountName: 'KEEP-ME01',
        password: 'Secret-123',
        phone: PHONE,
        code,
        agreements: true,
      });
      assert.equal(dup.body.error.code, 'account_name_taken');
    } finally {
      await h.close();
    }
  });
});

describe('email over a real SMTP server', () => {
  test('the verification link is read from the received message and followed', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (data += chunk));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    const sender = createSmtpEmailSender(
      { host: '127.0.0.1', port, secure: false, ignoreTLS: true },
      'auth@example.com',
    );
    const h = await createHarness({ senders: { email: sender } });
    try {
      const { session } = await registerJd(h, 'mail-user1', PHONE);
      const sent = await h.post(
        '/api/jdcloud/account/email',
        { email: 'inbox@example.com', currentPassword: 'Secret-123' },
        { token: session.token, headers: { 'Accept-Language': 'en' } },
      );
      assert.equal(sent.status, 202);
      assert.equal(received.length, 1);
      // Not in the outbox: it went over SMTP.
      assert.equal((await h.outbox('jdcloud', 'inbox@example.com')).length, 0);
      const message = received[0]!;
      assert.match(message, /^To: inbox@example\.com/im);
      const body = message
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      const link = /https?:\/\/\S+\/email\/verify\?token=[A-Za-z0-9_-]+/.exec(body)?.[0];
      assert.ok(link, body);
      const url = new URL(link);
      const verified = await h.post(url.pathname, { token: url.searchParams.get('token') });
      assert.equal(verified.status, 200);
      assert.equal(verified.body.account.email, 'inbox@example.com');
      assert.equal(verified.body.account.emailVerified, true);
    } finally {
      sender.close();
      await h.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

describe('CLI', () => {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const tsx = fileURLToPath(import.meta.resolve('tsx'));

  function start(
    dataDir: string,
    env: Record<string, string> = {},
  ): Promise<{ child: ChildProcess; base: string; lines: string[] }> {
    const child = spawn(process.execPath, ['--conditions=cloud-login-source', '--import', tsx, cli], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEV_MODE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start: ${lines.join('\n')}`)), 15_000);
      child.stderr!.on('data', (chunk) => lines.push(String(chunk)));
      child.stdout!.on('data', (chunk) => {
        for (const line of String(chunk).split('\n')) {
          lines.push(line);
          const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve({ child, base: match[1]!, lines });
          }
        }
      });
      child.on('exit', (code) => reject(new Error(`CLI exited (${code}): ${lines.join('\n')}`)));
    });
  }

  const stop = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });

  test('npm start’s CLI logs each request, stops cleanly on SIGTERM and keeps accounts and sessions', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cl-cli-test-'));
    try {
      const first = await start(dataDir);
      const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${first.base}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      assert.equal((await fetch(`${first.base}/api/jdcloud/config`)).status, 200);
      assert.equal(
        (await json('/api/jdcloud/codes', { phone: PHONE, channel: 'sms', purpose: 'register' })).status,
        202,
      );
      const outbox = (await (
        await fetch(`${first.base}/api/jdcloud/dev/outbox?to=%2B8613800138000`)
      ).json()) as any;
      const registered = (await (
        await json('/api/jdcloud/accounts', {
          accountName: 'cli-user1',
          password: 'Secret-123',
          phone: PHONE,
          code: outbox.messages[0].code,
          agreements: true,
        })
      ).json()) as any;
      assert.equal(registered.status, 'authenticated');
      assert.equal(await stop(first.child), 0);
      assert.ok(
        first.lines.some((line) => /^POST \/api\/jdcloud\/accounts 201 \d+(\.\d+)?ms$/.test(line)),
        first.lines.join('\n'),
      );
      assert.ok(!first.lines.some((line) => line.includes('?to=')), 'query strings stay out of the log');

      const second = await start(dataDir);
      try {
        const me = await fetch(`${second.base}/api/jdcloud/session`, {
          headers: { Authorization: `Bearer ${registered.session.token}` },
        });
        assert.equal(me.status, 200);
        const login = await fetch(`${second.base}/api/jdcloud/sessions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ identifier: 'cli-user1', password: 'Secret-123' }),
        });
        assert.equal(login.status, 200);
      } finally {
        assert.equal(await stop(second.child), 0);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('REGISTER_PER_ADDRESS sets the registrations an hour per client address; a bad value stops the start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cl-cli-test-'));
    try {
      const server = await start(dataDir, { REGISTER_PER_ADDRESS: '2' });
      try {
        const register = (i: number) =>
          fetch(`${server.base}/api/default/accounts`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: `cli-${i}@example.com`, password: 'plenty-long-pass' }),
          });
        assert.equal((await register(1)).status, 201);
        assert.equal((await register(2)).status, 201);
        const third = await register(3);
        assert.equal(third.status, 429);
        assert.equal(((await third.json()) as any).error.code, 'rate_limited');
      } finally {
        assert.equal(await stop(server.child), 0);
      }
      const refused = spawnSync(process.execPath, ['--conditions=cloud-login-source', '--import', tsx, cli], {
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          REGISTER_PER_ADDRESS: 'lots',
        },
        encoding: 'utf8',
      });
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /REGISTER_PER_ADDRESS must be a whole number/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
