/**
 * What the security suites share around `startApp()`: the app for the length of a `describe`,
 * and a JD Cloud registration from a client address of the suite's choosing.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startApp, type Answer, type AppServer, type Client } from './server.ts';

/**
 * Behind a trusted proxy on 127.0.0.1, so each request can name its own client address
 * (`forwardedFor`), with the registration window per address raised: for suites that register
 * many accounts from one address while other limits are under test.
 */
export const MANY_REGISTRATIONS = {
  trustedProxies: ['127.0.0.1'],
  limits: { registerPerAddress: { limit: 1000, windowMs: 3600_000 } },
} satisfies Parameters<typeof startApp>[0];

/**
 * Starts the app before the enclosing suite's tests and closes it after them, failing the suite
 * when a request hit an unexpected error (`errors`). `ready` receives the running app; the suite
 * keeps it in a `let`, since it exists only once `before` has run.
 */
export function appForSuite(options: Parameters<typeof startApp>[0], ready: (app: AppServer) => void): void {
  let app: AppServer | undefined;
  before(async () => {
    app = await startApp(options);
    ready(app);
  });
  after(async () => {
    if (!app) return;
    try {
      assert.deepEqual(app.errors, [], 'no request hit an unexpected error');
    } finally {
      await app.close();
    }
  });
}

/**
 * Registers a JD Cloud account: a register code for `phone` asked from `from` (so per-address code
 * limits stay out of the way), then `POST /accounts`. Returns that answer unchecked.
 */
export async function registerJdFrom(
  api: Client,
  accountName: string,
  phone: string,
  from: string,
  password = 'Secret-123',
): Promise<Answer> {
  const asked = await api.post(
    '/api/jdcloud/codes',
    { phone, channel: 'sms', purpose: 'register' },
    { forwardedFor: from },
  );
  assert.equal(asked.status, 202, asked.text);
  return api.post('/api/jdcloud/accounts', {
    accountName,
    password,
    phone,
    code: await api.code('jdcloud', phone),
    agreements: true,
  });
}
