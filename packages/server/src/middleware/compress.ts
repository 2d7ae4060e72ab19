/**
 * Compresses JSON answers of at least `threshold` bytes (brotli or gzip, by `Accept-Encoding`);
 * smaller ones are sent as they are, where compression would save less than it costs. Every JSON
 * answer says `Vary: Accept-Encoding`.
 *
 * Our own rather than Hono's `compress`: that one compresses every answer whose length it does
 * not know, which is every `c.json()` answer, so the small ones (`GET /session`, a few hundred
 * bytes) would pay for a compression stream each; and Node 20's `CompressionStream` has no
 * brotli. This one wraps `c.json` for the request, so it sees the text before any `Response`
 * exists: reading a built answer's body back would take @hono/node-server off its fast path for
 * every answer (about 40 µs of CPU per `GET /session` here). Compressing synchronously keeps it
 * off libuv's thread pool, which password hashing fills.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { compressWith, negotiate, type Bytes } from './encodings.ts';

export interface CompressJsonOptions {
  /** Smallest body compressed, in bytes. Default 1024. */
  threshold?: number;
}

type Json = Context['json'];
type Headers = Record<string, string | string[]>;

export function compressJson(options: CompressJsonOptions = {}): MiddlewareHandler {
  const threshold = options.threshold ?? 1024;
  return async (c, next) => {
    const wrapped = (object: unknown, arg?: unknown, headers?: Headers) => {
      // Appended, not read from `c.res`: reading it makes Hono rebuild the route's answer.
      c.header('Vary', 'Accept-Encoding', { append: true });
      const text = JSON.stringify(object);
      // UTF-16 units never outnumber UTF-8 bytes, and a unit is at most 3 bytes.
      const big =
        text.length >= threshold || (text.length * 3 >= threshold && Buffer.byteLength(text) >= threshold);
      const encoding =
        big && c.req.method !== 'HEAD'
          ? negotiate(c.req.header('Accept-Encoding'), ['br', 'gzip'])
          : 'identity';
      const type = { 'Content-Type': 'application/json', ...headers };
      if (encoding === 'identity') return c.body(text, arg as never, type);
      const body = compressWith(encoding, new TextEncoder().encode(text) as Bytes);
      return c.body(body, arg as never, {
        ...type,
        'Content-Encoding': encoding,
        'Content-Length': String(body.byteLength),
      });
    };
    c.json = wrapped as unknown as Json;
    await next();
  };
}
