/**
 * Simulated identity providers (dev mode only, mounted at `/idp`): WeChat website login, the
 * WeChat Official Account platform, QQ Connect and JD, each speaking its real protocol's shape
 * (same parameter names, same answers, same error codes where it matters) so that the clients in
 * `clients.ts` cannot tell them from the real ones, and a real provider replaces one by
 * configuration alone.
 *
 * What they enforce, like the real ones: the app id must be registered; `redirect_uri` must be
 * the app's registered callback on this server; a code is valid 10 minutes, once, for the app it
 * was issued to; the app secret must match. A person clicks through believable pages: WeChat's
 * "scan to log in" (with a simulated phone to confirm on), QQ's consent page, JD's password login,
 * and the Official Account's "follow" page that a scanned QR opens on the phone.
 *
 * The simulated JD knows two kinds of users: the names and passwords it keeps itself (a new name
 * is registered on its first sign-in), and the demo's legacy JD Cloud accounts (created with
 * `POST /api/{provider}/dev/legacy-accounts`), which sign in with their phone or email and
 * password — a legacy JD Cloud account *is* a JD account, so it is bound to its JD identity.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import { hashPassword, verifyPassword } from '../../passwords.ts';
import { wechatSignature } from '../../idp/clients.ts';
import { devStoreOf, type IdpUserRecord } from '../store.ts';
import { SIMULATOR_BASE, TOKEN_TTL_S, type SimulatedApp, type SimulatorOptions } from './apps.ts';
import { loginKeyOf, simulatorLogic, type QrGrant } from './logic.ts';
import { mountPrefix } from '../../mount.ts';
import { BRANDS, button, escapeHtml, hiddenFields, pageCsp, renderIdpPage, type Brand } from './pages.ts';

export {
  CODE_TTL_MS,
  SIMULATOR_BASE,
  simulatedApp,
  simulatedConfig,
  type SimulatedApp,
  type SimulatorOptions,
} from './apps.ts';

export function simulatedProviders(options: SimulatorOptions) {
  const { store } = options;
  const users = devStoreOf(store).idpUsers;
  const {
    findApp,
    iso,
    userNamed,
    openidFor,
    issueCode,
    takeCode,
    issueToken,
    readToken,
    secretOk,
    appName,
    legacyAccount,
    legacyJdUser,
  } = simulatorLogic(options);
  const origin = (c: Context) =>
    options.publicUrl ? new URL(options.publicUrl).origin : new URL(c.req.url).origin;

  /** The registered callback only: this server's origin and the app's exact path. */
  function redirectAllowed(
    c: Context,
    app: SimulatedApp,
    redirectUri: string | undefined,
  ): redirectUri is string {
    if (!redirectUri || !app.redirectPath) return false;
    try {
      const url = new URL(redirectUri);
      return (
        url.origin === origin(c) &&
        url.pathname === mountPrefix(c) + app.redirectPath &&
        url.username === '' &&
        url.password === ''
      );
    } catch {
      return false;
    }
  }

  function errorPage(c: Context, brand: Brand, status: 400 | 401 | 404, title: string, message: string) {
    c.header('Content-Security-Policy', pageCsp());
    c.header('Cache-Control', 'no-store');
    return c.html(
      renderIdpPage({
        brand,
        title,
        body: `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(message)}</p>`,
      }),
      status,
    );
  }

  /**
   * The string fields of a form post. `parseBody()` throws when the body is not what its
   * `Content-Type` says (a `multipart/form-data` body without its boundary); `undefined` then,
   * and each endpoint refuses in its provider's own way — never a 500.
   */
  async function formFields(c: Context): Promise<Record<string, string> | undefined> {
    try {
      const body = await c.req.parseBody();
      return Object.fromEntries(
        Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    } catch {
      return undefined;
    }
  }

  /** A form post or the query: the fields a page endpoint reads. */
  const pageFields = (c: Context) =>
    c.req.method === 'POST' ? formFields(c) : Promise.resolve(c.req.query());

  function page(
    c: Context,
    brand: Brand,
    title: string,
    body: string,
    formTargets: string[] = [],
    status: 200 | 401 = 200,
  ) {
    c.header('Content-Security-Policy', pageCsp(formTargets));
    c.header('Cache-Control', 'no-store');
    c.header('X-Frame-Options', 'DENY');
    return c.html(renderIdpPage({ brand, title, body }), status);
  }

  /** `redirect_uri?code=…&state=…` (or without `code`: WeChat's answer to "deny"). */
  function back(c: Context, redirectUri: string, params: Record<string, string | undefined>) {
    const url = new URL(redirectUri);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    return c.redirect(url.href, 302);
  }

  const wechat = BRANDS.wechat;
  const qq = BRANDS.qq;
  const jd = BRANDS.jd;
  const mp = BRANDS['wechat-mp'];

  return (
    new Hono()
      .use('*', async (c, next) => {
        await next();
        c.header('X-Content-Type-Options', 'nosniff');
        c.header('Referrer-Policy', 'no-referrer');
      })

      // ---- WeChat website login ---------------------------------------------------------
      .on(['GET', 'POST'], '/wechat/connect/qrconnect', async (c) => {
        const q = await pageFields(c);
        if (!q)
          return errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            '请求格式错误 (the form could not be read).',
          );
        const app = findApp('wechat', q.appid);
        if (!app)
          return errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            'appid 参数错误 (40013: invalid appid).',
          );
        if (!redirectAllowed(c, app, q.redirect_uri)) {
          return errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            'redirect_uri 参数错误 (10003: the redirect_uri is not the registered callback).',
          );
        }
        if (q.scope !== 'snsapi_login' || q.response_type !== 'code') {
          return errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            'scope 参数错误或没有 scope 权限 (10005).',
          );
        }
        if (c.req.method === 'POST') {
          // WeChat sends a refusal back without a code, only the state.
          if (q.decision !== 'allow') return back(c, q.redirect_uri, { state: q.state });
          const user = await userNamed('wechat', q.nickname || '微信用户');
          return back(c, q.redirect_uri, {
            code: await issueCode(app, user, q.redirect_uri),
            state: q.state,
          });
        }
        const qr = await QRCode.toString(c.req.url, { type: 'svg', margin: 1 });
        const fields = hiddenFields({
          appid: app.clientId,
          redirect_uri: q.redirect_uri,
          response_type: 'code',
          scope: 'snsapi_login',
          state: q.state ?? '',
        });
        return page(
          c,
          wechat,
          '微信登录',
          `<h1>微信登录 <span class="sub">WeChat login</span></h1>` +
            `<p>使用微信扫一扫登录「${escapeHtml(appName(app))}」</p><p class="sub">Scan with WeChat to sign in to ${escapeHtml(appName(app))}.</p>` +
            `<div class="qr" role="img" aria-label="QR code">${qr}</div>` +
            `<form method="post" class="dev"><h2>模拟手机 · Simulated phone (dev)</h2>` +
            `<p class="note">On a real phone, WeChat asks you to confirm. Here, pick a WeChat user and confirm.</p>` +
            `${fields}<label for="nickname">微信昵称 WeChat nickname</label>` +
            `<input id="nickname" name="nickname" value="微信用户" maxlength="40" autocomplete="off" required>` +
            `<div class="row">${button('拒绝 Deny', 'decision', 'deny')}${button('允许 Allow', 'decision', 'allow', wechat)}</div></form>`,
          [new URL(q.redirect_uri).origin],
        );
      })
      .get('/wechat/sns/oauth2/access_token', async (c) => {
        const q = c.req.query();
        const app = findApp('wechat', q.appid);
        if (!app) return c.json({ errcode: 40013, errmsg: 'invalid appid' });
        if (!secretOk(app, q.secret)) return c.json({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (q.grant_type !== 'authorization_code')
          return c.json({ errcode: 40002, errmsg: 'invalid grant_type' });
        const grant = await takeCode(app, q.code);
        if (!grant) return c.json({ errcode: 40029, errmsg: 'invalid code' });
        const user = await users.get(grant.userId);
        if (!user) return c.json({ errcode: 40029, errmsg: 'invalid code' });
        return c.json({
          access_token: await issueToken(app, user.id),
          expires_in: TOKEN_TTL_S,
          refresh_token: randomBytes(32).toString('base64url'),
          openid: openidFor(app, user),
          scope: 'snsapi_login',
          unionid: user.unionid,
        });
      })

      // ---- QQ Connect -------------------------------------------------------------------
      .on(['GET', 'POST'], '/qq/oauth2.0/authorize', async (c) => {
        const q = await pageFields(c);
        if (!q) return errorPage(c, qq, 400, '出错了 Error', '100000: the form could not be read.');
        const app = findApp('qq', q.client_id);
        if (!app) return errorPage(c, qq, 400, '出错了 Error', '100008: client id is not exist.');
        if (!redirectAllowed(c, app, q.redirect_uri))
          return errorPage(c, qq, 400, '出错了 Error', '100010: redirect uri is illegal.');
        if (q.response_type !== 'code')
          return errorPage(c, qq, 400, '出错了 Error', '100000: response_type is empty or wrong.');
        if (c.req.method === 'POST') {
          if (q.decision !== 'allow') return back(c, q.redirect_uri, { usercancel: '1', state: q.state });
          const user = await userNamed('qq', q.qq || 'QQ用户');
          return back(c, q.redirect_uri, {
            code: await issueCode(app, user, q.redirect_uri),
            state: q.state,
          });
        }
        const fields = hiddenFields({
          client_id: app.clientId,
          redirect_uri: q.redirect_uri,
          response_type: 'code',
          state: q.state ?? '',
          scope: q.scope ?? 'get_user_info',
        });
        return page(
          c,
          qq,
          'QQ登录',
          `<h1>QQ登录 <span class="sub">Log in with QQ</span></h1>` +
            `<p>「${escapeHtml(appName(app))}」将获得以下权限：获得您的昵称、头像、性别</p>` +
            `<p class="sub">${escapeHtml(appName(app))} will get your nickname, avatar and gender.</p>` +
            `<form method="post">${fields}<label for="qq">QQ号码 / 昵称 · QQ number or nickname</label>` +
            `<input id="qq" name="qq" value="QQ用户" maxlength="40" autocomplete="username" required>` +
            `<p class="note">Simulation: any name signs in; the same name is the same QQ user next time.</p>` +
            `<div class="row">${button('取消 Cancel', 'decision', 'cancel')}${button('授权并登录 Authorize and log in', 'decision', 'allow', qq)}</div></form>`,
          [new URL(q.redirect_uri).origin],
        );
      })
      .get('/qq/oauth2.0/token', async (c) => {
        const q = c.req.query();
        const fail = (error: number, description: string) =>
          c.json({ error, error_description: description });
        const app = findApp('qq', q.client_id);
        if (!app) return fail(100008, 'client id is not exist');
        if (!secretOk(app, q.client_secret)) return fail(100009, 'client secret is wrong');
        if (q.grant_type !== 'authorization_code') return fail(100005, 'grant_type is wrong');
        const grant = await takeCode(app, q.code);
        if (!grant) return fail(100019, 'code to access token error');
        if (grant.redirectUri !== q.redirect_uri) return fail(100010, 'redirect uri is illegal');
        const token = await issueToken(app, grant.userId);
        const answer = {
          access_token: token,
          expires_in: '7776000',
          refresh_token: randomBytes(32).toString('hex').toUpperCase(),
        };
        return q.fmt === 'json' ? c.json(answer) : c.text(new URLSearchParams(answer).toString());
      })
      .get('/qq/oauth2.0/me', async (c) => {
        const q = c.req.query();
        const found = await readToken('qq', q.access_token);
        const user = found?.grant.userId ? await users.get(found.grant.userId) : undefined;
        if (!found || !user) return c.json({ error: 100016, error_description: 'access token check failed' });
        return c.json({
          client_id: found.app.clientId,
          openid: openidFor(found.app, user),
          ...(q.unionid === '1' && { unionid: user.unionid }),
        });
      })

      // ---- JD ---------------------------------------------------------------------------
      .on(['GET', 'POST'], '/jd/oauth2/to_login', async (c) => {
        const q = await pageFields(c);
        if (!q)
          return errorPage(
            c,
            jd,
            400,
            '授权失败 Authorization failed',
            '请求格式错误 (the form could not be read).',
          );
        const app = findApp('jd', q.app_key);
        if (!app)
          return errorPage(c, jd, 400, '授权失败 Authorization failed', 'app_key 无效 (invalid app_key).');
        if (!redirectAllowed(c, app, q.redirect_uri))
          return errorPage(
            c,
            jd,
            400,
            '授权失败 Authorization failed',
            'redirect_uri 与注册的回调地址不一致 (redirect_uri mismatch).',
          );
        const fields = hiddenFields({
          app_key: app.clientId,
          redirect_uri: q.redirect_uri,
          response_type: 'code',
          state: q.state ?? '',
          scope: q.scope ?? 'snsapi_base',
        });
        const form = (error?: string, name = '') =>
          page(
            c,
            jd,
            '京东登录',
            `<h1>京东账号登录 <span class="sub">JD account login</span></h1>` +
              `<p class="sub">登录后将授权「${escapeHtml(appName(app))}」使用您的京东账号 · Signing in lets ${escapeHtml(appName(app))} use your JD account.</p>` +
              (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '') +
              `<form method="post">${fields}<label for="username">用户名 / 手机号 / 邮箱 · User name, phone or email</label>` +
              `<input id="username" name="username" value="${escapeHtml(name)}" maxlength="64" autocomplete="username" required>` +
              `<label for="password">密码 · Password</label><input id="password" name="password" type="password" maxlength="64" autocomplete="current-password" required>` +
              `<div class="row">${button('登录 Log in', 'decision', 'login', jd)}</div></form>` +
              `<p class="note">Simulation: a new user name is registered with the password you type. Legacy JD Cloud accounts (dev: POST /api/jdcloud/dev/legacy-accounts) sign in with their phone or email.</p>`,
            [new URL(q.redirect_uri!).origin],
            error ? 401 : 200,
          );
        if (c.req.method !== 'POST') return form();
        const name = (q.username ?? '').trim();
        const password = q.password ?? '';
        if (!name || !password) return form('请输入用户名和密码 · Enter your user name and password.', name);
        let user: IdpUserRecord | undefined;
        const legacy = await legacyAccount(app, name, password);
        if (legacy) user = await legacyJdUser(app, legacy);
        else {
          const existing = await users.find('jd', loginKeyOf(name));
          if (existing)
            user =
              existing.passwordHash && (await verifyPassword(existing.passwordHash, password))
                ? existing
                : undefined;
          else user = await userNamed('jd', name, { passwordHash: await hashPassword(password) });
        }
        if (!user)
          return form('账户名与密码不匹配，请重新输入 · The user name and password do not match.', name);
        return back(c, q.redirect_uri, { code: await issueCode(app, user, q.redirect_uri), state: q.state });
      })
      .on(['GET', 'POST'], '/jd/oauth2/access_token', async (c) => {
        const posted = c.req.method === 'POST' ? await formFields(c) : {};
        if (!posted) return c.json({ code: 400, msg: 'request body is invalid' }, 400);
        const q = { ...c.req.query(), ...posted };
        const app = findApp('jd', q.app_key);
        if (!app || !secretOk(app, q.app_secret))
          return c.json({ code: 401, msg: 'app_key or app_secret is invalid' });
        if (q.grant_type !== 'authorization_code') return c.json({ code: 400, msg: 'grant_type is invalid' });
        const grant = await takeCode(app, q.code);
        const user = grant && (await users.get(grant.userId));
        if (!user) return c.json({ code: 402, msg: 'code is invalid or expired' });
        return c.json({
          access_token: await issueToken(app, user.id),
          expires_in: TOKEN_TTL_S,
          refresh_token: randomBytes(32).toString('hex'),
          scope: 'snsapi_base',
          open_id: openidFor(app, user),
          uid: user.id.replace(/-/g, '').slice(0, 12),
          time: options.now().getTime(),
          token_type: 'bearer',
          code: 0,
          xid: user.unionid,
        });
      })

      // ---- WeChat Official Account -------------------------------------------------------
      .get('/wechat-mp/cgi-bin/token', async (c) => {
        const q = c.req.query();
        const app = findApp('wechat-mp', q.appid);
        if (!app) return c.json({ errcode: 40013, errmsg: 'invalid appid' });
        if (!secretOk(app, q.secret)) return c.json({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (q.grant_type !== 'client_credential')
          return c.json({ errcode: 40002, errmsg: 'invalid grant_type' });
        return c.json({ access_token: await issueToken(app), expires_in: TOKEN_TTL_S });
      })
      .post('/wechat-mp/cgi-bin/qrcode/create', async (c) => {
        const found = await readToken('wechat-mp', c.req.query('access_token'));
        if (!found)
          return c.json({
            errcode: 40001,
            errmsg: 'invalid credential, access_token is invalid or not latest',
          });
        const body = (await c.req.json().catch(() => undefined)) as
          | {
              expire_seconds?: unknown;
              action_name?: unknown;
              action_info?: { scene?: { scene_str?: unknown } };
            }
          | undefined;
        const scene = body?.action_info?.scene?.scene_str;
        if (
          body?.action_name !== 'QR_STR_SCENE' ||
          typeof scene !== 'string' ||
          scene.length < 1 ||
          scene.length > 64
        ) {
          return c.json({ errcode: 40053, errmsg: 'invalid action info' });
        }
        const seconds = Math.min(2_592_000, Math.max(60, Number(body.expire_seconds) || 60));
        const ticket = randomBytes(24).toString('base64url');
        await store.grants.put({
          kind: 'idp:wechat-mp:qr',
          key: ticket,
          data: { clientId: found.app.clientId, scene } satisfies QrGrant,
          createdAt: iso(),
          expiresAt: iso(seconds * 1000),
        });
        // Called server-to-server (in-process in dev): without a public URL the link is a path on this server.
        return c.json({
          ticket,
          expire_seconds: seconds,
          url: `${options.publicUrl ? origin(c) : ''}${SIMULATOR_BASE}/wechat-mp/q/${ticket}`,
        });
      })
      .get('/wechat-mp/cgi-bin/showqrcode', async (c) => {
        const ticket = c.req.query('ticket') ?? '';
        const grant = await store.grants.get<QrGrant>('idp:wechat-mp:qr', ticket, iso());
        if (!grant) return c.text('ticket invalid or expired', 404);
        c.header('Content-Type', 'image/svg+xml');
        c.header('Cache-Control', 'no-store');
        c.header('Content-Security-Policy', "default-src 'none'; sandbox");
        return c.body(
          await QRCode.toString(`${origin(c)}${mountPrefix(c)}${SIMULATOR_BASE}/wechat-mp/q/${ticket}`, {
            type: 'svg',
            margin: 2,
          }),
        );
      })
      .get('/wechat-mp/cgi-bin/user/info', async (c) => {
        const q = c.req.query();
        const found = await readToken('wechat-mp', q.access_token);
        if (!found)
          return c.json({
            errcode: 40001,
            errmsg: 'invalid credential, access_token is invalid or not latest',
          });
        const follower = q.openid
          ? await store.grants.get<{ userId: string }>(
              'idp:wechat-mp:follower',
              `${found.app.clientId}:${q.openid}`,
              iso(),
            )
          : undefined;
        const user = follower && (await users.get(follower.data.userId));
        if (!user) return c.json({ errcode: 40003, errmsg: 'invalid openid' });
        return c.json({
          subscribe: 1,
          openid: q.openid,
          nickname: user.displayName,
          language: 'zh_CN',
          subscribe_time: Math.floor(Date.parse(user.createdAt) / 1000),
          unionid: user.unionid,
          subscribe_scene: 'ADD_SCENE_QR_CODE',
        });
      })
      // What the phone opens after scanning the Official Account's QR.
      .on(['GET', 'POST'], '/wechat-mp/q/:ticket', async (c) => {
        const ticket = c.req.param('ticket');
        const grant = await store.grants.get<QrGrant>('idp:wechat-mp:qr', ticket, iso());
        const app = grant && findApp('wechat-mp', grant.data.clientId);
        if (!grant || !app)
          return errorPage(
            c,
            mp,
            404,
            '二维码已过期 QR code expired',
            '该二维码已过期，请刷新后重新扫描 · This QR code has expired; refresh it and scan again.',
          );
        if (c.req.method === 'GET') {
          return page(
            c,
            mp,
            '关注公众号',
            `<h1>${escapeHtml(appName(app))}</h1><p class="sub">公众号 · Official Account</p>` +
              `<p>关注公众号后即可登录 · Follow the Official Account to sign in.</p>` +
              `<form method="post" class="dev"><h2>模拟手机 · Simulated phone (dev)</h2>` +
              `<label for="nickname">微信昵称 WeChat nickname</label><input id="nickname" name="nickname" value="微信用户" maxlength="40" autocomplete="off" required>` +
              `<div class="row">${button('关注公众号 Follow', 'decision', 'follow', mp)}</div></form>`,
          );
        }
        const form = await formFields(c);
        if (!form)
          return errorPage(
            c,
            mp,
            400,
            '请求格式错误 Invalid request',
            'The form could not be read; go back and try again.',
          );
        const user = await userNamed('wechat-mp', form.nickname || '微信用户');
        const openid = openidFor(app, user);
        // A first follow is a `subscribe` event with the scene; a follower's scan is `SCAN`.
        const followerKey = `${app.clientId}:${openid}`;
        const followed = await store.grants.put({
          kind: 'idp:wechat-mp:follower',
          key: followerKey,
          data: { userId: user.id },
          createdAt: iso(),
          expiresAt: iso(10 * 365 * 86_400_000),
        });
        const event = followed ? 'subscribe' : 'SCAN';
        const timestamp = String(Math.floor(options.now().getTime() / 1000));
        const nonce = String(randomBytes(4).readUInt32BE(0));
        const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
        const xml =
          `<xml><ToUserName>${cdata(`gh_${app.clientId.slice(2, 14)}`)}</ToUserName><FromUserName>${cdata(openid)}</FromUserName>` +
          `<CreateTime>${timestamp}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(event)}</Event>` +
          `<EventKey>${cdata(event === 'subscribe' ? `qrscene_${grant.data.scene}` : grant.data.scene)}</EventKey><Ticket>${cdata(ticket)}</Ticket></xml>`;
        const query = new URLSearchParams({
          signature: wechatSignature(app.eventToken!, timestamp, nonce),
          timestamp,
          nonce,
          openid,
        });
        const pushed = await options
          .deliver(
            new Request(`${origin(c)}${app.pushPath}?${query}`, {
              method: 'POST',
              headers: { 'Content-Type': 'text/xml' },
              body: xml,
            }),
          )
          .then((response) => response.ok)
          .catch(() => false);
        if (!pushed)
          return errorPage(
            c,
            mp,
            400,
            '该公众号暂时无法提供服务 Service unavailable',
            'The Official Account did not answer the event; try again.',
          );
        return page(
          c,
          mp,
          '已关注',
          `<h1>已关注 · Followed</h1><p>您已关注「${escapeHtml(appName(app))}」，请回到电脑上继续。</p><p class="sub">You follow ${escapeHtml(appName(app))}. Go back to your computer to continue.</p>`,
        );
      })
  );
}
