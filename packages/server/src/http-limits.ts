/**
 * Limits on the Node HTTP server the CLI runs: how long a client may take to send its headers
 * and its whole request, how long an idle keep-alive connection stays open, and how many
 * connections are open at once. Without them a few hundred slow clients (one header byte every
 * few seconds) hold sockets and memory for minutes each.
 */
import type { ServerOptions } from 'node:http';

export interface HttpLimits {
  /** Milliseconds to receive the request's headers (Node's default: 60 s). */
  headersTimeout: number;
  /** Milliseconds to receive the whole request (Node's default: 300 s). */
  requestTimeout: number;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeout: number;
  /** Open connections at once; more are closed as they arrive. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeout: 10_000,
  // Bodies are at most 64 KB: even a slow phone sends one well within this.
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  maxConnections: 1000,
};

/** Reads `HEADERS_TIMEOUT`, `REQUEST_TIMEOUT` (seconds) and `MAX_CONNECTIONS`; a message on bad values. */
export function httpLimitsFromEnv(env: NodeJS.ProcessEnv): HttpLimits | string {
  const limits = { ...DEFAULT_HTTP_LIMITS };
  const read = (name: string, min: number): number | string | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    return Number.isInteger(value) && value >= min
      ? value
      : `cloud-login: ${name} must be a whole number ≥ ${min}, not "${text}"`;
  };
  const headers = read('HEADERS_TIMEOUT', 1);
  const request = read('REQUEST_TIMEOUT', 1);
  const connections = read('MAX_CONNECTIONS', 1);
  for (const value of [headers, request, connections]) if (typeof value === 'string') return value;
  if (typeof headers === 'number') limits.headersTimeout = headers * 1000;
  if (typeof request === 'number') limits.requestTimeout = request * 1000;
  if (typeof connections === 'number') limits.maxConnections = connections;
  // Node wants the request timeout to be at least the headers timeout.
  limits.requestTimeout = Math.max(limits.requestTimeout, limits.headersTimeout);
  return limits;
}

/** Options for `http.createServer` (through `serve({ serverOptions })`). */
export function httpServerOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    // How often Node looks for connections past their timeouts (default 30 s, longer than ours).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeout),
  };
}

export function applyHttpLimits(server: { maxConnections: number }, limits: HttpLimits): void {
  server.maxConnections = limits.maxConnections;
}
