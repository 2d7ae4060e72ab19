/**
 * Third-party login (docs/flows.md#third-party-login), the browser's side:
 *
 * - `GET /connections/{idp}/authorize?returnTo=&mode=popup|redirect|bind&locale=` → 302 to the identity
 *   provider with a fresh `state`. The state is a single-use ticket bound to this browser: its
 *   record holds the hash of a random value kept in an HttpOnly, SameSite=Lax cookie, and the
 *   callback accepts it only from the browser that carries that cookie (no login CSRF).
 *   `returnTo` must be a path here or a URL on an allowed origin (no open redirect). With
 *   `mode=redirect`, `flowHash` is required: the ticket then comes back through the address,
 *   bound to the secret the tab keeps (flows/tickets.ts, `FlowBound`). `mode=bind` is a popup
 *   whose ticket signs nobody in: a signed-in account adds the identity with
 *   `POST /account/connections` (flows/account-connections.ts).
 * - `GET /connections/{idp}/callback?code&state` → exchanges the code for the identity and hands
 *   the browser a connection ticket for `POST /continue`: in a popup, by `postMessage` to the
 *   `returnTo` origin only (a page with an external script under a strict CSP); otherwise by a
 *   redirect to `returnTo#cl_ticket=…`. Failures travel the same way as `cl_error=<code>`.
 * - WeChat Official Account (no redirect protocol): `authorize` creates a temporary QR whose
 *   scene is derived from the state and sends the browser to `wechat-mp/scan`, a page that shows
 *   the QR and reloads until WeChat's signed scan event (`POST wechat-mp/events`) has arrived,
 *   then continues to the callback.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { IDPS, matchLocale, type ErrorCode, type Idp, type Locale } from '@cloud-login/core';
import { hashSecret, randomToken, safeEqual } from '../crypto.ts';
import { isoIn, isoNow, type AppEnv, type ProviderContext } from '../context.ts';
import { startConnection } from '../flows/bind.ts';
import { CONNECTION_TEXT } from '../flows/connection-text.ts';
import { localeFor } from '../flows/notify.ts';
import { checkReturnTo, normaliseOrigin } from '../flows/origins.ts';
import { escapeHtml } from '../flows/pages.ts';
import { sessionCookie } from '../flows/sessions.ts';
import { consumeTicket, FLOW_HASH, issueTicket, type ConnectionState } from '../flows/tickets.ts';
import { IdpError, type Identity, type IdentityProvider } from '../idp/types.ts';
import { fail, invalid } from '../middleware/errors.ts';
import { mounted, mountPrefix } from '../mount.ts';

export type IdentityProviders = Partial<Record<Idp, IdentityProvider>>;

interface SceneData {
  imageUrl: string;
  url: string;
  openid?: string;
}

/** The hand-off script: the only script our pages run, served as a file so the CSP needs no inline code. */
export const HANDOFF_JS = `// cloud-login: hands a third-party login's result to the page that opened this popup.
(function () {
  var meta = document.querySelector('meta[name="cl-handoff"]');
  if (!meta) return;
  var data;
  try { data = JSON.parse(meta.getAttribute('content')); } catch (e) { return; }
  if (window.opener && !window.opener.closed && data.target) {
    // Delivered only if the opener is still at the origin it was allowed to be.
    window.opener.postMessage(data.message, data.target);
    window.close();
  } else if (data.fallback) {
    window.location.replace(data.fallback);
  }
})();
`;

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:15vh auto;padding:0 1rem;color:#1f2329;background:#fff}h1{font-size:1.3rem}img{display:block;width:12rem;height:12rem;margin:1rem auto}a{color:#0b57d0}.note{color:#666;font-size:.9rem}@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#1b1b1f}a{color:#8ab4f8}}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

