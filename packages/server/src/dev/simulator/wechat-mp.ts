/**
 * The simulated WeChat Official Account platform (dev mode only): its access token, the QR code
 * with a scene, the profile behind an openid, and the pages a scanned QR opens on the phone. As
 * 004 describes, the login is for people who own Official Accounts: the WeChat bound to them
 * scans, chooses which of its Official Accounts logs in and authorizes it with the account
 * service permission; then the signed `subscribe` / `SCAN` event reaches the server's callback,
 * for that Official Account (its name is the nickname user/info gives).
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import QRCode from 'qrcode';
import { wechatSignature } from '../../idp/clients.ts';
import { mountPrefix } from '../../mount.ts';
import { SIMULATOR_BASE, TOKEN_TTL_S } from './apps.ts';
import type { SimulatorKit } from './kit.ts';
import type { QrGrant } from './logic.ts';
import { BRANDS, button, escapeHtml } from './pages.ts';

export function wechatMpRoutes(kit: SimulatorKit) {
  const { findApp, iso, userNamed, issueToken, readToken, openidFor, secretOk, appName, users } = kit;
  const { options, store, origin, errorPage, formFields, page } = kit;
  const mp = BRANDS['wechat-mp'];

  return (
    new Hono()
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
        // 004: the WeChat that manages Official Accounts scans, picks which of them logs in,
        // and authorizes it with the account service permission ("Otherwise it will lead to
        // failed login").
        if (c.req.method === 'GET') {
          return page(
            c,
            mp,
            '公众号登录',
            `<h1>公众号登录 <span class="sub">Official Account login</span></h1>` +
              `<p>使用绑定了公众号的微信扫码，登录「${escapeHtml(appName(app))}」</p><p class="sub">Scanned with the WeChat bound to your Official Accounts, to log in to ${escapeHtml(appName(app))}.</p>` +
              `<form method="post" class="dev"><h2>模拟手机 · Simulated phone (dev)</h2>` +
              `<label for="nickname">微信昵称 WeChat nickname</label><input id="nickname" name="nickname" value="微信用户" maxlength="40" autocomplete="off" required>` +
              `<div class="row">${button('确认扫码 Confirm scan', 'decision', 'scan', mp)}</div></form>`,
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
        const nickname = (form.nickname || '微信用户').trim().slice(0, 40);
        if (form.decision !== 'authorize') {
          // The Official Accounts this WeChat user manages (made up from the nickname here).
          const owned = [`${nickname}的订阅号`, `${nickname}的服务号`];
          const choices = owned
            .map(
              (name, i) =>
                `<label class="choice"><input type="radio" name="account" value="${escapeHtml(name)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(name)}</label>`,
            )
            .join('');
          return page(
            c,
            mp,
            '选择公众号',
            `<h1>选择要登录的公众号 <span class="sub">Choose the Official Account to log in</span></h1>` +
              `<form method="post" class="dev"><input type="hidden" name="nickname" value="${escapeHtml(nickname)}">` +
              `<fieldset><legend>您管理的公众号 · Your Official Accounts</legend>${choices}</fieldset>` +
              `<fieldset><legend>授权权限 · Permissions granted to ${escapeHtml(appName(app))}</legend>` +
              `<label class="choice"><input type="checkbox" id="service" name="service" value="1" checked> 帐号服务权限 · Account service permission</label>` +
              `<label class="choice"><input type="checkbox" name="messages" value="1"> 消息管理权限 · Message management</label></fieldset>` +
              `<p class="note">请务必勾选帐号服务权限，否则将无法登录 · Select the account service permission, or the login fails.</p>` +
              `<div class="row">${button('授权 Authorize', 'decision', 'authorize', mp)}</div></form>`,
          );
        }
        const account = (form.account ?? '').trim().slice(0, 60);
        if (!account)
          return errorPage(
            c,
            mp,
            400,
            '请选择公众号 Choose an Official Account',
            '请返回并选择要登录的公众号 · Go back and choose the Official Account to log in.',
          );
        if (form.service !== '1')
          return errorPage(
            c,
            mp,
            401,
            '授权失败 Authorization failed',
            '未授权帐号服务权限，无法登录 · Without the account service permission the login fails.',
          );
        // The identity is the Official Account chosen, not the person who scanned.
        const user = await userNamed('wechat-mp', account);
        const openid = openidFor(app, user);
        // The first authorization arrives as a `subscribe` event with the scene, a later one as `SCAN`.
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
          '授权成功',
          `<h1>授权成功 · Authorized</h1><p>「${escapeHtml(account)}」已授权登录「${escapeHtml(appName(app))}」，请回到电脑上继续。</p><p class="sub">${escapeHtml(account)} may now log in to ${escapeHtml(appName(app))}. Go back to your computer to continue.</p>`,
        );
      })
  );
}
