import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLowdbStore, createMemoryStore, DATA_FILE, DurableJsonFile, StoreConflictError, StoreFileError } from './index.ts';
import type { AccountRecord, CodeRecord, EmailLinkRecord, IdpUserRecord, QrRecord, QrState, Store, TicketRecord } from './types.ts';
import { hashSecret, newId } from '../crypto.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cloud-login-store-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function account(fields: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: newId(),
    provider: 'jdcloud',
    kind: 'main',
    phoneLoginable: true,
    emailVerified: false,
    emailLoginable: false,
    connections: [],
    legacy: false,
    status: 'active',
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...fields,
  };
}

function code(fields: Partial<CodeRecord> = {}): CodeRecord {
  return {
    id: newId(),
    provider: 'jdcloud',
    phone: '+8613800138000',
    purpose: 'login',
    channel: 'sms',
    codeHash: hashSecret('123456'),
    address: '203.0.113.7',
    attempts: 0,
    createdAt: iso(T0),
    expiresAt: iso(T0 + 300_000),
    ...fields,
  };
}

function ticket(token: string, fields: Partial<TicketRecord> = {}): TicketRecord {
  return { tokenHash: hashSecret(token), provider: 'qingcloud', kind: 'choose_account', data: { ids: ['a', 'b'] }, createdAt: iso(T0), expiresAt: iso(T0 + 600_000), ...fields };
}

function link(token: string, fields: Partial<EmailLinkRecord> = {}): EmailLinkRecord {
  return { tokenHash: hashSecret(token), provider: 'jdcloud', accountId: 'acc', email: 'a@example.com', purpose: 'verify', createdAt: iso(T0), expiresAt: iso(T0 + 7_200_000), ...fields };
}

function qr(id: string, fields: Partial<QrRecord> = {}): QrRecord {
  return { id, provider: 'jdcloud', secretHash: hashSecret(`secret-${id}`), status: 'pending', info: { browser: 'Firefox on Linux', createdAt: iso(T0) }, createdAt: iso(T0), expiresAt: iso(T0 + 120_000), ...fields };
}

const noLimits = { emailUnique: false, maxAccountsPerPhone: null };

// The atomic rules hold for both adapters; the file-only behaviour is tested further down.
const factories: [string, () => Promise<Store>][] = [
  ['lowdb file', async () => createLowdbStore({ dir: await tempDir(), now: () => T0 })],
  ['memory', () => createMemoryStore({ now: () => T0 })],
];

