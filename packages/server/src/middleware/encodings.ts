/**
 * Content negotiation for compressed answers: which of brotli, gzip or the bytes as they are a
 * request accepts (`Accept-Encoding`, with q-values), and how to compress when no precompressed
 * file exists. Shared by the static files and the JSON answers (packages/server/README.md,
 * "Compression and caching").
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/** Bytes on an ordinary `ArrayBuffer` (what `Response` bodies take). */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Preference on equal q-values: brotli is smaller than gzip for the same text. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip', 'identity'];

/** `Content-Type`s worth compressing: text, JSON, JavaScript, SVG. */
export const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|javascript|[\w.+-]+\+json)|image\/svg\+xml)/i;

/**
 * The encoding to answer in, given the request's `Accept-Encoding` and the encodings on offer:
 * the acceptable one with the highest q-value, brotli before gzip on a tie. Identity is always on
 * offer, and what is sent when nothing else is acceptable (even if refused with `identity;q=0`:
 * a 406 for a script helps nobody).
 */
export function negotiate(header: string | undefined, offered: readonly Encoding[]): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? value : 0);
  }
  const star = q.get('*');
  // Identity competes only when named (or by `*`); otherwise it is the fallback, so a browser's
  // `gzip;q=0.9` still gets gzip rather than the bigger plain bytes.
  const weight = (encoding: Encoding) => q.get(encoding) ?? star ?? 0;
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const encoding of PREFERENCE) {
    if (!offered.includes(encoding) && encoding !== 'identity') continue;
    const w = weight(encoding);
    if (w > bestQ) {
      best = encoding;
      bestQ = w;
    }
  }
  return best;
}

/**
 * Compresses `bytes` per request or once per file. Brotli quality 5 and gzip level 6 for answers
 * made per request (a few hundred microseconds for a config document; quality 11 takes about
 * 100 times as long); the static files' cache uses `strong`.
 */
export function compressWith(encoding: 'br' | 'gzip', bytes: Bytes, strong = false): Bytes {
  // zlib's results are Buffers on their own (never shared) ArrayBuffers.
  if (encoding === 'gzip') return gzipSync(bytes, { level: strong ? 9 : 6 }) as Bytes;
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: strong ? constants.BROTLI_MAX_QUALITY : 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }) as Bytes;
}

/** `Vary` with `Accept-Encoding` added once. */
export function varyOnEncoding(current: string | null | undefined): string {
  if (!current) return 'Accept-Encoding';
  if (current === '*' || /(^|,)\s*accept-encoding\s*(,|$)/i.test(current)) return current;
  return `${current}, Accept-Encoding`;
}
