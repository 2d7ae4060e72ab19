/** The CLI's settings: options beside environment variables, production by default, `--help`. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseCliSettings, usage } from './cli-options.ts';

describe('CLI settings', () => {
  test('production unless --dev or DEV_MODE=1', () => {
    assert.equal(parseCliSettings([], {}).dev, false);
    assert.equal(parseCliSettings(['--dev'], {}).dev, true);
    assert.equal(parseCliSettings([], { DEV_MODE: '1' }).dev, true);
    assert.equal(parseCliSettings([], { DEV_MODE: '0' }).dev, false);
    assert.throws(() => parseCliSettings([], { DEV_MODE: 'yes please' }), /DEV_MODE must be 1 or 0/);
  });

  test('an option wins over its environment variable; empty means unset', () => {
    const { values } = parseCliSettings(['--port', '9000', '--allowed-origins=https://a.example'], {
      PORT: '8000',
      HOST: '0.0.0.0',
      DATA_DIR: '',
    });
    assert.equal(values.port, '9000');
    assert.equal(values.host, '0.0.0.0');
    assert.equal(values['allowed-origins'], 'https://a.example');
    assert.equal(values['data-dir'], undefined);
  });

  test('an unknown option is refused', () => {
    assert.throws(() => parseCliSettings(['--prot', '1'], {}), /--prot/);
  });

  test('--help lists every environment variable the CLI reads', () => {
    assert.equal(parseCliSettings(['-h'], {}).help, true);
    const text = usage();
    const cli = readFileSync(new URL('./cli-options.ts', import.meta.url), 'utf8');
    const names = [...cli.matchAll(/env: '([A-Z_]+)'/g)].map((m) => m[1]!);
    assert.ok(names.length >= 11);
    for (const name of [
      ...names,
      'PORT',
      'HOST',
      'DATA_DIR',
      'ALLOWED_ORIGINS',
      'PUBLIC_URL',
      'SMTP_URL',
      'SMTP_FROM',
      'TRUSTED_PROXIES',
      'REGISTER_PER_ADDRESS',
      'DEV_MODE',
      'DEMO_DIR',
    ]) {
      assert.match(text, new RegExp(`\\b${name}\\b`), name);
    }
    // cli.ts reads settings only through cli-options.ts.
    assert.doesNotMatch(readFileSync(new URL('./cli.ts', import.meta.url), 'utf8'), /process\.env\.[A-Z]/);
  });
});
