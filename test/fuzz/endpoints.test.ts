/**
 * Bad input (issue 6): thousands of malformed requests to every endpoint the server publishes in
 * /openapi.json (and the dev-mode identity-provider simulator) — wrong types, huge strings, deep
 * nesting, invalid UTF-8 in bodies, paths and headers, `__proto__` / `constructor` keys, odd
 * content types, methods, queries and credentials. The oracle:
 *
 * - never a 5xx, and nothing logged as an unexpected error;
 * - every error under /api is JSON `{"error": {"code", "message"}}` with a code from core's
 *   ERROR_CODES — except the documented browser pages (email link, third-party callback, the
 *   WeChat OA scan page) and WeChat's own push protocol (plain text);
 * - Object.prototype untouched; the server healthy afterwards (every preset's config, a
 *   registration and a sign-in, a readable data file).
 *
 * Seeded: the seed is printed; `FUZZ_SEED=<n>` replays a run, `FUZZ_COUNT=<n>` changes its size.
 * requests.ts builds the requests, support.ts sends them and judges the answers; the raw bytes
 * on a socket are in raw-socket.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { figure, type AppServer } from '../support/server.ts';
import { build, prng, type Endpoint } from './requests.ts';
import {
  COUNT,
  SEED,
  agent,
  assertHealthy,
  endpointsOf,
  errorsSince,
  protoNames,
  run,
  signUp,
  startFuzzApp,
} from './support.ts';

describe('fuzz: malformed requests to every endpoint', () => {
  let s: AppServer;
  let endpoints: Endpoint[];
  let simulator: Endpoint[];
  let credentials: { token: string; cookie: string };
  const prototypes = protoNames();

  before(async () => {
    s = await startFuzzApp();
    ({ endpoints, simulator } = await endpointsOf(s));
    credentials = await signUp(s);
  });

  after(async () => {
    agent.destroy();
    await s.close();
  });

  test(`${COUNT} seeded malformed requests to every /api endpoint: no 5xx, JSON errors with contract codes, no prototype pollution`, async () => {
    figure(
      `fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} node --conditions=cloud-login-source --import tsx --test test/fuzz/endpoints.test.ts)`,
    );
    const r = prng(SEED);
    // Built up front, in order, so a replay sends exactly the same requests.
    const requests = Array.from({ length: COUNT }, () => build(r, r.pick(endpoints), credentials));
    const errorsBefore = s.errors.length;
    const { failures, summary } = await run(s, requests);
    figure(`fuzz: ${summary}`);
    assert.deepEqual(failures.slice(0, 10), [], `seed ${SEED}: ${failures.length} bad answers`);
    assert.deepEqual(errorsSince(s, errorsBefore), [], `seed ${SEED}: unexpected errors were logged`);
    assert.deepEqual(protoNames(), prototypes, 'built-in prototypes unchanged');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });

  test('the dev-mode simulated identity providers (/idp/*) never answer 5xx', async () => {
    const r = prng(SEED ^ 0x1d9);
    const requests = Array.from({ length: 600 }, () => build(r, r.pick(simulator), credentials));
    // A form post whose body is not multipart (it once got a 500), every run, whatever the seed.
    for (const path of [
      '/idp/wechat/connect/qrconnect',
      '/idp/qq/oauth2.0/authorize',
      '/idp/jd/oauth2/to_login',
      '/idp/jd/oauth2/access_token',
    ]) {
      requests.push({
        method: 'POST',
        path,
        headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
        body: Buffer.from('{}'),
        label: `POST ${path} [not multipart]`,
      });
    }
    const errorsBefore = s.errors.length;
    const { failures, summary } = await run(s, requests);
    figure(`fuzz (simulated providers): ${summary}`);
    assert.deepEqual(failures.slice(0, 10), [], `seed ${SEED}: ${failures.length} bad answers`);
    assert.deepEqual(errorsSince(s, errorsBefore), []);
  });

  test('healthy afterwards: every preset answers, registration and sign-in work, the data file reads', async () => {
    await assertHealthy(s);
  });
});
