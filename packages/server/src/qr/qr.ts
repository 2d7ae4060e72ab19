/**
 * App QR login (docs/flows.md#app-qr-login): the browser asks for a QR ticket and polls it with its secret; the
 * provider's mobile app (signed in) scans it and confirms or denies. States: pending → scanned →
 * confirmed / denied, and expired when the clock passes `expiresAt` (the preset's `qrTtl`, 2 min).
 *
 * Who may do what:
 * - only the holder of the secret (the browser that created the ticket) may read its state, and
 *   gets the session — once: the first poll after confirmation claims it inside the store;
 * - only a signed-in account of the same provider may scan, and only the account that scanned
 *   may confirm or deny; that account is the one signed in.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import QRCode from 'qrcode';
import type { Authenticated, ProviderId, QrCreated, QrStatus } from '@cloud-login/core';
import { equalHashes, hashSecret, randomToken } from '../crypto.ts';
import type { AccountRecord, Frozen, QrRecord, QrState } from '../store/types.ts';
import { fail } from '../middleware/errors.ts';
import { isoIn, isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { startSession } from '../flows/sessions.ts';
import { mountPrefix } from '../mount.ts';

/** Seconds between polls the browser is asked to keep. */
export const POLL_INTERVAL = 2;

/**
 * How long after confirmation the session can still be claimed, in ms. A browser polls every
 * couple of seconds, so a confirmed ticket nobody collects within a minute is left to die.
 */
export const CLAIM_WINDOW_MS = 60_000;

/** QR ids: 128 random bits, base64url. Public (they are in the QR), but not guessable. */
export const QR_ID = /^[A-Za-z0-9_-]{22}$/;

export type QrPollAnswer =
  | { status: Exclude<QrStatus, 'confirmed'> }
  | ({ status: 'confirmed' } & Partial<Omit<Authenticated, 'status'>>);

/** What the mobile app shows before its user confirms: who is asking, and until when. */
export interface QrPublicInfo {
  browser: string;
  createdAt: string;
  expiresAt: string;
}

export interface QrMoveAnswer {
  status: QrStatus;
  info: QrPublicInfo;
}

/**
 * "Chrome on Windows" from a User-Agent, for the mobile app's "a browser is asking to sign in"
 * line. Only a coarse name: the raw header is client-controlled and never shown as such.
 */
export function describeBrowser(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /MicroMessenger/.test(ua)
        ? 'WeChat'
        : /Firefox\/|FxiOS/.test(ua)
          ? 'Firefox'
          : /Chrome\/|CriOS|Chromium/.test(ua)
            ? 'Chrome'
            : /Safari\//.test(ua)
              ? 'Safari'
              : undefined;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : undefined;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? (os ? `A browser on ${os}` : 'A browser');
}

/** Builds what the QR encodes: a link (or app URL scheme) that opens the provider's mobile app on this ticket. */
export type QrPayload = (qr: { provider: ProviderId; id: string; baseUrl: string }) => string;

/** The default: the demo's mobile page on this server, `{baseUrl}/mobile/?provider=…&qr=<id>`. */
export const mobilePagePayload: QrPayload = ({ provider, id, baseUrl }) =>
  `${baseUrl}/mobile/?${new URLSearchParams({ provider, qr: id })}`;

function payloadUrl(
  c: Context,
  ctx: ProviderContext,
  id: string,
  payload: QrPayload = mobilePagePayload,
): string {
  const baseUrl = (ctx.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '') + mountPrefix(c);
  return payload({ provider: ctx.provider, id, baseUrl });
}

export function requireQrMethod(ctx: ProviderContext): void {
  if (!ctx.preset.methods.login.includes('qr')) fail('method_disabled', 'App QR login is not offered here.');
}

export async function createQrTicket(
  c: Context,
  ctx: ProviderContext,
  payload?: QrPayload,
): Promise<QrCreated> {
  requireQrMethod(ctx);
  const id = randomBytes(16).toString('base64url');
  const secret = randomToken();
  const createdAt = isoNow(ctx);
  const expiresAt = isoIn(ctx, ctx.preset.qrTtl);
  await ctx.store.qr.put({
    id,
    provider: ctx.provider,
    secretHash: hashSecret(secret),
    status: 'pending',
    info: { browser: describeBrowser(c.req.header('User-Agent')), createdAt },
    createdAt,
    expiresAt,
  });
  return {
    id,
    secret,
    payload: payloadUrl(c, ctx, id, payload),
    image: `/qr/${id}.svg`,
    expiresAt,
    pollInterval: POLL_INTERVAL,
  };
}

function notFound(): never {
  fail('not_found', 'No such QR code.');
}

