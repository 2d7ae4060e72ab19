/**
 * Trusted-proxy handling (issue 6): the client address behind every per-address limit comes
 * from the socket, unless the socket peer is a proxy configured in TRUSTED_PROXIES; then the
 * rightmost X-Forwarded-For entry that is not itself a trusted proxy. A header from anyone else
 * is the client's own words and changes nothing.
 *
 * Real CLI processes (the env variable as operators set it), measured with the cheapest
 * per-address limit: 30 QR tickets a minute per address.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, figure, startCli, tempDir, type CliServer, type Client } from '../support/server.ts';

const LIMIT = 30;

/** QR tickets created until the first refusal, each request with the X-Forwarded-For `xff(i)`. */
async function createdUntilRefused(
  api: Client,
  xff: (i: number) => string | undefined,
  max = LIMIT + 5,
): Promise<number> {
  for (let i = 0; i < max; i++) {
    const forwarded = xff(i);
    const answer = await api.post(
      '/api/jdcloud/qr',
      undefined,
      forwarded === undefined ? {} : { forwardedFor: forwarded },
    );
    if (answer.status === 429) {
      assert.equal(answer.body.error.code, 'rate_limited');
      return i;
    }
    assert.equal(answer.status, 201, answer.text);
  }
  return max;
}

describe('trusted proxies (real CLI processes)', () => {
  const servers: CliServer[] = [];
  const dirs: { remove(): Promise<void> }[] = [];
  let untrusting: Client;
  let otherProxy: Client;
  let behindProxy: Client;

  before(async () => {
    const start = async (env: Record<string, string>) => {
      const dir = await tempDir('cl-proxy-');
      dirs.push(dir);
      const server = await startCli({ dataDir: dir.path, env });
      servers.push(server);
      return client(server.base);
    };
    [untrusting, otherProxy, behindProxy] = await Promise.all([
      start({}),
      start({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1' }),
      start({ TRUSTED_PROXIES: '127.0.0.1' }),
    ]);
  });
  after(async () => {
    for (const server of servers) assert.equal(await server.stop(), 0);
    for (const dir of dirs) await dir.remove();
  });

  test('no trusted proxy: a spoofed X-Forwarded-For is ignored (a new one on every request changes nothing)', async () => {
    const created = await createdUntilRefused(untrusting, (i) => `198.51.100.${i + 1}`);
    assert.equal(created, LIMIT);
    figure(
      `proxy: no TRUSTED_PROXIES — ${created} QR tickets from 127.0.0.1 with ${created + 1} different spoofed X-Forwarded-For, then 429: the header was ignored`,
    );
  });

  test('proxies configured, but the peer is not one of them: the header is still ignored', async () => {
    const created = await createdUntilRefused(otherProxy, (i) => `10.1.2.3, 198.51.100.${i + 1}`);
    assert.equal(created, LIMIT);
  });

  test('behind a trusted proxy: the forwarded client counts, spoofed entries to its left do not', async () => {
    assert.equal(await createdUntilRefused(behindProxy, () => '198.51.100.7'), LIMIT);
    // Another client behind the same proxy is not held back.
    assert.equal(
      (await behindProxy.post('/api/jdcloud/qr', undefined, { forwardedFor: '198.51.100.8' })).status,
      201,
    );
    // The throttled client cannot escape by prepending addresses of its own: the proxy appended the real one.
    for (const spoof of [
      '203.0.113.5, 198.51.100.7',
      '127.0.0.1, 198.51.100.7',
      'garbage, 198.51.100.7',
      '198.51.100.99,198.51.100.7',
    ]) {
      const answer = await behindProxy.post('/api/jdcloud/qr', undefined, { forwardedFor: spoof });
      assert.equal(answer.status, 429, spoof);
    }
    // A chain through another trusted hop (127.0.0.1 again) is walked past.
    assert.equal(
      (await behindProxy.post('/api/jdcloud/qr', undefined, { forwardedFor: '198.51.100.7, 127.0.0.1' }))
        .status,
      429,
    );
    figure(
      `proxy: TRUSTED_PROXIES=127.0.0.1 — ${LIMIT} per forwarded client; spoofed left-hand entries did not escape the limit`,
    );
  });
});
