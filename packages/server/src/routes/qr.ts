/**
 * App QR login (docs/flows.md#app-qr-login): `POST /qr` (the browser), `GET /qr/{id}` (its poll, with the secret),
 * `GET /qr/{id}/events` (the same state pushed, `qr/stream.ts`), `GET /qr/{id}.svg` (the image), and `POST /qr/{id}/scan|confirm|deny` (the mobile app, with
 * its session). See `qr/qr.ts` for who may do what.
 */
import { Hono } from 'hono';
import type { AppEnv, ProviderContext } from '../context.ts';
import { requireSession } from '../middleware/auth.ts';
import { fail } from '../middleware/errors.ts';
import { createQrTicket, moveQrTicket, pollQrTicket, renderQrSvg, type QrPayload } from '../qr/qr.ts';
import { qrStream, type QrStreamOptions } from '../qr/stream.ts';

/** `GET /qr/{id}.svg`: the image of ticket `{id}` (anything else is a poll). */
const SVG_NAME = /^[A-Za-z0-9_-]+\.svg$/;

export interface QrRouteOptions {
  /** QR tickets one client address may create per minute. Default 30 (a page refreshes one every 2 min). */
  createPerMinute?: number;
  /** What the QR encodes; default the demo's mobile page on this server. */
  payload?: QrPayload;
  /** The pushed status (`GET /qr/{id}/events`): heartbeat and per-address cap. */
  stream?: QrStreamOptions;
}

export function qrRoutes(ctx: ProviderContext, options: QrRouteOptions = {}) {
  const creations = ctx.throttle(`qrCreations:${ctx.provider}`, {
    limit: options.createPerMinute ?? 30,
    windowMs: 60_000,
  });
  const session = requireSession(ctx);
  return (
    new Hono<AppEnv>()
      .post('/', async (c) => {
        const limit = await creations.hit(c.get('address'));
        if (!limit.ok)
          fail('rate_limited', 'Too many QR codes from this address.', { retryAfter: limit.retryAfter });
        return c.json(await createQrTicket(c, ctx, options.payload), 201);
      })
      // One route for the poll and the image, told apart here: Hono's RegExpRouter refuses two
      // different parameters at one place (`:id{….svg}` beside `:id`), and one such route makes the
      // whole app fall back to the slower TrieRouter for every request.
      .get('/:id', async (c) => {
        const id = c.req.param('id');
        if (SVG_NAME.test(id)) {
          const svg = await renderQrSvg(c, ctx, id.slice(0, -'.svg'.length), options.payload);
          c.header('Content-Type', 'image/svg+xml');
          // An SVG opened on its own is a document: it gets no power to run or load anything.
          c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
          return c.body(svg);
        }
        const secret = c.req.header('X-QR-Secret') ?? c.req.query('secret');
        return c.json(await pollQrTicket(c, ctx, id, secret));
      })
      .get('/:id/events', qrStream(ctx, options.stream))
      .post('/:id/scan', session, async (c) =>
        c.json(await moveQrTicket(ctx, c.req.param('id'), 'scan', c.get('auth').account)),
      )
      .post('/:id/confirm', session, async (c) =>
        c.json(await moveQrTicket(ctx, c.req.param('id'), 'confirm', c.get('auth').account)),
      )
      .post('/:id/deny', session, async (c) =>
        c.json(await moveQrTicket(ctx, c.req.param('id'), 'deny', c.get('auth').account)),
      )
  );
}
