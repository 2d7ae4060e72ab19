/**
 * Third-party login and the legacy JD upgrade in `<cloud-login>`, against answers
 * from a fake transport: the popup is a frame's window (a real `Window`, so the hand-off's
 * `event.source` check is the real one) returned by a stubbed `window.open`.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../index.ts';
import type { CloudLogin } from './login.ts';
import {
  account,
  apiError,
  authenticated,
  deep,
  fakeClient,
  settle,
  typeInto,
  type FakeRoute,
} from '../../test/helpers.ts';

const API_ORIGIN = 'https://auth.test';

/** Resolves once the popup's hand-off listener (`connect.ts`, loaded on demand) is listening. */
async function connectLoaded(): Promise<void> {
  await import('./methods/connect.ts');
  await new Promise((r) => setTimeout(r, 0));
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeout = 4000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

interface Opened {
  url: string;
  popup: Window;
  closed: boolean;
}

/** Replaces `window.open` with one that "opens" a frame's window; `null` simulates a blocked popup. */
function stubOpen(blocked = false): { opened: Opened[]; restore: () => void } {
  const original = window.open;
  const opened: Opened[] = [];
  window.open = ((url?: string | URL) => {
    if (blocked) return null;
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const record: Opened = { url: String(url), popup: frame.contentWindow!, closed: false };
    const popup = frame.contentWindow!;
    // The frame stands for the popup; `closed` and `close()` are the popup's.
    Object.defineProperty(popup, 'closed', { get: () => record.closed, configurable: true });
    Object.defineProperty(popup, 'close', { value: () => (record.closed = true), configurable: true });
    opened.push(record);
    return popup;
  }) as typeof window.open;
  return {
    opened,
    restore: () => {
      window.open = original;
      document.querySelectorAll('iframe').forEach((f) => f.remove());
    },
  };
}

/** What the server's hand-off page posts to the opener. */
function handOff(popup: Window, data: unknown, origin = API_ORIGIN): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: popup }));
}

/** A ticket as the server makes them (the hand-off accepts token-shaped tickets only). */
const FIRST = 'first-ticket-0000000000';
const ticketMessage = (idp: string, ticket = 'T'.repeat(43), provider = 'jdcloud') => ({
  type: 'cloud-login:connection',
  provider,
  idp,
  ticket,
});

async function login(provider: string, routes: Record<string, FakeRoute>, locale = 'en') {
  const fake = fakeClient(routes);
  const el = await fixture<CloudLogin>(
    html`<cloud-login provider=${provider} locale=${locale} .config=${{ client: fake.client }}></cloud-login>`,
  );
  await settle(el);
  const steps: string[] = [];
  el.addEventListener('cloud-step-change', (e) => steps.push(e.detail.step));
  return { el, steps, ...fake };
}

const methodButton = (el: CloudLogin, id: string) =>
  deep<HTMLButtonElement>(el, `[part~=method-button][data-method="${id}"]`);
const shown = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

