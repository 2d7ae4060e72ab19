/**
 * The CLI's environment for the abuse bounds of `createAuthServer`: each variable, when set,
 * overrides the library's default (see the README's option table).
 */
import type { AuthServerOptions } from './app.ts';

export type AbuseOptions = Pick<
  AuthServerOptions,
  'hashQueue' | 'maxSessionsPerAccount' | 'sessionIdleTimeout'
> & {
  limits: NonNullable<AuthServerOptions['limits']>;
};

/** Reads HASH_QUEUE, MAX_SESSIONS_PER_ACCOUNT, SESSION_IDLE_TIMEOUT (seconds), SIGN_INS_PER_ACCOUNT (an hour); a message on a bad value. */
export function abuseOptionsFromEnv(env: NodeJS.ProcessEnv): AbuseOptions | string {
  const options: AbuseOptions = { limits: {} };
  const read = (name: string): number | string | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    return Number.isInteger(value) && value >= 1
      ? value
      : `cloud-login: ${name} must be a whole number ≥ 1, not "${text}"`;
  };
  const values = {
    hashQueue: read('HASH_QUEUE'),
    maxSessionsPerAccount: read('MAX_SESSIONS_PER_ACCOUNT'),
    sessionIdleTimeout: read('SESSION_IDLE_TIMEOUT'),
    signIns: read('SIGN_INS_PER_ACCOUNT'),
  };
  for (const value of Object.values(values)) if (typeof value === 'string') return value;
  if (typeof values.hashQueue === 'number') options.hashQueue = values.hashQueue;
  if (typeof values.maxSessionsPerAccount === 'number')
    options.maxSessionsPerAccount = values.maxSessionsPerAccount;
  if (typeof values.sessionIdleTimeout === 'number') options.sessionIdleTimeout = values.sessionIdleTimeout;
  if (typeof values.signIns === 'number')
    options.limits.signInsPerAccount = { limit: values.signIns, windowMs: 3600_000 };
  return options;
}
