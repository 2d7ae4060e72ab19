import type { QrStatus } from '@cloud-login/core';

// Not core's `QR_STATUSES`: its module carries the zod schemas, about 8 kB gzip this chunk does
// not otherwise load.
const STATUSES: readonly unknown[] = [
  'pending',
  'scanned',
  'confirmed',
  'denied',
  'expired',
] satisfies readonly QrStatus[];

/**
 * Listens to a QR's pushed status (`GET /qr/{id}/events`, packages/server/README.md "App QR
 * login") with an `EventSource`: `onStatus` for each `status` event, `onFail` once when the
 * stream cannot be used (refused, cut, unreadable) — the panel then polls. Returns `close`.
 * `undefined` when the browser has no `EventSource`.
 */
export function listenQrStatus(
  url: string,
  onStatus: (status: QrStatus) => void,
  onFail: () => void,
): (() => void) | undefined {
  if (typeof EventSource !== 'function') return undefined;
  const source = new EventSource(url);
  let closed = false;
  const close = () => {
    closed = true;
    source.close();
  };
  const fail = () => {
    if (closed) return;
    close();
    onFail();
  };
  source.addEventListener('status', (event) => {
    let status: unknown;
    try {
      status = (JSON.parse((event as MessageEvent<string>).data) as { status?: unknown }).status;
    } catch {
      status = undefined;
    }
    if (STATUSES.includes(status)) onStatus(status as QrStatus);
    else fail();
  });
  // EventSource would reconnect by itself; the panel's poll is the surer way back.
  source.addEventListener('error', fail);
  return close;
}
