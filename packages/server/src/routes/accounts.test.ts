/**
 * `POST /accounts`: each registration flow end to end (JD Cloud, JD Cloud classic, QingCloud,
 * `default` by email and by phone), with codes read from the dev outbox, and the errors
 * registration can answer. Tencent Cloud's activation: accounts-tencent.test.ts; the limit per
 * client address: accounts-limits.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness, registerJd, signIn, spendEmailLink, tokenOf } from '../testing.ts';

const PHONE = '+8613800138000';

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
      // Seed 000: the password proves the second account, whose login the phone is not.
      const wrongOwner = await signIn(h, 'jdcloud', PHONE, 'Second-pw2');
      assert.equal(wrongOwner.status, 403);
      assert.equal(wrongOwner.body.error.code, 'identifier_not_loginable');
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
