/**
 * The simulated JD login (dev mode only): the password page, which also signs in the demo's
 * legacy JD Cloud accounts, the code exchange, and the user info an approved app reads (the JD
 * account's mobile phone, which 001's first login starts the contact phone from).
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { hashPassword, verifyPassword } from '../../passwords.ts';
import type { IdpUserRecord } from '../store.ts';
import { TOKEN_TTL_S } from './apps.ts';
import type { SimulatorKit } from './kit.ts';
import { loginKeyOf } from './logic.ts';
import { BRANDS, button, escapeHtml, hiddenFields } from './pages.ts';

/** The mobile phone a new simulated JD user gets unless another is typed. */
const DEMO_MOBILE = '+86 138 0013 8000';

export function jdRoutes(kit: SimulatorKit) {
  const jd = BRANDS.jd;

  return (
    new Hono()
      .on(['GET', 'POST'], '/jd/oauth2/to_login', async (c) => {
        const q = await kit.pageFields(c);
        if (!q)
          return kit.errorPage(
            c,
            jd,
            400,
            '授权失败 Authorization failed',
            '请求格式错误 (the form could not be read).',
          );
        const app = kit.findApp('jd', q.app_key);
        if (!app)
          return kit.errorPage(
            c,
            jd,
            400,
            '授权失败 Authorization failed',
            'app_key 无效 (invalid app_key).',
          );
        if (!kit.redirectAllowed(c, app, q.redirect_uri))
          return kit.errorPage(
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
        const form = (error?: string, name = '', mobile = DEMO_MOBILE) =>
          kit.page(
            c,
            jd,
            '京东登录',
            `<h1>京东账号登录 <span class="sub">JD account login</span></h1>` +
              `<p class="sub">登录后将授权「${escapeHtml(kit.appName(app))}」使用您的京东账号 · Signing in lets ${escapeHtml(kit.appName(app))} use your JD account.</p>` +
              (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '') +
              `<form method="post">${fields}<label for="username">用户名 / 手机号 / 邮箱 · User name, phone or email</label>` +
              `<input id="username" name="username" value="${escapeHtml(name)}" maxlength="64" autocomplete="username" required>` +
              `<label for="password">密码 · Password</label><input id="password" name="password" type="password" maxlength="64" autocomplete="current-password" required>` +
              `<label for="mobile">绑定手机 · Mobile phone of the JD account</label><input id="mobile" name="mobile" value="${escapeHtml(mobile)}" maxlength="32" autocomplete="off">` +
              `<div class="row">${button('登录 Log in', 'decision', 'login', jd)}</div></form>` +
              `<p class="note">Simulation: a new user name is registered with the password and mobile phone you type (the phone only for a new user). Legacy JD Cloud accounts (dev: POST /api/jdcloud/dev/legacy-accounts) sign in with their phone or email.</p>`,
            [new URL(q.redirect_uri!).origin],
            error ? 401 : 200,
          );
        if (c.req.method !== 'POST') return form();
        const name = (q.username ?? '').trim();
        const password = q.password ?? '';
        const mobile = (q.mobile ?? '').trim().slice(0, 32);
        if (!name || !password)
          return form('请输入用户名和密码 · Enter your user name and password.', name, mobile);
        let user: IdpUserRecord | undefined;
        const legacy = await kit.legacyAccount(app, name, password);
        if (legacy) user = await kit.legacyJdUser(app, legacy);
        else {
          const existing = await kit.users.find('jd', loginKeyOf(name));
          if (existing)
            user =
              existing.passwordHash && (await verifyPassword(existing.passwordHash, password))
                ? existing
                : undefined;
          else
            user = await kit.userNamed('jd', name, {
              passwordHash: await hashPassword(password),
              ...(mobile && { phone: mobile }),
            });
        }
        if (!user)
          return form(
            '账户名与密码不匹配，请重新输入 · The user name and password do not match.',
            name,
            mobile,
          );
        return kit.back(c, q.redirect_uri, {
          code: await kit.issueCode(app, user, q.redirect_uri),
          state: q.state,
        });
      })
      .on(['GET', 'POST'], '/jd/oauth2/access_token', async (c) => {
        const posted = c.req.method === 'POST' ? await kit.formFields(c) : {};
        if (!posted) return c.json({ code: 400, msg: 'request body is invalid' }, 400);
        const q = { ...c.req.query(), ...posted };
        const app = kit.findApp('jd', q.app_key);
        if (!app || !kit.secretOk(app, q.app_secret))
          return c.json({ code: 401, msg: 'app_key or app_secret is invalid' });
        if (q.grant_type !== 'authorization_code') return c.json({ code: 400, msg: 'grant_type is invalid' });
        const grant = await kit.takeCode(app, q.code);
        const user = grant && (await kit.users.get(grant.userId));
        if (!user) return c.json({ code: 402, msg: 'code is invalid or expired' });
        return c.json({
          access_token: await kit.issueToken(app, user.id),
          expires_in: TOKEN_TTL_S,
          refresh_token: randomBytes(32).toString('hex'),
          scope: 'snsapi_base',
          open_id: kit.openidFor(app, user),
          uid: user.id.replace(/-/g, '').slice(0, 12),
          time: kit.options.now().getTime(),
          token_type: 'bearer',
          code: 0,
          xid: user.unionid,
        });
      })
      // Stands for JD's user-info API, which JD opens only to apps it approved.
      .get('/jd/oauth2/user_info', async (c) => {
        const q = c.req.query();
        const found = await kit.tokenUser('jd', q.access_token);
        if (!found) return c.json({ code: 401, msg: 'access_token is invalid' });
        const { user } = found;
        if (q.open_id !== kit.openidFor(found.app, user))
          return c.json({ code: 403, msg: 'open_id is invalid' });
        return c.json({
          code: 0,
          open_id: q.open_id,
          ...(user.phone !== undefined && { mobile: user.phone }),
        });
      })
  );
}
