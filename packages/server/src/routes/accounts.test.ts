/**
 * `POST /accounts`: each registration flow end to end (JD Cloud, JD Cloud classic, QingCloud,
 * Tencent Cloud with activation and industry, `default` by email and by phone), with codes and
 * links read from the dev outbox, and the errors registration can answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashSecret } from '../crypto.ts';
import {
  createHarness,
  followEmailLink,
  registerJd,
  spendEmailLink,
  tokenOf,
  type Harness,
} from '../testing.ts';

/** The secret a registering tab keeps; its hash goes with the registration. */
const FLOW_SECRET = 'registering-tab-secret';

const PHONE = '+8613800138000';

async function signIn(h: Harness, provider: string, identifier: string, password: string) {
  return h.post(`/api/${provider}/sessions`, { identifier, password });
}

describe('register, JD Cloud', () => {
  test('name + password → phone + code → agreements: created, signed in, cookie set; the phone logs in', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('jdcloud', PHONE);
      const answer = await h.post('/api/jdcloud/accounts', {
        accountName: 'Alice-01',
        password: 'Secret-123',
        phone: PHONE,
        code,
        agreements: ['service', 'privacy'],
      });
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.status, 'authenticated');
      const account = answer.body.account;
      assert.equal(account.accountName, 'Alice-01');
      assert.equal(account.phone, '+86 138****8000');
      assert.deepEqual(account.loginIdentifiers, ['accountName', 'phone']);
      assert.equal(account.hasPassword, true);
      assert.equal(account.kind, 'main');
      assert.equal(account.legacy, false);
      assert.match(answer.body.session.token, /^[A-Za-z0-9_-]{43}$/);
      const cookie = answer.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^cl_session_jdcloud=/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.ok(cookie.includes(answer.body.session.token));
      // Nothing secret leaks into the public view.
      assert.ok(!answer.text.includes('passwordHash') && !answer.text.includes('argon2'));

      assert.equal((await signIn(h, 'jdcloud', 'alice-01', 'Secret-123')).status, 200, 'name, case-folded');
      assert.equal((await signIn(h, 'jdcloud', PHONE, 'Secret-123')).status, 200, 'phone');
      assert.equal(
        (await signIn(h, 'jdcloud', '13800138000', 'Secret-123')).status,
        200,
        'phone typed without +86',
      );
    } finally {
      await h.close();
    }
  });

  test('a second account on the same phone: the phone stays the first account’s login identifier', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'first-acct', PHONE, 'First-pw1');
      h.clock.advance(61);
      const second = await registerJd(h, 'second-acct', PHONE, 'Second-pw2');
      assert.deepEqual(second.account.loginIdentifiers, ['accountName']);
      const byPhone = await signIn(h, 'jdcloud', PHONE, 'First-pw1');
      assert.equal(byPhone.body.account.accountName, 'first-acct');
      const wrongOwner = await signIn(h, 'jdcloud', PHONE, 'Second-pw2');
      assert.equal(wrongOwner.status, 401);
      assert.equal(wrongOwner.body.error.code, 'invalid_credentials');
      assert.equal((await signIn(h, 'jdcloud', 'second-acct', 'Second-pw2')).status, 200);
    } finally {
      await h.close();
    }
  });

  test('rule failures answer validation_failed with the rule codes of core', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/jdcloud/accounts', {
        accountName: '12345',
        password: 'abcdefg',
        phone: '+85291234567',
        code: '123456',
        agreements: true,
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'validation_failed');
      const byPath = Object.fromEntries(
        answer.body.error.issues.map((issue: any) => [issue.path, issue.code]),
      );
      assert.deepEqual(byPath, {
        accountName: 'account_name_digits_only',
        password: 'password_digit',
        phone: 'phone_region_not_allowed',
      });
      const missing = await h.post('/api/jdcloud/accounts', { agreements: true });
      assert.deepEqual(missing.body.error.issues.map((issue: any) => `${issue.path}:${issue.code}`).sort(), [
        'accountName:field_required',
        'code:field_required',
        'password:field_required',
        'phone:field_required',
      ]);
      const sameAsName = await h.post('/api/jdcloud/accounts', {
        accountName: 'Abc-1234',
        password: 'abc-1234',
        phone: PHONE,
        code: '123456',
        agreements: true,
      });
      assert.equal(sameAsName.body.error.issues[0].code, 'password_account_name');
    } finally {
      await h.close();
    }
  });

  test('agreements not accepted → agreements_required (and the code is not spent)', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('jdcloud', PHONE);
      for (const agreements of [undefined, false, ['service'], []]) {
        const answer = await h.post('/api/jdcloud/accounts', {
          accountName: 'alice-01',
          password: 'Secret-123',
          phone: PHONE,
          code,
          agreements,
        });
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.code, 'agreements_required');
        assert.equal(answer.body.error.field, 'agreements');
      }
      const ok = await h.post('/api/jdcloud/accounts', {
        accountName: 'alice-01',
        password: 'Secret-123',
        phone: PHONE,
        code,
        agreements: true,
      });
      assert.equal(ok.status, 201);
    } finally {
      await h.close();
    }
  });

  test('account_name_taken, compared after NFKC + case-fold; checked before the code is spent', async () => {
    const h = await createHarness();
    try {
      await registerJd(h, 'Alice-01', PHONE);
      h.clock.advance(61);
      const code = await h.code('jdcloud', '+8613900139000');
      for (const accountName of ['alice-01', 'ＡＬＩＣＥ-01']) {
        const answer = await h.post('/api/jdcloud/accounts', {
          accountName,
          password: 'Secret-123',
          phone: '+8613900139000',
          code,
          agreements: true,
        });
        if (accountName === 'alice-01') {
          assert.equal(answer.status, 409);
          assert.equal(answer.body.error.code, 'account_name_taken');
          assert.equal(answer.body.error.field, 'accountName');
        } else {
          // Full-width letters are refused as typed (core's rule), never silently folded.
          assert.equal(answer.status, 400);
        }
      }
      const fresh = await h.post('/api/jdcloud/accounts', {
        accountName: 'bob-02',
        password: 'Secret-123',
        phone: '+8613900139000',
        code,
        agreements: true,
      });
      assert.equal(fresh.status, 201);
    } finally {
      await h.close();
    }
  });

  test('parallel registrations of one name create exactly one account', async () => {
    const h = await createHarness();
    try {
      const phones = Array.from({ length: 6 }, (_, i) => `+86139001390${String(i).padStart(2, '0')}`);
      const codes: string[] = [];
      for (const phone of phones) codes.push(await h.code('jdcloud', phone));
      const answers = await Promise.all(
        phones.map((phone, i) =>
          h.post('/api/jdcloud/accounts', {
            accountName: 'racer-01',
            password: 'Secret-123',
            phone,
            code: codes[i],
            agreements: true,
          }),
        ),
      );
      assert.equal(answers.filter((a) => a.status === 201).length, 1, answers.map((a) => a.status).join(','));
      for (const answer of answers.filter((a) => a.status !== 201))
        assert.equal(answer.body.error.code, 'account_name_taken');
      assert.equal(await h.store.accounts.count('jdcloud'), 1);
    } finally {
      await h.close();
    }
  });
});

