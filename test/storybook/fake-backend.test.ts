// The Storybook fake must speak the contract the real server speaks, or the stories would show
// states the product never reaches. Each answer goes through the real core client and is
// checked against the contract's schemas (packages/core/src/api.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  AuthenticatedSchema,
  ChooseAccountSchema,
  CodeSentSchema,
  CodeVerifiedSchema,
  ConfigSchema,
  NeedsProfileSchema,
  AccountSchema,
  ActivationSentSchema,
  QrCreatedSchema,
  PROVIDER_IDS,
} from '@cloud-login/core';
import {
  createFakeBackend,
  FakeBackend,
  FAKE_CODE,
  FAKE_PASSWORD,
  PHONES,
} from '../../stories/support/fake-backend.ts';
import { fakeOf, refusal } from './fake-backend.testing.ts';

test('GET /config answers the contract shape for every preset', async () => {
  for (const provider of PROVIDER_IDS) {
    const config = await fakeOf(provider).client.config();
    z.parse(ConfigSchema, config);
    assert.equal(config.provider, provider);
  }
});

test('JD registration: code, account, security email; taken names and wrong codes refused', async () => {
  const { fake, client } = fakeOf('jdcloud');
  z.parse(
    CodeSentSchema,
    await client.sendCode({ phone: PHONES.fresh, channel: 'sms', purpose: 'register' }),
  );
  assert.equal(fake.lastMessage(PHONES.fresh)?.code, FAKE_CODE);

  const cooldown = await refusal(
    client.sendCode({ phone: PHONES.fresh, channel: 'voice', purpose: 'register' }),
  );
  assert.equal(cooldown.code, 'code_cooldown');
  assert.ok(cooldown.retryAfter && cooldown.retryAfter > 0 && cooldown.retryAfter <= 60);

  const base = { accountName: 'new-user', password: 'Abc123!x', phone: PHONES.fresh, agreements: true };
  assert.equal((await refusal(client.register({ ...base, code: '654321' }))).code, 'invalid_code');
  assert.equal(
    (await refusal(client.register({ ...base, code: FAKE_CODE, agreements: false }))).code,
    'agreements_required',
  );
  const taken = await refusal(client.register({ ...base, accountName: 'Cloud-Dev', code: FAKE_CODE }));
  assert.equal(taken.code, 'account_name_taken');
  assert.equal(taken.field, 'accountName');
  const weak = await refusal(client.register({ ...base, password: 'abcdefg', code: FAKE_CODE }));
  assert.equal(weak.code, 'validation_failed');
  assert.equal(weak.issues?.[0]?.path, 'password');

  const created = z.parse(AuthenticatedSchema, await client.register({ ...base, code: FAKE_CODE }));
  assert.equal(created.account.accountName, 'new-user');
  assert.equal(created.account.phone, '+86 137****7000');
  // Right after registering, the security email needs no other proof, as on the server.
  assert.deepEqual(await client.requestEmail({ email: 'me@example.com' }), { expiresIn: 7200 });
});

test('QingCloud registration: the code proven at its step (POST /codes/verify), its ticket at the end', async () => {
  const { client } = fakeOf('qingcloud');
  await client.sendCode({ phone: PHONES.fresh, channel: 'sms', purpose: 'register' });
  const wrong = await refusal(
    client.verifyCode({ phone: PHONES.fresh, purpose: 'register', code: '654321' }),
  );
  assert.equal(wrong.code, 'invalid_code');
  assert.equal(wrong.field, 'code');
  const proven = z.parse(
    CodeVerifiedSchema,
    await client.verifyCode({ phone: PHONES.fresh, purpose: 'register', code: FAKE_CODE }),
  );
  const body = { phone: PHONES.fresh, password: 'qing2024pass', agreements: true };
  z.parse(AuthenticatedSchema, await client.register({ ...body, codeTicket: proven.codeTicket }));
  assert.equal(
    (await refusal(client.register({ ...body, codeTicket: proven.codeTicket }))).code,
    'code_expired',
  );
});

