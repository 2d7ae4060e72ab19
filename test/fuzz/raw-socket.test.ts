/**
 * Bad input (issue 6), below HTTP: raw bytes on a socket — request lines, headers and framing
 * Node's parser must reject. The oracle: never a 5xx, nothing logged as an unexpected error, and
 * the server healthy afterwards. The seeded request fuzzing is in endpoints.test.ts.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { figure, type AppServer } from '../support/server.ts';
import { assertHealthy, errorsSince, startFuzzApp } from './support.ts';

describe('fuzz: malformed requests to every endpoint', () => {
  let s: AppServer;

  before(async () => {
    s = await startFuzzApp();
  });

  after(async () => {
    await s.close();
  });

  test('raw bytes on the socket: Node refuses bad framing, the app never answers 5xx', async () => {
    const base = new URL(s.base);
    // A loopback Host, so the payloads reach the app past dev mode's Host check.
    const errorsBefore = s.errors.length;
    const raw = [
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/qr/\xff\xfe\xc0\xaf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/\xe4\xbd\xa0/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/email/verify?token=\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n',
      'GET /api/jdcloud/dev/outbox?to=%ff%fe%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/session HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: cl_session_jdcloud=\xff\xfe\r\n\r\n',
      'GET /api/jdcloud/session HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \xff\xfe\xfd\r\n\r\n',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a":',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
      'POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n{}',
      `POST /api/jdcloud/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${200_000}\r\n\r\n${'['.repeat(200_000)}`,
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ' + 'a'.repeat(20_000) + '\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Folded: a\r\n b\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\nHost: 127.0.0.1\n\n',
      'GET /api/jdcloud/config HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/config\r\n\r\n',
      'BREW /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\x00: x\r\n\r\n',
      'GET http://evil.example/api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/jdcloud/config HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /api/jdcloud/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      '\xff\xfe\xfd\r\n\r\n',
      '',
    ];
    // Each on its own connection, all at once; `Connection: close` so a complete answer ends it,
    // and a request the server is still waiting on is given up after a second.
    const answers = await Promise.all(
      raw.map(
        (text) =>
          new Promise<{ text: string; statuses: number[] }>((resolve) => {
            const bytes = text.replace(
              /(\r?\n)Host: 127\.0\.0\.1(\r?\n)/,
              '$1Host: 127.0.0.1$2Connection: close$2',
            );
            const socket = connect(Number(base.port), base.hostname);
            let data = '';
            socket.setTimeout(1000, () => socket.destroy());
            socket.on('data', (chunk) => (data += chunk.toString('latin1')));
            socket.on('close', () =>
              resolve({
                text,
                statuses: [...data.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1])),
              }),
            );
            socket.on('error', () => {});
            socket.write(Buffer.from(bytes, 'latin1'));
          }),
      ),
    );
    const seen: number[] = [];
    for (const { text, statuses } of answers) {
      for (const status of statuses)
        assert.ok(status < 500, `${JSON.stringify(text.slice(0, 80))} → ${status}`);
      seen.push(...statuses);
    }
    assert.deepEqual(errorsSince(s, errorsBefore), []);
    figure(`fuzz: ${raw.length} raw socket payloads → statuses ${JSON.stringify(seen)}`);
  });

  test('healthy afterwards: every preset answers, registration and sign-in work, the data file reads', async () => {
    await assertHealthy(s);
  });
});
