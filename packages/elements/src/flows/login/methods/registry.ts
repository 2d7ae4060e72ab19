/**
 * The login methods `<cloud-login>` knows, keyed by the preset's method ids. A preset lists
 * methods in display order; `<cloud-login>` shows those that are registered here and available,
 * so a method added later (QR, WeChat, QQ, JD) is one `defineLoginMethod()` call away and needs
 * no change to the element.
 *
 * - `tab`: a panel among the tabs (password, SMS, sub-account, the app QR); it reports its
 *   outcome with a `SignInResultEvent`.
 * - `link`: navigates elsewhere (IAM user login, a URL the site configures).
 * - `button`: starts something from a button row (WeChat, WeChat OA, QQ, JD login).
 *
 * A method whose code is large or rarely needed keeps only its definition here and loads the
 * rest on demand (`load()` for a tab's element, a dynamic `import()` inside `activate()`), so a
 * preset that doesn't offer it never downloads it.
 */
import type { TemplateResult } from 'lit';
import type { CloudClient, Locale, LoginMethod, Preset, SignInResult } from '@cloud-login/core';
import type { CloudConfig } from '../../../shared/config.ts';
import type { StringKey, Translate } from '../../../i18n/index.ts';

export interface LoginMethodContext {
  preset: Preset;
  config: CloudConfig;
  t: Translate;
  /** The element's locale: the third-party popup's own pages are written in it. */
  locale?: Locale;
  theme: 'light' | 'dark' | undefined;
  /** The login element, for methods that open popups or listen for messages. */
  host: HTMLElement;
  /** The API client, when the element has an `api` (or a `client`). */
  client?: CloudClient | undefined;
  /** Whether this tab is the one shown (a hidden QR panel stops polling). */
  selected?: boolean;
}

interface BaseDefinition {
  readonly id: LoginMethod;
  /** Label key; `method.<id>` by default. */
  readonly label?: StringKey;
  /** Whether this preset and configuration can offer it (IAM needs a URL). Default: yes. */
  available?(context: LoginMethodContext): boolean;
  /** Loads what the method needs (its element's chunk); called once it is shown. */
  load?(): Promise<unknown>;
}

export interface TabMethod extends BaseDefinition {
  readonly kind: 'tab';
  /** The panel; it reports its outcome with a `SignInResultEvent`. */
  render(context: LoginMethodContext): TemplateResult;
}

export interface LinkMethod extends BaseDefinition {
  readonly kind: 'link';
  href(context: LoginMethodContext): string | null;
}

export interface ButtonMethod extends BaseDefinition {
  readonly kind: 'button';
  /**
   * Starts the method, synchronously inside the click (a popup opened later is blocked), and
   * resolves with what it produced, like a panel's result; `null` when it was cancelled or the
   * page navigates away (redirect). Rejects with an `ApiError` the login element shows.
   */
  activate(context: LoginMethodContext, signal: AbortSignal): Promise<SignInResult | null>;
}

export type LoginMethodDefinition = TabMethod | LinkMethod | ButtonMethod;

const registry = new Map<LoginMethod, LoginMethodDefinition>();

export function defineLoginMethod(definition: LoginMethodDefinition): void {
  registry.set(definition.id, definition);
}

export function loginMethod(id: string): LoginMethodDefinition | undefined {
  return registry.get(id as LoginMethod);
}

/**
 * The methods to show, in the preset's order, or in the order of the site's `methods` list
 * (which can only narrow the preset's: the server refuses a method its preset lacks).
 */
export function methodsFor(context: LoginMethodContext, wanted?: readonly string[]): LoginMethodDefinition[] {
  const offered = context.preset.methods.login as readonly string[];
  const order = wanted?.length ? wanted.filter((id) => offered.includes(id)) : offered;
  return order
    .map((id) => registry.get(id as LoginMethod))
    .filter((m): m is LoginMethodDefinition => !!m && (m.available?.(context) ?? true));
}
