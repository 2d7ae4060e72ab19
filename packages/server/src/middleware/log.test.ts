/** The request log: what a line says, and the writer that batches lines off the event loop. */
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { createLineWriter, requestLog } from './log.ts';

describe('request log', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cl-log-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const file = (name: string) => {
    const path = join(dir, name);
    const fd = openSync(path, 'w');
    return { fd, read: () => readFileSync(path, 'utf8'), close: () => closeSync(fd) };
  };

  test('one line per request: method, path without the query, status, milliseconds', async () => {
    const lines: string[] = [];
    const app = new Hono()
      .use(requestLog({ write: (line) => lines.push(line) }))
      .get('/email/verify', (c) => c.text('ok'))
      .get('/boom', () => {
        throw new Error('boom');
      });
    app.onError((_, c) => c.text('failed', 500));
    await app.request('/email/verify?token=secret-token');
    await app.request('/boom');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^GET \/email\/verify 200 \d+\.\dms$/);
    assert.match(lines[1]!, /^GET \/boom 500 \d+\.\dms$/);
  });

  test('lines are written later, in order, one per line; flush() waits for them', async () => {
    const out = file('order.log');
    try {
      const log = createLineWriter({ fd: out.fd, delay: 5 });
      for (let i = 0; i < 1000; i++) log.write(`GET /line/${i} 200 0.1ms`);
      assert.equal(out.read(), '', 'nothing is written while the request is answered');
      await log.flush();
      const lines = out.read().split('\n');
      assert.equal(lines.pop(), '');
      assert.deepEqual(
        lines,
        Array.from({ length: 1000 }, (_, i) => `GET /line/${i} 200 0.1ms`),
      );
      // A line alone still goes out, after the delay, without anyone flushing.
      log.write('GET /later 200 0.1ms');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.match(out.read(), /GET \/later 200 0\.1ms\n$/);
    } finally {
      out.close();
    }
  });

  test('flushSync() writes what is queued at once (the exit hook)', () => {
    const out = file('exit.log');
    try {
      const log = createLineWriter({ fd: out.fd, delay: 60_000 });
      log.write('POST /api/x/sessions 200 3.1ms');
      log.write('GET /api/x/session 401 0.4ms');
      log.flushSync();
      assert.equal(out.read(), 'POST /api/x/sessions 200 3.1ms\nGET /api/x/session 401 0.4ms\n');
      log.flushSync();
      assert.equal(out.read().split('\n').length, 3, 'nothing twice');
    } finally {
      out.close();
    }
  });

  test('a reader that falls behind costs lines, not memory, and the log says how many', async () => {
    const out = file('full.log');
    try {
      const log = createLineWriter({ fd: out.fd, maxPending: 100, delay: 60_000 });
      for (let i = 0; i < 50; i++) log.write(`GET /${i} 200 0.1ms`);
      await log.flush();
      const text = out.read();
      const kept = text.split('\n').filter((line) => line.startsWith('GET '));
      assert.ok(kept.length > 0 && kept.length < 50, `${kept.length} lines kept`);
      assert.match(text, new RegExp(`\\(${50 - kept.length} request log lines dropped`));
    } finally {
      out.close();
    }
  });

  test('a log that cannot be written is reported once and the server goes on', async () => {
    const errors: Error[] = [];
    // A descriptor nothing has open (a closed one could be reused by the next open meanwhile).
    const log = createLineWriter({ fd: 1_000_000, delay: 1, onError: (error) => errors.push(error) });
    log.write('GET / 200 0.1ms');
    await log.flush();
    log.write('GET / 200 0.1ms');
    await log.flush();
    log.flushSync();
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /EBADF/);
  });
});
