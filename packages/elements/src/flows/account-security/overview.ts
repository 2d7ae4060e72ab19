/**
 * The overview of `<cloud-account-security>`: the account's login details (which of them log in),
 * its password, its security email, the third-party logins with "bind" or "unbind", and for an older
 * JD account the upgrade offer. Each action is a step of the element.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { IDPS, type Account, type Idp, type Preset } from '@cloud-login/core';
import type { Translate } from '../../i18n/index.ts';
import type { SecurityStep } from './steps.ts';

export interface OverviewView {
  t: Translate;
  preset: Preset;
  account: Account;
  busy: boolean;
  notice: string;
  formError: string;
  methodName: (idp: Idp) => string;
  go: (step: SecurityStep) => void;
  /** The passkeys section (`<cloud-passkeys>`), for presets that offer passkeys. */
  passkeys?: TemplateResult;
  /** The two-step verification section, when the server offers it. */
  twoStep?: unknown;
  /** The contact details section (001), for presets that collect them. */
  contact?: unknown;
}

export function overviewView(o: OverviewView): TemplateResult {
  const { t, preset, account, busy } = o;
  const loginable = new Set(account.loginIdentifiers);
  const usage = (kind: 'accountName' | 'phone' | 'email') =>
    html`<span class="tag ${loginable.has(kind) ? 'yes' : ''}">${t(loginable.has(kind) ? 'security.loginIdentifier' : 'security.notLoginIdentifier')}</span>`;
  // The preset's identity providers in its order, then any other the account is bound to.
  const offered = [
    ...preset.methods.login.filter((m): m is Idp => (IDPS as readonly string[]).includes(m)),
    ...account.connections.filter((idp) => !preset.methods.login.includes(idp)),
  ];
  return html`
    <p class="status-line" part="notice" role="status">${o.notice}</p>
    <p class="form-error" part="form-error" role="alert" tabindex="-1">${o.formError}</p>
    <section part="section" aria-labelledby="identifiers-title">
      <h3 id="identifiers-title">${t('security.identifiers')}</h3>
      <dl part="identifiers">
        ${
          account.accountName !== undefined
            ? html`<div class="row">
              <dt>${t('label.accountName')}</dt>
              <dd>
                <span class="value">${account.accountName}</span> ${usage('accountName')}
                ${
                  account.accountNameGenerated
                    ? html`<span class="tag">${t('security.nameGenerated')}</span>
                      <button type="button" class="secondary" part="action" ?disabled=${busy} @click=${() => o.go({ name: 'rename', account })}>
                        ${t('security.chooseName')}
                      </button>`
                    : nothing
                }
              </dd>
            </div>`
            : nothing
        }
        ${
          account.phone !== undefined
            ? html`<div class="row">
              <dt>${t('label.securityPhone')}</dt>
              <dd><span class="value">${account.phone}</span> ${usage('phone')}</dd>
            </div>`
            : nothing
        }
        <div class="row">
          <dt>${t('label.securityEmail')}</dt>
          <dd>
            ${
              account.email !== undefined
                ? html`<span class="value">${account.email}</span>
                  <span class="tag">${t(account.emailVerified ? 'security.verified' : 'security.unverified')}</span>
                  ${account.emailVerified ? usage('email') : nothing}`
                : html`<span class="value muted">${t('security.notSet')}</span>`
            }
            <button
              type="button"
              class="secondary"
              part="action"
              ?disabled=${busy}
              @click=${() => o.go({ name: 'email', account })}
            >
              ${t(account.email !== undefined ? 'security.changeEmail' : 'security.addEmail')}
            </button>
          </dd>
        </div>
        ${
          account.legacy
            ? nothing
            : html`<div class="row">
              <dt>${t('security.password')}</dt>
              <dd>
                <span class="value ${account.hasPassword ? '' : 'muted'}">${t(account.hasPassword ? 'security.passwordIsSet' : 'security.notSet')}</span>
                <button type="button" class="secondary" part="action" ?disabled=${busy} @click=${() => o.go({ name: 'password', account })}>
                  ${t(account.hasPassword ? 'security.changePassword' : 'action.setPassword')}
                </button>
              </dd>
            </div>`
        }
      </dl>
    </section>
    ${o.contact ?? nothing} ${o.twoStep ?? nothing}
    ${
      offered.length
        ? html`<section part="section" aria-labelledby="connections-title">
          <h3 id="connections-title">${t('security.connections')}</h3>
          <ul part="connections">
            ${offered.map((idp) => {
              const bound = account.connections.includes(idp);
              // 002: the WeChat nickname is fetched "用于在页面进行展示".
              const nickname = bound
                ? account.connectionNames?.find((n) => n.idp === idp)?.nickname
                : undefined;
              return html`<li class="row" part=${bound ? 'connection connection-bound' : 'connection'}>
                <span class="value">${o.methodName(idp)}</span>
                ${nickname ? html`<span class="value muted" part="nickname">${nickname}</span>` : nothing}
                <span class="tag ${bound ? 'yes' : ''}">${t(bound ? 'security.bound' : 'security.notBound')}</span>
                ${
                  bound
                    ? html`<button
                      type="button"
                      class="secondary"
                      part="action"
                      aria-label=${t('security.unbindLabel', { method: o.methodName(idp) })}
                      ?disabled=${busy}
                      @click=${() => o.go({ name: 'unbind', account, idp })}
                    >
                      ${t('action.unbind')}
                    </button>`
                    : html`<button
                      type="button"
                      class="secondary"
                      part="action"
                      aria-label=${t('security.bindLabel', { method: o.methodName(idp) })}
                      ?disabled=${busy}
                      @click=${() => o.go({ name: 'bind', account, idp })}
                    >
                      ${t('security.bind')}
                    </button>`
                }
              </li>`;
            })}
          </ul>
        </section>`
        : nothing
    }
    ${o.passkeys ?? nothing}
    ${
      account.legacy && preset.accountName
        ? html`<section part="section" aria-labelledby="upgrade-title">
          <h3 id="upgrade-title">${t('profile.upgradeTitle')}</h3>
          <p class="intro">${t('flow.legacyUpgrade')}</p>
          <button type="button" class="secondary" part="action" ?disabled=${busy} @click=${() => o.go({ name: 'upgrade', account })}>
            ${t('action.upgrade')}
          </button>
        </section>`
        : nothing
    }
  `;
}
