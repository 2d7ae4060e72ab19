/**
 * Puts the client's address on the context (`c.get('address')`) for the per-address limits,
 * using the infra's trusted-proxy rule: `X-Forwarded-For` counts only from a trusted proxy.
 * IPv6 clients are counted per /64 (see address-key.ts).
 */
import { createMiddleware } from 'hono/factory';
import { addressKey } from '../address-key.ts';
import { createClientAddress, type ClientAddressOptions } from '../client-address.ts';
import type { AppEnv } from '../context.ts';

export function clientAddress(options: ClientAddressOptions = {}) {
  const resolve = createClientAddress(options);
  // Not async: returning next()'s promise spares a promise per request.
  return createMiddleware<AppEnv>((c, next) => {
    c.set('address', addressKey(resolve(c)));
    return next();
  });
}
