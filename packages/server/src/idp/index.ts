/**
 * The identity-provider clients of one preset, from configuration: each configured provider gets
 * the client for its protocol. In dev mode `app.ts` fills the gaps with the simulated providers.
 */
import type { Idp } from '@cloud-login/core';
import { jdClient, qqClient, wechatClient, wechatMpClient } from './clients.ts';
import type { IdentityProvider, IdentityProvidersConfig, IdpFetch } from './types.ts';

export * from './types.ts';
export { REAL_ENDPOINTS, wechatSignature } from './clients.ts';

export function identityProviders(
  config: IdentityProvidersConfig,
  fetch: IdpFetch,
  now: () => number,
): Partial<Record<Idp, IdentityProvider>> {
  const out: Partial<Record<Idp, IdentityProvider>> = {};
  if (config.wechat) out.wechat = wechatClient(config.wechat, fetch);
  if (config['wechat-mp']) out['wechat-mp'] = wechatMpClient(config['wechat-mp'], fetch, now);
  if (config.qq) out.qq = qqClient(config.qq, fetch);
  if (config.jd) out.jd = jdClient(config.jd, fetch);
  return out;
}