for (const [name, open] of factories) {
  describe(`store (${name})`, () => {
    test('50 parallel registrations of one name: exactly one account', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.createAccount(account({ accountName: 'Alice', accountNameKey: 'alice' }), noLimits)),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.conflict === 'accountName'));
      assert.equal(await store.countAccounts('jdcloud'), 1);
      // The same name in another provider is a different account.
      assert.deepEqual(await store.createAccount(account({ provider: 'jdcloud-classic', accountNameKey: 'alice' }), noLimits), { ok: true });
      await store.close();
    });

    test('phone limit under parallel creation: limit 5, 20 parallel → 5', async () => {
      const store = await open();
      const options = { emailUnique: false, maxAccountsPerPhone: 5 };
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.createAccount(account({ provider: 'tencentcloud', phone: '+8613900139000' }), options)),
      );
      assert.equal(results.filter((r) => r.ok).length, 5);
      assert.equal(results.filter((r) => !r.ok && r.conflict === 'phoneLimit').length, 15);
      assert.equal((await store.findAccountsByPhone('tencentcloud', '+8613900139000')).length, 5);
      await store.close();
    });

    test('email is create-if-absent only when emailUnique', async () => {
      const store = await open();
      const unique = { emailUnique: true, maxAccountsPerPhone: null };
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.createAccount(account({ provider: 'tencentcloud', email: 'x@example.com' }), unique)),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.conflict === 'email'));
      assert.equal((await store.createAccount(account({ email: 'x@example.com' }), noLimits)).ok, true);
      assert.equal((await store.createAccount(account({ email: 'x@example.com' }), noLimits)).ok, true);
      assert.equal((await store.findAccountsByEmail('jdcloud', 'x@example.com')).length, 2);
      await store.close();
    });

    test('one identity-provider subject binds to one account', async () => {
      const store = await open();
      const bound = { idp: 'wechat' as const, subject: 'union-1', boundAt: iso(T0) };
      const results = await Promise.all([1, 2, 3].map(() => store.createAccount(account({ connections: [bound] }), noLimits)));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.conflict === 'connection'));
      assert.ok(await store.findAccountByConnection('jdcloud', 'wechat', 'union-1'));
      assert.equal(await store.findAccountByConnection('jdcloud', 'qq', 'union-1'), undefined);
      await store.close();
    });

    test('parallel checkCode of one code: exactly one ok', async () => {
      const store = await open();
      await store.putCode(code());
      const results = await Promise.all(
        Array.from({ length: 30 }, () => store.checkCode('jdcloud', '+8613800138000', 'login', hashSecret('123456'), iso(T0 + 1000), 5)),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.reason === 'missing'));
      await store.close();
    });

    test('5 wrong tries kill the code, and then the right one fails too', async () => {
      const store = await open();
      await store.putCode(code());
      const check = (value: string) => store.checkCode('jdcloud', '+8613800138000', 'login', hashSecret(value), iso(T0 + 1000), 5);
      for (const remaining of [4, 3, 2, 1, 0]) assert.deepEqual(await check('000000'), { ok: false, reason: 'wrong', remaining });
      assert.deepEqual(await check('123456'), { ok: false, reason: 'missing' });
      await store.close();
    });

    test('a code is bound to phone and purpose, expires, and a new one kills the old one', async () => {
      const store = await open();
      const phone = '+8613800138000';
      await store.putCode(code({ codeHash: hashSecret('111111') }));
      assert.deepEqual(await store.checkCode('jdcloud', phone, 'register', hashSecret('111111'), iso(T0), 5), { ok: false, reason: 'missing' });
      assert.deepEqual(await store.checkCode('jdcloud', '+8613800138001', 'login', hashSecret('111111'), iso(T0), 5), { ok: false, reason: 'missing' });
      assert.deepEqual(await store.checkCode('qingcloud', phone, 'login', hashSecret('111111'), iso(T0), 5), { ok: false, reason: 'missing' });
      assert.deepEqual(await store.checkCode('jdcloud', phone, 'login', hashSecret('111111'), iso(T0 + 300_000), 5), { ok: false, reason: 'expired' });

      await store.putCode(code({ codeHash: hashSecret('222222'), createdAt: iso(T0 + 60_000), expiresAt: iso(T0 + 360_000) }));
      assert.deepEqual((await store.lastCodeFor('jdcloud', phone))?.codeHash, hashSecret('222222'));
      assert.equal((await store.checkCode('jdcloud', phone, 'login', hashSecret('111111'), iso(T0 + 61_000), 5)).ok, false);
      assert.deepEqual(await store.checkCode('jdcloud', phone, 'login', hashSecret('222222'), iso(T0 + 61_000), 5), { ok: true });
      await store.close();
    });

    test('countCodesSince counts per phone and per address, across providers', async () => {
      const store = await open();
      await store.putCode(code({ createdAt: iso(T0 - 3_600_000) }));
      await store.putCode(code({ provider: 'qingcloud', purpose: 'register' }));
      await store.putCode(code({ phone: '+8613800138009', address: '198.51.100.1' }));
      const since = iso(T0 - 60_000);
      assert.equal(await store.countCodesSince({ phone: '+8613800138000' }, since), 1);
      assert.equal(await store.countCodesSince({ phone: '+8613800138000' }, iso(T0 - 7_200_000)), 2);
      assert.equal(await store.countCodesSince({ address: '203.0.113.7' }, since), 1);
      assert.equal(await store.countCodesSince({ address: '198.51.100.1' }, since), 1);
      assert.equal(await store.countCodesSince({ phone: '+8613800138009', address: '203.0.113.7' }, since), 0);
      assert.equal(await store.countCodesSince({ phone: '+8600000000000' }, since), 0);
      await store.close();
    });

    test('tickets are single use, provider-bound and expire', async () => {
      const store = await open();
      await store.putTicket(ticket('t1'));
      const results = await Promise.all(Array.from({ length: 10 }, () => store.consumeTicket<{ ids: string[] }>('qingcloud', hashSecret('t1'), iso(T0))));
      const won = results.filter((r) => r !== undefined);
      assert.equal(won.length, 1);
      assert.deepEqual(won[0]?.data, { ids: ['a', 'b'] });

      await store.putTicket(ticket('t2'));
      assert.equal(await store.consumeTicket('jdcloud', hashSecret('t2'), iso(T0)), undefined);
      assert.ok(await store.consumeTicket('qingcloud', hashSecret('t2'), iso(T0)));

      await store.putTicket(ticket('t3'));
      assert.equal(await store.consumeTicket('qingcloud', hashSecret('t3'), iso(T0 + 600_000)), undefined);
      assert.equal(await store.consumeTicket('qingcloud', hashSecret('t3'), iso(T0)), undefined, 'an expired ticket is gone');
      await store.close();
    });

    test('email links are single use and expire', async () => {
      const store = await open();
      await store.putEmailLink(link('l1'));
      const results = await Promise.all(Array.from({ length: 10 }, () => store.consumeEmailLink(hashSecret('l1'), iso(T0 + 1000))));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.reason === 'missing'));
      const used = results.find((r) => r.ok);
      assert.equal(used?.ok && used.link.usedAt, iso(T0 + 1000));

      await store.putEmailLink(link('l2'));
      assert.deepEqual(await store.consumeEmailLink(hashSecret('l2'), iso(T0 + 7_200_000)), { ok: false, reason: 'expired' });
      assert.deepEqual(await store.consumeEmailLink(hashSecret('nope'), iso(T0)), { ok: false, reason: 'missing' });
      await store.close();
    });

    test('sessions: put, get, expiry, delete', async () => {
      let now = T0;
      const store = name === 'memory' ? await createMemoryStore({ now: () => now }) : await createLowdbStore({ dir: await tempDir(), now: () => now });
      const session = { tokenHash: hashSecret('s'), accountId: 'a', provider: 'jdcloud' as const, createdAt: iso(T0), expiresAt: iso(T0 + 1000) };
      await store.putSession(session);
      assert.deepEqual(await store.getSession(session.tokenHash), session);
      now = T0 + 1000;
      assert.equal(await store.getSession(session.tokenHash), undefined);
      now = T0;
      await store.deleteSession(session.tokenHash);
      assert.equal(await store.getSession(session.tokenHash), undefined);
      await store.close();
    });

    test('updateAccount keeps the indexes right and refuses conflicts', async () => {
      const store = await open();
      const a = account({ accountName: 'a1', accountNameKey: 'a1', phone: '+8613800000001' });
      const b = account({ accountName: 'b1', accountNameKey: 'b1', phone: '+8613800000001' });
      await store.createAccount(a, noLimits);
      await store.createAccount(b, noLimits);

      await assert.rejects(store.updateAccount(b.id, (x) => ({ ...x, accountNameKey: 'a1' })), (e) => e instanceof StoreConflictError && e.conflict === 'accountName');
      await assert.rejects(store.updateAccount(b.id, () => { throw new Error('abort'); }), /abort/);
      assert.equal((await store.getAccount(b.id))?.accountNameKey, 'b1', 'nothing written after a refusal');

      const updated = await store.updateAccount(a.id, (x) => ({ ...x, accountName: 'a2', accountNameKey: 'a2', email: 'a@example.com' }), { emailUnique: true });
      assert.equal(updated?.accountNameKey, 'a2');
      assert.equal(await store.findAccountByName('jdcloud', 'a1'), undefined);
      assert.equal((await store.findAccountByName('jdcloud', 'a2'))?.id, a.id);
      assert.equal((await store.findAccountsByEmail('jdcloud', 'a@example.com'))[0]?.id, a.id);
      await assert.rejects(store.updateAccount(b.id, (x) => ({ ...x, email: 'a@example.com' }), { emailUnique: true }), (e) => e instanceof StoreConflictError && e.conflict === 'email');
      // The phone's first holder stays first after an edit (JD: only it may log in with it).
      assert.deepEqual((await store.findAccountsByPhone('jdcloud', '+8613800000001')).map((x) => x.id), [a.id, b.id]);

      // Records handed out are copies: changing one changes nothing in the store.
      updated!.accountNameKey = 'mutated';
      assert.equal((await store.getAccount(a.id))?.accountNameKey, 'a2');
      assert.equal(await store.updateAccount('missing', (x) => x), undefined);
      await store.close();
    });

    test('sub-accounts and counts', async () => {
      const store = await open();
      const parent = account({ provider: 'qingcloud' });
      await store.createAccount(parent, noLimits);
      await store.createAccount(account({ provider: 'qingcloud', kind: 'sub', parentId: parent.id, email: 's1@example.com' }), noLimits);
      await store.createAccount(account({ provider: 'qingcloud', kind: 'sub', parentId: parent.id, email: 's2@example.com' }), noLimits);
      assert.deepEqual((await store.listSubaccounts(parent.id)).map((x) => x.email), ['s1@example.com', 's2@example.com']);
      assert.equal(await store.countAccounts('qingcloud'), 3);
      assert.equal(await store.countAccounts('jdcloud'), 0);
      assert.equal(await store.countAccounts(), 3);
      await store.close();
    });

    test('QR: pending → scanned → confirmed by one account, refused after expiry', async () => {
      const store = await open();
      await store.putQr(qr('q1'));
      const move = (to: QrState, from: QrState[], accountId = 'acc-1', now = T0 + 1000) =>
        store.advanceQr('jdcloud', 'q1', { from, to, accountId, now: iso(now) });
      assert.equal((await move('confirmed', ['scanned'])).ok, false, 'cannot confirm before a scan when only scanned is allowed');
      const scanned = await move('scanned', ['pending']);
      assert.ok(scanned.ok);
      assert.equal(scanned.record.accountId, 'acc-1');
      assert.deepEqual(await move('confirmed', ['scanned'], 'acc-2'), { ok: false, reason: 'state', record: scanned.record }, 'another account cannot confirm');
      assert.equal((await store.advanceQr('qingcloud', 'q1', { from: ['scanned'], to: 'confirmed', accountId: 'acc-1', now: iso(T0) })).ok, false, 'provider-bound');
      const confirmed = await move('confirmed', ['scanned']);
      assert.ok(confirmed.ok);
      assert.equal(confirmed.record.decidedAt, iso(T0 + 1000));
      assert.equal((await move('denied', ['pending', 'scanned'])).ok, false, 'a decision is final');

      await store.putQr(qr('q2'));
      const late = await store.advanceQr('jdcloud', 'q2', { from: ['pending'], to: 'scanned', accountId: 'a', now: iso(T0 + 120_000) });
      assert.equal(!late.ok && late.reason, 'expired');
      assert.equal((await store.advanceQr('jdcloud', 'nope', { from: ['pending'], to: 'scanned', accountId: 'a', now: iso(T0) })).ok, false);
      await store.close();
    });

    test('QR: the confirmed session is claimed once, by the secret holder only, also in parallel', async () => {
      const store = await open();
      await store.putQr(qr('q1'));
      assert.deepEqual((await store.claimQr('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0))).ok, false, 'not before confirmation');
      await store.advanceQr('jdcloud', 'q1', { from: ['pending'], to: 'confirmed', accountId: 'acc', now: iso(T0) });
      assert.deepEqual(await store.claimQr('jdcloud', 'q1', hashSecret('wrong'), iso(T0)), { ok: false, reason: 'missing' });
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claimQr('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0 + 5))));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.reason === 'claimed'));
      assert.equal((await store.getQr('q1'))?.claimedAt, iso(T0 + 5));
      await store.close();
    });

    test('grants: create-if-absent, consumed once (in parallel too), expire, update', async () => {
      const store = await open();
      const grant = { kind: 'wechat:code', key: hashSecret('c1'), data: { n: 1 }, createdAt: iso(T0), expiresAt: iso(T0 + 600_000) };
      assert.equal(await store.putGrant(grant), true);
      assert.equal(await store.putGrant({ ...grant, data: { n: 2 } }), false, 'a live key is not overwritten');
      assert.equal(await store.getGrant('qq:code', grant.key, iso(T0)), undefined, 'kinds are separate');
      assert.deepEqual((await store.updateGrant<{ n: number }>(grant.kind, grant.key, iso(T0), (d) => ({ n: d.n + 10 })))?.data, { n: 11 });
      const results = await Promise.all(Array.from({ length: 10 }, () => store.consumeGrant<{ n: number }>(grant.kind, grant.key, iso(T0 + 1))));
      assert.deepEqual(results.filter(Boolean).map((r) => r!.data), [{ n: 11 }]);
      assert.equal(await store.getGrant(grant.kind, grant.key, iso(T0)), undefined);

      await store.putGrant({ ...grant, key: 'k2' });
      assert.equal(await store.getGrant(grant.kind, 'k2', iso(T0 + 600_000)), undefined);
      assert.equal(await store.updateGrant(grant.kind, 'k2', iso(T0 + 600_000), (d) => d), undefined);
      assert.equal(await store.consumeGrant(grant.kind, 'k2', iso(T0 + 600_000)), undefined, 'an expired grant is refused');
      assert.equal(await store.consumeGrant(grant.kind, 'k2', iso(T0)), undefined, 'and gone');
      await store.close();
    });

    test('identity-provider users are create-if-absent per provider and login', async () => {
      const store = await open();
      const user = (id: string, idp: IdpUserRecord['idp'] = 'jd'): IdpUserRecord => ({ id, idp, loginKey: 'zhang', displayName: 'Zhang', unionid: `u-${id}`, createdAt: iso(T0) });
      const results = await Promise.all(['a', 'b', 'c'].map((id) => store.createIdpUser(user(id))));
      assert.equal(results.filter((r) => r.ok).length, 1);
      const winner = (await store.findIdpUser('jd', 'zhang'))!;
      assert.ok(results.every((r) => r.ok || r.existing.id === winner.id));
      assert.deepEqual(await store.createIdpUser(user('d', 'wechat')), { ok: true });
      assert.equal((await store.getIdpUser('d'))?.idp, 'wechat');
      await store.close();
    });

    test('outbox: newest first, filtered, capped', async () => {
      const store = await open();
      for (let i = 0; i < 3; i++) await store.addOutbox({ channel: 'sms', provider: 'jdcloud', to: `+86138000000${i}`, purpose: 'login', code: `00000${i}`, text: `code ${i}`, sentAt: iso(T0 + i) });
      await store.addOutbox({ channel: 'email', provider: 'qingcloud', to: 'a@example.com', purpose: 'verify', link: 'http://x/verify', text: 'link', sentAt: iso(T0 + 9) });
      assert.deepEqual((await store.listOutbox({})).map((m) => m.text), ['link', 'code 2', 'code 1', 'code 0']);
      assert.deepEqual((await store.listOutbox({ provider: 'jdcloud', limit: 2 })).map((m) => m.code), ['000002', '000001']);
      assert.deepEqual((await store.listOutbox({ to: '+861380000000' })).map((m) => m.code), ['000000']);
      await store.close();
    });
  });
}

describe('lowdb file', () => {
  test('data survives closing and reopening', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    const a = account({ accountName: 'Keep', accountNameKey: 'keep', phone: '+8613800138000', email: 'k@example.com', connections: [{ idp: 'qq', subject: 'o1', boundAt: iso(T0) }] });
    await store.createAccount(a, noLimits);
    await store.putSession({ tokenHash: hashSecret('s'), accountId: a.id, provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 3_600_000) });
    await store.putCode(code());
    await store.checkCode('jdcloud', '+8613800138000', 'login', hashSecret('999999'), iso(T0), 5);
    await store.putTicket(ticket('t'));
    await store.putEmailLink(link('l'));
    await store.addOutbox({ channel: 'voice', to: '+8613800138000', purpose: 'login', code: '123456', text: 'code', sentAt: iso(T0) });
    await store.putQr(qr('q'));
    await store.advanceQr('jdcloud', 'q', { from: ['pending'], to: 'confirmed', accountId: a.id, now: iso(T0) });
    await store.putGrant({ kind: 'k', key: 'g', data: { x: 1 }, createdAt: iso(T0), expiresAt: iso(T0 + 60_000) });
    await store.createIdpUser({ id: 'u', idp: 'qq', loginKey: 'q', displayName: 'Q', unionid: 'uq', createdAt: iso(T0) });
    await store.close();

    const reopened = await createLowdbStore({ dir, now: () => T0 });
    assert.deepEqual(await reopened.findAccountByName('jdcloud', 'keep'), a);
    assert.equal((await reopened.findAccountsByPhone('jdcloud', '+8613800138000'))[0]?.id, a.id);
    assert.equal((await reopened.findAccountsByEmail('jdcloud', 'k@example.com'))[0]?.id, a.id);
    assert.equal((await reopened.findAccountByConnection('jdcloud', 'qq', 'o1'))?.id, a.id);
    assert.equal((await reopened.getSession(hashSecret('s')))?.accountId, a.id);
    assert.deepEqual(await reopened.checkCode('jdcloud', '+8613800138000', 'login', hashSecret('999999'), iso(T0), 5), { ok: false, reason: 'wrong', remaining: 3 }, 'the wrong try before the restart still counts');
    assert.ok(await reopened.consumeTicket('qingcloud', hashSecret('t'), iso(T0)));
    assert.equal((await reopened.consumeEmailLink(hashSecret('l'), iso(T0))).ok, true);
    assert.equal((await reopened.listOutbox({}))[0]?.channel, 'voice');
    assert.equal((await reopened.claimQr('jdcloud', 'q', hashSecret('secret-q'), iso(T0))).ok, true, 'a confirmed QR survives a restart');
    assert.deepEqual((await reopened.consumeGrant('k', 'g', iso(T0)))?.data, { x: 1 });
    assert.equal((await reopened.findIdpUser('qq', 'q'))?.id, 'u');
    await reopened.close();
  });

  test('a file of several megabytes is written in chunks and reads back equal', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    const accounts = Array.from({ length: 3000 }, (_, i) => account({ accountName: `名字-${i}`, accountNameKey: `名字-${i}`, industry: 'x'.repeat(1000), agreements: ['a\u2028b"c'] }));
    await Promise.all(accounts.map((a) => store.createAccount(a, noLimits)));
    assert.ok((await readFile(join(dir, DATA_FILE))).length > 3_000_000);
    await store.close();
    const reopened = await createLowdbStore({ dir, now: () => T0 });
    assert.equal(await reopened.countAccounts(), 3000);
    assert.deepEqual(await reopened.getAccount(accounts[2999]!.id), accounts[2999]);
    assert.deepEqual(await reopened.findAccountByName('jdcloud', '名字-1234'), accounts[1234]);
    await reopened.close();
  });

  test('an acknowledged write is already in the file (no close needed)', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir });
    const a = account({ accountNameKey: 'durable' });
    await store.createAccount(a, noLimits);
    const onDisk = JSON.parse(await readFile(join(dir, DATA_FILE), 'utf8'));
    assert.equal(onDisk.accounts[0].id, a.id);
    await store.close();
  });

  test('parallel mutations share file writes (group commit)', async () => {
    const write = DurableJsonFile.prototype.write;
    let writes = 0;
    DurableJsonFile.prototype.write = function (this: DurableJsonFile<object>, data: object) {
      writes++;
      return write.call(this, data);
    };
    try {
      const store = await createLowdbStore({ dir: await tempDir(), now: () => T0 });
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.putSession({ tokenHash: hashSecret(`s${i}`), accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 1000) })));
      assert.ok(writes >= 1 && writes <= 3, `100 mutations took ${writes} writes`);
      await store.close();
    } finally {
      DurableJsonFile.prototype.write = write;
    }
  });

  test('expired records are pruned when the store opens', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.putSession({ tokenHash: hashSecret('old'), accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 1000) });
    await store.putCode(code());
    await store.putTicket(ticket('t'));
    await store.putQr(qr('q'));
    await store.putGrant({ kind: 'k', key: 'g', data: {}, createdAt: iso(T0), expiresAt: iso(T0 + 60_000) });
    await store.close();
    const later = await createLowdbStore({ dir, now: () => T0 + 25 * 3_600_000 });
    await later.putSession({ tokenHash: hashSecret('new'), accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 30 * 3_600_000) });
    await later.close();
    const data = JSON.parse(await readFile(join(dir, DATA_FILE), 'utf8'));
    assert.deepEqual(data.sessions.map((s: { tokenHash: string }) => s.tokenHash), [hashSecret('new')]);
    assert.deepEqual(data.codes, []);
    assert.deepEqual(data.tickets, []);
    assert.deepEqual(data.qr, []);
    assert.deepEqual(data.grants, []);
  });

  test('a version-1 file from before QR, grants and identity-provider users opens', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, DATA_FILE), JSON.stringify({ version: 1, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [] }));
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.putQr(qr('q'));
    assert.equal((await store.getQr('q'))?.status, 'pending');
    await store.close();
    await writeFile(join(dir, DATA_FILE), JSON.stringify({ version: 1, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [], qr: {} }));
    await assert.rejects(createLowdbStore({ dir }), StoreFileError);
  });

  test('a corrupt file stops the start with an error naming it, and is left untouched', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    for (const content of ['{"version":1,"accounts":[{"id":', '[1,2,3]', 'null', '', '{"version":2}']) {
      await writeFile(file, content);
      await assert.rejects(createLowdbStore({ dir }), (error: Error) => error instanceof StoreFileError && error.message.includes(file));
      assert.equal(await readFile(file, 'utf8'), content);
    }
    // The failed starts released the lock: a good file opens again.
    await writeFile(file, JSON.stringify({ version: 1, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [] }));
    await (await createLowdbStore({ dir })).close();
  });

  test('each write keeps the generation it replaces as .bak; a corrupt file’s refusal points to it', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.putSession({ tokenHash: hashSecret('one'), accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 60_000) });
    await store.putSession({ tokenHash: hashSecret('two'), accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 60_000) });
    await store.close();
    const previous = JSON.parse(await readFile(`${file}.bak`, 'utf8'));
    assert.deepEqual(previous.sessions.map((s: { tokenHash: string }) => s.tokenHash), [hashSecret('one')]);

    const good = await readFile(`${file}.bak`, 'utf8');
    await writeFile(file, '{"version":1,"accounts":[{"id":'); // half-written
    await assert.rejects(createLowdbStore({ dir }), (error: Error) => error instanceof StoreFileError && error.message.includes(`${file}.bak`) && /previous good copy/.test(error.message));
    assert.equal(await readFile(`${file}.bak`, 'utf8'), good, 'a refused start leaves the previous copy alone');

    // Moved away to start afresh: the first write of the new store does not drop the old .bak.
    await unlink(file);
    const fresh = await createLowdbStore({ dir, now: () => T0 });
    await fresh.putSession({ tokenHash: hashSecret('three'), accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 60_000) });
    await fresh.close();
    assert.equal(await readFile(`${file}.bak`, 'utf8'), good);
  });

  test('one data file, one store: a second open is refused until the first closes', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir });
    await assert.rejects(createLowdbStore({ dir }), StoreFileError);
    await store.close();
    await (await createLowdbStore({ dir })).close();
  });

  test('a lock held by a live process is respected; a stale one is taken over', async () => {
    const dir = await tempDir();
    const lock = join(dir, `${DATA_FILE}.lock`);
    await writeFile(lock, String(process.ppid));
    await assert.rejects(createLowdbStore({ dir }), (error: Error) => error instanceof StoreFileError && error.message.includes(`process ${process.ppid}`));
    await writeFile(lock, '2147483646');
    await (await createLowdbStore({ dir })).close();
  });

  test('a closed store refuses writes', async () => {
    const store = await createLowdbStore({ dir: await tempDir() });
    await store.close();
    await assert.rejects(store.putSession({ tokenHash: 'x', accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0) }), /closed/);
  });
});
