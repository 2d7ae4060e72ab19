/**
 * Compresses JSON answers of at least `threshold` bytes (brotli or gzip, by `Accept-Encoding`);
 * smaller ones are sent as they are, where compression would save less than it costs.
 *
 * Our own rather than Hono's `compress`: that one compresses every answer whose length it does
 * not know, which is every `c.json()` answer, so the small ones (`GET /session`, a few hundred
 * bytes) would pay for a compression stream each; and Node 20's `CompressionStream` has no
 * brotli. Compressing synchronously keeps it off libuv's thread pool, which password hashing
 * fills. The `GET /session` figures of `npm run bench` show what it costs.
 */
import type { MiddlewareHandler } from 'hono';
import { compressWith, negotiate, varyOnEncoding } from './encodings.ts';

export interface CompressJsonOptions {
  /** Smallest body compressed, in bytes. Default 1024. */
  threshold?: number;
}

const JSON_TYPE = /^application\/(json|[\w.+-]+\+json)\b/i;
const NO_TRANSFORM = /(^|,)\s*no-transform\s*(,|$)/i;

export function compressJson(options: CompressJsonOptions = {}): MiddlewareHandler {
  const threshold = options.threshold ?? 1024;
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type');
    if (
      !type ||
      !JSON_TYPE.test(type) ||
      c.req.method === 'HEAD' ||
      // Not `res.body`: reading it makes @hono/node-server give up its fast path for the answer.
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      res.headers.has('Content-Encoding') ||
      NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')
    )
      return;
    const length = res.headers.get('Content-Length');
    if (length !== null && Number(length) < threshold) return;
    // The answer depends on the header from here on, whether or not this one is compressed.
    res.headers.set('Vary', varyOnEncoding(res.headers.get('Vary')));
    const encoding = negotiate(c.req.header('Accept-Encoding'), ['br', 'gzip']);
    if (encoding === 'identity') return;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    let body = bytes;
    if (bytes.byteLength >= threshold) {
      body = compressWith(encoding, bytes);
      headers.set('Content-Encoding', encoding);
      const etag = headers.get('ETag');
      if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    }
    headers.set('Content-Length', String(body.byteLength));
    c.res = undefined;
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}
