/** App QR login (`/qr/*`): the code, its scripted status per poll, and the app's answers. */
import { HttpError, json } from './http.ts';
import { SESSION_EXPIRES } from './seeds.ts';
import type { FakeState } from './state.ts';

/** A tiny, obviously fake "QR" as a data URL, so no image request leaves the page. */
export function qrImage(seed: string): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  const cells: string[] = [];
  for (let y = 0; y < 21; y++) {
    for (let x = 0; x < 21; x++) {
      // The three finder squares: a ring, a gap, a 3×3 centre.
      const fx = x < 7 ? x : x > 13 ? x - 14 : -1;
      const fy = y < 7 ? y : y > 13 ? y - 14 : -1;
      const finder = fx >= 0 && fy >= 0 && !(x > 13 && y > 13);
      h = Math.imul(h ^ (x * 31 + y), 16777619);
      const on = finder
        ? fx === 0 || fx === 6 || fy === 0 || fy === 6 || (fx >= 2 && fx <= 4 && fy >= 2 && fy <= 4)
        : (h >>> 7) % 2 === 0;
      if (on) cells.push(`<rect x="${x}" y="${y}" width="1" height="1"/>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 25 25" shape-rendering="crispEdges"><rect x="-2" y="-2" width="25" height="25" fill="#fff"/><g fill="#000">${cells.join('')}</g></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function createQr(fake: FakeState): Response {
  const id = fake.next('qr');
  const secret = `${id}-secret`;
  const expiresAt = Date.now() + fake.preset.qrTtl * 1000;
  fake.qrs.set(id, { secret, polls: 0, expiresAt });
  return json(201, {
    id,
    secret,
    payload: `cloudlogin://qr/${id}`,
    image: qrImage(id),
    expiresAt: new Date(expiresAt).toISOString(),
    pollInterval: 1,
  });
}

export function pollQr(fake: FakeState, id: string, secret: string): Response {
  const qr = fake.qrs.get(id);
  if (!qr || qr.secret !== secret) throw new HttpError('not_found');
  const scripted = fake.qrScript[Math.min(qr.polls, fake.qrScript.length - 1)] ?? 'pending';
  qr.polls += 1;
  const status = qr.status ?? (Date.now() > qr.expiresAt ? 'expired' : scripted);
  if (status === 'confirmed') {
    qr.status = 'confirmed';
    // The session is handed out once, on the first `confirmed` poll, as the contract says.
    const account = fake.accounts.find((a) => a.kind === 'main' && !a.legacy);
    if (qr.handedOut || !account) return json(200, { status });
    qr.handedOut = true;
    const token = fake.signIn(account.id);
    return json(200, {
      status,
      account: fake.publicAccount(account),
      session: { token, expiresAt: SESSION_EXPIRES },
    });
  }
  return json(200, { status });
}

/** The app's answer to a scanned code (`POST /qr/:id/scan|confirm|deny`). */
export function answerQr(fake: FakeState, id: string, action: 'scan' | 'confirm' | 'deny'): Response {
  const qr = fake.qrs.get(id);
  if (!qr) throw new HttpError('not_found');
  qr.status = ({ scan: 'scanned', confirm: 'confirmed', deny: 'denied' } as const)[action];
  return json(200, { status: qr.status });
}
