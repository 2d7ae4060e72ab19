/**
 * The behaviour every `Store` must have, as a test suite a store's own test file runs:
 * `storeConformance('postgres', () => openPostgresStore(…))`. The atomic rules (create-if-absent,
 * consume-once, limits under parallel calls) and the expiry rules; the store's clock must read
 * `T0` (the suite passes times explicitly where the interface takes them).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashSecret, newId } from '../crypto.ts';
import {
  StoreConflictError,
  type AccountRecord,
  type CodeRecord,
  type EmailLinkRecord,
  type QrRecord,
  type QrState,
  type SessionRecord,
  type Store,
  type TicketRecord,
} from './types.ts';

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export function account(fields: Partial<AccountRecord> = {}): AccountRecord {
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

export function code(fields: Partial<CodeRecord> = {}): CodeRecord {
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

export function ticket(token: string, fields: Partial<TicketRecord> = {}): TicketRecord {
  return {
    tokenHash: hashSecret(token),
    provider: 'qingcloud',
    kind: 'choose_account',
    data: { ids: ['a', 'b'] },
    createdAt: iso(T0),
    expiresAt: iso(T0 + 600_000),
    ...fields,
  };
}

export function link(token: string, fields: Partial<EmailLinkRecord> = {}): EmailLinkRecord {
  return {
    tokenHash: hashSecret(token),
    provider: 'jdcloud',
    accountId: 'acc',
    email: 'a@example.com',
    purpose: 'verify',
    createdAt: iso(T0),
    expiresAt: iso(T0 + 7_200_000),
    ...fields,
  };
}

export function qr(id: string, fields: Partial<QrRecord> = {}): QrRecord {
  return {
    id,
    provider: 'jdcloud',
    secretHash: hashSecret(`secret-${id}`),
    status: 'pending',
    info: { browser: 'Firefox on Linux', createdAt: iso(T0) },
    createdAt: iso(T0),
    expiresAt: iso(T0 + 120_000),
    ...fields,
  };
}

export const noLimits = { emailUnique: false, maxAccountsPerPhone: null };

/** Runs the suite on stores made by `open`: a new, empty store per test, on the clock given (default `T0`). */
export function storeConformance(name: string, openAt: (now: () => number) => Promise<Store>): void {
  const open = (now: () => number = () => T0) => openAt(now);
  describe(`store conformance (${name})`, () => {
    test('50 parallel registrations of one name: exactly one account', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          store.accounts.create(account({ accountName: 'Alice', accountNameKey: 'alice' }), noLimits),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.conflict === 'accountName'));
      assert.equal(await store.accounts.count('jdcloud'), 1);
      // The same name in another provider is a different account.
      assert.deepEqual(
        await store.accounts.create(
          account({ provider: 'jdcloud-classic', accountNameKey: 'alice' }),
          noLimits,
        ),
        { ok: true },
      );
      await store.close();
    });

    test('phone limit under parallel creation: limit 5, 20 parallel → 5', async () => {
      const store = await open();
      const options = { emailUnique: false, maxAccountsPerPhone: 5 };
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.accounts.create(account({ provider: 'tencentcloud', phone: '+8613900139000' }), options),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 5);
      assert.equal(results.filter((r) => !r.ok && r.conflict === 'phoneLimit').length, 15);
      assert.equal((await store.accounts.findByPhone('tencentcloud', '+8613900139000')).length, 5);
      await store.close();
    });

    test('email is create-if-absent only when emailUnique', async () => {
      const store = await open();
      const unique = { emailUnique: true, maxAccountsPerPhone: null };
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.accounts.create(account({ provider: 'tencentcloud', email: 'x@example.com' }), unique),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.conflict === 'email'));
      assert.equal((await store.accounts.create(account({ email: 'x@example.com' }), noLimits)).ok, true);
      assert.equal((await store.accounts.create(account({ email: 'x@example.com' }), noLimits)).ok, true);
      assert.equal((await store.accounts.findByEmail('jdcloud', 'x@example.com')).length, 2);
      await store.close();
    });

    test('one identity-provider subject binds to one account', async () => {
      const store = await open();
      const bound = { idp: 'wechat' as const, subject: 'union-1', boundAt: iso(T0) };
      const results = await Promise.all(
        [1, 2, 3].map(() => store.accounts.create(account({ connections: [bound] }), noLimits)),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.conflict === 'connection'));
      assert.ok(await store.accounts.findByConnection('jdcloud', 'wechat', 'union-1'));
      assert.equal(await store.accounts.findByConnection('jdcloud', 'qq', 'union-1'), undefined);
      await store.close();
    });

    test('parallel checkCode of one code: exactly one ok', async () => {
      const store = await open();
      await store.codes.put(code());
      const results = await Promise.all(
        Array.from({ length: 30 }, () =>
          store.codes.check('jdcloud', '+8613800138000', 'login', hashSecret('123456'), iso(T0 + 1000), 5),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.reason === 'missing'));
      await store.close();
    });

    test('5 wrong tries kill the code, and then the right one fails too', async () => {
      const store = await open();
      await store.codes.put(code());
      const check = (value: string) =>
        store.codes.check('jdcloud', '+8613800138000', 'login', hashSecret(value), iso(T0 + 1000), 5);
      for (const remaining of [4, 3, 2, 1, 0])
        assert.deepEqual(await check('000000'), { ok: false, reason: 'wrong', remaining });
      assert.deepEqual(await check('123456'), { ok: false, reason: 'missing' });
      await store.close();
    });

    test('a code is bound to phone and purpose, expires, and a new one kills the old one', async () => {
      const store = await open();
      const phone = '+8613800138000';
      await store.codes.put(code({ codeHash: hashSecret('111111') }));
      assert.deepEqual(
        await store.codes.check('jdcloud', phone, 'register', hashSecret('111111'), iso(T0), 5),
        { ok: false, reason: 'missing' },
      );
      assert.deepEqual(
        await store.codes.check('jdcloud', '+8613800138001', 'login', hashSecret('111111'), iso(T0), 5),
        { ok: false, reason: 'missing' },
      );
      assert.deepEqual(
        await store.codes.check('qingcloud', phone, 'login', hashSecret('111111'), iso(T0), 5),
        { ok: false, reason: 'missing' },
      );
      assert.deepEqual(
        await store.codes.check('jdcloud', phone, 'login', hashSecret('111111'), iso(T0 + 300_000), 5),
        { ok: false, reason: 'expired' },
      );

      await store.codes.put(
        code({ codeHash: hashSecret('222222'), createdAt: iso(T0 + 60_000), expiresAt: iso(T0 + 360_000) }),
      );
      assert.deepEqual((await store.codes.last('jdcloud', phone))?.codeHash, hashSecret('222222'));
      assert.equal(
        (await store.codes.check('jdcloud', phone, 'login', hashSecret('111111'), iso(T0 + 61_000), 5)).ok,
        false,
      );
      assert.deepEqual(
        await store.codes.check('jdcloud', phone, 'login', hashSecret('222222'), iso(T0 + 61_000), 5),
        { ok: true },
      );
      await store.close();
    });

    test('countCodesSince counts per phone and per address, across providers', async () => {
      const store = await open();
      await store.codes.put(code({ createdAt: iso(T0 - 3_600_000) }));
      await store.codes.put(code({ provider: 'qingcloud', purpose: 'register' }));
      await store.codes.put(code({ phone: '+8613800138009', address: '198.51.100.1' }));
      const since = iso(T0 - 60_000);
      assert.equal(await store.codes.countSince({ phone: '+8613800138000' }, since), 1);
      assert.equal(await store.codes.countSince({ phone: '+8613800138000' }, iso(T0 - 7_200_000)), 2);
      assert.equal(await store.codes.countSince({ address: '203.0.113.7' }, since), 1);
      assert.equal(await store.codes.countSince({ address: '198.51.100.1' }, since), 1);
      assert.equal(
        await store.codes.countSince({ phone: '+8613800138009', address: '203.0.113.7' }, since),
        0,
      );
      assert.equal(await store.codes.countSince({ phone: '+8600000000000' }, since), 0);
      await store.close();
    });

    test('tickets are single use, provider-bound and expire', async () => {
      const store = await open();
      await store.tickets.put(ticket('t1'));
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.tickets.consume<{ ids: string[] }>('qingcloud', hashSecret('t1'), iso(T0)),
        ),
      );
      const won = results.filter((r) => r !== undefined);
      assert.equal(won.length, 1);
      assert.deepEqual(won[0]?.data, { ids: ['a', 'b'] });

      await store.tickets.put(ticket('t2'));
      assert.equal(await store.tickets.consume('jdcloud', hashSecret('t2'), iso(T0)), undefined);
      assert.ok(await store.tickets.consume('qingcloud', hashSecret('t2'), iso(T0)));

      await store.tickets.put(ticket('t3'));
      assert.equal(await store.tickets.consume('qingcloud', hashSecret('t3'), iso(T0 + 600_000)), undefined);
      assert.equal(
        await store.tickets.consume('qingcloud', hashSecret('t3'), iso(T0)),
        undefined,
        'an expired ticket is gone',
      );
      await store.close();
    });

    test('email links are single use and expire', async () => {
      const store = await open();
      await store.emailLinks.put(link('l1'));
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.emailLinks.consume(hashSecret('l1'), iso(T0 + 1000))),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.reason === 'missing'));
      const used = results.find((r) => r.ok);
      assert.equal(used?.ok && used.link.usedAt, iso(T0 + 1000));

      // Peeking shows a link without spending it; a spent or expired link shows nothing.
      await store.emailLinks.put(link('lp'));
      assert.equal((await store.emailLinks.peek(hashSecret('lp'), iso(T0 + 1000)))?.email, link('lp').email);
      assert.equal((await store.emailLinks.consume(hashSecret('lp'), iso(T0 + 1000))).ok, true);
      assert.equal(await store.emailLinks.peek(hashSecret('lp'), iso(T0 + 1000)), undefined);
      await store.emailLinks.put(link('lq'));
      assert.equal(await store.emailLinks.peek(hashSecret('lq'), iso(T0 + 7_200_000)), undefined);
      await store.emailLinks.put(link('l2'));
      assert.deepEqual(await store.emailLinks.consume(hashSecret('l2'), iso(T0 + 7_200_000)), {
        ok: false,
        reason: 'expired',
      });
      assert.deepEqual(await store.emailLinks.consume(hashSecret('nope'), iso(T0)), {
        ok: false,
        reason: 'missing',
      });
      await store.close();
    });

    test('sessions: put, get, expiry, delete', async () => {
      let now = T0;
      const store = await open(() => now);
      const session = {
        tokenHash: hashSecret('s'),
        accountId: 'a',
        provider: 'jdcloud' as const,
        createdAt: iso(T0),
        expiresAt: iso(T0 + 1000),
      };
      await store.sessions.put(session);
      assert.deepEqual(await store.sessions.get(session.tokenHash), session);
      now = T0 + 1000;
      assert.equal(await store.sessions.get(session.tokenHash), undefined);
      now = T0;
      await store.sessions.delete(session.tokenHash);
      assert.equal(await store.sessions.get(session.tokenHash), undefined);
      await store.close();
    });

    test('sessions per account: listOf (live, oldest first), deleteOf (all but one), touch (never revives)', async () => {
      let now = T0;
      const store = await open(() => now);
      const at = (name: string, account: string, created: number, ttl = 10_000) => ({
        tokenHash: hashSecret(name),
        accountId: account,
        provider: 'jdcloud' as const,
        createdAt: iso(created),
        expiresAt: iso(created + ttl),
      });
      await store.sessions.put(at('s2', 'a', T0 + 2));
      await store.sessions.put(at('s1', 'a', T0 + 1));
      await store.sessions.put(at('s3', 'a', T0 + 3, 5));
      await store.sessions.put(at('b1', 'b', T0));
      now = T0 + 10;
      assert.deepEqual(
        (await store.sessions.listOf('a')).map((s) => s.tokenHash),
        [hashSecret('s1'), hashSecret('s2')],
        'expired s3 left out',
      );
      assert.equal(await store.sessions.touch(hashSecret('s1'), iso(now)), true);
      assert.equal((await store.sessions.get(hashSecret('s1')))?.lastSeenAt, iso(now));
      assert.equal((await store.sessions.deleteOf('a', hashSecret('s1'))) >= 1, true);
      assert.deepEqual(
        (await store.sessions.listOf('a')).map((s) => s.tokenHash),
        [hashSecret('s1')],
      );
      assert.ok(await store.sessions.get(hashSecret('b1')), "another account's session stays");
      await store.sessions.delete(hashSecret('s1'));
      assert.equal(
        await store.sessions.touch(hashSecret('s1'), iso(now)),
        false,
        'a touch after logout brings nothing back',
      );
      assert.equal(await store.sessions.get(hashSecret('s1')), undefined);
      await store.close();
    });

    test('viewSession and viewAccount hand out the stored record, frozen: no caller can change it', async () => {
      let now = T0;
      const store = await open(() => now);
      const a = account({
        connections: [{ idp: 'qq', subject: 'o1', boundAt: iso(T0) }],
        agreements: ['terms'],
      });
      await store.accounts.create(a, noLimits);
      const session = {
        tokenHash: hashSecret('s'),
        accountId: a.id,
        provider: 'jdcloud' as const,
        createdAt: iso(T0),
        expiresAt: iso(T0 + 1000),
      };
      await store.sessions.put(session);

      const viewed = await store.accounts.view(a.id);
      assert.deepEqual(viewed, a);
      assert.equal(await store.accounts.view(a.id), viewed, 'no copy per read');
      const write = viewed as unknown as AccountRecord;
      assert.throws(() => {
        write.status = 'pending_activation';
      }, TypeError);
      assert.throws(() => {
        write.connections[0]!.subject = 'o2';
      }, TypeError);
      assert.throws(() => {
        write.connections.push({ idp: 'jd', subject: 'x', boundAt: iso(T0) });
      }, TypeError);
      assert.throws(() => {
        write.agreements!.push('more');
      }, TypeError);
      // What the caller passed in stays its own, and a copy from getAccount is free to change.
      a.status = 'pending_activation';
      const copy = (await store.accounts.get(a.id))!;
      copy.connections.push({ idp: 'jd', subject: 'x', boundAt: iso(T0) });
      assert.deepEqual(await store.accounts.get(a.id), { ...a, status: 'active' });

      // An update stores a new frozen record; the old view stays what it was.
      const updated = await store.accounts.update(a.id, (x) => ({ ...x, email: 'n@example.com' }));
      assert.equal((await store.accounts.view(a.id))?.email, 'n@example.com');
      assert.ok(Object.isFrozen(await store.accounts.view(a.id)));
      assert.equal(viewed?.email, undefined);
      updated!.email = 'changed@example.com'; // updateAccount's answer is a copy
      assert.equal((await store.accounts.view(a.id))?.email, 'n@example.com');

      const view = await store.sessions.view(session.tokenHash);
      assert.deepEqual(view, session);
      assert.throws(() => {
        (view as SessionRecord).expiresAt = iso(T0 + 9_999_999);
      }, TypeError);
      now = T0 + 1000;
      assert.equal(await store.sessions.view(session.tokenHash), undefined, 'expired, like getSession');
      assert.equal(await store.accounts.view('nope'), undefined);

      // A refused claim (every poll of a pending QR code) shows the stored ticket, frozen too.
      now = T0;
      await store.qr.put(qr('q'));
      const refused = await store.qr.claim('jdcloud', 'q', hashSecret('secret-q'), iso(T0));
      assert.equal(refused.ok, false);
      assert.throws(() => {
        (refused.record as QrRecord).status = 'confirmed';
      }, TypeError);
      assert.throws(() => {
        (refused.record as QrRecord).info.browser = 'x';
      }, TypeError);
      assert.equal((await store.qr.get('q'))?.status, 'pending');
      await store.close();
    });

    test('updateAccount keeps the indexes right and refuses conflicts', async () => {
      const store = await open();
      const a = account({ accountName: 'a1', accountNameKey: 'a1', phone: '+8613800000001' });
      const b = account({ accountName: 'b1', accountNameKey: 'b1', phone: '+8613800000001' });
      await store.accounts.create(a, noLimits);
      await store.accounts.create(b, noLimits);

      await assert.rejects(
        store.accounts.update(b.id, (x) => ({ ...x, accountNameKey: 'a1' })),
        (e) => e instanceof StoreConflictError && e.conflict === 'accountName',
      );
      await assert.rejects(
        store.accounts.update(b.id, () => {
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal((await store.accounts.get(b.id))?.accountNameKey, 'b1', 'nothing written after a refusal');

      const updated = await store.accounts.update(
        a.id,
        (x) => ({ ...x, accountName: 'a2', accountNameKey: 'a2', email: 'a@example.com' }),
        { emailUnique: true },
      );
      assert.equal(updated?.accountNameKey, 'a2');
      assert.equal(await store.accounts.findByName('jdcloud', 'a1'), undefined);
      assert.equal((await store.accounts.findByName('jdcloud', 'a2'))?.id, a.id);
      assert.equal((await store.accounts.findByEmail('jdcloud', 'a@example.com'))[0]?.id, a.id);
      await assert.rejects(
        store.accounts.update(b.id, (x) => ({ ...x, email: 'a@example.com' }), { emailUnique: true }),
        (e) => e instanceof StoreConflictError && e.conflict === 'email',
      );
      // The phone's first holder stays first after an edit (JD: only it may log in with it).
      assert.deepEqual(
        (await store.accounts.findByPhone('jdcloud', '+8613800000001')).map((x) => x.id),
        [a.id, b.id],
      );

      // Records handed out are copies: changing one changes nothing in the store.
      updated!.accountNameKey = 'mutated';
      assert.equal((await store.accounts.get(a.id))?.accountNameKey, 'a2');
      assert.equal(await store.accounts.update('missing', (x) => x), undefined);
      await store.close();
    });

    test('sub-accounts and counts', async () => {
      const store = await open();
      const parent = account({ provider: 'qingcloud' });
      await store.accounts.create(parent, noLimits);
      await store.accounts.create(
        account({ provider: 'qingcloud', kind: 'sub', parentId: parent.id, email: 's1@example.com' }),
        noLimits,
      );
      await store.accounts.create(
        account({ provider: 'qingcloud', kind: 'sub', parentId: parent.id, email: 's2@example.com' }),
        noLimits,
      );
      assert.deepEqual(
        (await store.accounts.listSubaccounts(parent.id)).map((x) => x.email),
        ['s1@example.com', 's2@example.com'],
      );
      assert.equal(await store.accounts.count('qingcloud'), 3);
      assert.equal(await store.accounts.count('jdcloud'), 0);
      assert.equal(await store.accounts.count(), 3);
      await store.close();
    });

    test('QR: pending → scanned → confirmed by one account, refused after expiry', async () => {
      const store = await open();
      await store.qr.put(qr('q1'));
      const move = (to: QrState, from: QrState[], accountId = 'acc-1', now = T0 + 1000) =>
        store.qr.advance('jdcloud', 'q1', { from, to, accountId, now: iso(now) });
      assert.equal(
        (await move('confirmed', ['scanned'])).ok,
        false,
        'cannot confirm before a scan when only scanned is allowed',
      );
      const scanned = await move('scanned', ['pending']);
      assert.ok(scanned.ok);
      assert.equal(scanned.record.accountId, 'acc-1');
      assert.deepEqual(
        await move('confirmed', ['scanned'], 'acc-2'),
        { ok: false, reason: 'state', record: scanned.record },
        'another account cannot confirm',
      );
      assert.equal(
        (
          await store.qr.advance('qingcloud', 'q1', {
            from: ['scanned'],
            to: 'confirmed',
            accountId: 'acc-1',
            now: iso(T0),
          })
        ).ok,
        false,
        'provider-bound',
      );
      const confirmed = await move('confirmed', ['scanned']);
      assert.ok(confirmed.ok);
      assert.equal(confirmed.record.decidedAt, iso(T0 + 1000));
      assert.equal((await move('denied', ['pending', 'scanned'])).ok, false, 'a decision is final');

      await store.qr.put(qr('q2'));
      const late = await store.qr.advance('jdcloud', 'q2', {
        from: ['pending'],
        to: 'scanned',
        accountId: 'a',
        now: iso(T0 + 120_000),
      });
      assert.equal(!late.ok && late.reason, 'expired');
      assert.equal(
        (
          await store.qr.advance('jdcloud', 'nope', {
            from: ['pending'],
            to: 'scanned',
            accountId: 'a',
            now: iso(T0),
          })
        ).ok,
        false,
      );
      await store.close();
    });

    test('QR: the confirmed session is claimed once, by the secret holder only, also in parallel', async () => {
      const store = await open();
      await store.qr.put(qr('q1'));
      assert.deepEqual(
        (await store.qr.claim('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0))).ok,
        false,
        'not before confirmation',
      );
      await store.qr.advance('jdcloud', 'q1', {
        from: ['pending'],
        to: 'confirmed',
        accountId: 'acc',
        now: iso(T0),
      });
      assert.deepEqual(await store.qr.claim('jdcloud', 'q1', hashSecret('wrong'), iso(T0)), {
        ok: false,
        reason: 'missing',
      });
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.qr.claim('jdcloud', 'q1', hashSecret('secret-q1'), iso(T0 + 5)),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.reason === 'claimed'));
      assert.equal((await store.qr.get('q1'))?.claimedAt, iso(T0 + 5));
      await store.close();
    });

    test('grants: create-if-absent, consumed once (in parallel too), expire, update', async () => {
      const store = await open();
      const grant = {
        kind: 'wechat:code',
        key: hashSecret('c1'),
        data: { n: 1 },
        createdAt: iso(T0),
        expiresAt: iso(T0 + 600_000),
      };
      assert.equal(await store.grants.put(grant), true);
      assert.equal(
        await store.grants.put({ ...grant, data: { n: 2 } }),
        false,
        'a live key is not overwritten',
      );
      assert.equal(await store.grants.get('qq:code', grant.key, iso(T0)), undefined, 'kinds are separate');
      assert.deepEqual(
        (await store.grants.update<{ n: number }>(grant.kind, grant.key, iso(T0), (d) => ({ n: d.n + 10 })))
          ?.data,
        { n: 11 },
      );
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.grants.consume<{ n: number }>(grant.kind, grant.key, iso(T0 + 1)),
        ),
      );
      assert.deepEqual(
        results.filter(Boolean).map((r) => r!.data),
        [{ n: 11 }],
      );
      assert.equal(await store.grants.get(grant.kind, grant.key, iso(T0)), undefined);

      await store.grants.put({ ...grant, key: 'k2' });
      assert.equal(await store.grants.get(grant.kind, 'k2', iso(T0 + 600_000)), undefined);
      assert.equal(await store.grants.update(grant.kind, 'k2', iso(T0 + 600_000), (d) => d), undefined);
      assert.equal(
        await store.grants.consume(grant.kind, 'k2', iso(T0 + 600_000)),
        undefined,
        'an expired grant is refused',
      );
      assert.equal(await store.grants.consume(grant.kind, 'k2', iso(T0)), undefined, 'and gone');
      await store.close();
    });
  });
}
