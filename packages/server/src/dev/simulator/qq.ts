/**
 * The simulated QQ Connect (dev mode only): the login page (QQ number and password, then the app
 * gets the permissions it names), the code exchange and `/me`.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { hashPassword, verifyPassword } from '../../passwords.ts';
import { loginKeyOf } from './logic.ts';
import type { SimulatorKit } from './kit.ts';
import { BRANDS, button, escapeHtml, hiddenFields } from './pages.ts';

export function qqRoutes(kit: SimulatorKit) {
  const qq = BRANDS.qq;

  return new Hono()
    .on(['GET', 'POST'], '/qq/oauth2.0/authorize', async (c) => {
      const q = await kit.pageFields(c);
      if (!q) return kit.errorPage(c, qq, 400, '出错了 Error', '100000: the form could not be read.');
      const app = kit.findApp('qq', q.client_id);
      if (!app) return kit.errorPage(c, qq, 400, '出错了 Error', '100008: client id is not exist.');
      if (!kit.redirectAllowed(c, app, q.redirect_uri))
        return kit.errorPage(c, qq, 400, '出错了 Error', '100010: redirect uri is illegal.');
      if (q.response_type !== 'code')
        return kit.errorPage(c, qq, 400, '出错了 Error', '100000: response_type is empty or wrong.');
      const fields = hiddenFields({
        client_id: app.clientId,
        redirect_uri: q.redirect_uri,
        response_type: 'code',
        state: q.state ?? '',
        scope: q.scope ?? 'get_user_info',
      });
      // Like QQ's own page (004: "enter your QQ number and password, and click Log in").
      const form = (error?: string, number = '') =>
        kit.page(
          c,
          qq,
          'QQ登录',
          `<h1>QQ登录 <span class="sub">Log in with QQ</span></h1>` +
            `<p>「${escapeHtml(kit.appName(app))}」将获得以下权限：获得您的昵称、头像、性别</p>` +
            `<p class="sub">${escapeHtml(kit.appName(app))} will get your nickname, avatar and gender.</p>` +
            (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '') +
            `<form method="post">${fields}<label for="qq">QQ号码 · QQ number</label>` +
            `<input id="qq" name="qq" value="${escapeHtml(number)}" maxlength="40" autocomplete="username" required>` +
            `<label for="password">QQ密码 · QQ password</label><input id="password" name="password" type="password" maxlength="64" autocomplete="current-password" required>` +
            `<p class="note">Simulation: a new QQ number is registered with the password you type; the same number is the same QQ user next time.</p>` +
            `<div class="row">${button('取消 Cancel', 'decision', 'cancel')}${button('授权并登录 Authorize and log in', 'decision', 'allow', qq)}</div></form>`,
          [new URL(q.redirect_uri!).origin],
          error ? 401 : 200,
        );
      if (c.req.method !== 'POST') return form();
      if (q.decision !== 'allow') return kit.back(c, q.redirect_uri, { usercancel: '1', state: q.state });
      const number = (q.qq ?? '').trim();
      const password = q.password ?? '';
      if (!number || !password)
        return form('请输入QQ号码和密码 · Enter your QQ number and password.', number);
      const existing = await kit.users.find('qq', loginKeyOf(number));
      const user = existing
        ? existing.passwordHash && (await verifyPassword(existing.passwordHash, password))
          ? existing
          : undefined
        : await kit.userNamed('qq', number, { passwordHash: await hashPassword(password) });
      if (!user)
        return form(
          '您输入的帐号或密码不正确，请重新输入 · The QQ number or password is not correct.',
          number,
        );
      return kit.back(c, q.redirect_uri, {
        code: await kit.issueCode(app, user, q.redirect_uri),
        state: q.state,
      });
    })
    .get('/qq/oauth2.0/token', async (c) => {
      const q = c.req.query();
      const fail = (error: number, description: string) => c.json({ error, error_description: description });
      const app = kit.findApp('qq', q.client_id);
      if (!app) return fail(100008, 'client id is not exist');
      if (!kit.secretOk(app, q.client_secret)) return fail(100009, 'client secret is wrong');
      if (q.grant_type !== 'authorization_code') return fail(100005, 'grant_type is wrong');
      const grant = await kit.takeCode(app, q.code);
      if (!grant) return fail(100019, 'code to access token error');
      if (grant.redirectUri !== q.redirect_uri) return fail(100010, 'redirect uri is illegal');
      const token = await kit.issueToken(app, grant.userId);
      const answer = {
        access_token: token,
        expires_in: '7776000',
        refresh_token: randomBytes(32).toString('hex').toUpperCase(),
      };
      return q.fmt === 'json' ? c.json(answer) : c.text(new URLSearchParams(answer).toString());
    })
    .get('/qq/oauth2.0/me', async (c) => {
      const q = c.req.query();
      const found = await kit.tokenUser('qq', q.access_token);
      if (!found) return c.json({ error: 100016, error_description: 'access token check failed' });
      const { user } = found;
      return c.json({
        client_id: found.app.clientId,
        openid: kit.openidFor(found.app, user),
        ...(q.unionid === '1' && { unionid: user.unionid }),
      });
    });
}
