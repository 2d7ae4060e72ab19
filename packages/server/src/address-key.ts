/**
 * The key per-address limits count under. An IPv4 address is one client; an IPv6 address is
 * not: a home or a server usually gets a whole /64 and can pick any of its 2^64 addresses, so
 * counting full IPv6 addresses would give one attacker a fresh budget per request. IPv6 clients
 * are counted per /64 (`2001:db8:1:2::/64`), except in the NAT64 prefix (64:ff9b::/96), where
 * the address stands for one IPv4 client.
 */
import { isIP } from 'node:net';

/** Eight 16-bit groups of an IPv6 address (with `::`, an embedded IPv4 tail, a zone). */
function groups(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...right].map(
    (group) => parseInt(group, 16),
  );
  return all.length === 8 && all.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? all : undefined;
}

export function addressKey(address: string): string {
  if (isIP(address.replace(/%.*$/, '')) !== 6) return address;
  const g = groups(address);
  if (!g) return address;
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((n) => n === 0)) return address;
  return `${g
    .slice(0, 4)
    .map((n) => n.toString(16))
    .join(':')}::/64`;
}
