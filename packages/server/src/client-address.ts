/**
 * The client's address, for rate limits and the per-address code caps. `X-Forwarded-For` is
 * read only when the socket peer is a proxy we were told to trust; from anyone else the header
 * is the client's own words and is ignored.
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

export interface ClientAddressOptions {
  /** Addresses or CIDR ranges (`10.0.0.0/8`, `::1`) of the reverse proxies in front of us. */
  trustedProxies?: readonly string[];
}

/** What we answer when there is no socket (e.g. `app.request()` in tests). */
export const UNKNOWN_ADDRESS = 'unknown';

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) is 1.2.3.4. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/** Some proxies write `1.2.3.4:5678` or `[2001:db8::1]:5678`; the port is not part of who. */
function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}

export function createTrustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`client address: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The pure rule. Walk `X-Forwarded-For` from the right (each trusted proxy appended the peer it
 * saw) and stop at the first entry that is not a trusted proxy: that is the client. Entries to
 * its left were written by the client and prove nothing.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList,
): string {
  if (!socketAddress) return UNKNOWN_ADDRESS;
  const peer = normalise(socketAddress);
  if (!isTrusted(trusted, peer) || !forwardedFor) return peer;
  const entries = forwardedFor.split(',').map((entry) => normalise(stripPort(entry.trim())));
  let client = peer;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    // A trusted proxy only appends real addresses; garbage means we cannot go further left.
    if (isIP(entry) === 0) break;
    client = entry;
    if (!isTrusted(trusted, entry)) break;
  }
  return client;
}

/** Returns a function that gives a request's client address. */
export function createClientAddress(options: ClientAddressOptions = {}): (c: Context) => string {
  const proxies = options.trustedProxies ?? [];
  const trusted = createTrustedProxyList(proxies);
  // What @hono/node-server's getConnInfo reads, without its throw when there is no socket.
  const peerOf = (c: Context) => {
    const env = c.env as
      | {
          incoming?: { socket?: { remoteAddress?: string } };
          server?: { incoming?: { socket?: { remoteAddress?: string } } };
        }
      | undefined;
    return (env?.server?.incoming?.socket ?? env?.incoming?.socket)?.remoteAddress;
  };
  if (proxies.length === 0) {
    // Nobody's X-Forwarded-For counts: the peer is the client. Skips `BlockList.check`, which
    // builds a SocketAddress per call (about 5 % of a `GET /session`'s CPU in profiles).
    return (c) => {
      const peer = peerOf(c);
      return peer ? normalise(peer) : UNKNOWN_ADDRESS;
    };
  }
  return (c) => resolveClientAddress(peerOf(c), c.req.header('x-forwarded-for'), trusted);
}
