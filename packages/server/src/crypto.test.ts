import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createCodeHasher,
  createSealer,
  equalHashes,
  generateCode,
  hashSecret,
  newId,
  randomToken,
  safeEqual,
} from './crypto.ts';

test('randomToken: 256 bits, base64url, never repeats', () => {
  const tokens = new Set(Array.from({ length: 1000 }, randomToken));
  assert.equal(tokens.size, 1000);
  for (const token of tokens) {
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
  }
});

test('hashSecret is SHA-256 hex', () => {
  assert.equal(hashSecret('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('generateCode: the asked number of digits, every digit used, leading zeros kept', () => {
  const codes = Array.from({ length: 2000 }, () => generateCode(6));
  for (const code of codes) assert.match(code, /^\d{6}$/);
  assert.match(generateCode(8), /^\d{8}$/);
  // 12,000 digits: each of the ten appears roughly 1,200 times; a bias or a stuck digit fails.
  const counts = new Map<string, number>();
  for (const digit of codes.join('')) counts.set(digit, (counts.get(digit) ?? 0) + 1);
  assert.equal(counts.size, 10);
  for (const [digit, n] of counts) assert.ok(n > 1000 && n < 1400, `digit ${digit} appeared ${n} times`);
  assert.ok(codes.some((code) => code.startsWith('0')));
});

test('code hashes depend on the secret, provider, phone, purpose and code', () => {
  const hash = createCodeHasher('0123456789abcdef0123456789abcdef');
  const base = hash('jdcloud', '+8613800138000', 'login', '123456');
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.equal(hash('jdcloud', '+8613800138000', 'login', '123456'), base);
  assert.notEqual(hash('qingcloud', '+8613800138000', 'login', '123456'), base);
  assert.notEqual(hash('jdcloud', '+8613800138001', 'login', '123456'), base);
  assert.notEqual(hash('jdcloud', '+8613800138000', 'register', '123456'), base);
  assert.notEqual(hash('jdcloud', '+8613800138000', 'login', '123457'), base);
  assert.notEqual(
    createCodeHasher('another secret, sixteen bytes+')('jdcloud', '+8613800138000', 'login', '123456'),
    base,
  );
  assert.throws(() => createCodeHasher('short'), /16 bytes/);
});

test('newId is unique', () => {
  assert.equal(new Set(Array.from({ length: 1000 }, newId)).size, 1000);
});

test('safeEqual', () => {
  assert.equal(safeEqual('abc', 'abc'), true);
  assert.equal(safeEqual('abc', 'abd'), false);
  assert.equal(safeEqual('abc', 'abcd'), false);
  assert.equal(safeEqual('', ''), true);
});

test('equalHashes', () => {
  const h = hashSecret('token');
  assert.equal(equalHashes(h, hashSecret('token')), true);
  assert.equal(equalHashes(h, hashSecret('other')), false);
  assert.equal(equalHashes(h, h.slice(0, -1)), false);
  assert.equal(equalHashes(h, h.toUpperCase()), false);
  assert.equal(equalHashes('\u0101', '\u0001'), false, 'whole characters, not their low bytes');
});

test('sealed secrets open only under their key and for their account, and reveal nothing', () => {
  const sealer = createSealer('a-server-secret-of-enough-bytes');
  const sealed = sealer.seal('JBSWY3DPEHPK3PXP', 'account-1');
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(sealer.seal('JBSWY3DPEHPK3PXP', 'account-1'), sealed, 'a fresh IV each time');
  assert.equal(sealer.open(sealed, 'account-1'), 'JBSWY3DPEHPK3PXP');
  assert.equal(sealer.open(sealed, 'account-2'), undefined, 'copied onto another account');
  assert.equal(createSealer('another-server-secret-entirely').open(sealed, 'account-1'), undefined);
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  bytes[bytes.length - 1]! ^= 1;
  assert.equal(sealer.open(`v1.${bytes.toString('base64url')}`, 'account-1'), undefined, 'altered');
  assert.equal(sealer.open('garbage', 'account-1'), undefined);
  assert.throws(() => createSealer('short'));
});
