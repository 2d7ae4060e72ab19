/**
 * Dev mode (the outbox with every code and link, simulated identity providers, the legacy-account
 * helper) is for one person on their own machine: the CLI refuses it on a HOST that is not
 * loopback, and a running dev server refuses requests whose Host is foreign (DNS rebinding: a
 * page on attacker.example whose name resolves to 127.0.0.1 is same-origin with the server).
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { figure, launchCli, startCli, tempDir, type CliServer } from '../support/server.ts';

/** A GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(base: string, path: string, host: string): Promise<{ status: number; body: any }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: url.hostname, port: url.port, path, headers: { Host: host, Accept: 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += String(chunk)));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('dev mode stays on this machine', () => {
  test('the CLI refuses dev mode on a HOST that is not loopback, saying why, and exits non-zero', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const dir = await tempDir('cl-devhost-');
      try {
        const launch = await launchCli({ dataDir: dir.path, env: { HOST: host } });
        assert.equal(launch.listening, false, `dev mode started on HOST=${host}`);
        if (launch.listening) continue;
        assert.equal(launch.code, 1);
        assert.match(launch.output, /refusing to start in dev mode/);
        assert.match(launch.output, /loopback HOST/);
        assert.match(launch.output, /DEV_MODE=0/);
      } finally {
        await dir.remove();
      }
    }
    figure('dev mode: HOST=0.0.0.0, :: and 192.0.2.10 refused (exit 1, the reason printed)');
  });

  describe('a dev server on 127.0.0.1', () => {
    let server: CliServer;
    let dir: { path: string; remove(): Promise<void> };
    before(async () => {
      dir = await tempDir('cl-devhost-');
      server = await startCli({ dataDir: dir.path });
    });
    after(async () => {
      assert.equal(await server.stop(), 0);
      await dir.remove();
    });

    test('its banner names the risk', () => {
      assert.match(server.output(), /DEV MODE — NOT FOR PRODUCTION/);
      assert.match(server.output(), /outbox shows every code and link/);
    });

    test('a foreign Host gets 403 host_not_allowed; loopback names are served', async () => {
      const port = new URL(server.base).port;
      for (const host of [
        'attacker.example',
        `attacker.example:${port}`,
        `localhost.attacker.example:${port}`,
        `0.0.0.0:${port}`,
        `192.168.1.20:${port}`,
      ]) {
        for (const path of ['/api/jdcloud/dev/outbox', '/api/jdcloud/config', '/']) {
          const answer = await getWithHost(server.base, path, host);
          assert.equal(answer.status, 403, `${host} ${path}`);
          assert.equal(answer.body.error.code, 'host_not_allowed');
        }
      }
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `127.0.0.2:${port}`]) {
        const answer = await getWithHost(server.base, '/api/jdcloud/dev/outbox', host);
        assert.equal(answer.status, 200, host);
      }
      figure('dev mode: 5 foreign Host headers × 3 paths → 403 host_not_allowed; 4 loopback names served');
    });
  });
});