test('password login: same answer for unknown and wrong, legacy and non-loginable identifiers', async () => {
  const { client } = fakeOf('jdcloud');
  assert.equal(
    (await refusal(client.login({ identifier: 'nobody', password: FAKE_PASSWORD }))).code,
    'invalid_credentials',
  );
  assert.equal(
    (await refusal(client.login({ identifier: 'cloud-dev', password: 'wrong' }))).code,
    'invalid_credentials',
  );
  assert.equal(
    (await refusal(client.login({ identifier: 'jd_legacy_user', password: 'x' }))).code,
    'use_parent_login',
  );
  assert.equal(
    (await refusal(client.login({ identifier: 'ops@example.com', password: FAKE_PASSWORD }))).code,
    'identifier_not_loginable',
  );
  assert.equal(
    (await refusal(client.login({ identifier: 'ops@example.com', password: 'not-the-password' }))).code,
    'invalid_credentials',
  );
  z.parse(AuthenticatedSchema, await client.login({ identifier: 'cloud-dev', password: FAKE_PASSWORD }));
  z.parse(AuthenticatedSchema, await client.login({ identifier: PHONES.shared, password: FAKE_PASSWORD }));
});

test('QingCloud: a shared phone gives the account chooser, by password and by SMS', async () => {
  const { client } = fakeOf('qingcloud');
  const chooser = z.parse(
    ChooseAccountSchema,
    await client.login({ identifier: PHONES.shared, password: FAKE_PASSWORD }),
  );
  // Three with an email, two with the phone alone (told apart by id, creation and last sign-in).
  assert.equal(chooser.accounts.length, 5);
  const phoneOnly = chooser.accounts.filter((account) => account.label === '+86 138****8000');
  assert.equal(phoneOnly.length, 2);
  assert.notEqual(phoneOnly[0]!.createdAt, phoneOnly[1]!.createdAt);
  assert.ok(chooser.accounts.every((account) => account.createdAt));
  const picked = z.parse(
    AuthenticatedSchema,
    await client.continue({ ticket: chooser.ticket, accountId: chooser.accounts[1]!.id }),
  );
  assert.equal(picked.account.id, chooser.accounts[1]!.id);
  assert.equal(
    (await refusal(client.continue({ ticket: chooser.ticket, accountId: chooser.accounts[0]!.id }))).code,
    'ticket_expired',
  );

  await client.sendCode({ phone: PHONES.shared, channel: 'sms', purpose: 'login' });
  z.parse(ChooseAccountSchema, await client.loginSms({ phone: PHONES.shared, code: FAKE_CODE }));
  z.parse(
    AuthenticatedSchema,
    await client.loginSubaccount({ email: 'sub@example.com', password: FAKE_PASSWORD }),
  );
});

test('Tencent: activation_sent, then needs_profile (industry), then signed in', async () => {
  const { fake, client } = fakeOf('tencentcloud');
  const sent = z.parse(
    ActivationSentSchema,
    await client.register({ email: 'New@Example.com', password: 'abc123', agreements: true }),
  );
  assert.equal(sent.email, 'new@example.com');
  const link = fake.lastMessage('new@example.com')?.link;
  assert.ok(link);
  const profile = z.parse(
    NeedsProfileSchema,
    await client.verifyEmail(new URL(link).searchParams.get('token')!),
  );
  assert.deepEqual(profile.required, ['industry']);
  z.parse(AuthenticatedSchema, await client.continue({ ticket: profile.ticket, industry: 'gaming' }));
  assert.equal(
    (await refusal(client.register({ email: 'dev@example.com', password: 'abc123', agreements: true }))).code,
    'email_taken',
  );
});

