import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLowdbStore, createMemoryStore, DATA_FILE, StoreConflictError, StoreFileError, type CompactionStep } from './index.ts';
import { JournalFile } from './journal.ts';
import type { AccountRecord, CodeRecord, EmailLinkRecord, IdpUserRecord, QrRecord, QrState, SessionRecord, Store, TicketRecord } from './types.ts';
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

    test('viewSession and viewAccount hand out the stored record, frozen: no caller can change it', async () => {
      let now = T0;
      const store = name === 'memory' ? await createMemoryStore({ now: () => now }) : await createLowdbStore({ dir: await tempDir(), now: () => now });
      const a = account({ connections: [{ idp: 'qq', subject: 'o1', boundAt: iso(T0) }], agreements: ['terms'] });
      await store.createAccount(a, noLimits);
      const session = { tokenHash: hashSecret('s'), accountId: a.id, provider: 'jdcloud' as const, createdAt: iso(T0), expiresAt: iso(T0 + 1000) };
      await store.putSession(session);

      const viewed = await store.viewAccount(a.id);
      assert.deepEqual(viewed, a);
      assert.equal(await store.viewAccount(a.id), viewed, 'no copy per read');
      const write = viewed as unknown as AccountRecord;
      assert.throws(() => { write.status = 'pending_activation'; }, TypeError);
      assert.throws(() => { write.connections[0]!.subject = 'o2'; }, TypeError);
      assert.throws(() => { write.connections.push({ idp: 'jd', subject: 'x', boundAt: iso(T0) }); }, TypeError);
      assert.throws(() => { write.agreements!.push('more'); }, TypeError);
      // What the caller passed in stays its own, and a copy from getAccount is free to change.
      a.status = 'pending_activation';
      const copy = (await store.getAccount(a.id))!;
      copy.connections.push({ idp: 'jd', subject: 'x', boundAt: iso(T0) });
      assert.deepEqual(await store.getAccount(a.id), { ...a, status: 'active' });

      // An update stores a new frozen record; the old view stays what it was.
      const updated = await store.updateAccount(a.id, (x) => ({ ...x, email: 'n@example.com' }));
      assert.equal((await store.viewAccount(a.id))?.email, 'n@example.com');
      assert.ok(Object.isFrozen(await store.viewAccount(a.id)));
      assert.equal(viewed?.email, undefined);
      updated!.email = 'changed@example.com'; // updateAccount's answer is a copy
      assert.equal((await store.viewAccount(a.id))?.email, 'n@example.com');

      const view = await store.viewSession(session.tokenHash);
      assert.deepEqual(view, session);
      assert.throws(() => { (view as SessionRecord).expiresAt = iso(T0 + 9_999_999); }, TypeError);
      now = T0 + 1000;
      assert.equal(await store.viewSession(session.tokenHash), undefined, 'expired, like getSession');
      assert.equal(await store.viewAccount('nope'), undefined);

      // A refused claim (every poll of a pending QR code) shows the stored ticket, frozen too.
      now = T0;
      await store.putQr(qr('q'));
      const refused = await store.claimQr('jdcloud', 'q', hashSecret('secret-q'), iso(T0));
      assert.equal(refused.ok, false);
      assert.throws(() => { (refused.record as QrRecord).status = 'confirmed'; }, TypeError);
      assert.throws(() => { (refused.record as QrRecord).info.browser = 'x'; }, TypeError);
      assert.equal((await store.getQr('q'))?.status, 'pending');
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

/** The two journal files: the first takes the appends of a new store; a compaction switches them. */
const JOURNAL = `${DATA_FILE}.journal-a`;
const OTHER_JOURNAL = `${DATA_FILE}.journal-b`;
const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;

/**
 * The directory as a crash right now would leave it: every file but the lock copied elsewhere
 * (what is fsynced is what a crash keeps; a copy also sees what is not, which only makes the
 * test harder to pass). The store keeps running; the copy opens as a restart would.
 */
async function crashCopy(dir: string): Promise<string> {
  const copy = await tempDir();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.lock')) await copyFile(join(dir, name), join(copy, name)).catch(() => {}); // a temp file may go meanwhile
  }
  return copy;
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const size = async (file: string) => (await stat(file)).size;
const session = (name: string): SessionRecord => ({ tokenHash: hashSecret(name), accountId: 'a', provider: 'jdcloud', createdAt: iso(T0), expiresAt: iso(T0 + 3_600_000) });

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
    // Both ways back: from the journal (a crash now), and from the snapshot (a clean stop).
    const crashed = await crashCopy(dir);
    await store.close();

    for (const [how, from] of [['journal replay', crashed], ['snapshot', dir]] as const) {
      const reopened = await createLowdbStore({ dir: from, now: () => T0 });
      assert.deepEqual(await reopened.findAccountByName('jdcloud', 'keep'), a, how);
      assert.equal((await reopened.findAccountsByPhone('jdcloud', '+8613800138000'))[0]?.id, a.id);
      assert.equal((await reopened.findAccountsByEmail('jdcloud', 'k@example.com'))[0]?.id, a.id);
      assert.equal((await reopened.findAccountByConnection('jdcloud', 'qq', 'o1'))?.id, a.id);
      assert.equal((await reopened.getSession(hashSecret('s')))?.accountId, a.id);
      assert.deepEqual(await reopened.checkCode('jdcloud', '+8613800138000', 'login', hashSecret('999999'), iso(T0), 5), { ok: false, reason: 'wrong', remaining: 3 }, `${how}: the wrong try before the restart still counts`);
      assert.ok(await reopened.consumeTicket('qingcloud', hashSecret('t'), iso(T0)));
      assert.equal((await reopened.consumeEmailLink(hashSecret('l'), iso(T0))).ok, true);
      assert.equal((await reopened.listOutbox({}))[0]?.channel, 'voice');
      assert.equal((await reopened.claimQr('jdcloud', 'q', hashSecret('secret-q'), iso(T0))).ok, true, `${how}: a confirmed QR survives a restart`);
      assert.deepEqual((await reopened.consumeGrant('k', 'g', iso(T0)))?.data, { x: 1 });
      assert.equal((await reopened.findIdpUser('qq', 'q'))?.id, 'u');
      await reopened.close();
    }
  });

  test('a snapshot of several megabytes is written in pieces and reads back equal', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    const accounts = Array.from({ length: 3000 }, (_, i) => account({ accountName: `名字-${i}`, accountNameKey: `名字-${i}`, industry: 'x'.repeat(1000), agreements: ['a\u2028b"c\n'] }));
    await Promise.all(accounts.map((a) => store.createAccount(a, noLimits)));
    await store.close();
    assert.ok((await size(join(dir, DATA_FILE))) > 3_000_000);
    const reopened = await createLowdbStore({ dir, now: () => T0 });
    assert.equal(await reopened.countAccounts(), 3000);
    assert.deepEqual(await reopened.getAccount(accounts[2999]!.id), accounts[2999]);
    assert.deepEqual(await reopened.findAccountByName('jdcloud', '名字-1234'), accounts[1234]);
    await reopened.close();
  });

  test('an acknowledged write is in the journal at once, and a commit appends only its own bytes', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    // A new store writes its (empty) snapshot at once.
    assert.deepEqual((await readJson(join(dir, DATA_FILE))).accounts, []);
    await Promise.all(Array.from({ length: 500 }, () => store.createAccount(account({ industry: 'y'.repeat(500) }), noLimits)));
    const before = await size(join(dir, JOURNAL));
    const a = account({ accountNameKey: 'durable' });
    await store.createAccount(a, noLimits);
    const lines = (await readFile(join(dir, JOURNAL), 'utf8')).split('\n');
    assert.equal(lines.at(-1), '', 'every line ends');
    const last = lines.at(-2)!;
    assert.match(last, /^[0-9a-f]{8} \{"seq":\d+,"ops":\[\{"put":"accounts","value":\{"id":/);
    assert.ok(last.includes(a.id));
    assert.equal(await size(join(dir, JOURNAL)), before + Buffer.byteLength(last) + 1, 'the commit appended one line');
    assert.ok(Buffer.byteLength(last) < 1000, `one account, one small line (${Buffer.byteLength(last)} bytes), with 500 accounts in the store`);
    assert.deepEqual((await readJson(join(dir, DATA_FILE))).accounts, [], 'the snapshot was not rewritten');
    await store.close();
  });

  test('parallel mutations share journal appends (group commit)', async () => {
    const append = JournalFile.prototype.append;
    let appends = 0;
    JournalFile.prototype.append = function (this: JournalFile, line: Buffer) {
      appends++;
      return append.call(this, line);
    };
    try {
      const store = await createLowdbStore({ dir: await tempDir(), now: () => T0 });
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.putSession(session(`s${i}`))));
      assert.ok(appends >= 1 && appends <= 3, `100 mutations took ${appends} appends`);
      await store.close();
    } finally {
      JournalFile.prototype.append = append;
    }
  });

  test('a clean stop compacts: the snapshot holds everything, and the next start appends to an empty journal', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.putSession(session('one'));
    await store.putSession(session('two'));
    assert.equal(await lines(join(dir, JOURNAL)), 2);
    await store.close();
    const data = await readJson(join(dir, DATA_FILE));
    assert.equal(data.seq, 2, 'the snapshot names the last journal entry it holds');
    assert.deepEqual(data.sessions.map((s: SessionRecord) => s.tokenHash), [hashSecret('one'), hashSecret('two')]);
    // The first journal keeps its entries (they lead from .bak to this snapshot); the other is empty.
    assert.deepEqual([await lines(join(dir, JOURNAL)), await size(join(dir, OTHER_JOURNAL))], [2, 0]);
    const reopened = await createLowdbStore({ dir, now: () => T0 });
    assert.ok(await reopened.getSession(hashSecret('two')));
    await reopened.putSession(session('three'));
    assert.deepEqual([await lines(join(dir, JOURNAL)), await lines(join(dir, OTHER_JOURNAL))], [2, 1], 'appends go to the empty one');
    await reopened.close();
    const again = await createLowdbStore({ dir, now: () => T0 });
    await again.close();
    assert.equal((await readJson(join(dir, DATA_FILE))).seq, 3, 'nothing changed: nothing to compact');
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
    // The removals travel in the journal with the next commit.
    const crashed = await crashCopy(dir);
    await later.close();
    for (const data of [await readJson(join(dir, DATA_FILE)), await (async () => {
      await (await createLowdbStore({ dir: crashed, now: () => T0 })).close();
      return readJson(join(crashed, DATA_FILE));
    })()]) {
      assert.deepEqual(data.sessions.map((s: { tokenHash: string }) => s.tokenHash), [hashSecret('new')]);
      assert.deepEqual(data.codes, []);
      assert.deepEqual(data.tickets, []);
      assert.deepEqual(data.qr, []);
      assert.deepEqual(data.grants, []);
    }
  });

  test('a version-1 file from before QR, grants, identity-provider users and the journal opens', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, DATA_FILE), JSON.stringify({ version: 1, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [] }));
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.putQr(qr('q'));
    assert.equal((await store.getQr('q'))?.status, 'pending');
    await store.close();
    assert.equal((await readJson(join(dir, DATA_FILE))).seq, 1);
    await rm(join(dir, JOURNAL));
    await rm(join(dir, OTHER_JOURNAL));
    await writeFile(join(dir, DATA_FILE), JSON.stringify({ version: 1, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [], qr: {} }));
    await assert.rejects(createLowdbStore({ dir }), StoreFileError);
  });

  test('a corrupt file stops the start with an error naming it, and is left untouched', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    for (const content of ['{"version":1,"accounts":[{"id":', '[1,2,3]', 'null', '', '{"version":2}', '{"version":1,"seq":-1,"accounts":[],"sessions":[],"codes":[],"tickets":[],"emailLinks":[],"outbox":[]}']) {
      await writeFile(file, content);
      await assert.rejects(createLowdbStore({ dir }), (error: Error) => error instanceof StoreFileError && error.message.includes(file));
      assert.equal(await readFile(file, 'utf8'), content);
    }
    // The failed starts released the lock: a good file opens again.
    await writeFile(file, JSON.stringify({ version: 1, accounts: [], sessions: [], codes: [], tickets: [], emailLinks: [], outbox: [] }));
    await (await createLowdbStore({ dir })).close();
  });

  test('.bak is the snapshot before the last compaction, and with the journals it reaches every write', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    let store = await createLowdbStore({ dir, now: () => T0 });
    await store.putSession(session('one'));
    await store.close(); // compaction 1: .bak = the empty first snapshot
    store = await createLowdbStore({ dir, now: () => T0 });
    await store.putSession(session('two'));
    await store.close(); // compaction 2: .bak = the snapshot with `one`; `two` is in the journal that leads on from it
    const previous = await readJson(`${file}.bak`);
    assert.deepEqual(previous.sessions.map((s: SessionRecord) => s.tokenHash), [hashSecret('one')]);

    const good = await readFile(`${file}.bak`, 'utf8');
    await writeFile(file, '{"version":1,"accounts":[{"id":'); // half-written
    await assert.rejects(createLowdbStore({ dir }), (error: Error) => error instanceof StoreFileError && error.message.includes(`${file}.bak`) && /previous good copy/.test(error.message));
    assert.equal(await readFile(`${file}.bak`, 'utf8'), good, 'a refused start leaves the previous copy alone');

    // Put back as the message says: nothing is lost, the journal replays what came after it.
    await copyFile(`${file}.bak`, file);
    const restored = await createLowdbStore({ dir, now: () => T0 });
    assert.ok(await restored.getSession(hashSecret('one')));
    assert.ok(await restored.getSession(hashSecret('two')));
    await restored.close();
  });

  test('an older snapshot put back without the journal that leads from it is refused, not replayed with a gap', async () => {
    const dir = await tempDir();
    const file = join(dir, DATA_FILE);
    const backup = join(await tempDir(), 'backup.json');
    for (const name of ['one', 'two', 'three']) {
      const store = await createLowdbStore({ dir, now: () => T0 });
      await store.putSession(session(name));
      await store.close();
      if (name === 'one') await copyFile(file, backup); // an operator's backup, one entry in
    }
    // Now: the snapshot at entry 3, `.bak` at entry 2, one journal holding entry 3.
    await copyFile(file, `${file}.current`);
    await copyFile(backup, file);
    await assert.rejects(
      createLowdbStore({ dir, now: () => T0 }),
      (error: Error) => error instanceof StoreFileError && /entries up to 1/.test(error.message) && /missing/.test(error.message),
    );
    // Entry 2 is what is missing; `.bak` (at entry 2) goes on with that journal and opens whole.
    await copyFile(`${file}.bak`, file);
    const restored = await createLowdbStore({ dir, now: () => T0 });
    for (const name of ['one', 'two', 'three']) assert.ok(await restored.getSession(hashSecret(name)), name);
    await restored.close();
  });

  test('a journal without its data file is refused', async () => {
    const dir = await tempDir();
    const store = await createLowdbStore({ dir, now: () => T0 });
    await store.putSession(session('one'));
    const crashed = await crashCopy(dir);
    await store.close();
    await rm(join(crashed, DATA_FILE));
    await assert.rejects(createLowdbStore({ dir: crashed }), (error: Error) => error instanceof StoreFileError && error.message.includes(JOURNAL) && /is not/.test(error.message));
    // Moved away with it, the store starts empty.
    await rm(join(crashed, JOURNAL));
    await rm(join(crashed, OTHER_JOURNAL));
    const fresh = await createLowdbStore({ dir: crashed, now: () => T0 });
    assert.equal(await fresh.getSession(hashSecret('one')), undefined);
    await fresh.close();
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

describe('lowdb journal after a crash', () => {
  /** A store with `n` sessions acknowledged, copied as a crash would leave it, and the copy's journal. */
  async function crashedWith(n: number): Promise<{ dir: string; journal: string }> {
    const live = await tempDir();
    const store = await createLowdbStore({ dir: live, now: () => T0 });
    for (let i = 0; i < n; i++) await store.putSession(session(`s${i}`));
    const dir = await crashCopy(live);
    await store.close();
    return { dir, journal: join(dir, JOURNAL) };
  }

  async function sessionsIn(dir: string, n: number): Promise<boolean[]> {
    const store = await createLowdbStore({ dir, now: () => T0 });
    const found = await Promise.all(Array.from({ length: n }, async (_, i) => (await store.getSession(hashSecret(`s${i}`))) !== undefined));
    await store.close();
    return found;
  }

  test('the journal replays on top of the snapshot', async () => {
    const { dir, journal } = await crashedWith(5);
    assert.equal((await readFile(journal, 'utf8')).split('\n').length, 6);
    assert.deepEqual(await sessionsIn(dir, 5), [true, true, true, true, true]);
  });

  for (const [label, tear] of [
    ['cut in the middle (no newline)', (line: string) => line.slice(0, 40)],
    ['complete but with a wrong checksum', (line: string) => `00000000${line.slice(8)}\n`],
    ['zeros where the data should be', (line: string) => '\0'.repeat(line.length)],
  ] as const) {
    test(`a torn last line is dropped, not fatal, and cut off before the next append: ${label}`, async () => {
      const { dir, journal } = await crashedWith(3);
      const text = await readFile(journal, 'utf8');
      const lines = text.split('\n');
      // The third commit's line, torn: it was never acknowledged.
      await writeFile(journal, lines.slice(0, 2).join('\n') + '\n' + tear(lines[2]!));
      assert.deepEqual(await sessionsIn(dir, 3), [true, true, false]);
      // The store that dropped it went on appending (its close compacted): writes after the tear, then a crash.
      const store = await createLowdbStore({ dir, now: () => T0 });
      await store.putSession(session('s2'));
      const again = await crashCopy(dir);
      await store.close();
      assert.deepEqual(await sessionsIn(again, 3), [true, true, true]);
    });
  }

  test('a damaged line with lines after it is refused, naming the line, and left untouched', async () => {
    const { dir, journal } = await crashedWith(3);
    const text = await readFile(journal, 'utf8');
    const damaged = text.replace(hashSecret('s0'), hashSecret('s9'));
    assert.notEqual(damaged, text);
    await writeFile(journal, damaged);
    await assert.rejects(
      createLowdbStore({ dir, now: () => T0 }),
      (error: Error) => error instanceof StoreFileError && error.message.includes(journal) && /damaged at line 1 \(byte 0\)/.test(error.message) && /not a torn last write/.test(error.message),
    );
    assert.equal(await readFile(journal, 'utf8'), damaged);
    // A line missing in the middle is refused too (a gap in the entries).
    const lines = text.split('\n');
    await writeFile(journal, [lines[0], lines[2], ''].join('\n'));
    await assert.rejects(createLowdbStore({ dir, now: () => T0 }), (error: Error) => error instanceof StoreFileError && /missing/.test(error.message));
  });
});

describe('lowdb compaction', () => {
  test('starts once the journal passes the threshold, in the background, and switches the journals', async () => {
    const dir = await tempDir();
    const steps: CompactionStep[] = [];
    const store = await createLowdbStore({ dir, now: () => T0, compactAfterBytes: 4000, afterCompactionStep: (step) => void steps.push(step) });
    let i = 0;
    while ((await size(join(dir, JOURNAL))) < 4000) await store.putSession(session(`s${i++}`));
    assert.equal(steps.length, 0, 'not before the threshold');
    await store.putSession(session(`s${i++}`)); // the commit that finds the journal past it
    // Commits go on while it runs.
    while (!steps.includes('rename')) await store.putSession(session(`s${i++}`));
    assert.deepEqual(steps, ['backup', 'reset', 'cut', 'temp', 'rename']);
    const data = await readJson(join(dir, DATA_FILE));
    assert.ok(data.seq > 0 && data.seq < i, `the snapshot holds the entries up to its cut (${data.seq} of ${i})`);
    assert.equal(data.sessions.length, data.seq, 'one session per entry: exactly those');
    assert.equal(await lines(join(dir, JOURNAL)), data.seq, 'the first journal: the entries up to the cut');
    assert.equal(await lines(join(dir, OTHER_JOURNAL)), i - data.seq, 'the second: those after it');
    await store.close();
    const reopened = await createLowdbStore({ dir, now: () => T0 });
    for (let k = 0; k < i; k++) assert.ok(await reopened.getSession(hashSecret(`s${k}`)), `s${k}`);
    await reopened.close();
  });

  test('a crash after any step of a compaction loses no acknowledged write (writes going on meanwhile)', async () => {
    const dir = await tempDir();
    const acked: string[] = [];
    /** Each step's crash copy, and what had been acknowledged when it was taken. */
    const crashes: { step: string; dir: string; acked: string[] }[] = [];
    const crash = async (step: string) => {
      const known = [...acked];
      crashes.push({ step, dir: await crashCopy(dir), acked: known });
    };
    const store = await createLowdbStore({ dir, now: () => T0, compactAfterBytes: 3000, afterCompactionStep: crash });
    // Writers that keep committing while compactions run, so appends land between and during the steps.
    let running = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; running; i++) {
        const name = `w${w}-${i}`;
        await store.createAccount(account({ accountNameKey: name, industry: 'z'.repeat(200) }), noLimits);
        acked.push(name);
      }
    });
    while (crashes.filter((c) => c.step === 'rename').length < 3) await new Promise((done) => setTimeout(done, 5));
    running = false;
    await Promise.all(writers);
    await crash('before close');
    await store.close();
    await crash('after close');

    assert.deepEqual(
      [...new Set(crashes.map((c) => c.step))].sort(),
      ['after close', 'backup', 'before close', 'cut', 'rename', 'reset', 'temp'],
    );
    for (const { step, dir: copy, acked: known } of crashes) {
      const reopened = await createLowdbStore({ dir: copy, now: () => T0 });
      const missing = [];
      for (const name of known) if (!(await reopened.findAccountByName('jdcloud', name))) missing.push(name);
      assert.deepEqual(missing, [], `crash after ${step}: acknowledged but lost`);
      await reopened.close();
    }
    // And in every state, the previous copy plus the journals reaches every write too.
    for (const { step, dir: copy, acked: known } of crashes.filter((c) => c.step !== 'after close')) {
      const bak = join(copy, `${DATA_FILE}.bak`);
      const hasBak = await stat(bak).then(() => true, () => false);
      if (!hasBak) continue;
      await copyFile(bak, join(copy, DATA_FILE));
      const restored = await createLowdbStore({ dir: copy, now: () => T0 }).catch((error: Error) => error);
      if (restored instanceof Error) {
        // Refused rather than restored with a gap, which is the one acceptable outcome besides a full restore.
        assert.match(restored.message, /missing/, `${step}: ${restored.message}`);
        continue;
      }
      for (const name of known) assert.ok(await restored.findAccountByName('jdcloud', name), `${step}: .bak + journals lost ${name}`);
      await restored.close();
    }
  });
});
