/**
 * What every route and flow of one provider works with. `createAuthServer` builds one of these
 * per enabled preset; route modules close over it, so a handler reads its preset, store and
 * clock from here and nowhere else (tests move time by passing `now`).
 */
import type { Preset, ProviderId } from '@cloud-login/core';
import type { CodeHasher } from './crypto.ts';
import type { AccountRecord, Frozen, SessionRecord, Store } from './store/types.ts';
import type { KeyedLock } from './flows/lock.ts';
import type { Notifier } from './flows/notify.ts';
import type { Throttle } from './rate-limit.ts';
import type { ResolvedChallenge } from './challenge.ts';

export interface Auth {
  /** The stored records themselves, frozen (no copy per request): a change goes through the store. */
  account: Frozen<AccountRecord>;
  session: Frozen<SessionRecord>;
  tokenHash: string;
  /** Where the token came from: cookie-authenticated writes must pass the Origin check. */
  via: 'cookie' | 'bearer';
}

export type AppEnv = {
  Variables: {
    /** The client's address (trusted-proxy aware), for per-address limits. */
    address: string;
    auth: Auth;
  };
};

export interface OriginPolicy {
  /** Exact origins (`https://console.example.com`) allowed to embed the elements. */
  allowed: ReadonlySet<string>;
  /** Origin of `publicUrl`, when set: always allowed, like the request's own origin. */
  own?: string;
}

export interface Throttles {
  /** Failed password checks per account (or per unknown identifier). */
  loginPerAccount: Throttle;
  /** Failed password checks per client address. */
  loginPerAddress: Throttle;
  /**
   * Failed password checks per account and address. Once an account's window is full (under
   * attack), an address still under this limit gets the code step instead of a 429
   * (flows/login-code.ts).
   */
  loginPerAccountAddress: Throttle;
  /** Verification emails per account: resend cooldown. */
  emailCooldown: Throttle;
  /** Verification emails per account per day. */
  emailDaily: Throttle;
  /** Registrations attempted per client address (each costs a hash, Tencent's an email). */
  registerPerAddress: Throttle;
  /** Successful sign-ins (sessions started) per account. */
  signInsPerAccount: Throttle;
  /** Account-changing writes per account: password changes, sub-accounts, security emails. */
  accountChanges: Throttle;
}

export interface ProviderContext {
  provider: ProviderId;
  preset: Preset;
  store: Store;
  now: () => Date;
  hashCode: CodeHasher;
  notifier: Notifier;
  devMode: boolean;
  cookie: { name: string; secure?: boolean };
  /** Seconds a session lives. */
  sessionTtl: number;
  /** Seconds a session may go unused before it ends. */
  sessionIdleTimeout: number;
  /** Sessions kept per account; a new one past it ends the oldest. */
  maxSessionsPerAccount: number;
  origins: OriginPolicy;
  /** Base URL (`https://auth.example.com`) links in emails point at; the request's origin when unset. */
  publicUrl?: string;
  locks: KeyedLock;
  throttles: Throttles;
  /**
   * A throttle of a route's own (`name` keeps its keys apart), in the store when it shares
   * counters between processes, else in this process.
   */
  throttle(name: string, spec: { limit: number; windowMs: number }): Throttle;
  /** Asked for by `POST /codes` past its thresholds (challenge.ts); none: the daily caps refuse. */
  challenge?: ResolvedChallenge;
}

export const isoNow = (ctx: Pick<ProviderContext, 'now'>): string => ctx.now().toISOString();

export const isoIn = (ctx: Pick<ProviderContext, 'now'>, seconds: number): string =>
  new Date(ctx.now().getTime() + seconds * 1000).toISOString();