test('forced errors, network failures and hanging calls', async () => {
  const { fake, client } = fakeOf('default');
  fake.failNext('/codes', 'rate_limited', { retryAfter: 30 });
  const limited = await refusal(client.sendCode({ phone: PHONES.us, channel: 'sms', purpose: 'login' }));
  assert.equal(limited.status, 429);
  assert.equal(limited.retryAfter, 30);
  fake.failNext('POST /sessions', 'network_error');
  assert.equal((await refusal(client.login({ identifier: 'a@b.c', password: 'x' }))).code, 'network_error');
  fake.hang('/config');
  const outcome = await Promise.race([
    client.config().then(() => 'answered'),
    new Promise((r) => setTimeout(() => r('pending'), 50)),
  ]);
  assert.equal(outcome, 'pending');
  z.parse(ConfigSchema, await client.config());
  z.parse(QrCreatedSchema, await client.createQr());
});

test('Tencent resend: the same request sends a new link after the cooldown, another password is email_taken', async () => {
  const { client } = fakeOf('tencentcloud');
  const body = { email: 'later@example.com', password: 'abc123', agreements: true };
  await client.register(body);
  const cooldown = await refusal(client.register(body));
  assert.equal(cooldown.code, 'code_cooldown');
  assert.equal((await refusal(client.register({ ...body, password: 'other123' }))).code, 'email_taken');

  const quick = createFakeBackend({ provider: 'tencentcloud', overrides: { code: { resendAfter: 1 } } });
  await quick.client().register(body);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  z.parse(ActivationSentSchema, await quick.client().register(body));
  assert.equal(quick.outbox.filter((m) => m.to === 'later@example.com').length, 2);
});

test('failNext with skip fails a later call, not the next one', async () => {
  const { fake, client } = fakeOf('default');
  fake.failNext('GET /config', 'rate_limited', { skip: 1, retryAfter: 5 });
  z.parse(ConfigSchema, await client.config());
  assert.equal((await refusal(client.config())).code, 'rate_limited');
  z.parse(ConfigSchema, await client.config());
});

test('third-party login, JD: bound identity signs in; first time walks phone → bind or create; refusals keep the step', async () => {
  const { fake, client } = fakeOf('jdcloud');
  const bound = z.parse(
    AuthenticatedSchema,
    await client.continue({
      ticket: fake.connectionTicket('wechat', FakeBackend.subjectOf('wechat', 'acc-jd-dev')),
    }),
  );
  assert.equal(bound.account.id, 'acc-jd-dev');

  const phoneStep = z.parse(
    NeedsProfileSchema,
    await client.continue({ ticket: fake.connectionTicket('wechat', 'wechat:newcomer', '小云') }),
  );
  assert.deepEqual(phoneStep.required, ['phone', 'code', 'agreements']);
  assert.equal(phoneStep.nickname, '小云');
  await client.sendCode({ phone: PHONES.shared, channel: 'sms', purpose: 'bind' });
  assert.equal(
    (
      await refusal(
        client.continue({ ticket: phoneStep.ticket, phone: PHONES.shared, code: '654321', agreements: true }),
      )
    ).code,
    'invalid_code',
  );
  assert.equal(
    (await refusal(client.continue({ ticket: phoneStep.ticket, phone: PHONES.shared, code: FAKE_CODE })))
      .code,
    'agreements_required',
  );
  // The refused step's ticket still works.
  const chooser = z.parse(
    ChooseAccountSchema,
    await client.continue({
      ticket: phoneStep.ticket,
      phone: PHONES.shared,
      code: FAKE_CODE,
      agreements: true,
    }),
  );
  assert.equal(chooser.createNew, true);
  assert.equal(chooser.nickname, '小云');
  const already = await refusal(client.continue({ ticket: chooser.ticket, accountId: 'acc-jd-dev' }));
  assert.equal(already.code, 'already_bound');
  // seed 002: "create a new account" makes it at once, with a generated name and no password.
  const done = z.parse(
    AuthenticatedSchema,
    await client.continue({ ticket: chooser.ticket, createNew: true }),
  );
  assert.deepEqual(done.account.connections, ['wechat']);
  assert.equal(done.account.accountNameGenerated, true);
  assert.equal(done.account.hasPassword, false);
  assert.deepEqual(done.account.connectionNames, [{ idp: 'wechat', nickname: '小云' }]);

  // A legacy JD account cannot bind until upgraded.
  const again = z.parse(NeedsProfileSchema, await client.continue({ ticket: fake.connectionTicket('qq') }));
  await client.sendCode({ phone: PHONES.single, channel: 'sms', purpose: 'bind' });
  const legacy = z.parse(
    ChooseAccountSchema,
    await client.continue({ ticket: again.ticket, phone: PHONES.single, code: FAKE_CODE, agreements: true }),
  );
  assert.equal(
    (await refusal(client.continue({ ticket: legacy.ticket, accountId: 'acc-jd-legacy' }))).code,
    'legacy_account_cannot_bind',
  );
});

