/**
 * The first step of `<cloud-login>`: the preset's methods as tabs (each panel loaded when its tab
 * is first shown), buttons (third-party logins) and links, in the preset's order, with the error
 * of a third-party login that did not finish.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { IDPS, type SignInResult } from '@cloud-login/core';
import type { Translate } from '../../i18n/index.ts';
import type { SignInResultEvent, StartMethodEvent } from '../../shared/panel-events.ts';
import type { Loader } from './lazy.ts';
import type { LoginMethodContext, LoginMethodDefinition } from './methods/index.ts';

/** Whether a button shows its identity provider's mark (`logos.ts`; its place is kept until then). */
export const hasMark = (id: string): boolean => (IDPS as readonly string[]).includes(id);

export interface MethodsView {
  t: Translate;
  methods: LoginMethodDefinition[];
  selected: string;
  /** A third-party login's failure, shown under the buttons. */
  error: string | undefined;
  context: LoginMethodContext;
  status: (load: Loader | undefined) => 'idle' | 'loading' | 'loaded' | 'failed';
  preload: (load: Loader) => void;
  whenLoaded: (load: Loader | undefined, render: () => unknown) => unknown;
  onTabKey: (event: KeyboardEvent) => void;
  selectTab: (id: string) => void;
  startMethod: (id: string) => void;
  onResult: (method: string) => (event: SignInResultEvent) => void;
  onStartMethod: (event: StartMethodEvent) => void;
  /** The providers' marks, once their chunk (`logos.ts`) has loaded. */
  logo: ((id: string) => unknown) | undefined;
}

export function methodsView(v: MethodsView): TemplateResult {
  const { t, selected, context } = v;
  const methods = v.methods;
  const tabs = methods.filter((m) => m.kind === 'tab');
  const links = methods.filter((m) => m.kind === 'link');
  // A preset's corner login (003) is the card's corner toggle (`corner.ts`), not a button.
  const buttons = methods.filter((m) => m.kind === 'button' && m.id !== context.preset.cornerLogin);
  if (methods.length === 0) return html`<p class="form-error" role="alert">${t('login.noMethods')}</p>`;
  const label = (m: LoginMethodDefinition) => t(m.label ?? `method.${m.id}`);
  const error = v.error;
  const buttonRow = buttons.length
    ? html`<div class="providers" part="buttons" role="group" aria-label=${t('login.otherMethods')}>
        ${buttons.map(
          (
            m,
          ) => html`<button type="button" class="secondary" part="method-button" data-method=${m.id} @click=${() => v.startMethod(m.id)}>
            ${v.logo?.(m.id) ?? (hasMark(m.id) ? html`<i class="mark"></i>` : nothing)}<span>${label(m)}</span>
          </button>`,
        )}
      </div>`
    : nothing;
  const errorLine = html`<p class="form-error method-error" part="form-error" role="alert" tabindex="-1">${error ?? ''}</p>`;
  // JD classic leads with JD login: a preset whose first method is a button shows the buttons first.
  const buttonsFirst = methods[0]?.kind === 'button';
  return html`
    ${buttonsFirst ? html`${buttonRow}${errorLine}` : nothing}
    ${
      tabs.length > 1
        ? html`<div
          role="tablist"
          part="tabs"
          aria-label=${t('login.methods')}
          @keydown=${v.onTabKey}
        >
          ${tabs.map(
            (m) => html`<button
              type="button"
              role="tab"
              id=${`tab-${m.id}`}
              part=${m.id === selected ? 'tab tab-selected' : 'tab'}
              aria-selected=${m.id === selected ? 'true' : 'false'}
              aria-controls=${`panel-${m.id}`}
              tabindex=${m.id === selected ? 0 : -1}
              @click=${() => v.selectTab(m.id)}
              @pointerenter=${() => m.load && v.preload(m.load)}
              @focus=${() => m.load && v.preload(m.load)}
            >
              ${label(m)}
            </button>`,
          )}
        </div>`
        : nothing
    }
    ${tabs.map((m) => {
      const shown = m.id === selected || tabs.length === 1;
      const status = v.status(m.load);
      // A panel stays once rendered (hidden, keeping what was typed); one never shown waits.
      const content =
        m.kind !== 'tab' || (!shown && status !== 'loaded')
          ? nothing
          : html`${v.whenLoaded(m.load, () => m.render({ ...context, selected: shown }))}${
              m.id === 'password'
                ? html`<button type="button" class="link" part="forgot" @click=${() => v.startMethod('reset')}>${v.t('login.forgot')}</button>`
                : nothing
            }`;
      const busy = shown && (status === 'loading' || status === 'idle') ? 'true' : undefined;
      return tabs.length > 1
        ? html`<div
            role="tabpanel"
            id=${`panel-${m.id}`}
            part="panel"
            aria-labelledby=${`tab-${m.id}`}
            aria-busy=${ifDefined(busy)}
            ?hidden=${!shown}
            @cloud-signin-result=${v.onResult(m.id)}
            @cloud-start-method=${v.onStartMethod}
          >
            ${content}
          </div>`
        : html`<div
            class="single"
            id=${`panel-${m.id}`}
            part="panel"
            aria-busy=${ifDefined(busy)}
            @cloud-signin-result=${v.onResult(m.id)}
            @cloud-start-method=${v.onStartMethod}
          >
            ${content}
          </div>`;
    })}
    ${buttonsFirst ? nothing : html`${buttonRow}${errorLine}`}
    ${
      links.length
        ? html`<div class="links" part="links">
          ${links.map((m) => {
            const href = m.kind === 'link' ? m.href(context) : null;
            return href ? html`<a part="link" href=${href}>${label(m)}</a>` : nothing;
          })}
        </div>`
        : nothing
    }
  `;
}

/**
 * A third-party login under way in its popup, with "cancel" (`method`); without a method, a
 * ticket in the address being looked at.
 */
export function connectingView(t: Translate, method: string | undefined, cancel: () => void): TemplateResult {
  return html`<div class="connecting" part="connecting" aria-busy="true">
    <p class="notice" role="status" tabindex="-1">
      ${method ? t('login.connecting', { method: t(`method.${method}` as 'method.wechat') }) : t('common.busy')}
    </p>
    ${
      method
        ? html`<div class="actions">
          <button type="button" class="link" part="back" @click=${cancel}>${t('action.cancel')}</button>
        </div>`
        : nothing
    }
  </div>`;
}

/** "Forgot password?": the reset steps, which hand a sign-in and "back" / "JD login" to `<cloud-login>`. */
export function resetView(
  theme: string | undefined,
  onStartMethod: (e: StartMethodEvent) => void,
  onResult: (result: SignInResult) => void,
): TemplateResult {
  return html`<cloud-password-reset
    theme=${ifDefined(theme)}
    @cloud-start-method=${onStartMethod}
    @cloud-signin-result=${(e: SignInResultEvent) => {
      e.preventDefault();
      onResult(e.result);
    }}
  ></cloud-password-reset>`;
}