function csp(extra: { script?: boolean; img?: string[] } = {}): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    ...(extra.script ? ["script-src 'self'"] : []),
    ...(extra.img ? [`img-src ${extra.img.join(' ')}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function html(locale: Locale, title: string, body: string, head = ''): string {
  return (
    `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style>${head}</head>` +
    `<body><main>${body}</main></body></html>`
  );
}

const isIdp = (value: string): value is Idp => (IDPS as readonly string[]).includes(value);

/** The WeChat OA scene for a state: derived, so the QR (which anyone may see) reveals nothing of the state. */
const sceneOf = (state: string) => hashSecret(`scene:${state}`).slice(0, 32);

export interface ConnectionRouteOptions {
  /** Sign-ins one client address may start per minute (each stores a state). Default 30. */
  startsPerMinute?: number;
}

export function connectionRoutes(
  ctx: ProviderContext,
  providers: IdentityProviders,
  options: ConnectionRouteOptions = {},
) {
  const starts = ctx.throttle(`connectionStarts:${ctx.provider}`, {
    limit: options.startsPerMinute ?? 30,
    windowMs: 60_000,
  });
  const base = (c: Context) => (ctx.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
  const prefix = `/api/${ctx.provider}/connections`;

  /** The browser-binding cookie: one per provider, reused by parallel flows in one browser. */
  function bindingCookie(c: Context): { name: string; secure: boolean } {
    const { secure } = sessionCookie(c, ctx);
    return { name: `${ctx.cookie.name}_state_${ctx.provider}`, secure };
  }

  function readBinding(c: Context): string | undefined {
    const { name, secure } = bindingCookie(c);
    try {
      const value = getCookie(c, name, secure ? 'host' : undefined);
      return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  function provider(idp: string): IdentityProvider {
    if (!isIdp(idp)) fail('not_found', `No identity provider "${idp}".`);
    if (!ctx.preset.methods.login.includes(idp)) fail('method_disabled', `${idp} login is not offered here.`);
    const client = providers[idp];
    if (!client) fail('method_disabled', `${idp} login is not configured on this server.`);
    return client;
  }

  const redirectUri = (c: Context, idp: Idp) => `${base(c)}${mountPrefix(c)}${prefix}/${idp}/callback`;

  /** Sends the outcome to the element: a popup page that posts it, or a redirect with a fragment. */
  function handOff(
    c: Context,
    state: ConnectionState,
    outcome: { ticket: string } | { error: ErrorCode; message: string },
  ) {
    const fragment =
      'ticket' in outcome
        ? `cl_ticket=${encodeURIComponent(outcome.ticket)}`
        : `cl_error=${encodeURIComponent(outcome.error)}`;
    // A ticket goes into the address only bound to the tab's secret (`flowHash`); a popup
    // started without one can hand its ticket to its opener only.
    const fallback =
      state.returnTo && (state.flowHash !== undefined || !('ticket' in outcome))
        ? `${new URL(state.returnTo, base(c)).href.replace(/#.*$/, '')}#${fragment}`
        : undefined;
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (state.mode === 'redirect' && fallback) return c.redirect(fallback, 302);
    const message = {
      type: 'cloud-login:connection',
      provider: ctx.provider,
      idp: state.idp,
      ...('ticket' in outcome
        ? { ticket: outcome.ticket }
        : { error: { code: outcome.error, message: outcome.message } }),
    };
    const data = JSON.stringify({ target: state.target, message, ...(fallback && { fallback }) });
    c.header('Content-Security-Policy', csp({ script: true }));
    const ok = 'ticket' in outcome;
    const locale = stateLocale(c, state);
    const text = CONNECTION_TEXT[locale];
    return c.html(
      html(
        locale,
        ok ? text.signingIn : text.failed,
        ok
          ? `<h1>${escapeHtml(text.signingIn)}</h1><p class="note">${escapeHtml(text.closesItself)}</p>`
          : `<h1>${escapeHtml(text.failed)}</h1><p>${escapeHtml(outcome.message)}</p>`,
        `<meta name="cl-handoff" content="${escapeHtml(data)}"><script src="${prefix}/handoff.js" defer></script>`,
      ),
      ok ? 200 : 400,
    );
  }

  /**
   * The locale of a popup's pages: the one the element asked for on `authorize`, kept in the
   * state; else (a state from before, or none) the browser's `Accept-Language`.
   */
  function stateLocale(c: Context, state?: ConnectionState): Locale {
    return state?.locale ?? localeFor(c.req.header('Accept-Language'), ctx.preset);
  }

  /** A failure that cannot be handed to any page (no trustworthy state): a plain page. */
  function dead(c: Context, status: 400 | 410, which: 'qrExpired' | 'expired' | 'foreign') {
    const locale = stateLocale(c);
    const [title, message] = CONNECTION_TEXT[locale][which];
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', csp());
    return c.html(html(locale, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`), status);
  }

  /**
   * Consumes the state and checks it was issued to this browser and this identity provider:
   * `expired` (unknown, used or too old) or `foreign` (another browser or provider; the state is
   * spent all the same, so a leaked callback URL is good for nothing).
   */
  async function takeState(
    c: Context,
    idp: string,
    state: string | undefined,
  ): Promise<ConnectionState | 'expired' | 'foreign'> {
    if (!state || state.length > 128) return 'expired';
    const record = await consumeTicket(ctx, state);
    if (!record || record.data.kind !== 'connection-state') return 'expired';
    const binding = readBinding(c);
    if (!binding || !safeEqual(hashSecret(binding), record.data.binding) || record.data.idp !== idp)
      return 'foreign';
    return record.data;
  }

  function handoffScript(c: Context) {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(HANDOFF_JS);
  }

  async function authorize(c: Context<AppEnv>, idp: string) {
    const client = provider(idp);
    const mode = c.req.query('mode') ?? 'popup';
    if (mode !== 'popup' && mode !== 'redirect' && mode !== 'bind')
      invalid([{ path: 'mode', code: 'invalid_value', message: 'mode is popup, redirect or bind.' }]);
    const rawReturnTo = c.req.query('returnTo');
    let returnTo: string | undefined;
    if (rawReturnTo) {
      const checked = checkReturnTo(c, ctx, rawReturnTo);
      if (!checked.ok) invalid([checked.issue]);
      returnTo = checked.value;
    }
    if (mode === 'redirect' && !returnTo)
      invalid([
        { path: 'returnTo', code: 'field_required', message: 'returnTo is required in redirect mode.' },
      ]);
    // The ticket of a redirect comes back through the address: it is bound to the tab's secret.
    const flowHash = c.req.query('flowHash');
    if (flowHash !== undefined && !FLOW_HASH.test(flowHash))
      invalid([{ path: 'flowHash', code: 'invalid_value', message: 'flowHash is a SHA-256 in hex.' }]);
    if (mode === 'redirect' && flowHash === undefined)
      invalid([
        { path: 'flowHash', code: 'field_required', message: 'flowHash is required in redirect mode.' },
      ]);
    // A bind ticket is handed to the opener only, never through an address.
    if (mode === 'bind' && flowHash !== undefined)
      invalid([{ path: 'flowHash', code: 'invalid_value', message: 'flowHash is for redirect mode only.' }]);
    const limit = await starts.hit(c.get('address'));
    if (!limit.ok)
      fail('rate_limited', 'Too many sign-ins started from this address.', { retryAfter: limit.retryAfter });
    const target =
      (returnTo && /^https?:/i.test(returnTo) ? normaliseOrigin(returnTo) : undefined) ??
      normaliseOrigin(base(c))!;
    // The element's locale, for the popup's own pages; one the preset lacks is not kept.
    const asked = c.req.query('locale');
    const matched = asked && asked.length <= 35 ? matchLocale(asked) : null;
    const locale = matched && ctx.preset.locales.includes(matched) ? matched : undefined;

    let binding = readBinding(c);
    if (!binding) binding = randomToken();
    const cookie = bindingCookie(c);
    setCookie(c, cookie.name, binding, {
      path: '/',
      httpOnly: true,
      // Lax: sent on the identity provider's top-level redirect back to us, never on cross-site subrequests.
      sameSite: 'Lax',
      secure: cookie.secure,
      maxAge: ctx.preset.ticketTtl,
      ...(cookie.secure && { prefix: 'host' as const }),
    });

    const data: ConnectionState = {
      kind: 'connection-state',
      idp: idp as Idp,
      mode,
      ...(returnTo && { returnTo }),
      target,
      binding: hashSecret(binding),
      ...(flowHash !== undefined && { flowHash }),
      ...(locale && { locale }),
    };
    const state = await issueTicket(ctx, data);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (client.kind === 'redirect')
      return c.redirect(
        mounted(c, client.authorizeUrl({ state, redirectUri: redirectUri(c, client.idp) })),
        302,
      );

    const scene = sceneOf(state);
    let qr: { imageUrl: string; url: string };
    try {
      qr = await client.createScene(scene, ctx.preset.ticketTtl);
    } catch (error) {
      if (error instanceof IdpError)
        return handOff(c, data, {
          error: 'invalid_code',
          message: CONNECTION_TEXT[stateLocale(c, data)].qrFailed,
        });
      throw error;
    }
    await ctx.store.grants.put({
      kind: 'connection:wechat-mp:scene',
      key: scene,
      data: { imageUrl: qr.imageUrl, url: qr.url } satisfies SceneData,
      createdAt: isoNow(ctx),
      expiresAt: isoIn(ctx, ctx.preset.ticketTtl),
    });
    return c.redirect(
      mounted(c, `${prefix}/wechat-mp/scan?${new URLSearchParams({ state, ...(locale && { locale }) })}`),
      302,
    );
  }

  // The Official Account QR, until it is scanned; no script: the page reloads itself.
  async function scanPage(c: Context<AppEnv>) {
    provider('wechat-mp');
    const state = c.req.query('state') ?? '';
    const grant = state
      ? await ctx.store.grants.get<SceneData>('connection:wechat-mp:scene', sceneOf(state), isoNow(ctx))
      : undefined;
    // The state is not read here (it stays usable for the callback): the locale rides along.
    const asked = c.req.query('locale');
    const matched = asked && asked.length <= 35 ? matchLocale(asked) : null;
    const locale = matched && ctx.preset.locales.includes(matched) ? matched : stateLocale(c);
    const text = CONNECTION_TEXT[locale];
    if (!grant) return dead(c, 410, 'qrExpired');
    if (grant.data.openid)
      return c.redirect(mounted(c, `${prefix}/wechat-mp/callback?${new URLSearchParams({ state })}`), 302);
    const images = [
      "'self'",
      ...(/^https?:/i.test(grant.data.imageUrl) ? [new URL(grant.data.imageUrl).origin] : []),
    ];
    c.header('Content-Security-Policy', csp({ img: images }));
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    // The simulated WeChat's phone page is on this server: linked, so the demo needs no phone.
    const simulated =
      grant.data.url.startsWith('/') ||
      grant.data.url.startsWith(`${base(c)}/`) ||
      grant.data.url.startsWith(`${new URL(c.req.url).origin}/`);
    return c.html(
      html(
        locale,
        text.scanTitle,
        `<h1>${escapeHtml(text.scanTitle)}</h1><p>${escapeHtml(text.scanHelp)}</p>` +
          `<img src="${escapeHtml(mounted(c, grant.data.imageUrl))}" alt="${escapeHtml(text.scanAlt)}">` +
          (simulated
            ? `<p class="note"><a href="${escapeHtml(mounted(c, grant.data.url))}" target="_blank" rel="noopener">${escapeHtml(text.scanDev)}</a></p>`
            : ''),
        '<meta http-equiv="refresh" content="2">',
      ),
    );
  }

  // WeChat's server-URL check (its pushed events are the POST below), signed with the configured token.
  function verifyEventsUrl(c: Context<AppEnv>) {
    const client = provider('wechat-mp');
    if (client.kind !== 'scan') fail('not_found', 'No events here.');
    const echo = client.verifyUrl(c.req.query());
    return echo === undefined ? c.text('forbidden', 403) : c.text(echo);
  }

  async function callback(c: Context<AppEnv>, idp: string) {
    const client = provider(idp);
    const state = await takeState(c, idp, c.req.query('state'));
    if (state === 'expired') return dead(c, 410, 'expired');
    if (state === 'foreign') return dead(c, 400, 'foreign');
    const text = CONNECTION_TEXT[stateLocale(c, state)];

    let identity: Identity;
    try {
      if (client.kind === 'redirect') {
        const code = c.req.query('code');
        if (!code) return handOff(c, state, { error: 'unauthenticated', message: text.cancelled });
        identity = await client.exchange({ code, redirectUri: redirectUri(c, client.idp) });
      } else {
        const scene = await ctx.store.grants.consume<SceneData>(
          'connection:wechat-mp:scene',
          sceneOf(c.req.query('state')!),
          isoNow(ctx),
        );
        if (!scene?.data.openid)
          return handOff(c, state, { error: 'unauthenticated', message: text.notScanned });
        identity = await client.identify(scene.data.openid);
      }
    } catch (error) {
      if (!(error instanceof IdpError)) throw error;
      return handOff(c, state, {
        error: 'invalid_code',
        message: text.idpFailed,
      });
    }
    return handOff(c, state, {
      ticket:
        state.mode === 'bind'
          ? await issueTicket(ctx, { kind: 'bind-identity', idp: identity.idp, subject: identity.subject })
          : await startConnection(ctx, identity, state.returnTo, state.flowHash),
    });
  }

  return (
    new Hono<AppEnv>()
      // One GET route per path depth, the names checked here: Hono's RegExpRouter refuses a
      // static segment beside a parameter (`handoff.js`, `wechat-mp` beside `:idp`), and one such
      // route makes the whole app fall back to the slower TrieRouter for every request.
      // `next()` is what an unmatched path got before: the static files, then the 404.
      .get('/:file', async (c, next) => (c.req.param('file') === 'handoff.js' ? handoffScript(c) : next()))
      .get('/:idp/:action', async (c, next) => {
        const idp = c.req.param('idp');
        switch (c.req.param('action')) {
          case 'authorize':
            return authorize(c, idp);
          case 'callback':
            return callback(c, idp);
          case 'scan':
            return idp === 'wechat-mp' ? scanPage(c) : next();
          case 'events':
            return idp === 'wechat-mp' ? verifyEventsUrl(c) : next();
          default:
            return next();
        }
      })
      .post('/wechat-mp/events', async (c) => {
        const client = provider('wechat-mp');
        if (client.kind !== 'scan') fail('not_found', 'No events here.');
        const event = client.readEvent(c.req.query(), await c.req.text());
        if (!event) return c.text('forbidden', 403);
        await ctx.store.grants.update<SceneData>(
          'connection:wechat-mp:scene',
          event.scene,
          isoNow(ctx),
          (scene) =>
            // The first scan wins: a second phone scanning the same QR changes nothing.
            scene.openid ? scene : { ...scene, openid: event.openid },
        );
        // WeChat retries anything but "success"; an unknown or expired scene is acknowledged too.
        return c.text('success');
      })
  );
}