test('third-party login, Tencent and classic: phone limit, email, industry; the enable-service form', async () => {
  const { fake: tencent, client } = fakeOf('tencentcloud');
  const phoneStep = z.parse(
    NeedsProfileSchema,
    await client.continue({ ticket: tencent.connectionTicket('wechat') }),
  );
  assert.equal(
    (await refusal(client.continue({ ticket: phoneStep.ticket, phone: PHONES.shared, code: FAKE_CODE })))
      .code,
    'phone_account_limit',
  );
  await client.sendCode({ phone: PHONES.fresh, channel: 'sms', purpose: 'bind' });
  const email = z.parse(
    NeedsProfileSchema,
    await client.continue({ ticket: phoneStep.ticket, phone: PHONES.fresh, code: FAKE_CODE }),
  );
  assert.deepEqual(email.required, ['email']);
  const industry = z.parse(
    NeedsProfileSchema,
    await client.continue({ ticket: email.ticket, email: 'wx@example.com' }),
  );
  assert.deepEqual(industry.required, ['industry', 'agreements']);
  z.parse(
    AuthenticatedSchema,
    await client.continue({ ticket: industry.ticket, industry: 'education', agreements: ['service'] }),
  );

  const classic = createFakeBackend({ provider: 'jdcloud-classic' });
  const service = z.parse(
    NeedsProfileSchema,
    await classic.client().continue({ ticket: classic.connectionTicket('jd') }),
  );
  assert.deepEqual(service.optional, ['contactEmail', 'recommendationCode']);
  // 001: the JD account's phone starts the contact phone.
  assert.deepEqual(service.prefill, { contactPhone: PHONES.shared });
  const agreements = ['jd-registration', 'privacy', 'service'];
  const bad = await refusal(
    classic.client().continue({
      ticket: service.ticket,
      contactPhone: PHONES.hongKong,
      recommendationCode: 'no spaces',
      agreements,
    }),
  );
  assert.equal(bad.issues?.[0]?.path, 'recommendationCode');
  z.parse(
    AuthenticatedSchema,
    await classic.client().continue({ ticket: service.ticket, contactPhone: PHONES.hongKong, agreements }),
  );
});

test('contact details (001): PATCH /account/contact keeps what is left out, clears a blank email, asks for the proof', async () => {
  const fake = createFakeBackend({ provider: 'jdcloud-classic' });
  fake.signIn('acc-classic-dev');
  const client = fake.client();
  const change = (body: Record<string, unknown>) =>
    client.request<{ account: unknown }>('PATCH', '/account/contact', body);
  assert.equal((await refusal(change({ contactEmail: '' }))).code, 'reauth_required');
  const bad = await refusal(change({ contactPhone: PHONES.us, currentPassword: FAKE_PASSWORD }));
  assert.equal(bad.issues?.[0]?.path, 'contactPhone');
  const { account } = await change({ contactEmail: '', currentPassword: FAKE_PASSWORD });
  const parsed = z.parse(AccountSchema, account);
  assert.equal(parsed.contactEmail, undefined);
  assert.match(parsed.contactPhone ?? '', /^\+852 /);
});
