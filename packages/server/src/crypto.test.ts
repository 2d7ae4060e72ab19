import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createCodeHasher,
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
