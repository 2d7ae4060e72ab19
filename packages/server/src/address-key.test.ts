/** Per-address limits count an IPv6 client per /64 (it can pick any address in it), IPv4 per address. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addressKey } from './address-key.ts';

describe('address key', () => {
  test('IPv6 addresses of one /64 share a key, whatever their spelling', () => {
    const key = addressKey('2001:db8:1:2::1');
    assert.equal(key, '2001:db8:1:2::/64');
    for (const other of [
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0:0:0:9',
      '2001:db8:1:2:a:b:c:d%eth0',
      '2001:db8:1:2::1.2.3.4',
    ]) {
      assert.equal(addressKey(other), key, other);
    }
    assert.notEqual(addressKey('2001:db8:1:3::1'), key);
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
    assert.equal(addressKey('fe80::1'), 'fe80:0:0:0::/64');
  });

  test('IPv4, NAT64 and non-addresses are kept as they are', () => {
    assert.equal(addressKey('198.51.100.7'), '198.51.100.7');
    assert.equal(addressKey('64:ff9b::198.51.100.7'), '64:ff9b::198.51.100.7');
    assert.equal(addressKey('unknown'), 'unknown');
  });
});
