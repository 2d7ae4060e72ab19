/**
 * Identity providers (docs/flows.md#third-party-login) as this server sees them: a client per protocol shape, configured
 * with the app registered at the provider (app id, secret, endpoints). In dev mode the
 * endpoints default to the simulated providers this server mounts under `/idp/…`; a real
 * deployment passes the real app's id and secret, and the endpoints default to the real ones.
 */
import type { Idp } from '@cloud-login/core';

/** Who signed in at the identity provider. */
export interface Identity {
  idp: Idp;
  /** The key a connection is stored under: the unionid when the provider gives one, else the openid. */
  subject: string;
  /** Per-application id. */
  openid: string;
  /** Cross-application id (WeChat/QQ unionid, JD xid), when the provider gives one. */
  unionid?: string;
  /** The name the provider shows (WeChat nickname; the Official Account's name), when it gives one. */
  nickname?: string;
  /**
   * The phone on the provider's account, as the provider gives it (JD, to an app allowed to read
   * it): the first login's contact phone starts from it (001), unproven here.
   */
  phone?: string;
}

/**
 * The identity provider refused or could not be reached. `reason` decides what the user is told:
 * `invalid_code` (used, expired or foreign code), `cancelled` (the user said no), `unavailable`.
 */
export class IdpError extends Error {
  override readonly name = 'IdpError';
  constructor(
    readonly reason: 'invalid_code' | 'cancelled' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

/** `fetch` as the clients use it; the server routes requests to the simulated providers in-process. */
export type IdpFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** OAuth2-style providers: the browser goes to `authorizeUrl`, comes back with `code` and `state`. */
export interface RedirectIdentityProvider {
  readonly kind: 'redirect';
  readonly idp: 'wechat' | 'qq' | 'jd';
  /** Where the browser is sent; `state` comes back unchanged on `redirectUri`. */
  authorizeUrl(params: { state: string; redirectUri: string }): string;
  /** Code → access token → openid / unionid. Throws `IdpError`. */
  exchange(params: { code: string; redirectUri: string }): Promise<Identity>;
}

/** A scan or subscribe event pushed by WeChat to the Official Account's server URL. */
export interface ScanEvent {
  openid: string;
  /** The scene of the temporary QR that was scanned (without WeChat's `qrscene_` prefix). */
  scene: string;
  event: 'subscribe' | 'SCAN';
}

/** WeChat Official Account: a temporary QR with a scene; WeChat pushes the scan to our server. */
export interface ScanIdentityProvider {
  readonly kind: 'scan';
  readonly idp: 'wechat-mp';
  /** Creates the temporary QR for `scene`: its image URL (for an `<img>`) and the URL it encodes. */
  createScene(scene: string, expiresIn: number): Promise<{ imageUrl: string; url: string }>;
  /** Checks the push's signature and reads the event; `undefined` when it is not ours or not a scan. */
  readEvent(query: Record<string, string | undefined>, body: string): ScanEvent | undefined;
  /** The `echostr` answer to WeChat's server-URL check, or `undefined` when the signature is wrong. */
  verifyUrl(query: Record<string, string | undefined>): string | undefined;
  /** openid → unionid (user/info). Throws `IdpError`. */
  identify(openid: string): Promise<Identity>;
}

export type IdentityProvider = RedirectIdentityProvider | ScanIdentityProvider;

/**
 * Endpoints may be absolute URLs or paths on this server (the simulated providers); a path in a
 * browser redirect resolves against this server, and a server-side call to a path is served
 * in-process.
 */
export interface WechatConfig {
  appId: string;
  appSecret: string;
  endpoints?: { authorize?: string; token?: string; userInfo?: string };
}

export interface WechatMpConfig {
  appId: string;
  appSecret: string;
  /** The token set for the server URL in the Official Account's settings: signs the pushed events. */
  eventToken: string;
  endpoints?: { token?: string; qrcodeCreate?: string; showQrcode?: string; userInfo?: string };
}

export interface QqConfig {
  appId: string;
  appKey: string;
  endpoints?: { authorize?: string; token?: string; me?: string };
}

export interface JdConfig {
  appKey: string;
  appSecret: string;
  /**
   * `userInfo`: where the app reads the JD account's mobile phone with the access token. JD opens
   * it only to apps it approved, so there is no default: without it no phone is read.
   */
  endpoints?: { authorize?: string; token?: string; userInfo?: string };
}

export interface IdentityProvidersConfig {
  wechat?: WechatConfig;
  'wechat-mp'?: WechatMpConfig;
  qq?: QqConfig;
  jd?: JdConfig;
}