describe('<cloud-login> third-party login', () => {
  let stub: ReturnType<typeof stubOpen>;
  afterEach(() => stub?.restore());

  it('shows each preset’s providers as buttons, in the preset’s order, labelled in both locales', async function () {
    this.timeout(15000);
    const cases: Record<string, string[]> = {
      jdcloud: ['jd', 'wechat'],
      'jdcloud-classic': ['jd'],
      qingcloud: ['wechat'],
      tencentcloud: ['wechat', 'wechat-mp', 'qq'],
      default: [],
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

  it('walks JD Cloud’s first WeChat login: phone + code (purpose bind) → bind or create → new account → signed in', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const { el, calls, steps } = await login('jdcloud', {
      'POST /continue': (call) => {
        const body = call.body as Record<string, unknown>;
        if (body.ticket === FIRST)
          return {
            status: 200,
            body: { status: 'needs_profile', ticket: 't1', required: ['phone', 'code'], optional: [] },
          };
        if (body.ticket === 't1')
          return {
            status: 200,
            body: {
              status: 'choose_account',
              ticket: 't2',
              accounts: [{ id: 'a', label: 'al***e' }],
              createNew: true,
            },
          };
        if (body.ticket === 't2')
          return {
            status: 200,
            body: {
              status: 'needs_profile',
              ticket: 't3',
              required: ['accountName', 'agreements'],
              optional: ['password'],
            },
          };
        return { status: 200, body: authenticated };
      },
      'POST /codes': () => ({ status: 202, body: { expiresIn: 300, resendAfter: 60 } }),
    });
    methodButton(el, 'wechat').click();
    await connectLoaded();
    handOff(stub.opened[0]!.popup, ticketMessage('wechat', FIRST));
    await until(() => el.step.name === 'profile' || el.step.name === 'method', 'the phone step');
    expect(el.step.name).to.equal('profile');
    await customElements.whenDefined('cloud-profile-form');
    await settle(el);
    expect(steps).to.include('profile');
    expect(deep(el, 'cloud-profile-form', 'h3').textContent!.trim()).to.equal('Verify your phone');
    expect(shown(deep(el, 'cloud-profile-form'))).to.contain('First time logging in with WeChat login');
    await expect(el).to.be.accessible();

    const phone = deep(el, 'cloud-profile-form', 'cloud-phone-input');
    await (phone as unknown as { ready: Promise<unknown> }).ready;
    await settle(el);
    typeInto(deep(el, 'cloud-profile-form', 'cloud-phone-input', 'input'), '13800138000');
    deep<HTMLButtonElement>(el, 'cloud-profile-form', 'cloud-code-input', '[part~=send]').click();
    await until(() => calls.some((c) => c.path === '/codes'), 'a code sent');
    expect(calls.find((c) => c.path === '/codes')!.body).to.deep.equal({
      phone: '+8613800138000',
      channel: 'sms',
      purpose: 'bind',
    });
    typeInto(deep(el, 'cloud-profile-form', 'cloud-code-input', 'input'), '123456');
    deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
    await until(() => el.step.name === 'choose-account', 'the chooser');
    await settle(el);
    expect(deep(el, 'cloud-account-chooser', 'legend').textContent!.trim()).to.equal(
      'Bind this login to one of your accounts, or create a new one.',
    );
    await expect(el).to.be.accessible();

    deep<HTMLButtonElement>(el, 'cloud-account-chooser', '[part~=create]').click();
    await until(() => el.step.name === 'profile', 'the create step');
    await settle(el);
    expect(deep(el, 'cloud-profile-form', 'h3').textContent!.trim()).to.equal('Create a new account');
    await expect(el).to.be.accessible();
    typeInto(deep(el, 'cloud-profile-form', '#accountName'), 'new_user_1');
    deep<HTMLInputElement>(el, 'cloud-profile-form', 'cloud-agreements', 'input[type=checkbox]').click();
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
    await success;
    const bodies = calls.filter((c) => c.path === '/continue').map((c) => c.body as Record<string, unknown>);
    expect(bodies[1]).to.deep.equal({ ticket: 't1', phone: '+8613800138000', code: '123456' });
    expect(bodies[2]).to.deep.equal({ ticket: 't2', createNew: true });
    // An optional password left empty is not sent.
    expect(bodies[3]).to.deep.equal({
      ticket: 't3',
      accountName: 'new_user_1',
      agreements: ['service', 'privacy'],
    });
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`shows each refusal with its own message (${locale}): already_bound, legacy_account_cannot_bind (with JD login)`, async function () {
      this.timeout(15000);
      stub = stubOpen();
      let refusal = 'already_bound';
      const { el } = await login(
        'jdcloud',
        {
          'POST /continue': (call) => {
            const body = call.body as Record<string, unknown>;
            if (!body.accountId)
              return {
                status: 200,
                body: {
                  status: 'choose_account',
                  ticket: 't2',
                  accounts: [{ id: 'a', label: 'al***e' }],
                  createNew: true,
                },
              };
            return apiError(409, refusal, { field: 'accountId' });
          },
        },
        locale,
      );
      methodButton(el, 'wechat').click();
      await connectLoaded();
      handOff(stub.opened[0]!.popup, ticketMessage('wechat'));
      await until(() => el.step.name === 'choose-account', 'the chooser');
      await settle(el);
      const messages = {
        en: {
          already_bound:
            'This account is already bound to another account of the same kind (for example another WeChat account).',
          legacy_account_cannot_bind:
            'Your account is an older JD account and can only log in with JD login. Upgrade it to a JD Cloud account before binding WeChat.',
        },
        'zh-CN': {
          already_bound: '该账号已绑定其他同类账号（例如另一个微信号）。',
          legacy_account_cannot_bind:
            '您的账号是京东老账号，只能通过“京东登录”访问；升级为京东云账号后才能绑定微信。',
        },
      }[locale];
      for (const code of ['already_bound', 'legacy_account_cannot_bind'] as const) {
        refusal = code;
        const error = oneEvent(el, 'cloud-error');
        deep<HTMLButtonElement>(el, 'cloud-account-chooser', '[part~=account]').click();
        expect((await error).detail.code).to.equal(code);
        await settle(el);
        const formError = deep(el, '[part~=form-error]:not(.method-error)');
        expect(formError.textContent!.trim()).to.equal(messages[code]);
        expect(formError.getAttribute('role')).to.equal('alert');
        expect(el.step.name, 'the ticket stays usable: the chooser stays').to.equal('choose-account');
      }
      // A legacy account can't bind: JD login is offered right there.
      const jd = deep<HTMLButtonElement>(el, '[part~=method-button]');
      expect(jd.textContent!.trim()).to.equal(locale === 'en' ? 'JD login' : '京东登录');
      await expect(el).to.be.accessible();
    });

    it(`shows phone_account_limit at the phone field (${locale}, Tencent)`, async function () {
      this.timeout(15000);
      stub = stubOpen();
      const { el } = await login(
        'tencentcloud',
        {
          'POST /continue': (call) => {
            const body = call.body as Record<string, unknown>;
            if (!body.phone)
              return {
                status: 200,
                body: { status: 'needs_profile', ticket: 't1', required: ['phone', 'code'], optional: [] },
              };
            return apiError(409, 'phone_account_limit', { field: 'phone' });
          },
        },
        locale,
      );
      methodButton(el, 'qq').click();
      await connectLoaded();
      handOff(stub.opened[0]!.popup, ticketMessage('qq', 'T'.repeat(43), 'tencentcloud'));
      await until(() => el.step.name === 'profile', 'the phone step');
      await customElements.whenDefined('cloud-profile-form');
      await settle(el);
      const phone = deep(el, 'cloud-profile-form', 'cloud-phone-input');
      await (phone as unknown as { ready: Promise<unknown> }).ready;
      await settle(el);
      typeInto(deep(el, 'cloud-profile-form', 'cloud-phone-input', 'input'), '13800138000');
      typeInto(deep(el, 'cloud-profile-form', 'cloud-code-input', 'input'), '123456');
      deep<HTMLButtonElement>(el, 'cloud-profile-form', 'button[type=submit]').click();
      await oneEvent(el, 'cloud-error');
      await settle(el);
      const text = deep(el, 'cloud-profile-form', 'cloud-phone-input', '[part~=error]').textContent!.trim();
      expect(text).to.equal(
        locale === 'en'
          ? 'This phone number is already linked to 5 accounts, the most allowed.'
          : '该手机号已关联 5 个账号，已达上限。',
      );
    });
  }

  it('renders each preset’s profile fields accessibly: JD classic’s enable-service form, Tencent’s email and industry', async function () {
    this.timeout(15000);
    const cases: [string, string[], string[], string][] = [
      [
        'jdcloud-classic',
        ['agreements', 'contactPhone'],
        ['contactEmail', 'recommendationCode'],
        'Enable service',
      ],
      ['tencentcloud', ['email'], [], 'Add your email'],
      ['tencentcloud', ['industry', 'agreements'], [], 'Choose your industry'],
    ];
    for (const [provider, required, optional, title] of cases) {
      const { el } = await login(provider, {});
      (el as unknown as { handleResult(r: unknown, m: string): void }).handleResult(
        { status: 'needs_profile', ticket: 'tk', required, optional },
        'wechat',
      );
      await customElements.whenDefined('cloud-profile-form');
      await settle(el);
      expect(deep(el, 'cloud-profile-form', 'h3').textContent!.trim(), provider).to.equal(title);
      await expect(el).to.be.accessible();
    }
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
    const { el } = await login('qingcloud', {});
    methodButton(el, 'wechat').click();
    await connectLoaded();
    handOff(stub.opened[0]!.popup, {
      type: 'cloud-login:connection',
      provider: 'qingcloud',
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
        await settle(wrapper);
        expect(login.step.name).to.equal('method');
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

describe('<cloud-login> older JD accounts (legacy upgrade)', () => {
  let stub: ReturnType<typeof stubOpen>;
  afterEach(() => stub?.restore());

  it('offers JD login after use_parent_login, and the upgrade after JD login; upgrading signs in with the upgraded account', async function () {
    this.timeout(15000);
    stub = stubOpen();
    const legacy = {
      ...account,
      provider: 'jdcloud',
      accountName: undefined,
      legacy: true,
      connections: ['jd'],
    };
    const upgraded = { ...legacy, accountName: 'old_jd_user', legacy: false };
    const { el, calls } = await login('jdcloud', {
      'POST /sessions': () => apiError(403, 'use_parent_login', { field: 'identifier' }),
      'POST /continue': () => ({ status: 200, body: { ...authenticated, account: legacy } }),
      'POST /account/upgrade': () => ({ status: 200, body: { account: upgraded } }),
    });
    deep<HTMLButtonElement>(el, '#tab-password').click();
    // The panel loads when its tab is first shown.
    await until(
      () => !!el.shadowRoot!.querySelector('cloud-password-login')?.shadowRoot,
      'the password panel',
    );
    await settle(el);
    typeInto(deep(el, 'cloud-password-login', '#identifier'), '13800138000');
    typeInto(deep(el, 'cloud-password-login', 'cloud-password-field', 'input'), 'old-pass-1');
    deep<HTMLButtonElement>(el, 'cloud-password-login', 'button[type=submit]').click();
    await oneEvent(el, 'cloud-error');
    await settle(el);
    const jd = deep<HTMLButtonElement>(el, 'cloud-password-login', '[part~=parent-login]');
    expect(jd.textContent!.trim()).to.equal('JD login');
    await expect(el).to.be.accessible();
    jd.click();
    expect(stub.opened.map((o) => new URL(o.url).pathname)).to.deep.equal([
      '/api/x/connections/jd/authorize',
    ]);
    await connectLoaded();
    handOff(stub.opened[0]!.popup, ticketMessage('jd'));
    await until(() => el.step.name === 'upgrade', 'the upgrade offer');
    await customElements.whenDefined('cloud-legacy-upgrade');
    await settle(el);
    expect(shown(deep(el, 'cloud-legacy-upgrade'))).to.contain(
      'Choose an account name and password to upgrade it.',
    );
    await expect(el).to.be.accessible();

    typeInto(deep(el, 'cloud-legacy-upgrade', '#accountName'), 'old_jd_user');
    typeInto(deep(el, 'cloud-legacy-upgrade', 'cloud-password-field', 'input'), 'Upgrade#2024');
    const success = oneEvent(el, 'cloud-login-success');
    deep<HTMLButtonElement>(el, 'cloud-legacy-upgrade', 'button[type=submit]').click();
    const event = await success;
    expect(event.detail.account.accountName).to.equal('old_jd_user');
    expect(calls.find((c) => c.path === '/account/upgrade')!.body).to.deep.equal({
      accountName: 'old_jd_user',
      password: 'Upgrade#2024',
    });
  });

  it('lets the upgrade be skipped, signing in as the older account', async function () {
    this.timeout(15000);
    const legacy = { ...account, provider: 'jdcloud', legacy: true, connections: ['jd'] };
    const { el, calls } = await login('jdcloud', {}, 'zh-CN');
    (el as unknown as { handleResult(r: unknown, m: string): void }).handleResult(
      { ...authenticated, account: legacy },
      'jd',
    );
    await customElements.whenDefined('cloud-legacy-upgrade');
    await settle(el);
    const skip = deep<HTMLButtonElement>(el, 'cloud-legacy-upgrade', '[part~=skip]');
    expect(skip.textContent!.trim()).to.equal('跳过');
    const success = oneEvent(el, 'cloud-login-success');
    skip.click();
    expect((await success).detail.account.legacy).to.equal(true);
    expect(
      calls.filter((c) => !c.path.startsWith('/qr')),
      'no upgrade sent',
    ).to.have.length(0);
  });
});