/** A pending or scanned ticket past its time reads as expired. */
function visibleStatus(record: Frozen<QrRecord>, now: number): QrStatus {
  if ((record.status === 'pending' || record.status === 'scanned') && Date.parse(record.expiresAt) <= now)
    return 'expired';
  return record.status;
}

/**
 * The ticket's state as the holder of the secret sees it, without claiming anything (the QR
 * stream's read); `undefined` for an unknown id or a wrong secret.
 */
export async function peekQrTicket(
  ctx: ProviderContext,
  id: string,
  secretHash: string,
): Promise<QrStatus | undefined> {
  const record = await ctx.store.qr.get(id);
  if (!record || record.provider !== ctx.provider || !equalHashes(record.secretHash, secretHash))
    return undefined;
  return visibleStatus(record, ctx.now().getTime());
}

/**
 * The browser's poll. Unknown id and wrong secret answer the same 404, so the id in the QR
 * (which anyone near the screen can read) tells nothing without the secret.
 */
export async function pollQrTicket(
  c: Context<AppEnv>,
  ctx: ProviderContext,
  id: string,
  secret: string | undefined,
): Promise<QrPollAnswer> {
  if (!secret || !QR_ID.test(id)) notFound();
  const secretHash = hashSecret(secret);
  const date = ctx.now();
  const now = date.getTime();
  const claim = await ctx.store.qr.claim(ctx.provider, id, secretHash, date.toISOString());
  if (!claim.ok) {
    if (claim.reason === 'missing' || !claim.record) notFound();
    if (claim.reason === 'claimed') return { status: 'confirmed' };
    return { status: visibleStatus(claim.record, now) as Exclude<QrStatus, 'confirmed'> };
  }
  // Claimed just now: this request is the only one that will ever hand out this session.
  const record = claim.record;
  if (now > Date.parse(record.decidedAt ?? record.createdAt) + CLAIM_WINDOW_MS) return { status: 'expired' };
  const account = record.accountId === undefined ? undefined : await ctx.store.accounts.get(record.accountId);
  if (!account || account.status !== 'active' || account.provider !== ctx.provider)
    return { status: 'expired' };
  const { status: _authenticated, ...session } = await startSession(c, ctx, account);
  return { status: 'confirmed', ...session };
}

const MOVES: Record<'scan' | 'confirm' | 'deny', { to: QrState; from: readonly QrState[] }> = {
  scan: { to: 'scanned', from: ['pending', 'scanned'] },
  // The app may confirm or deny straight from pending: a scan is implied.
  confirm: { to: 'confirmed', from: ['pending', 'scanned'] },
  deny: { to: 'denied', from: ['pending', 'scanned'] },
};

function publicInfo(record: QrRecord): QrPublicInfo {
  return { browser: record.info.browser, createdAt: record.info.createdAt, expiresAt: record.expiresAt };
}

/** The mobile app's scan, confirm or deny, as `account` (its session). */
export async function moveQrTicket(
  ctx: ProviderContext,
  id: string,
  action: 'scan' | 'confirm' | 'deny',
  account: Frozen<AccountRecord>,
): Promise<QrMoveAnswer> {
  requireQrMethod(ctx);
  if (!QR_ID.test(id)) notFound();
  const move = MOVES[action];
  const result = await ctx.store.qr.advance(ctx.provider, id, {
    ...move,
    accountId: account.id,
    now: isoNow(ctx),
  });
  if (result.ok) return { status: result.record.status, info: publicInfo(result.record) };
  const record = result.record;
  if (result.reason === 'missing' || !record) notFound();
  // Another account's ticket is none of this account's business.
  if (record.accountId !== undefined && record.accountId !== account.id) notFound();
  if (result.reason === 'expired')
    fail('qr_expired', 'This QR code has expired; refresh it on the computer.');
  // Asking twice for what already happened (a double tap) is answered as done.
  if (record.status === move.to) return { status: record.status, info: publicInfo(record) };
  fail('qr_expired', 'This QR code was already used.');
}

/** The QR image: an SVG of the payload, rendered here so no third party ever sees it. */
export async function renderQrSvg(
  c: Context,
  ctx: ProviderContext,
  id: string,
  payload?: QrPayload,
): Promise<string> {
  if (!QR_ID.test(id)) notFound();
  const record = await ctx.store.qr.get(id);
  if (!record || record.provider !== ctx.provider) notFound();
  if (visibleStatus(record, ctx.now().getTime()) === 'expired')
    fail('qr_expired', 'This QR code has expired.');
  return QRCode.toString(payloadUrl(c, ctx, id, payload), {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
}