describe('register, JD Cloud classic', () => {
  test('phone (Hong Kong) + code + agreements → name + password → enable-service fields → signed in', async () => {
    const h = await createHarness();
    try {
      const phone = '+85291234567';
      const code = await h.code('jdcloud-classic', phone);
      const answer = await h.post('/api/jdcloud-classic/accounts', {
        phone,
        code,
        agreements: true,
        accountName: '京东用户01',
        password: 'abcdef',
        contactPhone: '+853 6612 3456',
        contactEmail: 'Ops@Example.com',
        recommendationCode: 'SALES-42',
      });
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.account.accountName, '京东用户01');
      const stored = await h.store.accounts.get(answer.body.account.id);
      assert.equal(stored!.contactPhone, '+85366123456');
      assert.equal(stored!.contactEmail, 'ops@example.com');
      assert.equal(stored!.recommendationCode, 'SALES-42');
      assert.deepEqual(stored!.agreements, ['jd-registration', 'privacy', 'service']);
      assert.equal((await signIn(h, 'jdcloud-classic', '京东用户01', 'abcdef')).status, 200);
    } finally {
      await h.close();
    }
  });

  test('contact phone is required, recommendation code optional; bad values are field issues', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/jdcloud-classic/accounts', {
        phone: '+8613800138000',
        code: '123456',
        agreements: true,
        accountName: 'user-01',
        password: 'abcdef',
        contactEmail: 'nope',
        recommendationCode: 'has spaces',
      });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.error.issues.map((issue: any) => `${issue.path}:${issue.code}`).sort(), [
        'contactEmail:email_invalid',
        'contactPhone:field_required',
        'recommendationCode:recommendation_code_format',
      ]);
    } finally {
      await h.close();
    }
  });
});

