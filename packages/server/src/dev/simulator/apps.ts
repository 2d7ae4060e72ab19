/**
 * The apps registered with the simulated identity providers (dev mode): one per preset and
 * identity provider nobody configured, with stable ids, and the configuration that points the
 * real clients (idp/clients.ts) at them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Idp, ProviderId } from '@cloud-login/core';
import type { IdentityProvidersConfig } from '../../idp/types.ts';
import type { Store } from '../../store/types.ts';

/** One app registered with a simulated provider. */
export interface SimulatedApp {
  idp: Idp;
  /** The cloud-login provider this app belongs to (its callback, its legacy accounts, its name). */
  provider: ProviderId;
  clientId: string;
  clientSecret: string;
  /** Path of the only `redirect_uri` accepted, on this server (OAuth providers). */
  redirectPath?: string;
  /** WeChat Official Account: where events are pushed, and the token that signs them. */
  pushPath?: string;
  eventToken?: string;
}

export interface SimulatorOptions {
  store: Store;
  now: () => Date;
  apps: readonly SimulatedApp[];
  /** This server's public base URL; without it, the request's own origin. */
  publicUrl?: string;
  /** Sends a request to this server (the Official Account's event push), in-process. */
  deliver: (request: Request) => Promise<Response>;
}

/** Where the simulated providers are mounted. */
export const SIMULATOR_BASE = '/idp';

/** Code lifetime, as at WeChat, QQ and JD: 10 minutes. */
export const CODE_TTL_MS = 10 * 60_000;
export const TOKEN_TTL_S = 7200;

export const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A simulated app for `provider` at `idp`: stable ids derived from the names (so connections in a
 * kept data file stay valid across restarts), a per-process secret, the callback path of
 * `routes/connections.ts`.
 */
export function simulatedApp(provider: ProviderId, idp: Idp): SimulatedApp {
  const seed = digest(`cloud-login-simulated:${idp}:${provider}`);
  const clientId =
    idp === 'qq'
      ? String(101_000_000 + (seed.readUInt32BE(0) % 900_000))
      : idp === 'jd'
        ? seed.subarray(0, 16).toString('hex').toUpperCase()
        : `wx${seed.subarray(0, 8).toString('hex')}`;
  return {
    idp,
    provider,
    clientId,
    clientSecret: randomBytes(16).toString('hex'),
    ...(idp === 'wechat-mp'
      ? {
          pushPath: `/api/${provider}/connections/wechat-mp/events`,
          eventToken: randomBytes(12).toString('hex'),
        }
      : { redirectPath: `/api/${provider}/connections/${idp}/callback` }),
  };
}

/** The `createAuthServer` configuration that points a provider's clients at the simulated apps. */
export function simulatedConfig(apps: readonly SimulatedApp[]): IdentityProvidersConfig {
  const config: IdentityProvidersConfig = {};
  const b = SIMULATOR_BASE;
  for (const app of apps) {
    switch (app.idp) {
      case 'wechat':
        config.wechat = {
          appId: app.clientId,
          appSecret: app.clientSecret,
          endpoints: {
            authorize: `${b}/wechat/connect/qrconnect`,
            token: `${b}/wechat/sns/oauth2/access_token`,
            userInfo: `${b}/wechat/sns/userinfo`,
          },
        };
        break;
      case 'wechat-mp':
        config['wechat-mp'] = {
          appId: app.clientId,
          appSecret: app.clientSecret,
          eventToken: app.eventToken!,
          endpoints: {
            token: `${b}/wechat-mp/cgi-bin/token`,
            qrcodeCreate: `${b}/wechat-mp/cgi-bin/qrcode/create`,
            showQrcode: `${b}/wechat-mp/cgi-bin/showqrcode`,
            userInfo: `${b}/wechat-mp/cgi-bin/user/info`,
          },
        };
        break;
      case 'qq':
        config.qq = {
          appId: app.clientId,
          appKey: app.clientSecret,
          endpoints: {
            authorize: `${b}/qq/oauth2.0/authorize`,
            token: `${b}/qq/oauth2.0/token`,
            me: `${b}/qq/oauth2.0/me`,
          },
        };
        break;
      case 'jd':
        config.jd = {
          appKey: app.clientId,
          appSecret: app.clientSecret,
          endpoints: {
            authorize: `${b}/jd/oauth2/to_login`,
            token: `${b}/jd/oauth2/access_token`,
            userInfo: `${b}/jd/oauth2/user_info`,
          },
        };
        break;
    }
  }
  return config;
}
