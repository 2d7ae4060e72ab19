/** The store's sessions, and the frozen records its views hand out. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret } from '../../crypto.ts';
import { type AccountRecord, type QrRecord, type SessionRecord } from '../types.ts';
import { account, iso, noLimits, qr, T0, type OpenStore } from './fixtures.ts';

export function sessionsConformance(open: OpenStore): void {
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
    if (store.sessions.viewWithAccount) {
      const both = await store.sessions.viewWithAccount(session.tokenHash);
      assert.deepEqual(both, { session, account: await store.accounts.view(session.accountId) });
      assert.equal(both?.account?.email, 'n@example.com', 'the account as updated, not an older view');
      assert.ok(Object.isFrozen(both?.session) && Object.isFrozen(both?.account));
      assert.equal(await store.sessions.viewWithAccount(hashSecret('unknown')), undefined);
      const orphan = { ...session, tokenHash: hashSecret('orphan'), accountId: 'gone' };
      await store.sessions.put(orphan);
      assert.deepEqual(await store.sessions.viewWithAccount(orphan.tokenHash), {
        session: orphan,
        account: undefined,
      });
      // Lookups made together (one statement on PostgreSQL) each get their own answer.
      const together = await Promise.all(
        [session.tokenHash, hashSecret('unknown'), orphan.tokenHash, session.tokenHash].map((hash) =>
          store.sessions.viewWithAccount!(hash),
        ),
      );
      assert.deepEqual(together, [both, undefined, { session: orphan, account: undefined }, both]);
      await store.sessions.put({ ...session, tokenHash: hashSecret('later'), expiresAt: iso(T0 + 5000) });
    }
    assert.throws(() => {
      (view as SessionRecord).expiresAt = iso(T0 + 9_999_999);
    }, TypeError);
    now = T0 + 1000;
    assert.equal(await store.sessions.view(session.tokenHash), undefined, 'expired, like getSession');
    assert.equal(await store.sessions.viewWithAccount?.(session.tokenHash), undefined, 'expired too');
    if (store.sessions.viewWithAccount) {
      const [expired, later] = await Promise.all(
        [session.tokenHash, hashSecret('later')].map((hash) => store.sessions.viewWithAccount!(hash)),
      );
      assert.equal(expired, undefined, 'expired, also among others');
      assert.equal(later?.session.tokenHash, hashSecret('later'));
    }
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
}