describe('register, QingCloud', () => {
  test('phone + code → password → signed in; several accounts may share one phone', async () => {
    const h = await createHarness();
    try {
      const code = await h.code('qingcloud', PHONE);
      const first = await h.post('/api/qingcloud/accounts', {
        phone: PHONE,
        code,
        password: 'pass-word1',
        agreements: true,
      });
      assert.equal(first.status, 201, first.text);
      assert.deepEqual(first.body.account.loginIdentifiers, ['phone']);
      h.clock.advance(61);
      const code2 = await h.code('qingcloud', PHONE);
      const second = await h.post('/api/qingcloud/accounts', {
        phone: PHONE,
        code: code2,
        password: 'pass-word2',
        agreements: true,
      });
      assert.equal(second.status, 201);
      assert.deepEqual(second.body.account.loginIdentifiers, ['phone']);
      const weak = await h.post('/api/qingcloud/accounts', {
        phone: PHONE,
        code: '123456',
        password: 'onlyletters',
        agreements: true,
      });
      assert.equal(weak.body.error.issues[0].code, 'password_kinds');
    } finally {
      await h.close();
    }
  });
});

describe('register, Tencent Cloud', () => {
  test('email + password → activation email → link → industry → signed in and returned to returnTo', async () => {
    const h = await createHarness();
    try {
      const email = 'Dev@Example.com';
      const answer = await h.post('/api/tencentcloud/accounts', {
        email,
        password: 'pass-1234',
        agreements: true,
        returnTo: '/console?tab=1',
      });
      assert.equal(answer.status, 202, answer.text);
      assert.deepEqual(answer.body, { status: 'activation_sent', email: 'dev@example.com' });
      assert.equal(answer.headers.get('set-cookie'), null);

      // Not active yet: password login says this email cannot log in.
      const early = await signIn(h, 'tencentcloud', email, 'pass-1234');
      assert.equal(early.status, 403);
      assert.equal(early.body.error.code, 'identifier_not_loginable');

      const [mail] = await h.outbox('tencentcloud', 'dev@example.com');
      assert.equal(mail!.channel, 'email');
      assert.equal(mail!.purpose, 'activate');
      const verified = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(verified.status, 200, verified.text);
      assert.equal(verified.body.status, 'needs_profile');
      assert.deepEqual(verified.body.required, ['industry']);

      const bad = await h.post('/api/tencentcloud/continue', {
        ticket: verified.body.ticket,
        industry: 'piracy',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.issues[0].path, 'industry');
      const done = await h.post('/api/tencentcloud/continue', {
        ticket: verified.body.ticket,
        industry: 'gaming',
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'authenticated');
      assert.equal(done.body.returnTo, '/console?tab=1');
      assert.equal(done.body.account.industry, 'gaming');
      assert.equal(done.body.account.emailVerified, true);
      assert.deepEqual(done.body.account.loginIdentifiers, ['email']);

      const login = await signIn(h, 'tencentcloud', 'dev@example.com', 'pass-1234');
      assert.equal(login.status, 200);
      assert.equal(login.body.status, 'authenticated');
      // The link worked once.
      const reused = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(reused.status, 410);
      assert.equal(reused.body.error.code, 'link_expired');
    } finally {
      await h.close();
    }
  });

  test('a browser following the link is redirected to returnTo with the ticket in the fragment', async () => {
    const h = await createHarness({ allowedOrigins: ['https://console.example.com'] });
    try {
      const returnTo = 'https://console.example.com/welcome';
      assert.equal(
        (
          await h.post('/api/tencentcloud/accounts', {
            email: 'a@example.com',
            password: 'pass-1234',
            agreements: true,
            returnTo,
            flowHash: hashSecret(FLOW_SECRET),
          })
        ).status,
        202,
      );
      const [mail] = await h.outbox('tencentcloud', 'a@example.com');
      const browser = await followEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(browser.status, 303);
      const location = browser.headers.get('location')!;
      assert.ok(location.startsWith(`${returnTo}#cl_ticket=`), location);
      const ticket = decodeURIComponent(location.split('#cl_ticket=')[1]!);
      const done = await h.post('/api/tencentcloud/continue', {
        ticket,
        industry: 'finance',
        flowSecret: FLOW_SECRET,
      });
      assert.equal(done.body.returnTo, returnTo);
      // An account that skipped the step is asked again at its next sign-in.
    } finally {
      await h.close();
    }
  });

  test('a returnTo outside the allowed origins is refused (no open redirect)', async () => {
    const h = await createHarness();
    try {
      for (const returnTo of [
        'https://evil.example/',
        '//evil.example/x',
        '/\\evil.example',
        'javascript:alert(1)',
      ]) {
        const answer = await h.post('/api/tencentcloud/accounts', {
          email: 'b@example.com',
          password: 'pass-1234',
          agreements: true,
          returnTo,
        });
        assert.equal(answer.status, 400, returnTo);
        assert.equal(answer.body.error.issues[0].path, 'returnTo');
      }
    } finally {
      await h.close();
    }
  });

  test('skipping the industry step: password login answers NeedsProfile until it is given', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'c@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      const [mail] = await h.outbox('tencentcloud', 'c@example.com');
      await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      const login = await signIn(h, 'tencentcloud', 'c@example.com', 'pass-1234');
      assert.equal(login.status, 200);
      assert.equal(login.body.status, 'needs_profile');
      const done = await h.post('/api/tencentcloud/continue', {
        ticket: login.body.ticket,
        industry: 'other',
      });
      assert.equal(done.body.status, 'authenticated');
    } finally {
      await h.close();
    }
  });

  test('resend: same password → new link after the cooldown; another password → a registration of its own; the first link followed wins', async () => {
    const h = await createHarness();
    try {
      const body = { email: 'd@example.com', password: 'pass-1234', agreements: true };
      assert.equal((await h.post('/api/tencentcloud/accounts', body)).status, 202);
      const early = await h.post('/api/tencentcloud/accounts', body);
      assert.equal(early.status, 429);
      assert.equal(early.body.error.code, 'code_cooldown');
      assert.equal(early.body.error.field, 'email', 'an activation email, not a code');
      assert.ok(Number(early.headers.get('retry-after')) > 0);
      h.clock.advance(61);
      assert.equal((await h.post('/api/tencentcloud/accounts', body)).status, 202);
      assert.equal((await h.outbox('tencentcloud', 'd@example.com')).length, 2);
      const [squatterMail] = await h.outbox('tencentcloud', 'd@example.com');

      // Another password: the unverified claim keeps nobody out — a registration of its own.
      const mine = await h.post('/api/tencentcloud/accounts', { ...body, password: 'mine-5678' });
      assert.equal(mine.status, 202, mine.text);
      const [mail] = await h.outbox('tencentcloud', 'd@example.com');
      const verified = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(verified.body.status, 'needs_profile');
      await h.post('/api/tencentcloud/continue', { ticket: verified.body.ticket, industry: 'other' });
      assert.equal((await signIn(h, 'tencentcloud', 'd@example.com', 'mine-5678')).status, 200);
      assert.equal((await signIn(h, 'tencentcloud', 'd@example.com', 'pass-1234')).status, 401);
      // The other registration lost the address: its link activates nothing.
      const late = await spendEmailLink(h, 'tencentcloud', tokenOf(squatterMail));
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'email_taken');
      assert.equal((await h.post('/api/tencentcloud/accounts', body)).body.error.code, 'email_taken');
    } finally {
      await h.close();
    }
  });

  test('an activation link expires after 2 hours → link_expired (JSON) or a 410 page (browser)', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'e@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      const [mail] = await h.outbox('tencentcloud', 'e@example.com');
      h.clock.advance(7201);
      const page = await followEmailLink(h, 'tencentcloud', tokenOf(mail), { 'Accept-Language': 'en' });
      assert.equal(page.status, 410);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.text, /Link expired/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const json = await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      assert.equal(json.status, 410);
      assert.equal(json.body.error.code, 'link_expired');
    } finally {
      await h.close();
    }
  });

  test('an already active email is email_taken', async () => {
    const h = await createHarness();
    try {
      await h.post('/api/tencentcloud/accounts', {
        email: 'f@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      const [mail] = await h.outbox('tencentcloud', 'f@example.com');
      await spendEmailLink(h, 'tencentcloud', tokenOf(mail));
      const again = await h.post('/api/tencentcloud/accounts', {
        email: 'F@example.com',
        password: 'pass-1234',
        agreements: true,
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'email_taken');
    } finally {
      await h.close();
    }
  });
});

describe('register, default preset', () => {
  test('email + password → signed in; the email logs in; email_taken for the same address', async () => {
    const h = await createHarness();
    try {
      const answer = await h.post('/api/default/accounts', {
        email: 'me@example.com',
        password: 'correct horse battery',
      });
      assert.equal(answer.status, 201, answer.text);
      assert.deepEqual(answer.body.account.loginIdentifiers, ['email']);
      assert.equal((await signIn(h, 'default', 'ME@example.com', 'correct horse battery')).status, 200);
      // The registration only claims the address; its link proves it, and a proven address is
      // taken (an unproven one keeps nobody out: test/security/squatting.test.ts).
      const [mail] = await h.outbox('default', 'me@example.com');
      assert.equal(mail?.purpose, 'verify');
      assert.equal((await spendEmailLink(h, 'default', tokenOf(mail))).status, 200);
      const taken = await h.post('/api/default/accounts', {
        email: 'Me@Example.com',
        password: 'another long one',
      });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.code, 'email_taken');
      const common = await h.post('/api/default/accounts', {
        email: 'you@example.com',
        password: 'password123',
      });
      assert.equal(common.body.error.issues[0].code, 'password_common');
    } finally {
      await h.close();
    }
  });

  test('phone + code + password (any region) → signed in; one account per phone → phone_account_limit', async () => {
    const h = await createHarness();
    try {
      const phone = '+14155552671';
      const code = await h.code('default', phone);
      const answer = await h.post('/api/default/accounts', {
        phone,
        code,
        password: 'correct horse battery',
      });
      assert.equal(answer.status, 201, answer.text);
      assert.equal((await signIn(h, 'default', phone, 'correct horse battery')).status, 200);
      h.clock.advance(61);
      const code2 = await h.code('default', phone);
      const second = await h.post('/api/default/accounts', {
        phone,
        code: code2,
        password: 'another long one',
      });
      assert.equal(second.status, 409);
      assert.equal(second.body.error.code, 'phone_account_limit');
      assert.equal(second.body.error.field, 'phone');
    } finally {
      await h.close();
    }
  });
});

