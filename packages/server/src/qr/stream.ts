/**
 * The QR status pushed (docs/flows.md#app-qr-login): `GET /qr/{id}/events` answers with
 * server-sent events, one `status` event with the current state at once and another the moment
 * it changes, then closes on `confirmed`, `denied` or `expired`. The poll (`GET /qr/{id}`) stays
 * the fallback and the only way to collect the session: a stream's headers are long gone when
 * the phone confirms, so it could not set the session cookie — on `confirmed` the browser polls
 * once. The contract is in packages/server/README.md ("App QR login").
 *
 * Changes come from the store's `qr.changes` (`subscribe` / `publish`), so a store shared by
 * several processes wakes the stream whichever process the phone reached. Expiry is the clock's,
 * not a write: a timer at `expiresAt`, and every heartbeat looks again.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { QrStatus } from '@cloud-login/core';
import { hashSecret } from '../crypto.ts';
import type { AppEnv, ProviderContext } from '../context.ts';
import { fail } from '../middleware/errors.ts';
import { peekQrTicket, POLL_INTERVAL, QR_ID } from './qr.ts';

export interface QrStreamOptions {
  /**
   * Milliseconds between heartbeats (an SSE comment line), so reverse proxies and NATs that drop
   * idle connections keep the stream: nginx's `proxy_read_timeout` is 60 s. Default 15 s.
   */
  heartbeatMs?: number;
  /**
   * Streams one client address may hold open at once; past it the answer is `429 rate_limited`
   * and the browser polls instead. Default 20 (a page holds one, only while its QR is shown).
   */
  perAddress?: number;
  /**
   * Ends every stream when it aborts (and any opened later right after its first event): a
   * server shutting down calls it before `server.close()`, which would otherwise wait up to the
   * QR's 2 minutes for each open stream. The browsers then poll.
   */
  signal?: AbortSignal;
}

const TERMINAL: ReadonlySet<QrStatus> = new Set(['confirmed', 'denied', 'expired']);

/** The handler of `GET /qr/{id}/events`, with its per-address count of open streams. */
export function qrStream(ctx: ProviderContext, options: QrStreamOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const perAddress = options.perAddress ?? 20;
  const open = new Map<string, number>();

  return async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    const secret = c.req.header('X-QR-Secret') ?? c.req.query('secret');
    // The same 404 as the poll for an unknown id and a wrong secret.
    if (!secret || !QR_ID.test(id)) fail('not_found', 'No such QR code.');
    const secretHash = hashSecret(secret);
    if ((await peekQrTicket(ctx, id, secretHash)) === undefined) fail('not_found', 'No such QR code.');
    const address = c.get('address');
    const held = open.get(address) ?? 0;
    if (held >= perAddress)
      fail('rate_limited', 'Too many open QR streams from this address; poll instead.', {
        retryAfter: POLL_INTERVAL,
      });
    open.set(address, held + 1);

    // Proxies must pass each event on as it comes (nginx reads `X-Accel-Buffering`), and nothing
    // may keep a copy of a state that changes.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      // Every reason to look again (a change, a heartbeat, the expiry, the client leaving) sets
      // `due` and wakes the loop; one arriving while it reads the store is not lost.
      let due = true;
      let wake: (() => void) | undefined;
      const poke = () => {
        due = true;
        wake?.();
      };
      const unsubscribe = ctx.store.qr.changes.subscribe(id, poke);
      const heartbeat = setInterval(() => {
        void stream.write(':\n\n');
        poke();
      }, heartbeatMs);
      let expiry: ReturnType<typeof setTimeout> | undefined;
      const signal = c.req.raw.signal;
      signal.addEventListener('abort', poke);
      options.signal?.addEventListener('abort', poke);
      stream.onAbort(poke);
      const gone = () => stream.aborted || stream.closed || signal.aborted;
      try {
        let last: QrStatus | undefined;
        while (!gone()) {
          if (!due) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
            continue;
          }
          due = false;
          // Pruned (long after expiry) or never seen by this process's store: as good as expired.
          const status = (await peekQrTicket(ctx, id, secretHash)) ?? 'expired';
          if (gone()) break;
          if (status !== last) {
            await stream.writeSSE({ event: 'status', data: JSON.stringify({ status }) });
            last = status;
          }
          if (TERMINAL.has(status) || options.signal?.aborted) break;
          if (expiry === undefined) {
            const record = await ctx.store.qr.get(id);
            const left = record ? Date.parse(record.expiresAt) - ctx.now().getTime() : 0;
            expiry = setTimeout(poke, Math.max(0, left) + 50);
          }
        }
      } finally {
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(expiry);
        signal.removeEventListener('abort', poke);
        options.signal?.removeEventListener('abort', poke);
        const count = (open.get(address) ?? 1) - 1;
        if (count > 0) open.set(address, count);
        else open.delete(address);
      }
    });
  };
}
