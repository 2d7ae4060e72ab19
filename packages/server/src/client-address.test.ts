import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import {
  createClientAddress,
  createTrustedProxyList,
  resolveClientAddress,
  UNKNOWN_ADDRESS,
} from './client-address.ts';

const trusted = createTrustedProxyList(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);

test('without a trusted proxy the socket address wins and the header is ignored', () => {
  const none = createTrustedProxyList([]);
  assert.equal(resolveClientAddress('203.0.113.9', '1.1.1.1', none), '203.0.113.9');
  assert.equal(
    resolveClientAddress('203.0.113.9', '1.1.1.1', trusted),
    '203.0.113.9',
    'a spoofed header from an untrusted peer',
  );
  assert.equal(resolveClientAddress('::ffff:203.0.113.9', undefined, trusted), '203.0.113.9');
  assert.equal(resolveClientAddress('2001:DB8::1', undefined, trusted), '2001:db8::1');
  assert.equal(resolveClientAddress(undefined, '1.1.1.1', trusted), UNKNOWN_ADDRESS);
});

test('behind trusted proxies: the right-most untrusted X-Forwarded-For entry', () => {
  assert.equal(resolveClientAddress('10.0.0.2', '198.51.100.4', trusted), '198.51.100.4');
  assert.equal(resolveClientAddress('::ffff:127.0.0.1', '198.51.100.4', trusted), '198.51.100.4');
  // The client wrote "6.6.6.6" itself; our proxy appended what it saw.
  assert.equal(resolveClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.4', trusted), '198.51.100.4');
  // Two proxies of ours in a row.
  assert.equal(resolveClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.4, 10.1.2.3', trusted), '198.51.100.4');
  assert.equal(resolveClientAddress('::1', '2001:db8::7, fd00::1', trusted), '2001:db8::7');
  // Ports some proxies add.
  assert.equal(resolveClientAddress('10.0.0.2', '198.51.100.4:5123', trusted), '198.51.100.4');
  assert.equal(resolveClientAddress('10.0.0.2', '[2001:db8::7]:443', trusted), '2001:db8::7');
  // Garbage stops the walk: we fall back to the last address we could vouch for.
  assert.equal(resolveClientAddress('10.0.0.2', 'not-an-ip', trusted), '10.0.0.2');
  assert.equal(resolveClientAddress('10.0.0.2', '198.51.100.4, nonsense', trusted), '10.0.0.2');
  // No header: the proxy itself.
  assert.equal(resolveClientAddress('10.0.0.2', undefined, trusted), '10.0.0.2');
  // Every entry is ours: the left-most.
  assert.equal(resolveClientAddress('10.0.0.2', '10.9.9.9, 10.0.0.3', trusted), '10.9.9.9');
});

test('rejects a malformed trusted-proxy entry', () => {
  assert.throws(() => createTrustedProxyList(['localhost']), /localhost/);
});

test('reads the Node socket that @hono/node-server puts in c.env', async () => {
  const app = new Hono();
  const address = createClientAddress({ trustedProxies: ['127.0.0.1'] });
  app.get('/', (c) => c.text(address(c)));
  const env = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
  const get = async (remote: string | undefined, xff?: string) => {
    const headers = xff ? { 'x-forwarded-for': xff } : undefined;
    return (await app.request('/', { headers }, remote ? env(remote) : undefined)).text();
  };
  assert.equal(await get('203.0.113.1', '9.9.9.9'), '203.0.113.1');
  assert.equal(await get('127.0.0.1', '9.9.9.9, 198.51.100.2'), '198.51.100.2');
  assert.equal(await get(undefined), UNKNOWN_ADDRESS);
});

test('without trusted proxies (the quick path): the normalised peer, whatever the header says', async () => {
  const app = new Hono();
  const address = createClientAddress();
  app.get('/', (c) => c.text(address(c)));
  const get = async (remote: string | undefined, xff?: string) =>
    (
      await app.request(
        '/',
        xff ? { headers: { 'x-forwarded-for': xff } } : {},
        remote ? { incoming: { socket: { remoteAddress: remote } } } : undefined,
      )
    ).text();
  assert.equal(await get('::ffff:203.0.113.1', '9.9.9.9'), '203.0.113.1');
  assert.equal(await get('2001:DB8::1'), '2001:db8::1');
  assert.equal(await get(undefined, '9.9.9.9'), UNKNOWN_ADDRESS);
});

test('over a real socket: a spoofed header is ignored unless the peer is trusted', async () => {
  const { serve } = await import('@hono/node-server');
  for (const [trustedProxies, expected] of [
    [[], '127.0.0.1'],
    [['127.0.0.1'], '198.51.100.3'],
  ] as const) {
    const app = new Hono();
    const address = createClientAddress({ trustedProxies });
    app.get('/', (c) => c.text(address(c)));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { 'x-forwarded-for': '198.51.100.3' },
      });
      assert.equal(await response.text(), expected);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }
});
