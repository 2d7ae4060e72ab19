/**
 * `PATCH /account/contact` (001: "add the contact mailbox (You can also modify it at JD Cloud
 * Account Management - Security Setting page)"): the contact phone and email changed after
 * registration, checked like the enable-service step, proven like every account change, and
 * reported with a `security_notice`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHarness, reauthCode, registerClassic, registerJd, type Harness } from '../testing.ts';

const PHONE = '+8613800138000';
const PATH = '/api/jdcloud-classic/account/contact';

const put = (h: Harness, token: string, body: Record<string, unknown>, path = PATH) =>
  h.call('PATCH', path, { body, token });

describe('contact details in account security (001)', () => {
  test('seed 001: change the contact phone (HK) and add a contact email; the account shows them; a notice goes out', async () => {
    const h = await createHarness();
    try {
      const { session, account } = await registerClassic(h, 'ops-team', PHONE);
      assert.equal(account.contactPhone, '+86 138****8000');
      assert.equal(account.contactEmail, undefined);

      const changed = await put(h, session.token, {
        contactPhone: '+852 5123 4567',
        contactEmail: 'Ops@Example.com',
        currentPassword: 'abcdef',
        locale: 'zh-TW',
      });
      assert.equal(changed.status, 200, changed.text);
      // Masked like the account's own phone.
      assert.equal(changed.body.account.contactPhone, '+852 51***567');
      assert.equal(changed.body.account.contactEmail, 'ops@example.com');
      // Contact details log nobody in.
      assert.deepEqual(changed.body.account.loginIdentifiers, ['accountName']);
      const stored = await h.store.accounts.get(account.id);
      assert.equal(stored!.contactPhone, '+85251234567');
      assert.equal(stored!.contactEmail, 'ops@example.com');
      // No code goes to the new contact phone: it is not verified (as at the enable-service step).
      assert.deepEqual(await h.outbox('jdcloud-classic', '+85251234567'), []);
      const notice = (await h.outbox('jdcloud-classic', PHONE)).find((m) => m.purpose === 'security_notice');
      assert.ok(notice, 'a security notice to the account phone');
      assert.match(notice.text, /聯絡資訊已變更/);
      assert.match(notice.text, /已變更為 \+852 51\*\*\*567, o\*\*\*s@example\.com。/);

      const read = await h.get('/api/jdcloud-classic/session', { token: session.token });
      assert.equal(read.body.account.contactEmail, 'ops@example.com');
    } finally {
      await h.close();
    }
  });

  test('a field left out stays; the contact email can be cleared, the contact phone cannot; bad values are field issues', async () => {
    const h = await createHarness();
    try {
      const { session, account } = await registerClassic(h, 'ops-team', PHONE);
      await put(h, session.token, {
        contactPhone: PHONE,
        contactEmail: 'ops@example.com',
        currentPassword: 'abcdef',
      });

      const bad = await put(h, session.token, {
        contactPhone: '+12025550123',
        contactEmail: 'nope',
        currentPassword: 'abcdef',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'validation_failed');
      assert.deepEqual(
        bad.body.error.issues.map((i: { path: string; code: string }) => `${i.path}:${i.code}`).sort(),
        ['contactEmail:email_invalid', 'contactPhone:phone_region_not_allowed'],
      );
      const noPhone = await put(h, session.token, { contactPhone: ' ', currentPassword: 'abcdef' });
      assert.equal(noPhone.status, 400);
      assert.deepEqual(
        noPhone.body.error.issues.map((i: { path: string; code: string }) => `${i.path}:${i.code}`),
        ['contactPhone:field_required'],
      );

      const cleared = await put(h, session.token, {
        contactPhone: PHONE,
        contactEmail: '',
        currentPassword: 'abcdef',
      });
      assert.equal(cleared.status, 200, cleared.text);
      assert.equal(cleared.body.account.contactEmail, undefined);
      assert.equal((await h.store.accounts.get(account.id))!.contactEmail, undefined);
    } finally {
      await h.close();
    }
  });

  test('a stolen session alone cannot change them: reauth_required, then a wrong password, then a code', async () => {
    const h = await createHarness();
    try {
      const { session, account } = await registerClassic(h, 'ops-team', PHONE);
      const body = { contactPhone: '+886 912 345 678' };
      const unproven = await put(h, session.token, body);
      assert.equal(unproven.status, 403);
      assert.equal(unproven.body.error.code, 'reauth_required');
      assert.equal(unproven.body.error.field, 'currentPassword');
      const wrong = await put(h, session.token, { ...body, currentPassword: 'wrong-1' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'invalid_credentials');
      assert.equal((await h.store.accounts.get(account.id))!.contactPhone, PHONE);

      const code = await reauthCode(h, 'jdcloud-classic', session.token, PHONE);
      const proven = await put(h, session.token, { ...body, code });
      assert.equal(proven.status, 200, proven.text);
      assert.equal((await h.store.accounts.get(account.id))!.contactPhone, '+886912345678');

      const signedOut = await h.call('PATCH', PATH, { body: { ...body, currentPassword: 'abcdef' } });
      assert.equal(signedOut.status, 401);
    } finally {
      await h.close();
    }
  });

  test('a preset without contact details answers method_disabled', async () => {
    const h = await createHarness();
    try {
      const { session } = await registerJd(h, 'alice-01', PHONE);
      const answer = await put(
        h,
        session.token,
        { contactPhone: PHONE, currentPassword: 'Secret-123' },
        '/api/jdcloud/account/contact',
      );
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'method_disabled');
    } finally {
      await h.close();
    }
  });
});
