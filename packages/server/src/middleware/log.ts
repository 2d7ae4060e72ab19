/**
 * One line per request: `METHOD path status ms`. The query string is left out on purpose: it
 * carries email-link tokens (`/email/verify?token=…`) and the outbox address.
 */
import type { MiddlewareHandler } from 'hono';

export interface RequestLogOptions {
  /** Where lines go; default `console.log`. */
  write?: (line: string) => void;
}

export function requestLog({ write = console.log }: RequestLogOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      const ms = (performance.now() - start).toFixed(1);
      write(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
    }
  };
}
