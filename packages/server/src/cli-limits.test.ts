/** The CLI's abuse-bound and HTTP-limit variables: parsed when set, refused with a message when not numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abuseOptionsFromEnv } from './cli-limits.ts';
import { DEFAULT_HTTP_LIMITS, httpLimitsFromEnv } from './http-limits.ts';

test('abuse bounds from the environment', () => {
  assert.deepEqual(abuseOptionsFromEnv({}), { limits: {} });
  assert.deepEqual(
    abuseOptionsFromEnv({
      HASH_QUEUE: '64',
      MAX_SESSIONS_PER_ACCOUNT: '5',
      SESSION_IDLE_TIMEOUT: '3600',
      SIGN_INS_PER_ACCOUNT: '10',
    }),
    {
      hashQueue: 64,
      maxSessionsPerAccount: 5,
      sessionIdleTimeout: 3600,
      limits: { signInsPerAccount: { limit: 10, windowMs: 3600_000 } },
    },
  );
  assert.match(String(abuseOptionsFromEnv({ HASH_QUEUE: 'lots' })), /HASH_QUEUE must be a whole number/);
  assert.match(String(abuseOptionsFromEnv({ MAX_SESSIONS_PER_ACCOUNT: '0' })), /MAX_SESSIONS_PER_ACCOUNT/);
});

test('HTTP limits from the environment', () => {
  assert.deepEqual(httpLimitsFromEnv({}), DEFAULT_HTTP_LIMITS);
  assert.deepEqual(httpLimitsFromEnv({ HEADERS_TIMEOUT: '40', MAX_CONNECTIONS: '7' }), {
    ...DEFAULT_HTTP_LIMITS,
    headersTimeout: 40_000,
    requestTimeout: 40_000,
    maxConnections: 7,
  });
  assert.match(
    String(httpLimitsFromEnv({ REQUEST_TIMEOUT: '1.5' })),
    /REQUEST_TIMEOUT must be a whole number/,
  );
});
