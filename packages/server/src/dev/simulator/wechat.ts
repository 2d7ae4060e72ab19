/**
 * The simulated WeChat website login (dev mode only): the QR page with a simulated phone, the
 * code exchange, and the user's profile (its nickname).
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import QRCode from 'qrcode';
import { TOKEN_TTL_S } from './apps.ts';
import type { SimulatorKit } from './kit.ts';
import { BRANDS, button, escapeHtml, hiddenFields } from './pages.ts';

export function wechatRoutes(kit: SimulatorKit) {
  const wechat = BRANDS.wechat;

  return (
    new Hono()
      .on(['GET', 'POST'], '/wechat/connect/qrconnect', async (c) => {
        const q = await kit.pageFields(c);
        if (!q)
          return kit.errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            '请求格式错误 (the form could not be read).',
          );
        const app = kit.findApp('wechat', q.appid);
        if (!app)
          return kit.errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            'appid 参数错误 (40013: invalid appid).',
          );
        if (!kit.redirectAllowed(c, app, q.redirect_uri)) {
          return kit.errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            'redirect_uri 参数错误 (10003: the redirect_uri is not the registered callback).',
          );
        }
        if (q.scope !== 'snsapi_login' || q.response_type !== 'code') {
          return kit.errorPage(
            c,
            wechat,
            400,
            '参数错误 Invalid request',
            'scope 参数错误或没有 scope 权限 (10005).',
          );
        }
        if (c.req.method === 'POST') {
          // WeChat sends a refusal back without a code, only the state.
          if (q.decision !== 'allow') return kit.back(c, q.redirect_uri, { state: q.state });
          const user = await kit.userNamed('wechat', q.nickname || '微信用户');
          return kit.back(c, q.redirect_uri, {
            code: await kit.issueCode(app, user, q.redirect_uri),
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
        return kit.page(
          c,
          wechat,
          '微信登录',
          `<h1>微信登录 <span class="sub">WeChat login</span></h1>` +
            `<p>使用微信扫一扫登录「${escapeHtml(kit.appName(app))}」</p><p class="sub">Scan with WeChat to sign in to ${escapeHtml(kit.appName(app))}.</p>` +
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
        const app = kit.findApp('wechat', q.appid);
        if (!app) return c.json({ errcode: 40013, errmsg: 'invalid appid' });
        if (!kit.secretOk(app, q.secret)) return c.json({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (q.grant_type !== 'authorization_code')
          return c.json({ errcode: 40002, errmsg: 'invalid grant_type' });
        const grant = await kit.takeCode(app, q.code);
        if (!grant) return c.json({ errcode: 40029, errmsg: 'invalid code' });
        const user = await kit.users.get(grant.userId);
        if (!user) return c.json({ errcode: 40029, errmsg: 'invalid code' });
        return c.json({
          access_token: await kit.issueToken(app, user.id),
          expires_in: TOKEN_TTL_S,
          refresh_token: randomBytes(32).toString('base64url'),
          openid: kit.openidFor(app, user),
          scope: 'snsapi_login',
          unionid: user.unionid,
        });
      })
      // The signed-in user's profile; the nickname is what the site shows (002).
      .get('/wechat/sns/userinfo', async (c) => {
        const q = c.req.query();
        const found = await kit.tokenUser('wechat', q.access_token);
        if (!found) return c.json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
        const { user } = found;
        if (q.openid !== kit.openidFor(found.app, user))
          return c.json({ errcode: 40003, errmsg: 'invalid openid' });
        return c.json({
          openid: q.openid,
          nickname: user.displayName,
          sex: 0,
          headimgurl: '',
          privilege: [],
          unionid: user.unionid,
        });
      })
  );
}
