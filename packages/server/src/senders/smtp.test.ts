import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createSmtpEmailSender } from './smtp.ts';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
async function startSmtpServer(): Promise<{
  port: number;
  received: Received[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(
        address.address.endsWith('@blocked.example') ? new Error('550 mailbox unavailable') : undefined,
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Headers and decoded body of a single-part message (what a text-only nodemailer mail is). */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  } else {
    body = Buffer.from(body, 'latin1').toString('utf8');
  }
  return { headers, body };
}

test('email through a real SMTP server: the link comes out intact', async () => {
  const smtp = await startSmtpServer();
  const sender = createSmtpEmailSender(
    { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
    'Cloud Login <no-reply@example.com>',
  );
  try {
    // Long enough that quoted-printable would wrap it, with '=' that it would escape.
    const link = `http://127.0.0.1:8787/api/jdcloud/email/verify?token=${'Ab_-'.repeat(11)}&returnTo=${encodeURIComponent('https://console.example.com/home?tab=1')}`;
    await sender.send({
      to: 'user@example.com',
      purpose: 'verify',
      link,
      subject: 'Verify your security email',
      text: `请在 2 小时内打开此链接验证邮箱 / Open this link within 2 hours:\n\n${link}\n`,
      locale: 'zh-CN',
    });
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    assert.equal(mail.from, 'no-reply@example.com');
    assert.deepEqual(mail.to, ['user@example.com']);
    const { headers, body } = parseMessage(mail.raw);
    assert.equal(headers.get('subject'), 'Verify your security email');
    assert.equal(headers.get('content-language'), 'zh-CN');
    assert.ok(body.includes('请在 2 小时内打开此链接验证邮箱'));
    const found = /https?:\/\/\S+/.exec(body)?.[0];
    assert.equal(found, link);
    assert.equal(new URL(found!).searchParams.get('token'), 'Ab_-'.repeat(11));
  } finally {
    sender.close();
    await smtp.close();
  }
});

test('a refused recipient or an unreachable server is an error, not a silent loss', async () => {
  const smtp = await startSmtpServer();
  const options = { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true };
  const sender = createSmtpEmailSender(options, 'no-reply@example.com');
  try {
    await assert.rejects(
      sender.send({ to: 'user@blocked.example', purpose: 'verify', text: 'x', locale: 'en' }),
      /mailbox unavailable/,
    );
    assert.equal(smtp.received.length, 0);
  } finally {
    sender.close();
    await smtp.close();
  }
  const down = createSmtpEmailSender({ ...options, connectionTimeout: 2000 }, 'no-reply@example.com');
  await assert.rejects(
    down.send({ to: 'user@example.com', purpose: 'verify', text: 'x', locale: 'en' }),
    /ECONNREFUSED/,
  );
  down.close();
});
