/**
 * The QR status pushed (`GET /qr/{id}/events`, qr/stream.ts) on a real app: the events in order,
 * the heartbeat, the end on a terminal state, the cleanup when the client leaves (over a real
 * socket), and the per-address cap.
 */
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { createHarness, registerJd, type Harness } from '../testing.ts';

let h: Harness;
let mobile: string;
before(async () => {
  // A short heartbeat so a test sees one; a cap of 2 streams per address.
  h = await createHarness({ qrStream: { heartbeatMs: 30, perAddress: 2 } });
  mobile = (await registerJd(h, 'qr-stream', '+8613700000011')).session.token;
});
after(() => h.close());

async function create(): Promise<{ id: string; secret: string }> {
  const answer = await h.call('POST', '/api/jdcloud/qr');
  assert.equal(answer.status, 201, answer.text);
  return answer.body;
}

const move = async (id: string, action: 'scan' | 'confirm' | 'deny') => {
  const answer = await h.call('POST', `/api/jdcloud/qr/${id}/${action}`, { token: mobile });
  assert.equal(answer.status, 200, answer.text);
};

function open(id: string, secret: string, address = '192.0.2.1', header = false): Promise<Response> {
  const path = `/api/jdcloud/qr/${id}/events${header ? '' : `?secret=${secret}`}`;
  return Promise.resolve(
    h.app.request(
      `http://localhost${path}`,
      { headers: { Accept: 'text/event-stream', ...(header && { 'X-QR-Secret': secret }) } },
      { incoming: { socket: { remoteAddress: address } } },
    ),
  );
}

/** Reads SSE frames off a body: `status` events as their state, comments as `:`. */
function frames(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    /** The next frame, or `undefined` when the stream ended. */
    async next(): Promise<string | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(':')) return ':';
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          assert.equal(event, 'status', frame);
          return (JSON.parse(data!) as { status: string }).status;
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** The next status event, skipping heartbeats. */
    async status(): Promise<string | undefined> {
      let frame: string | undefined;
      do frame = await this.next();
      while (frame === ':');
      return frame;
    },
    cancel: () => reader.cancel(),
  };
}

describe('QR status stream', () => {
  test('pending at once, then scanned and confirmed as they happen, then the end; the poll still hands out the session', async () => {
    const qr = await create();
    const res = await open(qr.id, qr.secret);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('Content-Type')!, /^text\/event-stream/);
    assert.equal(res.headers.get('Cache-Control'), 'no-cache');
    assert.equal(res.headers.get('X-Accel-Buffering'), 'no');
    const stream = frames(res.body!);
    assert.equal(await stream.status(), 'pending');
    await move(qr.id, 'scan');
    assert.equal(await stream.status(), 'scanned');
    await move(qr.id, 'confirm');
    assert.equal(await stream.status(), 'confirmed');
    assert.equal(await stream.status(), undefined, 'the stream ends on confirmed');

    const poll = await h.get(`/api/jdcloud/qr/${qr.id}`, { headers: { 'X-QR-Secret': qr.secret } });
    assert.equal(poll.body.status, 'confirmed');
    assert.ok(poll.body.session?.token, 'the session comes with the poll');
    assert.match(poll.headers.get('Set-Cookie')!, /^cl_session_jdcloud=/);
  });

  test('denied ends the stream; the secret may come as the X-QR-Secret header', async () => {
    const qr = await create();
    const stream = frames((await open(qr.id, qr.secret, '192.0.2.1', true)).body!);
    assert.equal(await stream.status(), 'pending');
    await move(qr.id, 'deny');
    assert.equal(await stream.status(), 'denied');
    assert.equal(await stream.status(), undefined);
  });

  test('a comment heartbeat keeps it open; expiry is noticed without any write, and ends it', async () => {
    const qr = await create();
    const stream = frames((await open(qr.id, qr.secret)).body!);
    assert.equal(await stream.next(), 'pending');
    assert.equal(await stream.next(), ':', 'a heartbeat comes while nothing changes');
    h.clock.advance(121);
    assert.equal(await stream.status(), 'expired');
    assert.equal(await stream.status(), undefined);
  });

  test('a terminal ticket answers its state and ends at once', async () => {
    const qr = await create();
    await move(qr.id, 'deny');
    const stream = frames((await open(qr.id, qr.secret)).body!);
    assert.equal(await stream.status(), 'denied');
    assert.equal(await stream.status(), undefined);
  });

  test('no secret, a wrong one or an unknown id: 404 not_found, as for the poll', async () => {
    const qr = await create();
    for (const res of [
      await h.app.request(`http://localhost/api/jdcloud/qr/${qr.id}/events`),
      await open(qr.id, 'x'.repeat(43)),
      await open('A'.repeat(22), qr.secret),
    ]) {
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
    }
  });

  test('per address at most 2 open streams (429 rate_limited past it); a closed one frees its place', async () => {
    const qr = await create();
    const first = frames((await open(qr.id, qr.secret, '198.51.100.7')).body!);
    const second = frames((await open(qr.id, qr.secret, '198.51.100.7')).body!);
    assert.equal(await first.status(), 'pending');
    assert.equal(await second.status(), 'pending');
    const third = await open(qr.id, qr.secret, '198.51.100.7');
    assert.equal(third.status, 429);
    assert.equal(((await third.json()) as { error: { code: string } }).error.code, 'rate_limited');
    assert.equal(third.headers.get('Retry-After'), '2');
    const elsewhere = await open(qr.id, qr.secret, '198.51.100.8');
    assert.equal(elsewhere.status, 200, 'another address is not affected');
    await elsewhere.body!.cancel();

    await first.cancel();
    let again: Response | undefined;
    // The count drops when the stream's loop has finished; give it its turn.
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      if (again) await again.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 10));
      again = await open(qr.id, qr.secret, '198.51.100.7');
    }
    assert.equal(again?.status, 200, 'the closed stream gave its place back');
    await again!.body!.cancel();
    await second.cancel();
  });

  test('qrStream.signal ends every open stream (a server shutting down)', async () => {
    const shutdown = new AbortController();
    const other = await createHarness({ qrStream: { signal: shutdown.signal } });
    try {
      const qr = (await other.call('POST', '/api/jdcloud/qr')).body as { id: string; secret: string };
      const res = await other.app.request(
        `http://localhost/api/jdcloud/qr/${qr.id}/events?secret=${qr.secret}`,
      );
      const stream = frames(res.body!);
      assert.equal(await stream.status(), 'pending');
      shutdown.abort();
      assert.equal(await stream.status(), undefined, 'ended without a state change');
    } finally {
      await other.close();
    }
  });

  test('over a real socket: a client that hangs up frees its stream (subscription, timers, place)', async () => {
    const qr = await create();
    const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const connect = () =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: `/api/jdcloud/qr/${qr.id}/events?secret=${qr.secret}` },
          resolve,
        );
        req.on('error', reject);
        req.end();
      });
    try {
      const streams = [await connect(), await connect()];
      for (const res of streams) assert.equal(res.statusCode, 200);
      const refused = await connect();
      assert.equal(refused.statusCode, 429);
      refused.resume();
      for (const res of streams) res.destroy();
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const res = await connect();
        status = res.statusCode!;
        res.destroy();
      }
      assert.equal(status, 200, 'the hung-up streams were let go');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
