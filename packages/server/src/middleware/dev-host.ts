/**
 * Dev mode answers only requests addressed to this machine. Dev mode serves every code and link
 * (the outbox), simulated identity providers that sign in whoever types a name, and a helper
 * that makes accounts: a page on any site could reach it through DNS rebinding (its own name
 * resolving to 127.0.0.1), so a request whose `Host` is neither loopback nor the public URL's
 * host gets `403 host_not_allowed`.
 */
import { BlockList, isIP } from 'node:net';
import { createMiddleware } from 'hono/factory';
import { ApiFailure, failureResponse } from './errors.ts';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** `localhost`, 127.0.0.0/8 and ::1 (with or without brackets), as written in `HOST` or a URL. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name === 'localhost') return true;
  const family = isIP(name);
  return family !== 0 && LOOPBACK.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

export interface DevHostOptions {
  /** The server's public base URL: its host is allowed too. */
  publicUrl?: string;
}

export function devHostOnly({ publicUrl }: DevHostOptions = {}) {
  const own = publicUrl ? new URL(publicUrl).hostname.toLowerCase() : undefined;
  return createMiddleware(async (c, next) => {
    // Requests the app makes to itself (the simulated providers, in-process) have no socket and
    // come from no browser.
    const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
    if (!(env?.incoming ?? env?.server?.incoming)) return next();
    // The URL's host is the request's `Host` header (or the absolute request target).
    let host: string;
    try {
      host = new URL(c.req.url).hostname.toLowerCase();
    } catch {
      host = '';
    }
    if (!isLoopbackHost(host) && host !== own) {
      return failureResponse(
        c,
        new ApiFailure(
          'host_not_allowed',
          "Dev mode answers only requests for a loopback host or the public URL's host.",
        ),
      );
    }
    await next();
  });
}
