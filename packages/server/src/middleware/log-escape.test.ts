/** The request log never carries a client's control characters raw (forged lines, terminal escapes). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { requestLog } from './log.ts';
import { escapeLogText } from './log-escape.ts';

describe('request log escaping', () => {
  test('CR/LF, ESC, NUL, DEL, C1, line separators and bidi overrides are escaped; backslashes doubled', () => {
    assert.equal(escapeLogText('a\r\nb'), 'a\\x0d\\x0ab');
    assert.equal(escapeLogText('\x1b[2J\x00\x7f\x85'), '\\x1b[2J\\x00\\x7f\\x85');
    assert.equal(escapeLogText('x\u2028y\u202ez'), 'x\\u2028y\\u202ez');
    assert.equal(escapeLogText('C:\\x0d'), 'C:\\\\x0d');
    assert.equal(escapeLogText('/api/jdcloud/config 账号'), '/api/jdcloud/config 账号');
  });

  test('a path with %0d%0a and a terminal escape makes one line, escaped', async () => {
    const lines: string[] = [];
    const app = new Hono()
      .use(requestLog({ write: (line) => lines.push(line) }))
      .get('*', (c) => c.text('ok'));
    await app.request('/x%0d%0aGET%20/admin%20200%200.1ms%1b%5b2J');
    assert.equal(lines.length, 1);
    // eslint-disable-next-line no-control-regex -- the control characters are what is tested
    assert.doesNotMatch(lines[0]!, /[\r\n\x1b]/);
    assert.match(lines[0]!, /^GET \/x\\x0d\\x0aGET \/admin 200 0\.1ms\\x1b\[2J 200 \d+\.\dms$/);
  });
});
