/** The simulated QQ Connect (dev mode only): the consent page, the code exchange and `/me`. */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { SimulatorKit } from './kit.ts';
import { BRANDS, button, escapeHtml, hiddenFields } from './pages.ts';

export function qqRoutes(kit: SimulatorKit) {
  const {
    findApp,
    userNamed,
    issueCode,
    takeCode,
    issueToken,
    readToken,
    openidFor,
    secretOk,
    appName,
    users,
  } = kit;
  const { errorPage, redirectAllowed, pageFields, page, back } = kit;
  const qq = BRANDS.qq;

  return new Hono()
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
      const fail = (error: number, description: string) => c.json({ error, error_description: description });
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
    });
}
