/**
 * Binding a third-party login from `<cloud-account-security>` (docs/flows.md#bind-a-third-party-login)
 * end to end: a JD Cloud account with a password and no WeChat presses "Bind" next to WeChat, the
 * real popup opens on `authorize?mode=bind`, the simulated WeChat page is clicked through
 * (idp-driver.mjs), the hand-off ticket comes back, the server asks for the current password, and
 * the same ticket then binds; WeChat login afterwards signs in to that account. On the server's
 * main lane, like the other third-party flows (connect-support.ts says why).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@cloud-login/elements';
import '@cloud-login/elements/flows/account-security/cloud-account-security.ts';
import { field, fill, maybeField, newPhone, part, settle, StepAudit, until } from './support/e2e.ts';
import {
  accountOnPhone,
  idpName,
  loginElement,
  mainApi,
  mainApiUrl,
  say,
  signedIn,
  signInAtIdp,
  startAt,
} from './connect-support.ts';

const provider = 'jdcloud';
const locale = 'zh-CN';

type SecurityElement = HTMLElement & { step: { name: string } };

const bindButton = (el: HTMLElement, method: string) => {
  const label = say(locale, 'security.bindLabel', {
    method: say(locale, `method.${method}` as 'method.wechat'),
  });
  const found = el.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  if (!found) throw new Error(`no "${label}" button`);
  return found;
};
const submit = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!;

describe('account security: bind a third-party login', function () {
  this.timeout(60_000);

  it('binds WeChat to a JD Cloud account after its password, then WeChat signs in to it (zh-CN)', async () => {
    const audit = new StepAudit();
    const created = await accountOnPhone(provider, newPhone(), 'Jdcloud#2024');
    const login = await mainApi<{ session: { token: string } }>(provider, 'POST', '/sessions', {
      identifier: created.accountName,
      password: 'Jdcloud#2024',
    });
    expect(login.status, JSON.stringify(login.body)).to.equal(200);
    const token = login.body.session.token;

    const el = await fixture<SecurityElement>(
      html`<cloud-account-security provider=${provider} api=${mainApiUrl(provider)} locale=${locale} .token=${token}></cloud-account-security>`,
    );
    const changes: string[] = [];
    el.addEventListener('cloud-account-change', (e) => changes.push((e as CustomEvent).detail.change));
    await until(() => el.step.name === 'overview', 'the overview');
    await settle(el);
    await audit.check(el, 'overview: not bound, with "Bind"');

    bindButton(el, 'wechat').click();
    await until(() => el.step.name === 'bind', 'the bind step');
    await settle(el);
    await audit.check(el, 'bind WeChat');
    submit(el).click();
    const user = { name: idpName('wxB') };
    const seen = await signInAtIdp('wechat', user);
    expect(seen.text, 'the provider names the site').to.match(/京东云|JD Cloud/);
    // The ticket is back; the server wants the account proven: the current password, in the step.
    await until(() => maybeField(el, say(locale, 'label.currentPassword')), 'the current password asked for');
    await settle(el);
    await audit.check(el, 'bind: current password');
    fill(field(el, say(locale, 'label.currentPassword')), 'Jdcloud#2024');
    submit(el).click();
    await until(() => changes.includes('bind'), 'bound');
    await settle(el);
    expect(part(el, 'notice').textContent!.trim()).to.equal(
      say(locale, 'security.bindDone', { method: say(locale, 'method.wechat') }),
    );
    expect(el.shadowRoot!.querySelectorAll('[part~=connection-bound]').length).to.equal(1);
    await audit.check(el, 'overview: bound');
    const me = await mainApi<{ account: { connections: string[] } }>(
      provider,
      'GET',
      '/session',
      undefined,
      token,
    );
    expect(me.body.account.connections).to.deep.equal(['wechat']);

    // That WeChat now signs in to this very account, with no first-time steps.
    const flow = await loginElement(provider, locale);
    await startAt(flow, 'wechat', user);
    expect((await signedIn(flow)).id).to.equal(created.id);
    audit.assert();
  });
});
