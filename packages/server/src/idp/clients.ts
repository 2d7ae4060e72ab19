/**
 * Clients for the four identity providers, each speaking its real protocol:
 *
 * - WeChat website login: `connect/qrconnect?appid&redirect_uri&response_type=code&scope=snsapi_login&state`
 *   → `code` (10 min, single use) → `sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code`
 *   → `{access_token, openid, unionid}` → `sns/userinfo?access_token&openid` → the nickname (shown
 *   to the person, 002; a failure there costs only the nickname).
 * - WeChat Official Account: `cgi-bin/token` (client credentials) → `cgi-bin/qrcode/create`
 *   (temporary QR, `QR_STR_SCENE`) → WeChat pushes a signed `subscribe` / `SCAN` event to our
 *   server URL → `cgi-bin/user/info` for the unionid.
 * - QQ Connect: `oauth2.0/authorize` → `oauth2.0/token` → `oauth2.0/me?unionid=1` → `{openid, unionid}`.
 * - JD: `oauth2/to_login` (password login on JD's side) → `oauth2/access_token` → `{open_id, xid}`
 *   → where configured, the user-info endpoint → the account's mobile phone (the first login's
 *   contact phone starts from it, 001; a failure there costs only that).
 *
 * Endpoints default to the real ones; in dev mode the server passes the simulated ones.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  IdpError,
  type Identity,
  type IdpFetch,
  type JdConfig,
  type QqConfig,
  type RedirectIdentityProvider,
  type ScanIdentityProvider,
  type WechatConfig,
  type WechatMpConfig,
} from './types.ts';

export const REAL_ENDPOINTS = {
  wechat: {
    authorize: 'https://open.weixin.qq.com/connect/qrconnect',
    token: 'https://api.weixin.qq.com/sns/oauth2/access_token',
    userInfo: 'https://api.weixin.qq.com/sns/userinfo',
  },
  'wechat-mp': {
    token: 'https://api.weixin.qq.com/cgi-bin/token',
    qrcodeCreate: 'https://api.weixin.qq.com/cgi-bin/qrcode/create',
    showQrcode: 'https://mp.weixin.qq.com/cgi-bin/showqrcode',
    userInfo: 'https://api.weixin.qq.com/cgi-bin/user/info',
  },
  qq: {
    authorize: 'https://graph.qq.com/oauth2.0/authorize',
    token: 'https://graph.qq.com/oauth2.0/token',
    me: 'https://graph.qq.com/oauth2.0/me',
  },
  jd: {
    authorize: 'https://open-oauth.jd.com/oauth2/to_login',
    token: 'https://open-oauth.jd.com/oauth2/access_token',
  },
} as const;

function withQuery(endpoint: string, params: Record<string, string>): string {
  const separator = endpoint.includes('?') ? '&' : '?';
  return `${endpoint}${separator}${new URLSearchParams(params)}`;
}

/** Reads a JSON answer; anything else (an HTML error page, a network failure) is `unavailable`. */
async function getJson(fetch: IdpFetch, url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { Accept: 'application/json', ...init?.headers },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new IdpError('unavailable', `identity provider unreachable: ${(error as Error).message}`);
  }
  const text = await response.text();
  try {
    const data: unknown = JSON.parse(text);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new IdpError('unavailable', `identity provider answered ${response.status} without JSON`);
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function identity(idp: Identity['idp'], openid: string | undefined, unionid: string | undefined): Identity {
  if (!openid) throw new IdpError('unavailable', `${idp}: the answer carries no openid`);
  return { idp, subject: unionid ?? openid, openid, ...(unionid !== undefined && { unionid }) };
}

/** WeChat's error codes that mean "this code is no good" rather than "we are misconfigured". */
const WECHAT_BAD_CODE = new Set([40029, 40163, 41008, 42003]);

/** The WeChat user's nickname (`sns/userinfo`); `undefined` when WeChat does not give it. */
async function wechatNickname(
  fetch: IdpFetch,
  endpoint: string,
  accessToken: string,
  openid: string,
): Promise<string | undefined> {
  try {
    const data = await getJson(
      fetch,
      withQuery(endpoint, { access_token: accessToken, openid, lang: 'zh_CN' }),
    );
    return str(data.nickname)?.slice(0, 64);
  } catch {
    return undefined;
  }
}

export function wechatClient(config: WechatConfig, fetch: IdpFetch): RedirectIdentityProvider {
  const endpoints = { ...REAL_ENDPOINTS.wechat, ...config.endpoints };
  return {
    kind: 'redirect',
    idp: 'wechat',
    authorizeUrl: ({ state, redirectUri }) =>
      `${withQuery(endpoints.authorize, { appid: config.appId, redirect_uri: redirectUri, response_type: 'code', scope: 'snsapi_login', state })}#wechat_redirect`,
    async exchange({ code }) {
      const data = await getJson(
        fetch,
        withQuery(endpoints.token, {
          appid: config.appId,
          secret: config.appSecret,
          code,
          grant_type: 'authorization_code',
        }),
      );
      if (typeof data.errcode === 'number' && data.errcode !== 0) {
        throw new IdpError(
          WECHAT_BAD_CODE.has(data.errcode) ? 'invalid_code' : 'unavailable',
          `wechat: ${data.errcode} ${String(data.errmsg)}`,
        );
      }
      const found = identity('wechat', str(data.openid), str(data.unionid));
      const token = str(data.access_token);
      const nickname = token
        ? await wechatNickname(fetch, endpoints.userInfo, token, found.openid)
        : undefined;
      return { ...found, ...(nickname !== undefined && { nickname }) };
    },
  };
}

export function qqClient(config: QqConfig, fetch: IdpFetch): RedirectIdentityProvider {
  const endpoints = { ...REAL_ENDPOINTS.qq, ...config.endpoints };
  const failed = (data: Record<string, unknown>) => data.error !== undefined && data.error !== 0;
  return {
    kind: 'redirect',
    idp: 'qq',
    authorizeUrl: ({ state, redirectUri }) =>
      withQuery(endpoints.authorize, {
        response_type: 'code',
        client_id: config.appId,
        redirect_uri: redirectUri,
        state,
        scope: 'get_user_info',
      }),
    async exchange({ code, redirectUri }) {
      const token = await getJson(
        fetch,
        withQuery(endpoints.token, {
          grant_type: 'authorization_code',
          client_id: config.appId,
          client_secret: config.appKey,
          code,
          redirect_uri: redirectUri,
          fmt: 'json',
        }),
      );
      // 100019/100020: code used or expired; 100010: redirect_uri mismatch — all "bad code" to us.
      if (failed(token))
        throw new IdpError('invalid_code', `qq: ${String(token.error)} ${String(token.error_description)}`);
      const accessToken = str(token.access_token);
      if (!accessToken) throw new IdpError('unavailable', 'qq: no access_token');
      const me = await getJson(
        fetch,
        withQuery(endpoints.me, { access_token: accessToken, unionid: '1', fmt: 'json' }),
      );
      if (failed(me))
        throw new IdpError('unavailable', `qq: ${String(me.error)} ${String(me.error_description)}`);
      if (me.client_id !== config.appId)
        throw new IdpError('invalid_code', 'qq: the token belongs to another app');
      return identity('qq', str(me.openid), str(me.unionid));
    },
  };
}

export function jdClient(config: JdConfig, fetch: IdpFetch): RedirectIdentityProvider {
  const endpoints = { ...REAL_ENDPOINTS.jd, ...config.endpoints };
  return {
    kind: 'redirect',
    idp: 'jd',
    authorizeUrl: ({ state, redirectUri }) =>
      withQuery(endpoints.authorize, {
        app_key: config.appKey,
        response_type: 'code',
        redirect_uri: redirectUri,
        state,
        scope: 'snsapi_base',
      }),
    async exchange({ code }) {
      const data = await getJson(
        fetch,
        withQuery(endpoints.token, {
          app_key: config.appKey,
          app_secret: config.appSecret,
          grant_type: 'authorization_code',
          code,
        }),
      );
      if (data.code !== 0 && data.code !== '0') {
        throw new IdpError(
          data.code === 402 ? 'invalid_code' : 'unavailable',
          `jd: ${String(data.code)} ${String(data.msg)}`,
        );
      }
      const found = identity('jd', str(data.open_id), str(data.xid));
      const token = str(data.access_token);
      const phone =
        token && endpoints.userInfo
          ? await getJson(
              fetch,
              withQuery(endpoints.userInfo, { access_token: token, open_id: found.openid }),
            )
              .then((info) =>
                info.code === 0 || info.code === '0' ? str(info.mobile)?.slice(0, 32) : undefined,
              )
              .catch(() => undefined)
          : undefined;
      return { ...found, ...(phone !== undefined && { phone }) };
    },
  };
}

/** WeChat's server-URL signature: sha1 of token, timestamp and nonce, sorted and joined. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

function signatureOk(
  token: string,
  query: Record<string, string | undefined>,
  maxAgeSeconds: number,
  now: () => number,
): boolean {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) return false;
  // A replayed push from long ago is not a scan happening now.
  if (Math.abs(now() / 1000 - Number(timestamp)) > maxAgeSeconds) return false;
  const expected = Buffer.from(wechatSignature(token, timestamp, nonce));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** `<Tag><![CDATA[value]]></Tag>` or `<Tag>value</Tag>` from WeChat's flat event XML. */
function xmlField(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : value.trim();
}

export function wechatMpClient(
  config: WechatMpConfig,
  fetch: IdpFetch,
  now: () => number = Date.now,
): ScanIdentityProvider {
  const endpoints = { ...REAL_ENDPOINTS['wechat-mp'], ...config.endpoints };
  // The client-credential token is rate-limited at WeChat (2000 a day): one is kept until just before it expires.
  let cached: { token: string; until: number } | undefined;

  async function accessToken(): Promise<string> {
    if (cached && cached.until > now()) return cached.token;
    const data = await getJson(
      fetch,
      withQuery(endpoints.token, {
        grant_type: 'client_credential',
        appid: config.appId,
        secret: config.appSecret,
      }),
    );
    const token = str(data.access_token);
    if (!token)
      throw new IdpError('unavailable', `wechat-mp: ${String(data.errcode)} ${String(data.errmsg)}`);
    const ttl = typeof data.expires_in === 'number' ? data.expires_in : 7200;
    cached = { token, until: now() + Math.max(0, ttl - 300) * 1000 };
    return token;
  }

  return {
    kind: 'scan',
    idp: 'wechat-mp',
    async createScene(scene, expiresIn) {
      const data = await getJson(
        fetch,
        withQuery(endpoints.qrcodeCreate, { access_token: await accessToken() }),
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            expire_seconds: expiresIn,
            action_name: 'QR_STR_SCENE',
            action_info: { scene: { scene_str: scene } },
          }),
        },
      );
      const ticket = str(data.ticket);
      const url = str(data.url);
      if (!ticket || !url)
        throw new IdpError('unavailable', `wechat-mp: ${String(data.errcode)} ${String(data.errmsg)}`);
      return { imageUrl: withQuery(endpoints.showQrcode, { ticket }), url };
    },
    verifyUrl(query) {
      return signatureOk(config.eventToken, query, 300, now) ? query.echostr : undefined;
    },
    readEvent(query, body) {
      if (!signatureOk(config.eventToken, query, 300, now)) return undefined;
      if (xmlField(body, 'MsgType') !== 'event') return undefined;
      const event = xmlField(body, 'Event');
      const openid = xmlField(body, 'FromUserName');
      const key = xmlField(body, 'EventKey');
      if (!openid || !key) return undefined;
      // A follow through a temporary QR carries `qrscene_<scene>`; a scan by a follower the bare scene.
      if (event === 'subscribe' && key.startsWith('qrscene_'))
        return { openid, scene: key.slice('qrscene_'.length), event };
      if (event === 'SCAN') return { openid, scene: key, event };
      return undefined;
    },
    async identify(openid) {
      const data = await getJson(
        fetch,
        withQuery(endpoints.userInfo, { access_token: await accessToken(), openid, lang: 'zh_CN' }),
      );
      if (typeof data.errcode === 'number' && data.errcode !== 0)
        throw new IdpError('unavailable', `wechat-mp: ${data.errcode} ${String(data.errmsg)}`);
      const nickname = str(data.nickname)?.slice(0, 64);
      return {
        ...identity('wechat-mp', str(data.openid) ?? openid, str(data.unionid)),
        ...(nickname !== undefined && { nickname }),
      };
    },
  };
}