describe('registrations per client address', () => {
  const register = (h: Harness, i: number, address: string) =>
    h.post(
      '/api/default/accounts',
      { email: `person-${i}@example.com`, password: 'plenty-long-pass' },
      { address },
    );

  test('20 an hour by default, then 429 rate_limited with retryAfter and Retry-After; other addresses unaffected; free again as the window slides', async () => {
    const h = await createHarness();
    try {
      for (let i = 0; i < 20; i++)
        assert.equal((await register(h, i, '198.51.100.7')).status, 201, `registration ${i + 1}`);
      const refused = await register(h, 20, '198.51.100.7');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'rate_limited');
      assert.ok(
        refused.body.error.retryAfter > 0 && refused.body.error.retryAfter <= 3600,
        String(refused.body.error.retryAfter),
      );
      assert.equal(refused.headers.get('retry-after'), String(refused.body.error.retryAfter));
      assert.equal(
        (await h.store.accounts.findByEmail('default', 'person-20@example.com')).length,
        0,
        'nothing was created',
      );
      // Across presets: the window is the address's, not a preset's.
      const jd = await h.post(
        '/api/jdcloud/accounts',
        { accountName: 'other-01', password: 'Secret-123', phone: PHONE, code: '123456', agreements: true },
        { address: '198.51.100.7' },
      );
      assert.equal(jd.body.error.code, 'rate_limited');
      assert.equal((await register(h, 21, '198.51.100.8')).status, 201, 'another address');
      h.clock.advance(refused.body.error.retryAfter);
      assert.equal((await register(h, 22, '198.51.100.7')).status, 201, 'never a permanent block');
    } finally {
      await h.close();
    }
  });

  test('every attempt past the form checks counts (a taken email too), at once as well as one by one; a form error costs nothing', async () => {
    const h = await createHarness({ limits: { registerPerAddress: { limit: 5, windowMs: 3600_000 } } });
    try {
      const from = '198.51.100.9';
      for (let i = 0; i < 10; i++) {
        const invalid = await h.post(
          '/api/default/accounts',
          { email: 'not-an-email', password: 'plenty-long-pass' },
          { address: from },
        );
        assert.equal(invalid.body.error.code, 'validation_failed');
      }
      const first = await register(h, 0, from);
      assert.equal(first.status, 201);
      const [mail] = await h.outbox('default', first.body.account.email);
      assert.equal((await spendEmailLink(h, 'default', tokenOf(mail))).status, 200);
      assert.equal((await register(h, 0, from)).body.error.code, 'email_taken');
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => register(h, 100 + i, from)));
      const statuses = answers.map((answer) => `${answer.status} ${answer.body?.error?.code ?? ''}`.trim());
      assert.equal(statuses.filter((s) => s === '201').length, 3, JSON.stringify(statuses));
      assert.equal(statuses.filter((s) => s === '429 rate_limited').length, 7, JSON.stringify(statuses));
    } finally {
      await h.close();
    }
  });

  test('Tencent: a resend of the activation email counts as an attempt too', async () => {
    const h = await createHarness({ limits: { registerPerAddress: { limit: 2, windowMs: 3600_000 } } });
    try {
      const body = { email: 'mei@example.com', password: 'Tencent-123', agreements: true };
      const from = '198.51.100.10';
      assert.equal((await h.post('/api/tencentcloud/accounts', body, { address: from })).status, 202);
      h.clock.advance(61);
      assert.equal((await h.post('/api/tencentcloud/accounts', body, { address: from })).status, 202);
      h.clock.advance(61);
      const third = await h.post('/api/tencentcloud/accounts', body, { address: from });
      assert.equal(third.status, 429);
      assert.equal(third.body.error.code, 'rate_limited');
      assert.equal((await h.outbox('tencentcloud', 'mei@example.com')).length, 2, 'no third email');
    } finally {
      await h.close();
    }
  });
});
