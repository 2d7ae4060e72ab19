/**
 * What every simulated identity provider's routes share: the logic (logic.ts), the checks on a
 * request (the registered callback, a form that may not parse) and the answers (a branded page,
 * an error page, the redirect back to the client).
 */
import type { Context } from 'hono';
import { devStoreOf } from '../store.ts';
import type { SimulatedApp, SimulatorOptions } from './apps.ts';
import { simulatorLogic } from './logic.ts';
import { mountPrefix } from '../../mount.ts';
import { escapeHtml, pageCsp, renderIdpPage, type Brand } from './pages.ts';

export type SimulatorKit = ReturnType<typeof simulatorKit>;

export function simulatorKit(options: SimulatorOptions) {
  const users = devStoreOf(options.store).idpUsers;
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

  return {
    ...simulatorLogic(options),
    options,
    store: options.store,
    users,
    origin,
    redirectAllowed,
    errorPage,
    formFields,
    pageFields,
    page,
    back,
  };
}
