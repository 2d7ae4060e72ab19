/**
 * Load from several loopback source addresses with autocannon.
 *
 * The server's limits are per client address, so one source address would measure the limits,
 * not the server. autocannon has no option for the local address (it calls
 * `net.connect(port, host)`), so while a run lasts `net.connect` is wrapped to bind each new
 * socket to the next of 127.0.0.2, 127.0.0.3, … (all loopback on Linux). The server sees real,
 * distinct peers and needs no trusted-proxy setting. The wrapper counts the sockets it bound; a
 * run in which it bound none (autocannon changed how it connects) fails instead of quietly
 * measuring from one address.
 */
import net from 'node:net';
import autocannon, { type Options, type Result } from 'autocannon';

/** 127.0.0.2 … 127.0.0.(1 + count). */
export function loopbackSources(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `127.0.0.${i + 2}`);
}

type Connect = typeof net.connect;

function bindSources(sources: readonly string[]): { bound: Map<string, number>; restore(): void } {
  const original: Connect = net.connect;
  const bound = new Map<string, number>();
  let next = 0;
  const pick = () => {
    const address = sources[next++ % sources.length]!;
    bound.set(address, (bound.get(address) ?? 0) + 1);
    return address;
  };
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'number' && (typeof second === 'string' || second === undefined)) {
      return original({ port: first, host: second ?? 'localhost', localAddress: pick() });
    }
    if (first && typeof first === 'object' && !('path' in first) && !('localAddress' in first)) {
      return original(
        { ...(first as net.TcpNetConnectOpts), localAddress: pick() },
        ...(args.slice(1) as [() => void]),
      );
    }
    return (original as (...a: unknown[]) => net.Socket)(...args);
  } as Connect;
  net.connect = wrapped;
  return {
    bound,
    restore() {
      net.connect = original;
    },
  };
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fixed body. */
  body?: string;
  /** What changes per request (unique emails, rotating accounts, tokens or QR codes). */
  vary?: () => { path?: string; headers?: Record<string, string>; body?: string };
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Seconds of load before the measurement (JIT, caches, connection set-up); not counted. */
  warmup: number;
  sources: readonly string[];
  /** CPU seconds used so far by the process under test, read around the measured window. */
  cpu?: () => number;
  /** CPU seconds used so far by the database server behind it (PostgreSQL), counted apart. */
  databaseCpu?: () => number;
}

export interface LoadResult {
  /** Successful (2xx) answers per second of the measured window. */
  rate: number;
  ok: number;
  /** Answers that were not 2xx, plus socket errors and timeouts. */
  failed: number;
  p50: number;
  p99: number;
  seconds: number;
  /** CPU milliseconds the process under test spent per successful answer (NaN when unknown). */
  cpuMs: number;
  /** CPU milliseconds the database server spent per successful answer (NaN when not asked). */
  databaseCpuMs: number;
  /** Sockets per source address during the measured window. */
  bound: Map<string, number>;
}

async function fire(
  options: LoadOptions,
  duration: number,
): Promise<{ result: Result; bound: Map<string, number> }> {
  const request: NonNullable<Options['requests']>[number] = { method: options.method ?? 'GET' };
  const vary = options.vary;
  if (vary) {
    request.setupRequest = (req) => {
      const change = vary();
      return { ...req, ...change, headers: { ...req.headers, ...change.headers } };
    };
  }
  const binding = bindSources(options.sources);
  try {
    const result = await autocannon({
      url: options.url,
      method: options.method ?? 'GET',
      headers: options.headers ?? {},
      ...(options.body !== undefined && { body: options.body }),
      requests: [request],
      connections: options.connections,
      duration,
      timeout: 30,
    });
    return { result, bound: binding.bound };
  } finally {
    binding.restore();
  }
}

/** A warm-up, then the measured run. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  if (options.warmup > 0) await fire(options, options.warmup);
  const cpuBefore = options.cpu?.() ?? Number.NaN;
  const databaseBefore = options.databaseCpu?.() ?? Number.NaN;
  const { result, bound } = await fire(options, options.duration);
  const cpuAfter = options.cpu?.() ?? Number.NaN;
  const databaseAfter = options.databaseCpu?.() ?? Number.NaN;
  if (bound.size === 0) {
    throw new Error(
      'bench: autocannon opened no socket through net.connect(port, host); the source-address binding no longer applies',
    );
  }
  const ok = result['2xx'];
  return {
    rate: ok / result.duration,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: result.duration,
    cpuMs: ((cpuAfter - cpuBefore) * 1000) / ok,
    databaseCpuMs: ((databaseAfter - databaseBefore) * 1000) / ok,
    bound,
  };
}
