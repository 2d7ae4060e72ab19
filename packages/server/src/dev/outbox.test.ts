import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryStore } from '../store/index.ts';
import { createOutboxSenders } from './outbox.ts';
import { devStoreOf } from './store.ts';

test('the dev outbox keeps what each channel sends, newest first', async () => {
  const store = await createMemoryStore();
  const senders = createOutboxSenders(store);
  await senders.sms.send({
    to: '+8613800138000',
    purpose: 'register',
    code: '123456',
    text: 'Your code is 123456',
    locale: 'en',
    provider: 'jdcloud',
  });
  await senders.voice.send({
    to: '+8613800138000',
    purpose: 'login',
    code: '654321',
    text: '您的验证码是 654321',
    locale: 'zh-CN',
    provider: 'jdcloud',
  });
  await senders.email.send({
    to: 'a@example.com',
    purpose: 'verify',
    link: 'http://127.0.0.1:8787/api/jdcloud/email/verify?token=abc',
    subject: 'Verify your email',
    text: 'Open http://127.0.0.1:8787/api/jdcloud/email/verify?token=abc',
    locale: 'en',
    provider: 'jdcloud',
  });

  const messages = await devStoreOf(store).outbox.list({ provider: 'jdcloud' });
  assert.deepEqual(
    messages.map((m) => [m.channel, m.to, m.purpose, m.code ?? m.link]),
    [
      ['email', 'a@example.com', 'verify', 'http://127.0.0.1:8787/api/jdcloud/email/verify?token=abc'],
      ['voice', '+8613800138000', 'login', '654321'],
      ['sms', '+8613800138000', 'register', '123456'],
    ],
  );
  assert.equal(messages[0]?.subject, 'Verify your email');
  assert.equal(messages[1]?.text, '您的验证码是 654321');
  assert.ok(!Number.isNaN(Date.parse(messages[0]!.sentAt)));
  await store.close();
});
