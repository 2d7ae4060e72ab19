/**
 * The low findings of the second red-team pass, each against the real server:
 *
 * - per-address limits count an IPv6 client per /64, so rotating addresses inside one's own
 *   prefix buys no new budget;
 * - a Han or fullwidth look-alike of a taken account name (`victim〇1`, `ｖｉｃｔｉｍ０１`) is
 *   taken too;
 * - a session unused for 7 days ends (idle timeout), while one in use lives its 30 days.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { address, figure, phone, type AppServer } from '../support/server.ts';
import { MANY_REGISTRATIONS, appForSuite, registerJdFrom } from '../support/suite.ts';

describe('low findings', () => {
  let s: AppServer;
  appForSuite(MANY_REGISTRATIONS, (app) => (s = app));

  let nextPhone = 0;
  function registerJd(accountName: string) {
    const i = nextPhone++;
    return registerJdFrom(s.api, accountName, phone(5200 + i), address(5201 + i));
  }

  test('IPv6: addresses of one /64 share one per-address budget; another /64 has its own', async () => {
    let created = 0;
    for (let i = 0; i < 40; i++) {
      const answer = await s.api.post('/api/jdcloud/qr', undefined, {
        forwardedFor: `2001:db8:77:1:${(i + 1).toString(16)}::${i + 7}`,
      });
      if (answer.status === 429) break;
      assert.equal(answer.status, 201, answer.text);
      created++;
    }
    assert.equal(created, 30);
    assert.equal(
      (await s.api.post('/api/jdcloud/qr', undefined, { forwardedFor: '2001:db8:77:2::1' })).status,
      201,
    );
    figure(`IPv6: 30 QR tickets from 30 different addresses of one /64, then 429; the next /64 is served`);
  });

  test('a Han or fullwidth look-alike of a taken account name is taken', async () => {
    assert.equal((await registerJd('victim01')).status, 201);
    for (const alike of ['victim〇1', 'VICTIM〇1', 'Victim〇1']) {
      const answer = await registerJd(alike);
      assert.equal(answer.status, 409, `${alike}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'account_name_taken');
    }
    // Fullwidth letters are outside the name rules; either way never a second account.
    assert.notEqual((await registerJd('ｖｉｃｔｉｍ０１')).status, 201);
    // And the other way round: the look-alike first, then the plain name.
    assert.equal((await registerJd('张一山峰')).status, 201);
    assert.equal((await registerJd('张-山峰')).body.error?.code, 'account_name_taken');
    figure(
      'confusables: victim〇1, VICTIM〇1, Victim〇1 → 409 once victim01 exists (ｖｉｃｔｉｍ０１ refused by the name rules); 张-山峰 once 张一山峰 exists',
    );
  });

  test('idle timeout: a session unused for 7 days ends; one used every few days lives on', async () => {
    const idle = await registerJd('idle-user1');
    const busy = await registerJd('busy-user1');
    for (let day = 0; day < 12; day += 3) {
      s.clock.advance(3 * 86_400);
      assert.equal(
        (await s.api.get('/api/jdcloud/session', { token: busy.body.session.token })).status,
        200,
        `day ${day + 3}`,
      );
    }
    const answer = await s.api.get('/api/jdcloud/session', { token: idle.body.session.token });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'unauthenticated');
    figure('idle timeout: unused for 12 days → 401; used every 3 days → still signed in after 12');
  });
});
