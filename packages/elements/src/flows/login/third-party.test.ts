/**
 * Third-party login in `<cloud-login>`: the preset's buttons, the popup and its hand-off (only
 * from the API's origin), a closed or failed popup, and the ticket a redirect brings back in
 * `#cl_ticket`. The first-login steps are in third-party-first-login.test.ts.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../index.ts';
import type { CloudLogin } from './login.ts';
import { authenticated, deep, fakeClient, settle } from '../../test/helpers.ts';
import {
  API_ORIGIN,
  connectLoaded,
  handOff,
  login,
  methodButton,
  shown,
  stubOpen,
  ticketMessage,
  until,
  wait,
} from '../../test/third-party.ts';

describe('<cloud-login> third-party login', () => {
  let stub: ReturnType<typeof stubOpen>;
  afterEach(() => stub?.restore());

  it('shows each preset’s providers as buttons, in the preset’s order, labelled in both locales', async function () {
    this.timeout(15000);
    const cases: Record<string, string[]> = {
      jdcloud: ['jd', 'wechat'],
      'jdcloud-classic': ['jd'],
      // QingCloud's WeChat is the card's corner toggle (seed-details.test.ts).
      qingcloud: [],
      tencentcloud: ['wechat', 'wechat-mp', 'qq'],
      // The passkey button, where the browser has WebAuthn (Chromium does).
      default: ['passkeys'],
    };
    for (const [provider, ids] of Object.entries(cases)) {
      const el = await fixture<CloudLogin>(
        html`<cloud-login provider=${provider} locale="zh-CN"></cloud-login>`,
      );
      await settle(el);
      const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=method-button]')];
      expect(
        buttons.map((b) => b.dataset.method),
        provider,
      ).to.deep.equal(ids);
      if (provider === 'tencentcloud')
        expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal([
          '微信登录',
          '微信公众号登录',
          'QQ 登录',
        ]);
    }
    // JD classic leads with JD login: its button comes before the password form.
    const classic = await fixture<CloudLogin>(
      html`<cloud-login provider="jdcloud-classic" locale="en"></cloud-login>`,
    );
    await settle(classic);
    const order = [...classic.shadowRoot!.querySelectorAll('[part~=buttons], [part~=panel]')].map((n) =>
      n.getAttribute('part'),
    );
    expect(order).to.deep.equal(['buttons', 'panel']);
    await expect(classic).to.be.accessible();
  });

  it('opens the identity provider in a popup with this page as returnTo, and takes only the well-formed hand-off from the API’s origin', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const { el, calls, steps } = await login('jdcloud', {
      'POST /continue': () => ({ status: 200, body: authenticated }),
    });
    methodButton(el, 'wechat').click();
    await settle(el);
    expect(stub.opened).to.have.length(1);
    const url = new URL(stub.opened[0]!.url);
    expect(url.origin + url.pathname).to.equal(`${API_ORIGIN}/api/x/connections/wechat/authorize`);
    expect(url.searchParams.get('mode')).to.equal('popup');
    expect(url.searchParams.get('returnTo')).to.equal(location.href.split('#')[0]);
    expect(el.step.name).to.equal('connecting');
    expect(steps.at(-1)).to.equal('connecting');
    expect(shown(el)).to.contain('Continue in the WeChat login window');
    await expect(el).to.be.accessible();

    const popup = stub.opened[0]!.popup;
    await connectLoaded(); // the hand-off listener loads with its chunk
    handOff(popup, ticketMessage('wechat'), 'https://evil.test'); // another origin
    handOff(window, ticketMessage('wechat')); // another window
    handOff(popup, { ticket: 'T'.repeat(43) }); // not the hand-off's shape
    handOff(popup, ticketMessage('qq')); // another provider's sign-in
    handOff(popup, ticketMessage('wechat', '<img src=x onerror=alert(1)>')); // not a ticket
    handOff(popup, ticketMessage('wechat', 'T'.repeat(43), 'qingcloud')); // another preset
    await wait(100);
    expect(
      calls.filter((c) => c.path === '/continue'),
      'nothing forged was continued',
    ).to.have.length(0);

    const success = oneEvent(el, 'cloud-login-success');
    handOff(popup, ticketMessage('wechat'));
    await success;
    expect(calls.filter((c) => c.path === '/continue').map((c) => c.body)).to.deep.equal([
      { ticket: 'T'.repeat(43) },
    ]);
    expect(el.step.name).to.equal('done');
  });

  it('goes back to the methods when the popup is closed by hand, and closes it on cancel', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const { el } = await login('jdcloud', {});
    methodButton(el, 'jd').click();
    await settle(el);
    stub.opened[0]!.closed = true;
    await until(() => el.step.name === 'method', 'back to the methods', 3000);

    methodButton(el, 'jd').click();
    await settle(el);
    expect(el.step.name).to.equal('connecting');
    deep<HTMLButtonElement>(el, '.connecting [part~=back]').click();
    await settle(el);
    expect(el.step.name).to.equal('method');
    await until(() => stub.opened[1]!.closed, 'the popup closed');
  });

  it('shows a failure the popup hands back under the buttons', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const { el } = await login('jdcloud', {});
    methodButton(el, 'wechat').click();
    await connectLoaded();
    handOff(stub.opened[0]!.popup, {
      type: 'cloud-login:connection',
      provider: 'jdcloud',
      idp: 'wechat',
      error: { code: 'invalid_code', message: 'x' },
    });
    await until(() => el.step.name === 'method', 'back to the methods');
    await settle(el);
    expect(deep(el, '.method-error').textContent!.trim()).to.equal('The verification code is incorrect.');
  });

  it('picks the ticket up from #cl_ticket after a redirect, and takes it out of the address bar', async function () {
    this.timeout(15000);
    const before = location.href;
    sessionStorage.setItem(
      'cloud-login:connection',
      JSON.stringify({ idp: 'wechat', api: `${API_ORIGIN}/api/x`, secret: 'tab-secret' }),
    );
    history.replaceState(null, '', `${location.pathname}${location.search}#cl_ticket=${'R'.repeat(43)}`);
    try {
      const { client, calls } = fakeClient({
        'POST /continue': () => ({ status: 200, body: authenticated }),
      });
      const el = document.createElement('cloud-login') as CloudLogin;
      el.setAttribute('provider', 'qingcloud');
      el.config = { client };
      const success = oneEvent(el, 'cloud-login-success');
      document.body.append(el);
      await success;
      // The ticket is bound to the secret this tab kept: it goes with it.
      expect(calls.map((c) => c.body)).to.deep.equal([{ ticket: 'R'.repeat(43), flowSecret: 'tab-secret' }]);
      expect(location.hash).to.equal('');
      expect(sessionStorage.getItem('cloud-login:connection')).to.equal(null);
      el.remove();
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
      sessionStorage.removeItem('cloud-login:connection');
    }
  });

  it('goes to the identity provider with the hash of a secret it keeps when the popup is blocked', async function () {
    this.timeout(15000);
    stub = stubOpen(true);
    const before = location.href;
    const { el, client } = await login('jdcloud', {});
    // The page must stay: the "identity provider" is a fragment of this page.
    const asked: Parameters<typeof client.authorizeUrl>[1][] = [];
    const authorizeUrl = client.authorizeUrl.bind(client);
    client.authorizeUrl = (idp, options) => {
      const real = authorizeUrl(idp, options);
      if (options.mode === 'popup') return real;
      asked.push(options);
      return `${location.pathname}${location.search}#at-the-provider`;
    };
    try {
      methodButton(el, 'wechat').click();
      await until(() => location.hash === '#at-the-provider', 'the page leaves for the identity provider');
      const mark = JSON.parse(sessionStorage.getItem('cloud-login:connection')!) as { secret: string };
      expect(mark.secret).to.match(/^[A-Za-z0-9_-]{43}$/);
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(mark.secret));
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect(asked).to.have.length(1);
      expect(asked[0]!.flowHash, 'only the hash leaves the tab').to.equal(hex);
      expect(authorizeUrl('wechat', asked[0]!)).to.contain(`flowHash=${hex}`);
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
      sessionStorage.removeItem('cloud-login:connection');
    }
  });

  it('redeems no #cl_ticket of a flow this tab did not start (a link from someone else), and clears it', async function () {
    this.timeout(15000);
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}#cl_ticket=${'X'.repeat(43)}`);
    try {
      const { client, calls } = fakeClient({
        'POST /continue': () => ({ status: 200, body: authenticated }),
      });
      const el = document.createElement('cloud-login') as CloudLogin;
      el.setAttribute('provider', 'qingcloud');
      el.config = { client };
      document.body.append(el);
      try {
        await until(() => el.step.name === 'method', 'the methods');
        await settle(el);
        expect(calls.filter((c) => c.path === '/continue')).to.have.length(0);
        expect(location.hash, 'the foreign ticket leaves the address bar').to.equal('');
      } finally {
        el.remove();
      }
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
    }
  });

  it('leaves an unmarked #cl_ticket to a <cloud-register> on the page (Tencent’s activation link)', async function () {
    this.timeout(15000);
    const before = location.href;
    localStorage.setItem(
      'cloud-login:activation:https://auth.test/api/x',
      JSON.stringify({ secret: 'kept' }),
    );
    history.replaceState(null, '', `${location.pathname}${location.search}#cl_ticket=${'A'.repeat(43)}`);
    try {
      const { client, calls } = fakeClient({
        'POST /continue': () => ({
          status: 200,
          body: { status: 'needs_profile', ticket: 'n', required: ['industry'], optional: [] },
        }),
      });
      // Built by hand: a plain wrapper's fixture waits for an animation frame, which a page in
      // a background tab never gets.
      const wrapper = document.createElement('div');
      const login = document.createElement('cloud-login') as CloudLogin;
      const register = document.createElement('cloud-register');
      for (const el of [login, register]) {
        el.setAttribute('provider', 'tencentcloud');
        (el as CloudLogin).config = { client };
      }
      wrapper.append(login, register);
      document.body.append(wrapper);
      try {
        // Looking at the ticket loads a chunk first: wait for the login to have looked.
        await waitUntil(() => login.step.name === 'method', 'the login back to its methods');
        await settle(wrapper);
        expect((register as unknown as { step: { name: string } }).step.name).to.equal('after-activation');
        expect(calls).to.have.length(0);
      } finally {
        wrapper.remove();
      }
    } finally {
      history.replaceState(null, '', before.split('#')[0]);
    }
  });
});
